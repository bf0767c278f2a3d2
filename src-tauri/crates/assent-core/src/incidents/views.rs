//! What the log shows: incidents, their steps and history, access removals,
//! and the counts for the governors' summary. Built by the other modules;
//! only what the viewer may see is ever put in them.

use serde::Serialize;
use ts_rs::TS;

use super::{ActionKind, IncidentCategory, IncidentStatus, InvolvedRole};

/// Someone involved, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InvolvedPerson {
    /// Their record, if linked.
    pub person_id: Option<String>,
    /// Their name.
    pub name: String,
    /// How they were involved.
    pub role: InvolvedRole,
    /// Their class, for a linked pupil.
    pub class: Option<String>,
}

/// One incident in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IncidentSummary {
    /// Its id.
    pub id: String,
    /// The number the school uses for it.
    pub number: u32,
    /// When it happened, in UK time, ready to show.
    pub occurred: String,
    /// The day it happened (`YYYY-MM-DD`).
    pub occurred_on: String,
    /// Who reported it.
    pub reported_by: String,
    /// What sort of misuse.
    pub category: IncidentCategory,
    /// The category in words.
    pub category_label: String,
    /// Where it stands.
    pub status: IncidentStatus,
    /// A child-protection matter.
    pub child_protection: bool,
    /// The details are for the head or DSL only, so they are left out here.
    pub restricted: bool,
    /// The names of those involved (empty when restricted).
    pub people: Vec<String>,
    /// Access removals in force now.
    pub active_sanctions: u32,
}

/// One step taken, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IncidentAction {
    /// Its id (used to lift an access removal).
    pub id: String,
    /// Which step.
    pub kind: ActionKind,
    /// The step in words.
    pub label: String,
    /// Who did it.
    pub done_by: String,
    /// When (`YYYY-MM-DD`).
    pub done_on: String,
    /// Any note.
    pub note: Option<String>,
    /// For an access removal: whose.
    pub person_id: Option<String>,
    /// For an access removal: their name.
    pub person_name: Option<String>,
    /// For an access removal: its last day; none means until review.
    pub until: Option<String>,
    /// For an access removal lifted early: the day.
    pub lifted_on: Option<String>,
    /// For an access removal: whether it is in force today.
    pub in_force: bool,
    /// Who recorded the step, and when (UK time).
    pub recorded: String,
}

/// A change of status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StatusChange {
    /// The new status.
    pub status: IncidentStatus,
    /// The outcome, when closed.
    pub outcome: Option<String>,
    /// When (UK time).
    pub at: String,
    /// Who.
    pub by: String,
}

/// A file kept with an incident, without its contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AttachmentInfo {
    /// Its id.
    pub id: String,
    /// Its name.
    pub file_name: String,
    /// Its type.
    pub mime: String,
    /// Its size in bytes.
    pub size: u32,
}

/// Everything about one incident that the viewer may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IncidentDetail {
    /// The log's line for it.
    pub summary: IncidentSummary,
    /// What happened (empty when restricted).
    pub description: String,
    /// Web addresses involved.
    pub urls: Vec<String>,
    /// Everyone involved.
    pub people: Vec<InvolvedPerson>,
    /// Files kept with it.
    pub attachments: Vec<AttachmentInfo>,
    /// Who was told and what was done, oldest first.
    pub actions: Vec<IncidentAction>,
    /// Its status changes, oldest first.
    pub history: Vec<StatusChange>,
    /// The outcome, once closed.
    pub outcome: Option<String>,
    /// Who recorded it, and when (UK time).
    pub recorded: String,
    /// Whether the viewer may add actions and change its status.
    pub can_manage: bool,
}

/// An access removal in force, as the IT technician sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Sanction {
    /// The removal's id.
    pub action_id: String,
    /// The incident's number.
    pub incident_number: u32,
    /// Whose access.
    pub person_id: String,
    /// Their name.
    pub name: String,
    /// Removed from (`YYYY-MM-DD`).
    pub from: String,
    /// The last day it is removed; none means until review.
    pub until: Option<String>,
    /// The same, in words ("Access removed until 12 December 2026 (e-safety incident 3)").
    pub reason: String,
}

/// One category's count in each month of a summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CategoryCount {
    /// The category in words.
    pub category: String,
    /// The count in each month of the summary, in order.
    pub by_month: Vec<u32>,
    /// The count over the whole period.
    pub total: u32,
}

/// An open incident, for the head's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OpenIncident {
    /// The incident's number.
    pub number: u32,
    /// When it happened (`YYYY-MM-DD`).
    pub occurred_on: String,
    /// The category in words.
    pub category: String,
    /// Where it stands.
    pub status: IncidentStatus,
    /// A child-protection matter.
    pub child_protection: bool,
    /// Who was involved.
    pub people: Vec<String>,
    /// Access removals in force.
    pub active_sanctions: u32,
}

/// The termly summary for governors: counts only, no names. The open
/// incidents are for the head's own copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IncidentReport {
    /// The school's name.
    pub school: String,
    /// The first day covered (`YYYY-MM-DD`).
    pub from: String,
    /// The last day covered (`YYYY-MM-DD`).
    pub to: String,
    /// The months covered, in words ("September 2026").
    pub months: Vec<String>,
    /// Each category's counts, in the log's order (categories with none included).
    pub categories: Vec<CategoryCount>,
    /// Every category together, in each month.
    pub month_totals: Vec<u32>,
    /// Every incident in the period.
    pub total: u32,
    /// How many of them are closed.
    pub closed: u32,
    /// How many times each step was taken, in checklist order.
    pub actions: Vec<(String, u32)>,
    /// Every incident not yet closed, whenever it happened, oldest first.
    pub open: Vec<OpenIncident>,
}

/// An access removal, for a subject access export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessRemoval {
    /// Removed from (`YYYY-MM-DD`).
    pub from: String,
    /// The last day; none means until review.
    pub until: Option<String>,
    /// Lifted early on this day.
    pub lifted_on: Option<String>,
}

/// An incident someone was involved in, as their subject access export lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonIncident {
    /// The incident's number.
    pub number: u32,
    /// When it happened (`YYYY-MM-DD`).
    pub occurred_on: String,
    /// The category in words.
    pub category: String,
    /// The status in words.
    pub status: String,
    /// Their access removals under it.
    pub access_removals: Vec<AccessRemoval>,
}
