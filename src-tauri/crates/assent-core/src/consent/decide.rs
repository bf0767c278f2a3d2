//! Recording choices, withdrawals and safeguarding holds.

use crate::db::{Conn, OptionalExtension};
use crate::params;
use chrono::NaiveDate;
use uuid::Uuid;

use super::ConsentMethod;
use super::purposes::resolve;
use crate::auth::Permission;
use crate::people::{self, PersonKind};
use crate::{Actor, Error, Result, Store, audit, store, values};

/// One choice as the office (or the parent agreement) records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionInput {
    /// Whose photos the choice is about.
    pub person_id: String,
    /// The purpose's code.
    pub purpose: String,
    /// Yes or no.
    pub yes: bool,
    /// Who gave it: a contact with parental responsibility, or (for staff) themselves.
    pub given_by: String,
    /// How it reached the school.
    pub method: ConsentMethod,
    /// When it was given (default today).
    pub date: Option<NaiveDate>,
}

/// The giver's name, after checking they may decide for this person.
fn check_giver(conn: &Conn, person_id: &str, kind: PersonKind, given_by: &str) -> Result<String> {
    let giver = people::get(conn, given_by)?.ok_or_else(|| {
        Error::invalid("given by", format!("There is nobody with id {given_by}."))
    })?;
    let name = format!("{} {}", giver.given_name, giver.family_name);
    if kind == PersonKind::Pupil {
        let pr: Option<bool> = conn
            .query_row(
                "SELECT parental_responsibility FROM contact_links WHERE pupil_id = ?1 AND contact_id = ?2",
                params![person_id, given_by],
                |r| r.get(0),
            )
            .optional()?;
        if pr != Some(true) {
            return Err(Error::invalid(
                "given by",
                format!(
                    "{name} is not a parent or carer with parental responsibility for this pupil, so cannot decide."
                ),
            ));
        }
    } else if given_by != person_id {
        return Err(Error::invalid(
            "given by",
            "An adult decides about their own photos.",
        ));
    }
    Ok(name)
}

fn person_kind(conn: &Conn, person_id: &str) -> Result<PersonKind> {
    let p = people::get(conn, person_id)?
        .ok_or_else(|| Error::invalid("person", format!("There is nobody with id {person_id}.")))?;
    match p.kind {
        Some(k @ (PersonKind::Pupil | PersonKind::Staff)) => Ok(k),
        _ => Err(Error::invalid(
            "person",
            "Photo consent is recorded for pupils and staff.",
        )),
    }
}

#[allow(clippy::too_many_arguments)]
fn insert(
    conn: &Conn,
    person_id: &str,
    purpose_id: &str,
    explanation_id: &str,
    yes: bool,
    withdrawal: bool,
    given_by: Option<&str>,
    given_by_name: &str,
    method: &str,
    date: NaiveDate,
    reason: Option<&str>,
    actor: &Actor,
    agreement_id: Option<&str>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO consent_decisions (id, person_id, purpose_id, answer, withdrawal, given_by_person_id,
             given_by_name, method, decided_on, explanation_id, reason, recorded_at, recorded_by, agreement_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            Uuid::now_v7().to_string(),
            person_id,
            purpose_id,
            if yes { "yes" } else { "no" },
            withdrawal,
            given_by,
            given_by_name,
            method,
            date.to_string(),
            explanation_id,
            reason,
            store::now(),
            actor.as_str(),
            agreement_id
        ],
    )?;
    Ok(())
}

fn decision_date(date: Option<NaiveDate>) -> Result<NaiveDate> {
    let today = crate::time::today();
    let date = date.unwrap_or(today);
    if date > today {
        return Err(Error::invalid("date", "The date is in the future."));
    }
    Ok(date)
}

/// Records one yes or no.
pub fn set(store: &mut Store, input: &DecisionInput) -> Result<()> {
    let actor = &store
        .require_for(Permission::RecordConsent, &input.person_id)?
        .actor();
    store.write(|tx| record(tx, input, actor, None))
}

/// [`set`] inside a transaction that is already open (the parent agreement
/// records several, each naming the agreement it was made in).
pub(crate) fn record(
    tx: &Conn,
    input: &DecisionInput,
    actor: &Actor,
    agreement_id: Option<&str>,
) -> Result<()> {
    let kind = person_kind(tx, &input.person_id)?;
    let (purpose_id, explanation_id, purpose_name) = resolve(tx, &input.purpose)?;
    let giver = check_giver(tx, &input.person_id, kind, &input.given_by)?;
    let date = decision_date(input.date)?;
    insert(
        tx,
        &input.person_id,
        &purpose_id,
        &explanation_id,
        input.yes,
        false,
        Some(&input.given_by),
        &giver,
        input.method.code(),
        date,
        None,
        actor,
        agreement_id,
    )?;
    audit::record(
        tx,
        actor,
        "consent.set",
        "person",
        Some(&input.person_id),
        &format!(
            "{purpose_name}: {} from {giver} ({}, {date})",
            if input.yes { "yes" } else { "no" },
            input.method.code()
        ),
    )
}

/// Withdraws consent for one purpose at once, whoever gave it.
pub fn withdraw(
    store: &mut Store,
    person_id: &str,
    purpose: &str,
    reason: Option<&str>,
) -> Result<()> {
    let actor = &store
        .require_for(Permission::RecordConsent, person_id)?
        .actor();
    store.write(|tx| {
        person_kind(tx, person_id)?;
        let (purpose_id, explanation_id, purpose_name) = resolve(tx, purpose)?;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        insert(
            tx,
            person_id,
            &purpose_id,
            &explanation_id,
            false,
            true,
            None,
            // The staff member who took the request: a withdrawal stands
            // whichever parent asked for it.
            actor.as_str(),
            "in_person",
            crate::time::today(),
            reason,
            actor,
            None,
        )?;
        audit::record(
            tx,
            actor,
            "consent.withdraw",
            "person",
            Some(person_id),
            &format!(
                "{purpose_name}: consent withdrawn{}",
                reason.map(|r| format!(" ({r})")).unwrap_or_default()
            ),
        )
    })
}

/// Sets a safeguarding hold: never photograph or publish this pupil. The reason is private.
pub fn hold(store: &mut Store, person_id: &str, reason: &str) -> Result<()> {
    let actor = store.require(Permission::Safeguarding)?.actor();
    hold_event(store, person_id, "set", reason, &actor)
}

/// Releases a safeguarding hold; the pupil's own choices apply again.
pub fn release_hold(store: &mut Store, person_id: &str, reason: &str) -> Result<()> {
    let actor = store.require(Permission::Safeguarding)?.actor();
    hold_event(store, person_id, "release", reason, &actor)
}

fn hold_event(
    store: &mut Store,
    person_id: &str,
    action: &str,
    reason: &str,
    actor: &Actor,
) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(Error::invalid(
            "reason",
            "A safeguarding hold needs a reason (it is kept private).",
        ));
    }
    store.write(|tx| {
        person_kind(tx, person_id)?;
        let held: bool = tx
            .query_row(
                "SELECT action = 'set' FROM consent_holds WHERE person_id = ?1 ORDER BY at DESC, id DESC LIMIT 1",
                [person_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(false);
        if held == (action == "set") {
            return Err(Error::invalid(
                "hold",
                if held { "This pupil already has a safeguarding hold." } else { "This pupil has no safeguarding hold to release." },
            ));
        }
        tx.execute(
            "INSERT INTO consent_holds (id, person_id, action, reason, at, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![Uuid::now_v7().to_string(), person_id, action, reason.trim(), store::now(), actor.as_str()],
        )?;
        // The audit log says that a hold changed, never why.
        audit::record(
            tx,
            actor,
            if action == "set" { "consent.hold" } else { "consent.release" },
            "person",
            Some(person_id),
            if action == "set" { "Safeguarding hold set" } else { "Safeguarding hold released" },
        )
    })
}

/// Parses a yes/no answer typed on the command line.
pub fn parse_answer(text: &str) -> Result<bool> {
    values::parse_yes_no(text).map_err(|reason| Error::invalid("answer", reason))
}
