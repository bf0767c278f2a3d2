//! Agreement templates.

use assent_core::templates::{
    self, Block, DiffLine, PublishOptions, TemplateKind, TemplatePreview, TemplateReview,
    TemplateSummary, TemplateVersion,
};
use assent_core::{Error, Result};
use tauri::State;

use crate::state::AppState;

/// Every published version of every agreement; `current` marks the one signed now.
#[tauri::command]
pub fn list_templates(state: State<'_, AppState>) -> Result<Vec<TemplateSummary>> {
    state.with_store(|store| templates::list(store))
}

/// Each agreement's current version, and whether the school has published its own or adopted Assent's.
#[tauri::command]
pub fn template_reviews(state: State<'_, AppState>) -> Result<Vec<TemplateReview>> {
    state.with_store(|store| templates::reviews(store))
}

/// Records that the school has read Assent's default text of `kind` and keeps it as it is.
#[tauri::command]
pub fn adopt_template(state: State<'_, AppState>, kind: TemplateKind) -> Result<TemplateReview> {
    state.with_store(|store| templates::adopt_default(store, kind))
}

/// The saved draft's Markdown, or null when there is none.
#[tauri::command]
pub fn template_draft(state: State<'_, AppState>, kind: TemplateKind) -> Result<Option<String>> {
    state.with_store(|store| templates::draft(store, kind))
}

/// How a template's Markdown will look once published. Writes nothing.
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

/// Publishes a new version. A minor change needs `summary`: why it is minor.
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

/// One version of an agreement; `null` for the current one.
#[tauri::command]
pub fn template_history(
    state: State<'_, AppState>,
    kind: TemplateKind,
) -> Result<Vec<TemplateVersion>> {
    state.with_store(|store| templates::history(store, kind))
}
