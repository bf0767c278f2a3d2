//! What goes in a table's cell: text, bold text, or pictures with words under them.

use crate::page::Picture;

/// What goes in one cell.
#[derive(Debug, Clone)]
pub(crate) enum Cell {
    Text(String),
    Bold(String),
    /// Signature pictures side by side, each at most the given size, with words under them.
    Pictures(Vec<Picture>, String),
}

pub(crate) fn text(t: impl Into<String>) -> Cell {
    Cell::Text(t.into())
}
