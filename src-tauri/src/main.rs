//! The Assent desktop app: a thin Tauri adapter over `assent-core`. The
//! commands live in [`commands`], grouped by area; errors cross to the UI as
//! the core's tagged `Error` enum.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod kiosk;
mod state;
#[cfg(windows)]
mod webview2;

use std::path::PathBuf;

use assent_core::{Error, paths};
use clap::Parser;
use tauri::ipc::Invoke;
use tauri::{Manager, WindowEvent, Wry};

use state::AppState;

/// Command-line options; tests use `--db` to point the app at a temporary file.
#[derive(Parser)]
#[command(name = "assent-app", version, about = "The Assent desktop app")]
struct Args {
    /// The database file to open or create.
    #[arg(long, value_name = "PATH", env = paths::DB_ENV)]
    db: Option<PathBuf>,
}

// Most of it is the list of commands, one a line.
#[allow(clippy::too_many_lines)]
fn main() {
    let args = Args::parse();
    #[cfg(windows)]
    if !webview2::present_or_explained() {
        std::process::exit(1);
    }
    let state = AppState::new(paths::resolve_database_path(args.db));
    let handler: Box<dyn Fn(Invoke<Wry>) -> bool + Send + Sync> =
        Box::new(tauri::generate_handler![
            commands::school::launch_state,
            commands::school::create_school,
            commands::school::open_demo,
            commands::school::sign_in,
            commands::school::sign_out,
            commands::school::current_user,
            commands::school::dashboard,
            commands::people::list_people,
            commands::people::person_detail,
            commands::people::list_classes,
            commands::people::add_person,
            commands::people::update_person,
            commands::people::import_preview,
            commands::people::import_apply,
            commands::people::import_clear_leavers,
            commands::people::rollover_preview,
            commands::people::rollover_apply,
            commands::templates::list_templates,
            commands::templates::template_version,
            commands::templates::template_history,
            commands::templates::template_draft,
            commands::templates::preview_template,
            commands::templates::save_template_draft,
            commands::templates::publish_template,
            commands::templates::diff_templates,
            commands::agreements::agreement_status,
            commands::agreements::person_agreements,
            commands::agreements::sign_agreement,
            commands::agreements::add_agreement_signature,
            commands::agreements::withdraw_agreement,
            commands::agreements::affected_by_change,
            commands::agreements::signing_plan,
            commands::agreements::agreement_renewal,
            commands::agreements::set_agreement_renewal,
            commands::consent::consent_purposes,
            commands::consent::consent_add_purpose,
            commands::consent::consent_edit_purpose,
            commands::consent::consent_retire_purpose,
            commands::consent::consent_grid,
            commands::consent::consent_history,
            commands::consent::consent_withdrawn_since,
            commands::consent::no_photo_list,
            commands::consent::set_consent,
            commands::consent::withdraw_consent,
            commands::kiosk::kiosk_state,
            commands::kiosk::enter_kiosk,
            commands::kiosk::exit_kiosk,
            commands::trust::list_users,
            commands::trust::add_user,
            commands::trust::reset_user_password,
            commands::trust::remove_user,
            commands::trust::change_own_password,
            commands::trust::audit_list,
            commands::trust::audit_verify,
            commands::trust::backup_settings,
            commands::trust::set_backup_settings,
            commands::trust::backup_now,
            commands::trust::retention_preview,
            commands::trust::retention_purge,
            commands::trust::set_retention_years,
            commands::trust::destruction_log,
            commands::trust::erase_person,
            commands::trust::subject_access,
            commands::accounts::accounts_status,
            commands::accounts::accounts_export,
            commands::accounts::accounts_mark_provisioned,
            commands::accounts::accounts_cancel_export,
            commands::accounts::accounts_set_username,
            commands::accounts::accounts_exports,
            commands::accounts::accounts_slips,
            commands::accounts::accounts_default_path,
            commands::incidents::incidents_list,
            commands::incidents::incident_detail,
            commands::incidents::record_incident,
            commands::incidents::incident_add_action,
            commands::incidents::incident_add_attachment,
            commands::incidents::incident_save_attachment,
            commands::incidents::incident_lift_sanction,
            commands::incidents::incident_set_status,
            commands::incidents::incident_set_child_protection,
            commands::incidents::incident_sanctions,
            commands::reports::generate_report,
            commands::reports::suggest_report_path,
        ]);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        // Kiosk mode is enforced here, before any command runs: whatever the page
        // asks, only the signing commands answer until the PIN is given.
        .invoke_handler(move |invoke| {
            let refused = {
                let webview = invoke.message.webview();
                let state = webview.state::<AppState>();
                state.kiosk().refuses(invoke.message.command())
            };
            if refused {
                invoke.resolver.reject(Error::KioskLocked);
                return true;
            }
            handler(invoke)
        })
        .on_window_event(|window, event| {
            let state = window.state::<AppState>();
            if state.kiosk().scope().is_none() {
                if let WindowEvent::CloseRequested { .. } = event {
                    back_up_on_close(&state);
                }
                return;
            }
            match event {
                WindowEvent::CloseRequested { api, .. } => api.prevent_close(),
                // Whatever took the window out of full screen, put it back.
                WindowEvent::Resized(_) | WindowEvent::Focused(_)
                    if window.is_fullscreen().is_ok_and(|f| !f) =>
                {
                    let _ = window.set_fullscreen(true);
                }
                _ => {}
            }
        })
        .run(tauri::generate_context!())
        .expect("the Assent window could not be started");
}

/// The automatic backup when the window closes, if the school has turned it on.
/// A failure must not stop the app closing; it is reported on standard error.
fn back_up_on_close(state: &AppState) {
    if let Some(store) = state.lock().as_mut() {
        if let Err(e) = assent_core::backup::automatic(store) {
            eprintln!("Assent: the automatic backup on closing failed: {e}");
        }
    }
}
