//! One field of a form that cannot be accepted, as
//! [`Error::InvalidFields`](crate::Error::InvalidFields) lists them. It names
//! nothing else, so the error can carry it.

use serde::Serialize;
use ts_rs::TS;

/// One field of the form that cannot be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldProblem {
    /// The field's name in [`PersonInput`] (e.g. `date_of_birth`).
    pub field: String,
    /// Why, in plain words.
    pub reason: String,
}
