//! Photo and video consent: per-purpose choices with their full history.
//!
//! Every choice is an append-only decision recording who gave it, how, when,
//! and the exact explanation the family saw. The current answer is derived:
//! the latest answer from each person with parental responsibility, where any
//! "no" wins (and the disagreement is shown); a withdrawal replaces everything
//! before it; a safeguarding hold overrides every yes; and, if the school asks
//! every year, answers from an earlier academic year have expired.

mod decide;
mod lists;
mod purposes;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub(crate) use decide::record;
pub use decide::{DecisionInput, hold, parse_answer, release_hold, set, withdraw};
pub use lists::{
    ConsentCell, ConsentGrid, ConsentRow, Decision, NoPhotoRow, grid, history, no_photo,
    withdrawn_since, withdrawn_since_text,
};
pub(crate) use lists::{HOLDS_SQL, grid_sql};
pub use purposes::{Purpose, add_purpose, edit_purpose, purposes, retire_purpose};
pub(crate) use purposes::{install_defaults, purposes_in};

/// How a choice reached the school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentMethod {
    /// In the signed parent agreement.
    Agreement,
    /// On a paper form.
    Paper,
    /// By telephone, noted by the office.
    Phone,
    /// By email, noted by the office.
    Email,
    /// Face to face at school.
    InPerson,
}

impl ConsentMethod {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            ConsentMethod::Agreement => "agreement",
            ConsentMethod::Paper => "paper",
            ConsentMethod::Phone => "phone",
            ConsentMethod::Email => "email",
            ConsentMethod::InPerson => "in_person",
        }
    }

    /// Parses a stored or typed code.
    pub fn from_code(code: &str) -> Option<ConsentMethod> {
        [
            ConsentMethod::Agreement,
            ConsentMethod::Paper,
            ConsentMethod::Phone,
            ConsentMethod::Email,
            ConsentMethod::InPerson,
        ]
        .into_iter()
        .find(|m| m.code() == code)
    }
}

/// Where one purpose stands for one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    /// Consent given.
    Yes,
    /// Refused, withdrawn, or never given (no choice counts as no).
    No,
    /// Given in an earlier academic year, and the school asks every year.
    Expired,
    /// A safeguarding hold: never photograph or publish.
    Hold,
}

impl ConsentState {
    /// The state as the lists and exports write it.
    pub fn code(self) -> &'static str {
        match self {
            ConsentState::Yes => "yes",
            ConsentState::No => "no",
            ConsentState::Expired => "expired",
            ConsentState::Hold => "hold",
        }
    }
}
