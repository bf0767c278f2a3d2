//! What an import would do, shown before anything is written.

use serde::Serialize;
use ts_rs::TS;

use super::mapping::{ColumnMap, ImportKind};
use super::problem::Problem;

/// One field that an import would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldChange {
    /// The field, in words ("Year group").
    pub field: String,
    /// The value now, if any.
    pub from: Option<String>,
    /// The value after the import, if any.
    pub to: Option<String>,
}

/// One person or link that an import would add, change or mark as leaving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PreviewEntry {
    /// The line in the file, when the entry comes from one.
    #[ts(type = "number | null")]
    pub line: Option<u64>,
    /// "pupil", "contact", "staff", "volunteer", "governor" or "visitor".
    pub entity: String,
    /// Who, in words ("Zoë O'Brien", or "Amara Okafor for Zoë O'Brien (Mother)").
    pub name: String,
    /// For changes: what changes.
    pub changes: Vec<FieldChange>,
}

/// The whole preview. Nothing has been written when this is returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportPreview {
    /// What kind of file it is.
    pub kind: ImportKind,
    /// The file's path.
    pub file: String,
    /// Data rows read (pupils plus contacts for a CTF).
    pub rows: u32,
    /// How the columns were mapped (CSV files only).
    pub columns: Option<ColumnMap>,
    /// Columns that map to nothing and will be left out.
    pub unmapped_columns: Vec<String>,
    /// New people or links.
    pub added: Vec<PreviewEntry>,
    /// Existing people or links whose details change.
    pub changed: Vec<PreviewEntry>,
    /// Rows that match the database exactly.
    pub unchanged: u32,
    /// Pupils missing from a full roll, proposed as leavers (never deleted).
    pub leaving: Vec<PreviewEntry>,
    /// Pupils on roll now (without a leaving date), against which the leavers are weighed.
    pub roll: u32,
    /// The leavers are more than a tenth of the roll, so the import goes ahead
    /// only with their number confirmed ([`super::ImportRequest::confirmed_leavers`]).
    pub leavers_need_confirmation: bool,
    /// Every problem found; any problem means the file cannot be imported.
    pub problems: Vec<Problem>,
}

impl ImportPreview {
    /// Whether applying this file would be allowed.
    pub fn can_apply(&self) -> bool {
        self.problems.is_empty()
    }
}

/// What an applied import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportOutcome {
    /// The import's record, by which its leaving dates can be cleared ([`super::clear_leavers`]).
    pub import_id: String,
    /// People or links added.
    pub added: u32,
    /// People or links changed.
    pub changed: u32,
    /// Rows that changed nothing.
    pub unchanged: u32,
    /// Pupils marked as leaving.
    pub leaving: u32,
}
