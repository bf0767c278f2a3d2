//! Signing agreements and their statuses.

use assent_core::agreements::{
    self, AgreementRecord, SignRequest, SignatureInput, SigningPlan, StatusFilter, StatusRow,
};
use assent_core::templates::TemplateKind;
use assent_core::{Result, school};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn agreement_status(
    state: State<'_, AppState>,
    filter: StatusFilter,
) -> Result<Vec<StatusRow>> {
    state.kiosk().check_filter(&filter)?;
    state.with_store(|store| agreements::status(store, &filter))
}

#[tauri::command]
pub fn signing_plan(state: State<'_, AppState>, id: String) -> Result<SigningPlan> {
    state.with_store(|store| {
        state.kiosk().check_person(store, &id)?;
        agreements::plan(store, &id)
    })
}

#[tauri::command]
pub fn person_agreements(state: State<'_, AppState>, id: String) -> Result<Vec<AgreementRecord>> {
    state.with_store(|store| agreements::agreements_for(store, Some(&id)))
}

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

#[tauri::command]
pub fn affected_by_change(state: State<'_, AppState>, kind: TemplateKind) -> Result<u32> {
    state.with_store(|store| agreements::affected_by_change(store, kind))
}

#[tauri::command]
pub fn agreement_renewal(state: State<'_, AppState>) -> Result<bool> {
    state.with_store(|store| school::annual_agreement_renewal(store))
}

#[tauri::command]
pub fn set_agreement_renewal(state: State<'_, AppState>, annual: bool) -> Result<bool> {
    state.with_store(|store| school::set_annual_agreement_renewal(store, annual))
}
