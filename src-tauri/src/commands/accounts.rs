//! IT accounts: who is ready or blocked, the files to upload, and what was provisioned.

use std::path::PathBuf;

use assent_core::accounts::{
    self, AccountAction, AccountRow, ExportFormat, ExportSummary, MarkedExport,
};
use assent_core::{Error, Result};
use serde::Serialize;
use tauri::State;

use crate::state::AppState;

/// What an export wrote; never the passwords, which are only in the files.
#[derive(Debug, Serialize)]
pub struct ExportDone {
    /// Its id, for marking it provisioned; `None` when nothing was due.
    pub export_id: Option<String>,
    /// Rows in the file.
    pub rows: usize,
    pub created: usize,
    pub suspended: usize,
    pub reactivated: usize,
    pub unchanged: usize,
    /// The file written.
    pub file: Option<String>,
    /// The login slips written, and how many.
    pub slips_file: Option<String>,
    pub slips: usize,
    /// People with a change due who are not in the file, with the reason.
    pub left_out: Vec<accounts::LeftOut>,
}

#[tauri::command]
pub fn accounts_status(state: State<'_, AppState>) -> Result<Vec<AccountRow>> {
    state.with_store(|store| accounts::status(store))
}

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
        let n = |a: AccountAction| done.accounts.iter().filter(|x| x.action == a).count();
        let mut out = ExportDone {
            export_id: done.export_id.clone(),
            rows: done.accounts.len(),
            created: n(AccountAction::Create),
            suspended: n(AccountAction::Suspend),
            reactivated: n(AccountAction::Reactivate),
            unchanged: n(AccountAction::Keep),
            file: done.file.clone(),
            slips_file: None,
            slips: 0,
            left_out: done.left_out.clone(),
        };
        let slips_path = slips_path.filter(|p| !p.trim().is_empty());
        if let (Some(file), Some(id)) = (slips_path, &done.export_id) {
            let class = class.as_deref().map(str::trim).filter(|c| !c.is_empty());
            let list = accounts::login_slips(&done, class);
            let covers = match class {
                Some(c) => format!("Class: {c}; new accounts in export {id}"),
                None => format!("New accounts in export {id}"),
            };
            let by = store.session()?.actor();
            let file = PathBuf::from(file.trim());
            assent_reports::slips::login_slips(store, &list, &covers, by.as_str())
                .and_then(|pdf| assent_reports::write_atomically(&file, &pdf.bytes))
                .map_err(|e| match e {
                    assent_reports::Error::Core(e) => e,
                    other => Error::invalid("slips", other.to_string()),
                })?;
            out.slips = list.len();
            out.slips_file = Some(file.display().to_string());
        }
        Ok(out)
    })
}

#[tauri::command]
pub fn accounts_mark_provisioned(
    state: State<'_, AppState>,
    export_id: String,
) -> Result<MarkedExport> {
    state.with_store(|store| accounts::mark_provisioned(store, &export_id))
}

#[tauri::command]
pub fn accounts_cancel_export(state: State<'_, AppState>, export_id: String) -> Result<()> {
    state.with_store(|store| accounts::cancel_export(store, &export_id))
}

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

/// Where an export is suggested to go: `<Documents>/Assent/<name>-<date>.<ext>`.
#[tauri::command]
pub fn accounts_default_path(name: String, extension: String) -> String {
    assent_core::paths::suggested_file(&name, &extension)
        .display()
        .to_string()
}
