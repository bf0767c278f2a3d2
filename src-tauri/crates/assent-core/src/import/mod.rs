//! Importing people from the school's management information system (MIS):
//! pupils, contacts and staff as CSV, or a DfE Common Transfer File.
//!
//! Every import is worked out in full first ([`preview`] writes nothing), and
//! applied in one transaction ([`apply`]). A file with any problem is refused
//! whole. Matching makes a second import of the same file change nothing.

mod adults;
mod check;
mod clear;
mod contacts;
pub mod ctf;
pub mod mapping;
mod plan;
mod preview;
mod problem;
mod pupils;
pub mod records;
pub mod source;

use std::path::PathBuf;

use crate::db::Conn;
use chrono::NaiveDate;

pub use clear::{LeaversCleared, clear_leavers};
pub use mapping::{ColumnChoice, ColumnMap, ImportKind, MappedColumn};
pub(crate) use plan::differences;
pub use preview::{FieldChange, ImportOutcome, ImportPreview, PreviewEntry};
pub use problem::Problem;

use crate::auth::Permission;
use crate::{Error, Result, Store};
use check::Checker;
use plan::Plan;
use source::Encoding;

/// Where the file's contents come from.
#[derive(Debug, Clone)]
pub enum ImportSource {
    /// A file on disk (the CLI).
    File(PathBuf),
    /// Contents already read, with the file's name (the app's file chooser).
    Bytes {
        /// The file name, for messages.
        name: String,
        /// The contents.
        bytes: Vec<u8>,
    },
}

impl ImportSource {
    fn name(&self) -> String {
        match self {
            ImportSource::File(path) => path.display().to_string(),
            ImportSource::Bytes { name, .. } => name.clone(),
        }
    }
}

/// An import as the app sends it: the chosen file's contents and the user's choices.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
pub struct ImportInput {
    /// What the file holds.
    pub kind: ImportKind,
    /// The file's name, for messages.
    pub file_name: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
    /// "utf-8" or "windows-1252"; detected when absent.
    pub encoding: Option<String>,
    /// Column choices made in the mapping step.
    pub choices: Vec<ColumnChoice>,
    /// For pupils: the file lists every pupil on roll, so those missing from it are leaving.
    pub full_roll: bool,
    /// For pupils: the leaving date for those missing (default today).
    pub leaving_date: Option<String>,
    /// The number of leavers the user confirmed, when the preview asked for it.
    pub confirmed_leavers: Option<u32>,
}

impl ImportInput {
    /// The request this input describes.
    pub fn into_request(self) -> Result<ImportRequest> {
        let encoding = self
            .encoding
            .as_deref()
            .map(|e| {
                Encoding::from_name(e).ok_or_else(|| {
                    Error::invalid(
                        "encoding",
                        format!("'{e}' is not an encoding Assent reads; use utf-8 or windows-1252"),
                    )
                })
            })
            .transpose()?;
        let leaving_date = self
            .leaving_date
            .as_deref()
            .map(|d| {
                crate::values::parse_date(d)
                    .map_err(|reason| Error::invalid("leaving date", reason))
            })
            .transpose()?;
        let mut req = ImportRequest::from_bytes(self.kind, self.file_name, self.bytes);
        req.encoding = encoding;
        req.choices = self.choices;
        req.full_roll = self.full_roll && self.kind == ImportKind::Pupils;
        req.leaving_date = leaving_date;
        req.confirmed_leavers = self.confirmed_leavers;
        Ok(req)
    }
}

/// How far an import has got, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct ImportProgress {
    /// Changes written so far.
    pub done: u32,
    /// Changes to write in all.
    pub total: u32,
}

/// What to import and how.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    /// What the file holds.
    pub kind: ImportKind,
    /// The file.
    pub source: ImportSource,
    /// The text encoding, when detection should be overridden.
    pub encoding: Option<Encoding>,
    /// The user's column choices.
    pub choices: Vec<ColumnChoice>,
    /// For pupils: the file lists every pupil on roll, so pupils missing from it
    /// are leaving. Never assumed: a file of a few rows would otherwise mark the
    /// rest of the school as leavers.
    pub full_roll: bool,
    /// The leaving date given to pupils missing from a full roll (default: today).
    pub leaving_date: Option<NaiveDate>,
    /// The number of leavers the user confirmed. Needed when a full roll would
    /// mark more than a tenth of the roll as leaving ([`ImportPreview::leavers_need_confirmation`]),
    /// and it must match the preview's count.
    pub confirmed_leavers: Option<u32>,
}

impl ImportRequest {
    /// A request with the usual settings: detected encoding, recognised columns,
    /// and every file partial (nobody is marked as leaving).
    pub fn new(kind: ImportKind, path: impl Into<PathBuf>) -> ImportRequest {
        Self::with_source(kind, ImportSource::File(path.into()))
    }

    /// A request for contents already read, e.g. from the app's file chooser.
    pub fn from_bytes(kind: ImportKind, name: impl Into<String>, bytes: Vec<u8>) -> ImportRequest {
        Self::with_source(
            kind,
            ImportSource::Bytes {
                name: name.into(),
                bytes,
            },
        )
    }

    fn with_source(kind: ImportKind, source: ImportSource) -> ImportRequest {
        ImportRequest {
            kind,
            source,
            encoding: None,
            choices: Vec::new(),
            full_roll: false,
            leaving_date: None,
            confirmed_leavers: None,
        }
    }
}

/// The file's name without its folders, as the audit log and the import record keep it.
fn file_name(req: &ImportRequest) -> String {
    match &req.source {
        ImportSource::File(path) => path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        ImportSource::Bytes { name, .. } => name.clone(),
    }
}

fn today() -> NaiveDate {
    crate::time::today()
}

fn rejected(req: &ImportRequest, reason: String) -> Error {
    Error::FileRejected {
        path: req.source.name(),
        reason,
    }
}

fn check_size(req: &ImportRequest, bytes: &[u8]) -> Result<()> {
    if bytes.len() as u64 > source::MAX_FILE_BYTES {
        return Err(rejected(req, "the file is larger than 50 MB".to_owned()));
    }
    Ok(())
}

fn read_ctf(req: &ImportRequest) -> Result<ctf::CtfFile> {
    match &req.source {
        ImportSource::File(path) => ctf::read_ctf_file(path),
        ImportSource::Bytes { bytes, .. } => {
            check_size(req, bytes)?;
            ctf::read_ctf(bytes).map_err(|reason| rejected(req, reason))
        }
    }
}

fn read_table(req: &ImportRequest) -> Result<source::Table> {
    match &req.source {
        ImportSource::File(path) => source::read_table_file(path, req.encoding),
        ImportSource::Bytes { bytes, .. } => {
            check_size(req, bytes)?;
            source::read_table(bytes, req.encoding).map_err(|reason| rejected(req, reason))
        }
    }
}

/// Reads and checks the file and works out what it would change. Writes nothing.
fn build(conn: &Conn, req: &ImportRequest) -> Result<(ImportPreview, Plan)> {
    let today = today();
    let mut checker = Checker::default();
    let mut plan = Plan::default();
    let mut columns = None;
    let rows: usize;
    if req.kind == ImportKind::Ctf {
        let file = read_ctf(req)?;
        rows = file.pupils.len() + file.contacts.len();
        let valid_pupils = pupils::check(&file.pupils, today, &mut checker);
        let index = pupils::plan(conn, &valid_pupils, None, &mut checker, &mut plan)?;
        let valid_contacts = contacts::check(conn, &file.contacts, &index, &mut checker)?;
        contacts::plan(conn, &valid_contacts, &mut plan)?;
    } else {
        let table = read_table(req)?;
        rows = table.rows.len();
        let map = mapping::map_columns(req.kind, &table.headers, &req.choices)
            .map_err(|reason| rejected(req, reason))?;
        for message in &map.ambiguous {
            checker.problem(1, "", "", message.clone());
        }
        for missing in &map.missing {
            checker.problem(
                1,
                "",
                "",
                format!("no column holds the {missing}; map one of the file's columns to it"),
            );
        }
        if map.missing.is_empty() && map.ambiguous.is_empty() {
            match req.kind {
                ImportKind::Pupils => {
                    let raw = mapping::pupils(&table, &map);
                    if raw.is_empty() && req.full_roll {
                        checker.problem(
                            1,
                            "",
                            "",
                            "the file lists no pupils, so it cannot be the full roll",
                        );
                    }
                    let valid = pupils::check(&raw, today, &mut checker);
                    let leaving = req.full_roll.then(|| req.leaving_date.unwrap_or(today));
                    pupils::plan(conn, &valid, leaving, &mut checker, &mut plan)?;
                }
                ImportKind::Contacts => {
                    let raw = mapping::contacts(&table, &map);
                    let valid =
                        contacts::check(conn, &raw, &pupils::PupilIndex::default(), &mut checker)?;
                    contacts::plan(conn, &valid, &mut plan)?;
                }
                ImportKind::Staff => {
                    adults::check_and_plan(
                        conn,
                        &mapping::adults(&table, &map),
                        &mut checker,
                        &mut plan,
                    )?;
                }
                ImportKind::Ctf => unreachable!("handled above"),
            }
        }
        columns = Some(map);
    }
    checker.problems.sort_by_key(|p| p.line);
    let preview = ImportPreview {
        kind: req.kind,
        file: req.source.name(),
        rows: u32::try_from(rows).unwrap_or(u32::MAX),
        unmapped_columns: columns
            .as_ref()
            .map(ColumnMap::unmapped)
            .unwrap_or_default(),
        columns,
        added: plan.added.clone(),
        changed: plan.changed.clone(),
        unchanged: plan.unchanged,
        leaving: plan.leaving.clone(),
        roll: plan.roll,
        leavers_need_confirmation: needs_confirmation(plan.leaving.len(), plan.roll),
        problems: checker.problems,
    };
    Ok((preview, plan))
}

/// Whether marking `leavers` of the `roll` as leaving needs the user to confirm
/// the number: more than a tenth of the roll is more than a year group leaving.
fn needs_confirmation(leavers: usize, roll: u32) -> bool {
    leavers > 0 && leavers * 10 > roll as usize
}

/// What importing the file would do. Nothing is written.
pub fn preview(store: &Store, req: &ImportRequest) -> Result<ImportPreview> {
    store.require(Permission::Import)?;
    build(store.conn(), req).map(|(preview, _)| preview)
}

/// Imports the file in one transaction, or refuses it whole if it has any problem.
pub fn apply(store: &mut Store, req: &ImportRequest) -> Result<ImportOutcome> {
    apply_with_progress(store, req, &mut |_, _| {})
}

/// [`apply`], reporting `(done, total)` operations as it goes, for a progress bar.
pub fn apply_with_progress(
    store: &mut Store,
    req: &ImportRequest,
    progress: &mut dyn FnMut(u32, u32),
) -> Result<ImportOutcome> {
    let actor = &store.require(Permission::Import)?.actor();
    let what = format!(
        "{} import of {}",
        match req.kind {
            ImportKind::Pupils => "pupil",
            ImportKind::Contacts => "contact",
            ImportKind::Staff => "staff",
            ImportKind::Ctf => "Common Transfer File",
        },
        file_name(req)
    );
    store.write(|tx| {
        let (preview, plan) = build(tx, req)?;
        if !preview.can_apply() {
            return Err(Error::ImportRejected {
                path: preview.file,
                problems: preview.problems,
            });
        }
        let leavers = u32::try_from(preview.leaving.len()).unwrap_or(u32::MAX);
        let confirmed = req.confirmed_leavers;
        if (preview.leavers_need_confirmation || confirmed.is_some()) && confirmed != Some(leavers)
        {
            return Err(Error::LeaversNotConfirmed {
                leavers,
                roll: preview.roll,
                confirmed,
            });
        }
        let record = plan::ImportRecord {
            kind: req.kind,
            file_name: &file_name(req),
            full_roll: req.full_roll,
        };
        plan.apply(tx, actor, &what, &record, progress)
    })
}
