//! The e-safety incident log: misuse recorded, escalated and acted on.
//!
//! The school's e-safety policy asks the coordinator to keep a log of
//! incidents, reviewed by the head and governors, with a checklist of who was
//! told and what was done. Assent already knows who has which IT account, so
//! the most serious action — removing someone's network or internet access —
//! feeds straight into [`crate::accounts`]: while a removal is in force the
//! person is blocked (a provisioned account moves to "to suspend"), and once
//! it ends or is lifted the account's status is worked out as before.
//!
//! - Who sees what: a teacher or the office reports incidents and sees the
//!   ones they reported; the head (also the DSL and e-safety coordinator)
//!   sees and manages all; the IT technician sees only the access removals.
//!   A child-protection matter's details are for the head only: anyone else
//!   who may see the incident sees that it exists, and nothing more.
//! - Everything is append-only (actions, lifts, status changes and the
//!   child-protection flag are new rows) and every change is audited, with
//!   summaries that name nobody.
//! - Closed incidents are destroyed by the retention purge once the school's
//!   retention period has passed since they were closed, never before.

mod actions;
mod query;
mod record;
mod sanctions;
mod summary;
mod views;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use actions::{add_action, lift_sanction, set_child_protection, set_status};
pub use query::{attachment, detail, find, list, save_attachment};
pub use record::{add_attachment, record};
pub use sanctions::sanctions;
pub(crate) use sanctions::{about_person_in, active_sanctions_in, sanction_reason};
pub use summary::summary;
pub use views::{
    AccessRemoval, AttachmentInfo, CategoryCount, IncidentAction, IncidentDetail, IncidentReport,
    IncidentSummary, InvolvedPerson, OpenIncident, PersonIncident, Sanction, StatusChange,
};

/// What sort of misuse, following the user-actions table in the school's policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IncidentCategory {
    /// Accessing or trying to access material that could be illegal.
    IllegalMaterial,
    /// Accessing offensive, pornographic or otherwise unsuitable material.
    InappropriateMaterial,
    /// Proxy sites or other ways round the school's filtering.
    BypassingFiltering,
    /// Sharing passwords, or using someone else's account.
    AccountMisuse,
    /// Offensive, harassing or bullying messages.
    Cyberbullying,
    /// Breaching copyright or data protection.
    CopyrightDataProtection,
    /// Unauthorised use of a phone, camera or other device, or of social media.
    UnauthorisedDevice,
    /// Corrupting or destroying data, or damaging equipment.
    Damage,
    /// Anything else.
    Other,
}

impl IncidentCategory {
    /// Every category, in the order the log lists them.
    pub const ALL: [IncidentCategory; 9] = [
        IncidentCategory::IllegalMaterial,
        IncidentCategory::InappropriateMaterial,
        IncidentCategory::BypassingFiltering,
        IncidentCategory::AccountMisuse,
        IncidentCategory::Cyberbullying,
        IncidentCategory::CopyrightDataProtection,
        IncidentCategory::UnauthorisedDevice,
        IncidentCategory::Damage,
        IncidentCategory::Other,
    ];

    /// The stored code, also typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            IncidentCategory::IllegalMaterial => "illegal_material",
            IncidentCategory::InappropriateMaterial => "inappropriate_material",
            IncidentCategory::BypassingFiltering => "bypassing_filtering",
            IncidentCategory::AccountMisuse => "account_misuse",
            IncidentCategory::Cyberbullying => "cyberbullying",
            IncidentCategory::CopyrightDataProtection => "copyright_data_protection",
            IncidentCategory::UnauthorisedDevice => "unauthorised_device",
            IncidentCategory::Damage => "damage",
            IncidentCategory::Other => "other",
        }
    }

    /// Reads a stored or typed code (`-` and `_` alike).
    pub fn from_code(code: &str) -> Option<IncidentCategory> {
        let c = code.trim().to_lowercase().replace('-', "_");
        IncidentCategory::ALL.into_iter().find(|k| k.code() == c)
    }

    /// The category in words.
    pub fn label(self) -> &'static str {
        match self {
            IncidentCategory::IllegalMaterial => "Illegal material",
            IncidentCategory::InappropriateMaterial => "Inappropriate material",
            IncidentCategory::BypassingFiltering => "Getting round the filtering",
            IncidentCategory::AccountMisuse => "Sharing passwords or using another's account",
            IncidentCategory::Cyberbullying => "Cyberbullying or offensive messages",
            IncidentCategory::CopyrightDataProtection => "Copyright or data protection breach",
            IncidentCategory::UnauthorisedDevice => "Unauthorised device or social media use",
            IncidentCategory::Damage => "Damage to data or equipment",
            IncidentCategory::Other => "Other",
        }
    }
}

/// Where an incident stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IncidentStatus {
    /// Recorded, and not yet looked at.
    Open,
    /// Being looked into.
    UnderReview,
    /// Dealt with; the outcome is recorded.
    Closed,
}

impl IncidentStatus {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            IncidentStatus::Open => "open",
            IncidentStatus::UnderReview => "under_review",
            IncidentStatus::Closed => "closed",
        }
    }

    /// Reads a stored or typed code.
    pub fn from_code(code: &str) -> Option<IncidentStatus> {
        let c = code.trim().to_lowercase().replace(['-', ' '], "_");
        [
            IncidentStatus::Open,
            IncidentStatus::UnderReview,
            IncidentStatus::Closed,
        ]
        .into_iter()
        .find(|s| s.code() == c)
    }

    /// The status in words.
    pub fn label(self) -> &'static str {
        match self {
            IncidentStatus::Open => "Open",
            IncidentStatus::UnderReview => "Under review",
            IncidentStatus::Closed => "Closed",
        }
    }
}

/// One step on the checklist of who was told and what was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Referred to the class teacher.
    ClassTeacher,
    /// Referred to the head of computing or IT.
    HeadOfComputing,
    /// Referred to the headteacher.
    Headteacher,
    /// Referred to the police.
    Police,
    /// Referred to technical support about filtering or security.
    TechnicalSupport,
    /// Parents or carers told.
    ParentsInformed,
    /// A warning given.
    Warning,
    /// A further sanction, such as a detention or exclusion.
    FurtherSanction,
    /// Network and internet access removed, until a date or until review.
    AccessRemoved,
}

impl ActionKind {
    /// Every action, in checklist order.
    pub const ALL: [ActionKind; 9] = [
        ActionKind::ClassTeacher,
        ActionKind::HeadOfComputing,
        ActionKind::Headteacher,
        ActionKind::Police,
        ActionKind::TechnicalSupport,
        ActionKind::ParentsInformed,
        ActionKind::Warning,
        ActionKind::FurtherSanction,
        ActionKind::AccessRemoved,
    ];

    /// The stored code, also typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            ActionKind::ClassTeacher => "class_teacher",
            ActionKind::HeadOfComputing => "head_of_computing",
            ActionKind::Headteacher => "headteacher",
            ActionKind::Police => "police",
            ActionKind::TechnicalSupport => "technical_support",
            ActionKind::ParentsInformed => "parents_informed",
            ActionKind::Warning => "warning",
            ActionKind::FurtherSanction => "further_sanction",
            ActionKind::AccessRemoved => "access_removed",
        }
    }

    /// Reads a stored or typed code (`-` and `_` alike).
    pub fn from_code(code: &str) -> Option<ActionKind> {
        let c = code.trim().to_lowercase().replace('-', "_");
        ActionKind::ALL.into_iter().find(|k| k.code() == c)
    }

    /// The action in words.
    pub fn label(self) -> &'static str {
        match self {
            ActionKind::ClassTeacher => "Referred to the class teacher",
            ActionKind::HeadOfComputing => "Referred to the head of computing or IT",
            ActionKind::Headteacher => "Referred to the headteacher",
            ActionKind::Police => "Referred to the police",
            ActionKind::TechnicalSupport => "Referred to technical support (filtering or security)",
            ActionKind::ParentsInformed => "Parents or carers informed",
            ActionKind::Warning => "Warning given",
            ActionKind::FurtherSanction => "Further sanction",
            ActionKind::AccessRemoved => "Network and internet access removed",
        }
    }
}

/// How someone was involved: a pupil, a member of staff, or anyone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InvolvedRole {
    /// A pupil.
    Pupil,
    /// A member of staff.
    Staff,
    /// A volunteer, governor, visitor, parent or someone from outside.
    Other,
}

impl InvolvedRole {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            InvolvedRole::Pupil => "pupil",
            InvolvedRole::Staff => "staff",
            InvolvedRole::Other => "other",
        }
    }

    fn from_code(code: &str) -> InvolvedRole {
        match code {
            "pupil" => InvolvedRole::Pupil,
            "staff" => InvolvedRole::Staff,
            _ => InvolvedRole::Other,
        }
    }
}

/// Someone involved, as the reporter gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct InvolvedInput {
    /// Their record, when the school has one (name and role then come from it).
    pub person_id: Option<String>,
    /// Their name, when they have no record.
    pub name: Option<String>,
    /// How they were involved, when they have no record (default: other).
    pub role: Option<InvolvedRole>,
}

/// A file kept with an incident.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AttachmentInput {
    /// The file's name as chosen.
    pub file_name: String,
    /// Its contents: a PNG or JPEG picture or a PDF, up to 10 MB.
    pub bytes: Vec<u8>,
}

/// A new incident, as the reporter fills it in.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct IncidentInput {
    /// The day it happened (`YYYY-MM-DD` or `dd/mm/yyyy`).
    pub date: String,
    /// The time it happened (`HH:MM`, UK time), if known.
    pub time: Option<String>,
    /// Who reported it.
    pub reported_by: String,
    /// Everyone involved.
    pub people: Vec<InvolvedInput>,
    /// What sort of misuse.
    pub category: IncidentCategory,
    /// What happened.
    pub description: String,
    /// Web addresses involved.
    pub urls: Vec<String>,
    /// Screenshots and other files.
    pub attachments: Vec<AttachmentInput>,
    /// A child-protection matter (only the head or DSL may say so, and see it).
    pub child_protection: bool,
}

/// One step taken, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ActionInput {
    /// Which step.
    pub kind: ActionKind,
    /// Who did it.
    pub done_by: String,
    /// When (`YYYY-MM-DD` or `dd/mm/yyyy`; default today).
    pub date: Option<String>,
    /// Anything worth noting.
    pub note: Option<String>,
    /// For an access removal: whose access (someone involved, with a record).
    pub person_id: Option<String>,
    /// For an access removal: the last day it is removed; none means until review.
    pub until: Option<String>,
}

/// Which incidents to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct IncidentFilter {
    /// Happened on or after this day (`YYYY-MM-DD` or `dd/mm/yyyy`).
    pub from: Option<String>,
    /// Happened on or before this day.
    pub to: Option<String>,
    /// Only this category.
    pub category: Option<IncidentCategory>,
    /// Only those involving this person.
    pub person_id: Option<String>,
    /// Only those involving a pupil in this class.
    pub class: Option<String>,
    /// Only those with this status.
    pub status: Option<IncidentStatus>,
}
