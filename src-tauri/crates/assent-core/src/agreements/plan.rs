//! What one person should sign now: the current text of their agreement, who
//! signs it and in which order, and (for a parent) the children whose photo
//! consent is asked in the same sitting. The signing screen follows this plan
//! instead of working the rules out for itself.

use crate::db::Conn;
use crate::params;
use serde::Serialize;
use ts_rs::TS;

use super::rules::{refuse, required_roles};
use super::status::status_for_in;
use super::{SignerRole, StatusRow};
use crate::Store;
use crate::auth::Permission;
use crate::people::{self, PersonKind};
use crate::templates::{self, TemplateKind, TemplateVersion};
use crate::{Error, Result, time};

/// One signature the screen collects, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlannedSigner {
    /// Who signs.
    pub role: SignerRole,
    /// Whether the agreement is complete without it (a KS1 child's mark).
    pub optional: bool,
}

/// Someone linked to the person signing: a parent or carer who may sign for a
/// pupil, or a child whose photo consent a parent gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanContact {
    /// Their id.
    pub id: String,
    /// Their name as the school uses it.
    pub name: String,
    /// How they are related ("Mother"), or the child's class.
    pub detail: Option<String>,
}

/// Everything the signing screen needs for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SigningPlan {
    /// Whose agreement it is.
    pub person_id: String,
    /// Their name as the school uses it.
    pub name: String,
    /// Their first name as the school uses it, for speaking to a child.
    pub first_name: String,
    /// What they are to the school.
    pub person_kind: PersonKind,
    /// Their class, for pupils.
    pub class: Option<String>,
    /// The agreement they sign.
    pub kind: TemplateKind,
    /// Its current version, exactly as it is shown and hashed.
    pub template: TemplateVersion,
    /// The signatures to collect, in order.
    pub signers: Vec<PlannedSigner>,
    /// For a pupil: the parents and carers with parental responsibility, who alone may sign.
    pub parents: Vec<PlanContact>,
    /// For a parent or carer: their children on roll, whose photo consent they give.
    pub children: Vec<PlanContact>,
    /// Where they stand now.
    pub status: StatusRow,
    /// An agreement on the current text that is waiting only for a parent's signature.
    pub awaiting_parent: Option<String>,
}

fn display_name(p: &people::PersonFields) -> (String, String) {
    let given = p
        .preferred_given_name
        .clone()
        .unwrap_or_else(|| p.given_name.clone());
    let family = p
        .preferred_family_name
        .clone()
        .unwrap_or_else(|| p.family_name.clone());
    (format!("{given} {family}"), given)
}

/// The order signatures are collected in for each kind of agreement.
pub(crate) fn signers_for(kind: TemplateKind) -> Vec<PlannedSigner> {
    let required = required_roles(kind);
    let order: &[SignerRole] = match kind {
        TemplateKind::Ks1 => &[SignerRole::Parent, SignerRole::ChildMark],
        TemplateKind::Ks2 => &[SignerRole::Pupil, SignerRole::Parent],
        TemplateKind::Staff | TemplateKind::GovernorVisitor | TemplateKind::Parent => {
            &[SignerRole::Themselves]
        }
    };
    order
        .iter()
        .map(|&role| PlannedSigner {
            role,
            optional: !required.contains(&role),
        })
        .collect()
}

pub(super) fn parents_of(conn: &Conn, pupil: &str) -> Result<Vec<PlanContact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, coalesce(p.preferred_given_name, p.given_name) || ' ' || coalesce(p.preferred_family_name, p.family_name),
                l.relationship
         FROM contact_links l JOIN people p ON p.id = l.contact_id
         WHERE l.pupil_id = ?1 AND l.parental_responsibility = TRUE
         ORDER BY l.priority, p.family_name, p.given_name",
    )?;
    let rows = stmt.query_map([pupil], |r| {
        let rel: String = r.get(2)?;
        Ok(PlanContact {
            id: r.get(0)?,
            name: r.get(1)?,
            detail: Some(crate::values::relationship_meaning(&rel).map_or(rel, str::to_owned)),
        })
    })?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

pub(super) fn children_of(conn: &Conn, parent: &str, today: &str) -> Result<Vec<PlanContact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, coalesce(p.preferred_given_name, p.given_name) || ' ' || coalesce(p.preferred_family_name, p.family_name),
                p.class_name
         FROM contact_links l JOIN people p ON p.id = l.pupil_id
         WHERE l.contact_id = ?1 AND l.parental_responsibility = TRUE
           AND (p.leaving_date IS NULL OR p.leaving_date >= ?2)
         ORDER BY p.year_group DESC, p.family_name, p.given_name",
    )?;
    let rows = stmt.query_map(params![parent, today], |r| {
        Ok(PlanContact {
            id: r.get(0)?,
            name: r.get(1)?,
            detail: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// What `person_id` should sign now. Someone who has left cannot sign, so has no plan.
pub fn plan(store: &Store, person_id: &str) -> Result<SigningPlan> {
    store.require_for(Permission::ViewAgreements, person_id)?;
    plan_in(store.conn(), person_id)
}

fn plan_in(conn: &Conn, person_id: &str) -> Result<SigningPlan> {
    let person = people::get(conn, person_id)?
        .ok_or_else(|| Error::invalid("person", format!("There is nobody with id {person_id}.")))?;
    let today = time::today().to_string();
    let (name, first_name) = display_name(&person);
    if person
        .leaving_date
        .as_deref()
        .is_some_and(|d| d < today.as_str())
    {
        return Err(refuse(format!(
            "{name} has left the school and cannot sign."
        )));
    }
    let person_kind = person.kind.unwrap_or(PersonKind::Staff);
    let kind = templates::kind_for(person_kind, person.year_group);
    let template = templates::version_in(conn, kind, None)?;
    let status = status_for_in(conn, person_id)?
        .ok_or_else(|| Error::invalid("person", format!("{name} is not on roll.")))?;
    let awaiting_parent = (status.status == super::AgreementStatus::AwaitingParent)
        .then(|| status.agreement_id.clone())
        .flatten();
    Ok(SigningPlan {
        person_id: person_id.to_owned(),
        name,
        first_name,
        person_kind,
        class: person.class_name.clone(),
        kind,
        signers: signers_for(kind),
        parents: if person_kind == PersonKind::Pupil {
            parents_of(conn, person_id)?
        } else {
            Vec::new()
        },
        children: if person_kind == PersonKind::Parent {
            children_of(conn, person_id, &today)?
        } else {
            Vec::new()
        },
        template,
        status,
        awaiting_parent,
    })
}
