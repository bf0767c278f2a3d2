//! Importing people from the school's management information system (MIS):
//! pupils, contacts and staff as CSV, or a DfE Common Transfer File.
//!
//! Every import is worked out in full first ([`preview`] writes nothing), and
//! applied in one transaction ([`apply`]). A file with any problem is refused
//! whole. Matching makes a second import of the same file change nothing.

mod adults;
mod check;
mod contacts;
pub mod ctf;
pub mod mapping;
mod plan;
mod preview;
mod pupils;
pub mod records;
pub mod source;

use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::Connection;

pub use mapping::{ColumnChoice, ColumnMap, ImportKind, MappedColumn};
pub use preview::{FieldChange, ImportOutcome, ImportPreview, PreviewEntry, Problem};

use crate::{Actor, Error, Result, Store};
use check::Checker;
use plan::Plan;
use source::Encoding;

/// What to import and how.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    /// What the file holds.
    pub kind: ImportKind,
    /// The file.
    pub path: PathBuf,
    /// The text encoding, when detection should be overridden.
    pub encoding: Option<Encoding>,
    /// The user's column choices.
    pub choices: Vec<ColumnChoice>,
    /// For pupils: the file lists every pupil on roll, so pupils missing from it are leaving.
    pub full_export: bool,
    /// The leaving date given to pupils missing from a full export (default: today).
    pub leaving_date: Option<NaiveDate>,
}

impl ImportRequest {
    /// A request with the usual settings: detected encoding, recognised columns,
    /// and pupil files treated as full exports.
    pub fn new(kind: ImportKind, path: impl Into<PathBuf>) -> ImportRequest {
        ImportRequest {
            kind,
            path: path.into(),
            encoding: None,
            choices: Vec::new(),
            full_export: kind == ImportKind::Pupils,
            leaving_date: None,
        }
    }
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

fn rejected(req: &ImportRequest, reason: String) -> Error {
    Error::FileRejected {
        path: req.path.display().to_string(),
        reason,
    }
}

/// Reads and checks the file and works out what it would change. Writes nothing.
fn build(conn: &Connection, req: &ImportRequest) -> Result<(ImportPreview, Plan)> {
    let today = today();
    let mut checker = Checker::default();
    let mut plan = Plan::default();
    let mut columns = None;
    let rows: usize;
    if req.kind == ImportKind::Ctf {
        let file = ctf::read_ctf_file(&req.path)?;
        rows = file.pupils.len() + file.contacts.len();
        let valid_pupils = pupils::check(&file.pupils, today, &mut checker);
        let index = pupils::plan(conn, &valid_pupils, None, today, &mut checker, &mut plan)?;
        let valid_contacts = contacts::check(conn, &file.contacts, &index, &mut checker)?;
        contacts::plan(conn, &valid_contacts, &mut plan)?;
    } else {
        let table = source::read_table_file(&req.path, req.encoding)?;
        rows = table.rows.len();
        let map = mapping::map_columns(req.kind, &table.headers, &req.choices)
            .map_err(|reason| rejected(req, reason))?;
        for missing in &map.missing {
            checker.problem(
                1,
                "",
                "",
                format!("no column holds the {missing}; map one of the file's columns to it"),
            );
        }
        if map.missing.is_empty() {
            match req.kind {
                ImportKind::Pupils => {
                    let raw = mapping::pupils(&table, &map);
                    if raw.is_empty() && req.full_export {
                        checker.problem(
                            1,
                            "",
                            "",
                            "the file lists no pupils, so it cannot be a full export",
                        );
                    }
                    let valid = pupils::check(&raw, today, &mut checker);
                    let leaving = req.full_export.then(|| req.leaving_date.unwrap_or(today));
                    pupils::plan(conn, &valid, leaving, today, &mut checker, &mut plan)?;
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
        file: req.path.display().to_string(),
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
        problems: checker.problems,
    };
    Ok((preview, plan))
}

/// What importing the file would do. Nothing is written.
pub fn preview(store: &Store, req: &ImportRequest) -> Result<ImportPreview> {
    build(store.conn(), req).map(|(preview, _)| preview)
}

/// Imports the file in one transaction, or refuses it whole if it has any problem.
pub fn apply(store: &mut Store, req: &ImportRequest, actor: &Actor) -> Result<ImportOutcome> {
    let what = format!(
        "{} import of {}",
        match req.kind {
            ImportKind::Pupils => "pupil",
            ImportKind::Contacts => "contact",
            ImportKind::Staff => "staff",
            ImportKind::Ctf => "Common Transfer File",
        },
        req.path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    );
    store.write(|tx| {
        let (preview, plan) = build(tx, req)?;
        if !preview.can_apply() {
            return Err(Error::ImportRejected {
                path: preview.file,
                problems: preview.problems,
            });
        }
        plan.apply(tx, actor, &what)
    })
}
