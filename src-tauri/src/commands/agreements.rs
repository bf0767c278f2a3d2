//! Signing agreements and their statuses.

use assent_core::agreements::{
    self, AgreementRecord, PaperBatch, SignRequest, SignatureInput, SigningPlan, StatusFilter,
    StatusRow,
};
use assent_core::templates::TemplateKind;
use assent_core::{Result, school};
use tauri::State;

use crate::state::AppState;

/// Each person's agreement status: a class, a kind of person or one person, in one call.
#[tauri::command]
pub fn agreement_status(
    state: State<'_, AppState>,
    filter: StatusFilter,
) -> Result<Vec<StatusRow>> {
    state.kiosk().check_filter(&filter)?;
    state.with_store(|store| agreements::status(store, &filter))
}

/// What the person should sign now: the current text, the signers in order, who may sign.
#[tauri::command]
pub fn signing_plan(state: State<'_, AppState>, id: String) -> Result<SigningPlan> {
    state.with_store(|store| {
        state.kiosk().check_person(store, &id)?;
        agreements::plan(store, &id)
    })
}

/// Everything needed to enter a class's returned paper forms one after another, in one call.
#[tauri::command]
pub fn paper_batch(state: State<'_, AppState>, class: String) -> Result<PaperBatch> {
    state.with_store(|store| agreements::paper_batch(store, &class))
}

/// Everything recorded for one person, newest first, withdrawn ones included.
#[tauri::command]
pub fn person_agreements(state: State<'_, AppState>, id: String) -> Result<Vec<AgreementRecord>> {
    state.with_store(|store| agreements::agreements_for(store, Some(&id)))
}

/// Records an agreement. The app fills in the device; resending the same submission records it once.
#[tauri::command]
pub fn sign_agreement(
    state: State<'_, AppState>,
    mut request: SignRequest,
) -> Result<AgreementRecord> {
    request.device = state.device();
    state.with_store(|store| {
        state.kiosk().check_person(store, &request.person_id)?;
        agreements::sign(store, &request)
    })
}

/// Adds a later signature (a parent's) to an agreement already recorded.
#[tauri::command]
pub fn add_agreement_signature(
    state: State<'_, AppState>,
    agreement_id: String,
    signature: SignatureInput,
) -> Result<AgreementRecord> {
    let device = state.device();
    state.with_store(|store| {
        let person = agreements::agreement(store, &agreement_id)?.person_id;
        state.kiosk().check_person(store, &person)?;
        agreements::add_signature(store, &agreement_id, &signature, &device)
    })
}

#[tauri::command]
pub fn withdraw_agreement(
    state: State<'_, AppState>,
    agreement_id: String,
    reason: String,
) -> Result<AgreementRecord> {
    state.with_store(|store| agreements::withdraw(store, &agreement_id, &reason))
}

/// How many people would need to sign again after a material change.
#[tauri::command]
pub fn affected_by_change(state: State<'_, AppState>, kind: TemplateKind) -> Result<u32> {
    state.with_store(|store| agreements::affected_by_change(store, kind))
}

/// Whether agreements expire at the start of each school year.
#[tauri::command]
pub fn agreement_renewal(state: State<'_, AppState>) -> Result<bool> {
    state.with_store(|store| school::annual_agreement_renewal(store))
}

#[tauri::command]
pub fn set_agreement_renewal(state: State<'_, AppState>, annual: bool) -> Result<bool> {
    state.with_store(|store| school::set_annual_agreement_renewal(store, annual))
}
