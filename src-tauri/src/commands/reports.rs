//! Printed documents: registers, sheets, letters and certificates, made by
//! `assent-reports` and saved where the user chose.
//!
//! The reports crate's errors convert into the core's (its `From` impl), so
//! the UI words every failure the same way.

use std::path::{Path, PathBuf};

use assent_core::{Error, Result};
use assent_reports::{Format, Options, Report};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use ts_rs::TS;

use crate::state::AppState;

/// Which document, as the window names it.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportDocument {
    ConsentRegister,
    AupRegister,
    DoNotPhotograph,
    Outstanding,
    ChaseLetters,
    ConsentLetters,
    Certificate,
    IncidentsSummary,
    IncidentsForHead,
}

impl ReportDocument {
    /// The start of a suggested file name.
    fn slug(self) -> &'static str {
        match self {
            ReportDocument::ConsentRegister => "consent-register",
            ReportDocument::AupRegister => "aup-register",
            ReportDocument::DoNotPhotograph => "do-not-photograph",
            ReportDocument::Outstanding => "outstanding",
            ReportDocument::ChaseLetters => "chase-letters",
            ReportDocument::ConsentLetters => "consent-letters",
            ReportDocument::Certificate => "certificate",
            ReportDocument::IncidentsSummary => "incidents-summary",
            ReportDocument::IncidentsForHead => "incidents-open",
        }
    }
}

/// PDF or CSV.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Pdf,
    Csv,
}

/// What to make and where to save it.
#[derive(Debug, Deserialize, TS)]
pub struct ReportRequest {
    document: ReportDocument,
    /// For a certificate: the agreement's id.
    #[serde(default)]
    agreement_id: Option<String>,
    /// Classes or groups; empty for the whole school.
    #[serde(default)]
    classes: Vec<String>,
    format: ReportFormat,
    /// For the incident summaries: the first and last days covered.
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
    /// Where to save it.
    path: String,
}

/// What was saved.
#[derive(Debug, Serialize, TS)]
pub struct Generated {
    path: String,
    /// For a PDF.
    #[ts(type = "number | null")]
    pages: Option<usize>,
    /// The file's size in bytes.
    #[ts(type = "number")]
    bytes: usize,
    /// Characters no built-in font could print (they show as empty boxes).
    missing: Vec<String>,
}

/// Makes the document and saves it, away from the window's thread so the
/// window stays responsive while a long register is laid out.
#[tauri::command]
pub async fn generate_report(app: AppHandle, request: ReportRequest) -> Result<Generated> {
    tauri::async_runtime::spawn_blocking(move || {
        app.state::<AppState>()
            .with_store(|store| generate(store, &request))
    })
    .await
    .map_err(|e| Error::Database {
        message: e.to_string(),
    })?
}

/// `<Documents>/Assent/<document>-<YYYY-MM-DD>.<pdf|csv>` (the home folder if
/// there is no Documents folder).
#[tauri::command]
pub fn suggest_report_path(document: ReportDocument, format: ReportFormat) -> String {
    let ext = match format {
        ReportFormat::Pdf => "pdf",
        ReportFormat::Csv => "csv",
    };
    assent_core::paths::suggested_file(document.slug(), ext)
        .display()
        .to_string()
}

fn generate(store: &assent_core::Store, request: &ReportRequest) -> Result<Generated> {
    let report = match request.document {
        ReportDocument::ConsentRegister => Report::ConsentRegister,
        ReportDocument::AupRegister => Report::AupRegister,
        ReportDocument::DoNotPhotograph => Report::DoNotPhotograph,
        ReportDocument::Outstanding => Report::Outstanding,
        ReportDocument::ChaseLetters => Report::ChaseLetters,
        ReportDocument::ConsentLetters => Report::ConsentLetters,
        ReportDocument::Certificate => Report::Certificate {
            agreement_id: request
                .agreement_id
                .as_deref()
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .ok_or_else(|| Error::invalid("agreement", "choose the agreement to certify"))?
                .to_owned(),
        },
        ReportDocument::IncidentsSummary => Report::IncidentsSummary {
            from: request.from.clone().unwrap_or_default(),
            to: request.to.clone().unwrap_or_default(),
        },
        ReportDocument::IncidentsForHead => Report::IncidentsForHead {
            from: request.from.clone().unwrap_or_default(),
            to: request.to.clone().unwrap_or_default(),
        },
    };
    let format = match request.format {
        ReportFormat::Pdf => Format::Pdf,
        ReportFormat::Csv => Format::Csv,
    };
    let path = PathBuf::from(request.path.trim());
    if path.as_os_str().is_empty() || path.file_name().is_none() {
        return Err(Error::invalid("file", "choose where to save the document"));
    }
    let options = Options {
        classes: request.classes.clone(),
        generated_by: store.session()?.actor().as_str().to_owned(),
    };
    let made = assent_reports::generate(store, &report, &options, format).map_err(Error::from)?;
    // Makes any missing folders on the way, as every save does.
    assent_reports::write_atomically(&path, &made.bytes).map_err(Error::from)?;
    Ok(Generated {
        path: absolute(&path).display().to_string(),
        pages: made.pages,
        bytes: made.bytes.len(),
        missing: made.missing.iter().map(char::to_string).collect(),
    })
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}
