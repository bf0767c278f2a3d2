//! The Assent desktop app: a thin Tauri adapter over `assent-core`. The
//! commands live in [`commands`], grouped by area; errors cross to the UI as
//! the core's tagged `Error` enum.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod state;

use std::path::PathBuf;

use assent_core::paths;
use clap::Parser;

use state::AppState;
use tauri::Manager;

/// Command-line options; tests use `--db` to point the app at a temporary file.
#[derive(Parser)]
#[command(name = "assent-app", version, about = "The Assent desktop app")]
struct Args {
    /// The database file to open or create.
    #[arg(long, value_name = "PATH", env = paths::DB_ENV)]
    db: Option<PathBuf>,
}

fn main() {
    let args = Args::parse();
    let state = AppState::new(paths::resolve_database_path(args.db));
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![
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
            commands::consent::consent_purposes,
            commands::consent::consent_grid,
            commands::consent::consent_history,
            commands::consent::no_photo_list,
            commands::consent::set_consent,
            commands::consent::withdraw_consent,
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
        ])
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { .. } = event {
                back_up_on_close(&window.state::<AppState>());
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
