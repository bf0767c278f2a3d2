//! Staff users, the audit log, backups, subject access, retention and erasure.

use std::path::PathBuf;

use assent_core::Result;
use assent_core::audit::{self, AuditCategoryOption, AuditFilter, AuditRow, ChainReport};
use assent_core::backup::{self, AutomaticBackups, BackupContents, BackupInfo, RestoreOutcome};
use assent_core::retention::{self, DestructionRow, RetentionPreview};
use assent_core::users::{self, NewUser, UserSummary};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn list_users(state: State<'_, AppState>) -> Result<Vec<UserSummary>> {
    state.with_store(|store| users::list(store))
}

#[tauri::command]
pub fn add_user(state: State<'_, AppState>, user: NewUser) -> Result<UserSummary> {
    state.with_store(|store| users::add(store, &user))
}

#[tauri::command]
pub fn reset_user_password(
    state: State<'_, AppState>,
    username: String,
    password: String,
) -> Result<()> {
    state.with_store(|store| users::reset_password(store, &username, &password))
}

/// Removes a user's access; their past actions stay in the audit log.
#[tauri::command]
pub fn remove_user(state: State<'_, AppState>, username: String) -> Result<()> {
    state.with_store(|store| users::deactivate(store, &username))
}

#[tauri::command]
pub fn change_own_password(state: State<'_, AppState>, current: String, new: String) -> Result<()> {
    state.with_store(|store| users::change_own_password(store, &current, &new))
}

#[tauri::command]
pub fn audit_list(state: State<'_, AppState>, filter: AuditFilter) -> Result<Vec<AuditRow>> {
    state.with_store(|store| audit::list(store, &filter))
}

/// The kinds of entry the audit log can be narrowed to, with their names.
#[tauri::command]
pub fn audit_categories() -> Vec<AuditCategoryOption> {
    audit::categories()
}

#[tauri::command]
pub fn audit_verify(state: State<'_, AppState>) -> Result<ChainReport> {
    state.with_store(|store| audit::verify(store))
}

#[tauri::command]
pub fn backup_settings(state: State<'_, AppState>) -> Result<AutomaticBackups> {
    state.with_store(|store| backup::automatic_settings(store))
}

#[tauri::command]
pub fn set_backup_settings(state: State<'_, AppState>, settings: AutomaticBackups) -> Result<()> {
    state.with_store(|store| backup::set_automatic(store, &settings))
}

#[tauri::command]
pub fn backup_now(state: State<'_, AppState>, path: String) -> Result<BackupInfo> {
    // The window never replaces a file: it says one is there, and the user chooses another name.
    state.with_store(|store| backup::create(store, &PathBuf::from(path), false))
}

/// What a backup holds, read with the head's password before it is restored.
#[tauri::command]
pub fn backup_contents(
    state: State<'_, AppState>,
    path: String,
    password: String,
) -> Result<BackupContents> {
    state.with_store(|store| backup::contents(store, &PathBuf::from(path), &password))
}

/// Restores a backup over the school's data, keeping the data it replaces
/// beside it; the head stays signed in, on the restored data.
#[tauri::command]
pub fn restore_backup(
    state: State<'_, AppState>,
    path: String,
    password: String,
) -> Result<RestoreOutcome> {
    // The idle lock applies as to any other command.
    state.with_store(|_| Ok(()))?;
    backup::restore_open(&mut state.lock(), &PathBuf::from(path), &password)
}

#[tauri::command]
pub fn retention_preview(state: State<'_, AppState>) -> Result<RetentionPreview> {
    state.with_store(|store| retention::preview(store))
}

/// Destroys the records the preview listed; resolves to how many people's records went.
#[tauri::command]
pub fn retention_purge(state: State<'_, AppState>) -> Result<u32> {
    state.with_store(retention::purge)
}

#[tauri::command]
pub fn set_retention_years(state: State<'_, AppState>, years: u32) -> Result<()> {
    state.with_store(|store| retention::set_years(store, years))
}

#[tauri::command]
pub fn destruction_log(state: State<'_, AppState>) -> Result<Vec<DestructionRow>> {
    state.with_store(|store| retention::destruction_log(store))
}

#[tauri::command]
pub fn erase_person(state: State<'_, AppState>, id: String, reason: String) -> Result<()> {
    state.with_store(|store| retention::erase(store, &id, &reason))
}

/// Writes everything held about a person into `folder`; resolves to the files written.
#[tauri::command]
pub fn subject_access(
    state: State<'_, AppState>,
    id: String,
    folder: String,
) -> Result<Vec<String>> {
    state.with_store(|store| {
        assent_reports::subject_access::export_with_pdf(store, &id, &PathBuf::from(folder))
            .map(|files| files.iter().map(|f| f.display().to_string()).collect())
            .map_err(assent_core::Error::from)
    })
}
