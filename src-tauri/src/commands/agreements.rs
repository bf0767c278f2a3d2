//! Signing agreements and their statuses.

use assent_core::Result;
use assent_core::agreements::{
    self, AgreementRecord, SignRequest, SignatureInput, StatusFilter, StatusRow,
};
use assent_core::templates::TemplateKind;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn agreement_status(
    state: State<'_, AppState>,
    filter: StatusFilter,
) -> Result<Vec<StatusRow>> {
    state.with_store(|store| agreements::status(store, &filter))
}

#[tauri::command]
pub fn person_agreements(state: State<'_, AppState>, id: String) -> Result<Vec<AgreementRecord>> {
    state.with_store(|store| agreements::agreements_for(store, Some(&id)))
}

#[tauri::command]
pub fn sign_agreement(state: State<'_, AppState>, request: SignRequest) -> Result<AgreementRecord> {
    state.with_store(|store| agreements::sign(store, &request))
}

#[tauri::command]
pub fn add_agreement_signature(
    state: State<'_, AppState>,
    agreement_id: String,
    signature: SignatureInput,
    device: String,
) -> Result<AgreementRecord> {
    state.with_store(|store| agreements::add_signature(store, &agreement_id, &signature, &device))
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
