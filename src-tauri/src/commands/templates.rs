//! Agreement templates.

use assent_core::templates::{
    self, Block, DiffLine, PublishOptions, TemplateKind, TemplatePreview, TemplateSummary,
    TemplateVersion,
};
use assent_core::{Error, Result};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn list_templates(state: State<'_, AppState>) -> Result<Vec<TemplateSummary>> {
    state.with_store(|store| templates::list(store))
}

#[tauri::command]
pub fn template_version(
    state: State<'_, AppState>,
    kind: TemplateKind,
    version: Option<u32>,
) -> Result<TemplateVersion> {
    state.with_store(|store| templates::version(store, kind, version))
}

#[tauri::command]
pub fn template_draft(state: State<'_, AppState>, kind: TemplateKind) -> Result<Option<String>> {
    state.with_store(|store| templates::draft(store, kind))
}

#[tauri::command]
pub fn preview_template(source: String) -> Result<TemplatePreview> {
    templates::preview(&source).map_err(|reason| Error::invalid("template", reason))
}

#[tauri::command]
pub fn save_template_draft(
    state: State<'_, AppState>,
    kind: TemplateKind,
    source: String,
) -> Result<Vec<Block>> {
    state.with_store(|store| templates::save_draft(store, kind, &source))
}

#[tauri::command]
pub fn publish_template(
    state: State<'_, AppState>,
    kind: TemplateKind,
    source: String,
    material: bool,
    summary: Option<String>,
) -> Result<TemplateVersion> {
    let options = PublishOptions {
        material,
        summary,
        ..PublishOptions::default()
    };
    state.with_store(|store| templates::publish(store, kind, &source, &options))
}

#[tauri::command]
pub fn diff_templates(
    state: State<'_, AppState>,
    kind: TemplateKind,
    from: u32,
    to: u32,
) -> Result<Vec<DiffLine>> {
    state.with_store(|store| templates::diff(store, kind, from, to))
}

#[tauri::command]
pub fn template_history(
    state: State<'_, AppState>,
    kind: TemplateKind,
) -> Result<Vec<TemplateVersion>> {
    state.with_store(|store| templates::history(store, kind))
}
