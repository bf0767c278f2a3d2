//! Photo and video consent.

use assent_core::Result;
use assent_core::consent::{self, ConsentGrid, Decision, NoPhotoRow, Purpose};
use tauri::State;

use crate::state::AppState;

/// The purposes families are asked about, retired ones included.
#[tauri::command]
pub fn consent_purposes(state: State<'_, AppState>) -> Result<Vec<Purpose>> {
    state.with_store(|store| consent::purposes(store))
}

/// Adds a purpose families are asked about (the head).
#[tauri::command]
pub fn consent_add_purpose(
    state: State<'_, AppState>,
    code: String,
    name: String,
    explanation: String,
) -> Result<Purpose> {
    state.with_store(|store| consent::add_purpose(store, &code, &name, &explanation))
}

/// Renames a purpose or changes what families are told; decisions already made
/// keep the explanation they were given.
#[tauri::command]
pub fn consent_edit_purpose(
    state: State<'_, AppState>,
    code: String,
    name: Option<String>,
    explanation: Option<String>,
) -> Result<Purpose> {
    state.with_store(|store| {
        consent::edit_purpose(store, &code, name.as_deref(), explanation.as_deref())
    })
}

/// Stops asking about a purpose; its decisions are kept.
#[tauri::command]
pub fn consent_retire_purpose(state: State<'_, AppState>, code: String) -> Result<()> {
    state.with_store(|store| consent::retire_purpose(store, &code))
}

/// Each pupil's answer for each purpose in these classes (every class when empty).
#[tauri::command]
pub fn consent_grid(state: State<'_, AppState>, classes: Vec<String>) -> Result<ConsentGrid> {
    state.with_store(|store| consent::grid(store, &classes))
}

/// Withdrawals recorded on or after `since` (a date as typed), newest first.
#[tauri::command]
pub fn consent_withdrawn_since(state: State<'_, AppState>, since: String) -> Result<Vec<Decision>> {
    state.with_store(|store| consent::withdrawn_since_text(store, &since))
}

/// Every consent decision about one person, oldest first.
#[tauri::command]
pub fn consent_history(state: State<'_, AppState>, id: String) -> Result<Vec<Decision>> {
    state.with_store(|store| consent::history(store, &id))
}

/// Pupils who must not be photographed for at least one purpose, by class then surname.
#[tauri::command]
pub fn no_photo_list(state: State<'_, AppState>, classes: Vec<String>) -> Result<Vec<NoPhotoRow>> {
    state.with_store(|store| consent::no_photo(store, &classes))
}

/// Withdraws consent for one purpose at once.
#[tauri::command]
pub fn withdraw_consent(
    state: State<'_, AppState>,
    person_id: String,
    purpose: String,
    reason: Option<String>,
) -> Result<()> {
    state.with_store(|store| consent::withdraw(store, &person_id, &purpose, reason.as_deref()))
}
