//! IT accounts: who is ready or blocked, the files to upload, and what was provisioned.

use std::path::PathBuf;

use assent_core::accounts::{
    self, AccountGroup, AccountRow, AccountSettings, ExportDone, ExportFormat, ExportSummary,
    MarkedExport, SlipsPrinted, UsernameExample,
};
use assent_core::{Error, Result};
use assent_reports::slips;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn accounts_status(state: State<'_, AppState>) -> Result<Vec<AccountRow>> {
    state.with_store(|store| accounts::status(store))
}

/// Writes the file to upload (and the login slips, if asked for): the changes, or everything.
#[tauri::command]
pub fn accounts_export(
    state: State<'_, AppState>,
    format: ExportFormat,
    all: bool,
    path: String,
    slips_path: Option<String>,
    class: Option<String>,
) -> Result<ExportDone> {
    state.with_store(|store| {
        let done = accounts::export(store, format, &PathBuf::from(path.trim()), all)?;
        let mut summary = done.summary();
        if let Some(file) = slips_path.filter(|p| !p.trim().is_empty()) {
            let file = PathBuf::from(file.trim());
            slips::print_with_export(store, &mut summary, class.as_deref(), &file)
                .map_err(Error::from)?;
        }
        Ok(summary)
    })
}

/// Prints the login slips of a pending export (the newest unless one is named).
#[tauri::command]
pub fn accounts_slips(
    state: State<'_, AppState>,
    export_id: Option<String>,
    class: Option<String>,
    path: String,
) -> Result<SlipsPrinted> {
    state.with_store(|store| {
        slips::print_pending(
            store,
            export_id.as_deref(),
            class.as_deref(),
            &PathBuf::from(path.trim()),
        )
        .map_err(Error::from)
    })
}

#[tauri::command]
pub fn accounts_mark_provisioned(
    state: State<'_, AppState>,
    export_id: String,
) -> Result<MarkedExport> {
    state.with_store(|store| accounts::mark_provisioned(store, &export_id))
}

/// Undoes marking an export provisioned, while no later export has been made:
/// its people are waiting in it again. Its initial passwords do not come back.
#[tauri::command]
pub fn accounts_unmark_provisioned(
    state: State<'_, AppState>,
    export_id: String,
) -> Result<MarkedExport> {
    state.with_store(|store| accounts::unmark_provisioned(store, &export_id))
}

#[tauri::command]
pub fn accounts_cancel_export(state: State<'_, AppState>, export_id: String) -> Result<()> {
    state.with_store(|store| accounts::cancel_export(store, &export_id))
}

/// Sets the username a person's account will have; resolves to the username as stored.
#[tauri::command]
pub fn accounts_set_username(
    state: State<'_, AppState>,
    person_id: String,
    username: String,
) -> Result<String> {
    state.with_store(|store| accounts::set_username(store, &person_id, &username))
}

#[tauri::command]
pub fn accounts_exports(state: State<'_, AppState>) -> Result<Vec<ExportSummary>> {
    state.with_store(|store| accounts::exports(store))
}

/// Every account setting: each group's domain, patterns and paths, and the slips' options.
#[tauri::command]
pub fn accounts_settings(state: State<'_, AppState>) -> Result<AccountSettings> {
    state.with_store(|store| accounts::settings(store))
}

/// Saves every account setting at once; resolves to them as stored (trimmed).
#[tauri::command]
pub fn accounts_set_settings(
    state: State<'_, AppState>,
    settings: AccountSettings,
) -> Result<AccountSettings> {
    state.with_store(|store| accounts::set_settings(store, &settings))
}

/// The usernames a pattern, saved or not, would give five people of the group on roll.
#[tauri::command]
pub fn accounts_preview_usernames(
    state: State<'_, AppState>,
    group: AccountGroup,
    pattern: String,
) -> Result<Vec<UsernameExample>> {
    state.with_store(|store| accounts::preview_usernames(store, group, &pattern))
}

/// Where an export is suggested to go: `<Documents>/Assent/<name>-<date>.<ext>`.
#[tauri::command]
pub fn accounts_default_path(name: String, extension: String) -> String {
    assent_core::paths::suggested_file(&name, &extension)
        .display()
        .to_string()
}
