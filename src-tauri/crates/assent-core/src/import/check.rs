//! Turning raw cells into checked values, collecting every problem on the way.

use super::problem::Problem;
use super::records::Cell;

/// Collects problems while values are checked, so a file reports all of them at once.
#[derive(Debug, Default)]
pub(crate) struct Checker {
    pub problems: Vec<Problem>,
}

impl Checker {
    pub fn problem(&mut self, line: u64, column: &str, value: &str, reason: impl Into<String>) {
        self.problems.push(Problem {
            line,
            column: column.to_owned(),
            value: value.to_owned(),
            reason: reason.into(),
        });
    }

    /// The trimmed text of a cell that must not be blank.
    pub fn required(&mut self, line: u64, cell: Option<&Cell>, field: &str) -> Option<String> {
        match cell {
            Some(c) => {
                if let Some(t) = c.text() {
                    Some(t.to_owned())
                } else {
                    self.problem(line, &c.column, "", format!("the {field} is missing"));
                    None
                }
            }
            None => None,
        }
    }

    /// The trimmed text of a cell, if it has any.
    pub fn optional(cell: Option<&Cell>) -> Option<String> {
        cell.and_then(Cell::text).map(str::to_owned)
    }

    /// Parses a cell that may be blank.
    pub fn parse<T>(
        &mut self,
        line: u64,
        cell: Option<&Cell>,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let cell = cell?;
        let text = cell.text()?;
        match parse(text) {
            Ok(v) => Some(v),
            Err(reason) => {
                self.problem(line, &cell.column, text, reason);
                None
            }
        }
    }

    /// Parses a cell that must not be blank.
    pub fn parse_required<T>(
        &mut self,
        line: u64,
        cell: Option<&Cell>,
        field: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let c = cell?;
        if c.text().is_none() {
            self.problem(line, &c.column, "", format!("the {field} is missing"));
            return None;
        }
        self.parse(line, cell, parse)
    }
}

/// A value from a column the file may not have: a missing column leaves the
/// stored value alone, while a blank cell in a present column clears it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Column<T> {
    /// The file has no such column.
    Absent,
    /// The file has the column; the cell may be blank.
    Given(Option<T>),
}

impl<T: Clone> Column<T> {
    /// `Given(value)` when the file has the column, else `Absent`.
    pub fn of<C>(cell: Option<&C>, value: Option<T>) -> Column<T> {
        match cell {
            Some(_) => Column::Given(value),
            None => Column::Absent,
        }
    }

    /// The value to store, given what is stored now.
    pub fn merge(&self, old: Option<&T>) -> Option<T> {
        match self {
            Column::Absent => old.cloned(),
            Column::Given(v) => v.clone(),
        }
    }

    /// The value, if the file gave a non-blank one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Column::Absent | Column::Given(None) => None,
            Column::Given(Some(v)) => Some(v),
        }
    }
}

impl Column<String> {
    /// The trimmed text of a cell, if the column exists.
    pub fn text(cell: Option<&Cell>) -> Column<String> {
        Column::of(cell, cell.and_then(Cell::text).map(str::to_owned))
    }
}
