//! The e-safety incident log: record, act on, review and close incidents,
//! and the access removals the IT technician sees.

use assent_core::Result;
use assent_core::incidents::{
    self, ActionInput, AttachmentInfo, AttachmentInput, IncidentDetail, IncidentFilter,
    IncidentInput, IncidentStatus, IncidentSummary, Sanction,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn incidents_list(
    state: State<'_, AppState>,
    filter: IncidentFilter,
) -> Result<Vec<IncidentSummary>> {
    state.with_store(|store| incidents::list(store, &filter))
}

#[tauri::command]
pub fn incident_detail(state: State<'_, AppState>, id: String) -> Result<IncidentDetail> {
    state.with_store(|store| incidents::detail(store, &id))
}

#[tauri::command]
pub fn record_incident(state: State<'_, AppState>, input: IncidentInput) -> Result<IncidentDetail> {
    state.with_store(|store| incidents::record(store, &input))
}

/// Keeps another file (a screenshot, say) with an incident.
#[tauri::command]
pub fn incident_add_attachment(
    state: State<'_, AppState>,
    id: String,
    file: AttachmentInput,
) -> Result<IncidentDetail> {
    state.with_store(|store| incidents::add_attachment(store, &id, &file))
}

/// Saves a copy of a file kept with an incident where the user chose.
#[tauri::command]
pub fn incident_save_attachment(
    state: State<'_, AppState>,
    id: String,
    attachment_id: String,
    path: String,
) -> Result<AttachmentInfo> {
    state.with_store(|store| {
        incidents::save_attachment(
            store,
            &id,
            &attachment_id,
            std::path::Path::new(path.trim()),
        )
    })
}

#[tauri::command]
pub fn incident_add_action(
    state: State<'_, AppState>,
    id: String,
    input: ActionInput,
) -> Result<IncidentDetail> {
    state.with_store(|store| incidents::add_action(store, &id, &input))
}

#[tauri::command]
pub fn incident_lift_sanction(
    state: State<'_, AppState>,
    action_id: String,
    note: Option<String>,
) -> Result<IncidentDetail> {
    state.with_store(|store| incidents::lift_sanction(store, &action_id, note.as_deref()))
}

#[tauri::command]
pub fn incident_set_status(
    state: State<'_, AppState>,
    id: String,
    status: IncidentStatus,
    outcome: Option<String>,
) -> Result<IncidentDetail> {
    state.with_store(|store| incidents::set_status(store, &id, status, outcome.as_deref()))
}

#[tauri::command]
pub fn incident_set_child_protection(
    state: State<'_, AppState>,
    id: String,
    child_protection: bool,
) -> Result<IncidentDetail> {
    state.with_store(|store| incidents::set_child_protection(store, &id, child_protection))
}

#[tauri::command]
pub fn incident_sanctions(state: State<'_, AppState>) -> Result<Vec<Sanction>> {
    state.with_store(|store| incidents::sanctions(store))
}
