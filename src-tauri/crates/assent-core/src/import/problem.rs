//! A value in an import file that cannot be accepted, as
//! [`Error::ImportRejected`](crate::Error::ImportRejected) lists them. It
//! names nothing else, so the error can carry it.

use serde::Serialize;
use ts_rs::TS;

/// A value in a file that cannot be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Problem {
    /// 1-based line in the file (1 is the header row of a CSV).
    #[ts(type = "number")]
    pub line: u64,
    /// The column (or CTF element) as named in the file; empty for whole-file problems.
    pub column: String,
    /// The value as found.
    pub value: String,
    /// Why it cannot be accepted, in plain words.
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}", self.line)?;
        if !self.column.is_empty() {
            write!(f, ", column {}", self.column)?;
        }
        if !self.value.is_empty() {
            write!(f, ", value \"{}\"", self.value)?;
        }
        write!(f, ": {}", self.reason)
    }
}
