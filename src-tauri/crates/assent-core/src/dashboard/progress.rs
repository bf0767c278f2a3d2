//! How far each class and each group has got: agreements current, and
//! photo consent answered, out of everyone on roll.
//!
//! Both come from lists the rest of the app shows (every person's agreement
//! status, and the consent grid), each read once for everybody, so the bars
//! agree with the lists they open.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use crate::agreements::{AgreementStatus, StatusRow};
use crate::consent::{ConsentGrid, ConsentRow};
use crate::people::{ClassSummary, PersonKind};

/// Where a group stands with photo and video consent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct ConsentProgress {
    /// Pupils whose family has answered every purpose in this consent period.
    pub answered: u32,
    /// Pupils under a safeguarding hold: never photographed, so never chased.
    pub held: u32,
    /// Pupils with at least one purpose still unanswered (not held).
    pub missing: u32,
}

/// One class's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClassProgress {
    /// The class.
    pub class: String,
    /// The year group most of its pupils are in ("Year 3").
    pub year_group: Option<String>,
    /// Pupils on roll.
    pub on_roll: u32,
    /// Pupils whose agreement is signed on the current text.
    pub current: u32,
    /// Their consent, if the signed-in user may see consent.
    pub consent: Option<ConsentProgress>,
}

/// One group's figures (pupils, parents and carers, staff…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AudienceProgress {
    /// The group.
    pub kind: PersonKind,
    /// On roll.
    pub on_roll: u32,
    /// With an agreement signed on the current text.
    pub current: u32,
    /// For pupils, their consent (if the signed-in user may see consent).
    pub consent: Option<ConsentProgress>,
}

/// The figures behind the dashboard's bars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Progress {
    /// Each class with pupils on roll, youngest year first.
    pub classes: Vec<ClassProgress>,
    /// Each group with anyone on roll, pupils first.
    pub audiences: Vec<AudienceProgress>,
}

/// A pupil's consent row counted: answered, held, or missing.
fn count_row(into: &mut ConsentProgress, row: &ConsentRow) {
    if row.hold {
        into.held += 1;
    } else if row.cells.iter().all(|c| c.answered) {
        into.answered += 1;
    } else {
        into.missing += 1;
    }
}

/// The figures from everyone's status (as the user may see them), the classes,
/// and the consent grid of every class (`None` when the user may not see consent,
/// or the school asks about no purposes).
pub(crate) fn progress(
    statuses: &[StatusRow],
    classes: &[ClassSummary],
    consent: Option<&ConsentGrid>,
) -> Progress {
    let consent = consent.filter(|g| !g.purposes.is_empty());
    let mut by_class: HashMap<&str, (u32, u32)> = HashMap::new();
    let mut by_kind: HashMap<PersonKind, (u32, u32)> = HashMap::new();
    for r in statuses {
        let signed = u32::from(r.status == AgreementStatus::Signed);
        let k = by_kind.entry(r.kind).or_default();
        k.0 += 1;
        k.1 += signed;
        if let (PersonKind::Pupil, Some(class)) = (r.kind, r.class.as_deref()) {
            let c = by_class.entry(class).or_default();
            c.0 += 1;
            c.1 += signed;
        }
    }
    let mut consent_by_class: HashMap<&str, ConsentProgress> = HashMap::new();
    let mut all_pupils = ConsentProgress::default();
    for row in consent.map(|g| g.rows.as_slice()).unwrap_or_default() {
        count_row(&mut all_pupils, row);
        if let Some(class) = row.class.as_deref() {
            count_row(consent_by_class.entry(class).or_default(), row);
        }
    }
    let classes = classes
        .iter()
        .filter_map(|c| {
            let (on_roll, current) = by_class.get(c.name.as_str()).copied()?;
            Some(ClassProgress {
                class: c.name.clone(),
                year_group: c.year_group.clone(),
                on_roll,
                current,
                consent: consent.map(|_| {
                    consent_by_class
                        .get(c.name.as_str())
                        .copied()
                        .unwrap_or_default()
                }),
            })
        })
        .collect();
    let audiences = PersonKind::ALL
        .iter()
        .filter_map(|&kind| {
            let (on_roll, current) = by_kind.get(&kind).copied()?;
            Some(AudienceProgress {
                kind,
                on_roll,
                current,
                consent: (kind == PersonKind::Pupil)
                    .then_some(consent.map(|_| all_pupils))
                    .flatten(),
            })
        })
        .collect();
    Progress { classes, audiences }
}
