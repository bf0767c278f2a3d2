//! The groups that get accounts, by their codes and names. They name nothing
//! else, so [`Error::DomainsMissing`](crate::Error::DomainsMissing) can list them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The groups that get accounts, each with its own settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AccountGroup {
    /// Pupils.
    Pupils,
    /// Staff.
    Staff,
    /// Volunteers.
    Volunteers,
    /// Governors.
    Governors,
    /// Visitors.
    Visitors,
}

impl AccountGroup {
    /// Every group, in the order the school lists them.
    pub const ALL: [AccountGroup; 5] = [
        AccountGroup::Pupils,
        AccountGroup::Staff,
        AccountGroup::Volunteers,
        AccountGroup::Governors,
        AccountGroup::Visitors,
    ];

    /// The code used on the command line and in files.
    pub fn code(self) -> &'static str {
        match self {
            AccountGroup::Pupils => "pupils",
            AccountGroup::Staff => "staff",
            AccountGroup::Volunteers => "volunteers",
            AccountGroup::Governors => "governors",
            AccountGroup::Visitors => "visitors",
        }
    }

    /// Parses a code (singular or plural).
    pub fn from_code(code: &str) -> Option<AccountGroup> {
        let c = code.trim().to_lowercase();
        AccountGroup::ALL
            .into_iter()
            .find(|g| g.code() == c || g.code().trim_end_matches('s') == c)
    }

    /// One member of the group, in words ("Pupil").
    pub fn singular(self) -> &'static str {
        match self {
            AccountGroup::Pupils => "Pupil",
            AccountGroup::Staff => "Staff",
            AccountGroup::Volunteers => "Volunteer",
            AccountGroup::Governors => "Governor",
            AccountGroup::Visitors => "Visitor",
        }
    }

    /// The start of a placeholder username for someone whose name has no Latin letters.
    pub(super) fn placeholder_stem(self) -> &'static str {
        match self {
            AccountGroup::Pupils => "pupil",
            AccountGroup::Staff => "staff",
            AccountGroup::Volunteers => "volunteer",
            AccountGroup::Governors => "governor",
            AccountGroup::Visitors => "visitor",
        }
    }

    /// Whether the group's members are children (readable passwords, no forced change).
    pub fn children(self) -> bool {
        self == AccountGroup::Pupils
    }
}
