//! Agreement templates: the texts people sign, one kind per audience, each
//! with an append-only history of published versions.
//!
//! A published version never changes (the store refuses any update), and its
//! SHA-256 fingerprints the exact text signers see, so every signature can be
//! tied to what was read. Publishing says whether the change is material
//! (everyone on an older version must sign again) or minor (with a reason).

mod render;
mod review;
mod versions;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::people::{PersonKind, YearGroup};
use crate::{Error, Result};

pub use crate::hex::sha256_hex;
pub use render::{Block, TemplatePreview, TemplateSource, parse, preview};
pub(crate) use review::reviews_in;
pub use review::{TemplateReview, adopt_default, reviews};
pub use versions::{
    DiffLine, PublishOptions, ReviewDue, TemplateSummary, TemplateVersion, diff, draft, history,
    list, publish, review_due, save_draft, version,
};
pub(crate) use versions::{install_defaults, list_in, review_due_in, version_in};

/// The kinds of agreement, by audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum TemplateKind {
    /// Nursery, Reception and Years 1–2: a parent signs for the child.
    #[serde(rename = "ks1")]
    Ks1,
    /// Years 3–6: the pupil signs, and a parent gives permission.
    #[serde(rename = "ks2")]
    Ks2,
    /// Staff and volunteers.
    #[serde(rename = "staff")]
    Staff,
    /// Governors and visitors.
    #[serde(rename = "governor-visitor")]
    GovernorVisitor,
    /// Parents and carers, with the photo and video consent questions.
    #[serde(rename = "parent")]
    Parent,
}

impl TemplateKind {
    /// Every kind, in the order the school lists them.
    pub const ALL: [TemplateKind; 5] = [
        TemplateKind::Ks1,
        TemplateKind::Ks2,
        TemplateKind::Staff,
        TemplateKind::GovernorVisitor,
        TemplateKind::Parent,
    ];

    /// The code used in files, the store and the command line.
    pub fn code(self) -> &'static str {
        match self {
            TemplateKind::Ks1 => "ks1",
            TemplateKind::Ks2 => "ks2",
            TemplateKind::Staff => "staff",
            TemplateKind::GovernorVisitor => "governor-visitor",
            TemplateKind::Parent => "parent",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Result<TemplateKind, String> {
        TemplateKind::ALL
            .into_iter()
            .find(|k| k.code() == code.trim())
            .ok_or_else(|| {
                format!(
                    "'{code}' is not a kind of agreement; use ks1, ks2, staff, governor-visitor or parent"
                )
            })
    }

    /// [`TemplateKind::from_code`] as a core error.
    pub fn parse_arg(code: &str) -> Result<TemplateKind> {
        Self::from_code(code).map_err(|reason| Error::invalid("kind", reason))
    }
}

/// The agreement a person must sign, from what they are and (for pupils) their year group.
/// A pupil moving from Year 2 to Year 3 moves from `ks1` to `ks2`.
pub fn kind_for(person: PersonKind, year: Option<YearGroup>) -> TemplateKind {
    match person {
        PersonKind::Pupil => match year {
            Some(YearGroup::Year(n)) if n >= 3 => TemplateKind::Ks2,
            _ => TemplateKind::Ks1,
        },
        PersonKind::Parent => TemplateKind::Parent,
        PersonKind::Staff | PersonKind::Volunteer => TemplateKind::Staff,
        PersonKind::Governor | PersonKind::Visitor => TemplateKind::GovernorVisitor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_person_gets_the_agreement_for_their_age_and_role() {
        assert_eq!(
            kind_for(PersonKind::Pupil, Some(YearGroup::Nursery)),
            TemplateKind::Ks1
        );
        assert_eq!(
            kind_for(PersonKind::Pupil, Some(YearGroup::Reception)),
            TemplateKind::Ks1
        );
        assert_eq!(
            kind_for(PersonKind::Pupil, Some(YearGroup::Year(2))),
            TemplateKind::Ks1
        );
        assert_eq!(
            kind_for(PersonKind::Pupil, Some(YearGroup::Year(3))),
            TemplateKind::Ks2
        );
        assert_eq!(
            kind_for(PersonKind::Pupil, Some(YearGroup::Year(6))),
            TemplateKind::Ks2
        );
        assert_eq!(kind_for(PersonKind::Volunteer, None), TemplateKind::Staff);
        assert_eq!(
            kind_for(PersonKind::Visitor, None),
            TemplateKind::GovernorVisitor
        );
        assert_eq!(kind_for(PersonKind::Parent, None), TemplateKind::Parent);
        for kind in TemplateKind::ALL {
            assert_eq!(TemplateKind::from_code(kind.code()).unwrap(), kind);
        }
    }
}
