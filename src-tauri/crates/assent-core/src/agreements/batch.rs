//! A class's returned paper forms, entered one after another. The batch screen
//! reads everything it needs once: the pupils and where each stands, the
//! parents and carers who may sign for them, those adults' own children (whose
//! photo and video choices the parent agreement asks), the texts in use now and
//! the questions asked. Each form is then saved with one call to [`super::sign`]
//! (or [`super::add_signature`] for a parent's signature that arrives later), which
//! checks everything again.

use std::collections::HashMap;

use crate::db::Conn;
use serde::Serialize;
use ts_rs::TS;

use super::plan::{children_of, parents_of};
use super::status::{status_in, status_in_any_order};
use super::{AgreementStatus, PlanContact, StatusFilter};
use crate::auth::Permission;
use crate::consent::{self, Purpose};
use crate::people::PersonKind;
use crate::templates::{self, TemplateKind, TemplateSummary};
use crate::{Result, Store, time};

/// One pupil whose form may come back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BatchPupil {
    /// Their id.
    pub person_id: String,
    /// Their name as the school uses it.
    pub name: String,
    /// Their first name as the school uses it (a KS1 child's mark is recorded under it).
    pub first_name: String,
    /// The MIS's admission number, which a scanned form may carry.
    pub admission_number: Option<String>,
    /// Their unique pupil number, which a scanned form may carry.
    pub upn: Option<String>,
    /// The agreement they sign (KS1 or KS2).
    pub kind: TemplateKind,
    /// Where they stand now.
    pub status: AgreementStatus,
    /// When their latest agreement was completed, as the school reads it.
    pub signed_at: Option<String>,
    /// Their agreement on the current text that waits only for a parent's signature.
    pub awaiting_parent: Option<String>,
    /// The parents and carers with parental responsibility, who alone may sign, first contact first.
    pub parents: Vec<PlanContact>,
}

/// A parent or carer of a pupil in the class, who signs the parent agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BatchParent {
    /// Their id.
    pub person_id: String,
    /// Their name as the school uses it.
    pub name: String,
    /// Where their own parent agreement stands.
    pub status: AgreementStatus,
    /// When they last completed it, as the school reads it.
    pub signed_at: Option<String>,
    /// Their children on roll, in this class or another, whose photo and video
    /// choices the parent agreement asks.
    pub children: Vec<PlanContact>,
}

/// Everything the batch screen needs for one class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PaperBatch {
    /// The class.
    pub class: String,
    /// Its pupils on roll, in register order.
    pub pupils: Vec<BatchPupil>,
    /// Every parent or carer with parental responsibility for one of them.
    pub parents: Vec<BatchParent>,
    /// The version in use now of each agreement the forms can be (KS1, KS2, parent).
    pub templates: Vec<TemplateSummary>,
    /// The photo and video questions the parent agreement asks now.
    pub purposes: Vec<Purpose>,
}

/// What the batch screen needs to record `class`'s returned paper forms.
pub fn paper_batch(store: &Store, class: &str) -> Result<PaperBatch> {
    store.require(Permission::RecordPaper)?;
    paper_batch_in(store.conn(), class)
}

/// What a pupil is called and the codes a scanned form may carry.
struct Known {
    first_name: String,
    admission_number: Option<String>,
    upn: Option<String>,
}

/// The first names and codes of each pupil in `class`, by id.
fn pupil_details(conn: &Conn, class: &str) -> Result<HashMap<String, Known>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, coalesce(preferred_given_name, given_name), mis_id, upn
         FROM people WHERE kind = 'pupil' AND class_name = ?1",
    )?;
    let rows = stmt.query_map([class], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Known {
                first_name: r.get(1)?,
                admission_number: r.get(2)?,
                upn: r.get(3)?,
            },
        ))
    })?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

fn paper_batch_in(conn: &Conn, class: &str) -> Result<PaperBatch> {
    let today = time::today().to_string();
    let rows = status_in(
        conn,
        &StatusFilter {
            class: Some(class.to_owned()),
            ..StatusFilter::default()
        },
    )?;
    let mut details = pupil_details(conn, class)?;
    let mut pupils = Vec::with_capacity(rows.len());
    let mut parent_ids: Vec<String> = Vec::new();
    for row in rows {
        let known = details.remove(&row.person_id).unwrap_or_else(|| Known {
            first_name: row.name.clone(),
            admission_number: None,
            upn: None,
        });
        let parents = parents_of(conn, &row.person_id)?;
        for p in &parents {
            if !parent_ids.contains(&p.id) {
                parent_ids.push(p.id.clone());
            }
        }
        pupils.push(BatchPupil {
            awaiting_parent: (row.status == AgreementStatus::AwaitingParent)
                .then(|| row.agreement_id.clone())
                .flatten(),
            person_id: row.person_id,
            name: row.name,
            first_name: known.first_name,
            admission_number: known.admission_number,
            upn: known.upn,
            kind: row.agreement_kind,
            status: row.status,
            signed_at: row.signed_at,
            parents,
        });
    }
    // One status query for every parent, rather than one for each.
    let mut statuses: HashMap<String, (AgreementStatus, Option<String>)> = status_in_any_order(
        conn,
        &StatusFilter {
            kind: Some(PersonKind::Parent),
            ..StatusFilter::default()
        },
    )?
    .into_iter()
    .map(|r| (r.person_id, (r.status, r.signed_at)))
    .collect();
    let mut names: HashMap<String, String> = pupils
        .iter()
        .flat_map(|p| p.parents.iter())
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    let mut parents = Vec::with_capacity(parent_ids.len());
    for id in parent_ids {
        let (status, signed_at) = statuses
            .remove(&id)
            .unwrap_or((AgreementStatus::NotSigned, None));
        parents.push(BatchParent {
            children: children_of(conn, &id, &today)?,
            name: names.remove(&id).unwrap_or_default(),
            person_id: id,
            status,
            signed_at,
        });
    }
    let kinds = [TemplateKind::Ks1, TemplateKind::Ks2, TemplateKind::Parent];
    let templates = templates::list_in(conn)?
        .into_iter()
        .filter(|t| t.current && kinds.contains(&t.kind))
        .collect();
    let purposes = consent::purposes_in(conn)?
        .into_iter()
        .filter(|p| !p.retired)
        .collect();
    Ok(PaperBatch {
        class: class.to_owned(),
        pupils,
        parents,
        templates,
        purposes,
    })
}
