//! People: pupils, their parents and carers, staff, volunteers, governors and visitors.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

mod field_problem;
mod input;
mod query;
mod record;
mod scope;
mod search;

pub use field_problem::FieldProblem;
pub use input::{PersonInput, add, edit};
pub(crate) use query::{COUNT_BY_KIND_SQL, count_by_kind, detail_in, is_empty, list_sql};
pub use query::{
    ClassSummary, Filter, LinkedPerson, PersonDetail, PersonSummary, classes, detail, find_contact,
    list,
};
pub(crate) use record::columns as record_columns;
pub(crate) use record::update_recorded;
pub use record::{PersonFields, get, insert, link_contact, now, update};
pub(crate) use scope::scope_clause;
pub(crate) use search::search_fold;

/// What someone is to the school; decides which agreement they sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    /// A child on roll.
    Pupil,
    /// A parent or carer of one or more pupils.
    Parent,
    /// A member of staff.
    Staff,
    /// A regular volunteer.
    Volunteer,
    /// A governor or trustee.
    Governor,
    /// A visitor, for the dates of the visit.
    Visitor,
}

impl PersonKind {
    /// Every kind, in the order the school lists them.
    pub const ALL: [PersonKind; 6] = [
        PersonKind::Pupil,
        PersonKind::Parent,
        PersonKind::Staff,
        PersonKind::Volunteer,
        PersonKind::Governor,
        PersonKind::Visitor,
    ];

    /// The code stored in the database and used on the command line.
    pub fn code(self) -> &'static str {
        match self {
            PersonKind::Pupil => "pupil",
            PersonKind::Parent => "parent",
            PersonKind::Staff => "staff",
            PersonKind::Volunteer => "volunteer",
            PersonKind::Governor => "governor",
            PersonKind::Visitor => "visitor",
        }
    }

    /// Parses a stored or typed code.
    pub fn from_code(code: &str) -> Result<PersonKind> {
        PersonKind::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .ok_or_else(|| {
                Error::invalid(
                    "kind",
                    format!(
                        "'{code}' is not a kind of person; use one of: pupil, parent, staff, volunteer, governor, visitor"
                    ),
                )
            })
    }
}

/// A pupil's year group, from Nursery to Year 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum YearGroup {
    /// Nursery (EYFS).
    Nursery,
    /// Reception (EYFS).
    Reception,
    /// Years 1 to 6.
    Year(u8),
}

impl YearGroup {
    /// The code stored in the database: N, R, Y1 … Y6.
    pub fn code(self) -> String {
        match self {
            YearGroup::Nursery => "N".to_owned(),
            YearGroup::Reception => "R".to_owned(),
            YearGroup::Year(n) => format!("Y{n}"),
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<YearGroup> {
        match code {
            "N" => Some(YearGroup::Nursery),
            "R" => Some(YearGroup::Reception),
            _ => code
                .strip_prefix('Y')
                .and_then(|n| n.parse::<u8>().ok())
                .filter(|n| (1..=6).contains(n))
                .map(YearGroup::Year),
        }
    }

    /// The name a school uses: "Nursery", "Reception", "Year 3".
    pub fn label(self) -> String {
        match self {
            YearGroup::Nursery => "Nursery".to_owned(),
            YearGroup::Reception => "Reception".to_owned(),
            YearGroup::Year(n) => format!("Year {n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_group_codes_round_trip() {
        for code in ["N", "R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6"] {
            assert_eq!(YearGroup::from_code(code).unwrap().code(), code);
        }
        assert_eq!(YearGroup::from_code("Y7"), None);
        assert_eq!(YearGroup::from_code("Y0"), None);
        assert_eq!(YearGroup::Year(3).label(), "Year 3");
        assert_eq!(YearGroup::Reception.label(), "Reception");
    }

    #[test]
    fn kind_codes_round_trip_and_reject_unknown() {
        for kind in PersonKind::ALL {
            assert_eq!(PersonKind::from_code(kind.code()).unwrap(), kind);
        }
        let err = PersonKind::from_code("teacher").unwrap_err();
        assert!(
            err.to_string()
                .contains("'teacher' is not a kind of person")
        );
    }
}
