//! People, imports and the new school year.

use assent_core::Result;
use assent_core::import::{
    self, ImportInput, ImportOutcome, ImportPreview, ImportProgress, LeaversCleared,
};
use assent_core::people::{self, ClassSummary, Filter, PersonDetail, PersonInput, PersonSummary};
use assent_core::rollover::{self, RolloverPreview};
use tauri::State;
use tauri::ipc::Channel;

use crate::state::AppState;

#[tauri::command]
pub fn list_people(state: State<'_, AppState>, filter: Filter) -> Result<Vec<PersonSummary>> {
    state.with_store(|store| people::list(store, &filter))
}

#[tauri::command]
pub fn person_detail(state: State<'_, AppState>, id: String) -> Result<PersonDetail> {
    state.with_store(|store| people::detail(store, &id))
}

#[tauri::command]
pub fn list_classes(state: State<'_, AppState>) -> Result<Vec<ClassSummary>> {
    state.with_store(|store| people::classes(store))
}

#[tauri::command]
pub fn add_person(state: State<'_, AppState>, person: PersonInput) -> Result<PersonDetail> {
    state.with_store(|store| people::add(store, &person))
}

#[tauri::command]
pub fn update_person(
    state: State<'_, AppState>,
    id: String,
    person: PersonInput,
) -> Result<PersonDetail> {
    state.with_store(|store| people::edit(store, &id, &person))
}

// Imports run off the main thread so the window keeps drawing the progress bar.
/// What importing the file would change. Writes nothing.
#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    input: ImportInput,
) -> Result<ImportPreview> {
    let request = input.into_request()?;
    state.with_store(|store| import::preview(store, &request))
}

/// Imports the file in one transaction, reporting progress as it goes.
#[tauri::command]
pub async fn import_apply(
    state: State<'_, AppState>,
    input: ImportInput,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportOutcome> {
    let request = input.into_request()?;
    state.with_store(|store| {
        import::apply_with_progress(store, &request, &mut |done, total| {
            // A closed window cannot take progress; the import carries on regardless.
            let _ = on_progress.send(ImportProgress { done, total });
        })
    })
}

/// Clears the leaving dates that a full-roll import set, where nobody has changed them since.
#[tauri::command]
pub fn import_clear_leavers(
    state: State<'_, AppState>,
    import_id: String,
) -> Result<LeaversCleared> {
    state.with_store(|store| import::clear_leavers(store, &import_id))
}

/// What moving into the academic year starting in `to` would do. Writes nothing.
#[tauri::command]
pub fn rollover_preview(state: State<'_, AppState>, to: i32) -> Result<RolloverPreview> {
    state.with_store(|store| rollover::preview(store, to))
}

#[tauri::command]
pub async fn rollover_apply(state: State<'_, AppState>, to: i32) -> Result<RolloverPreview> {
    state.with_store(|store| rollover::apply(store, to))
}
