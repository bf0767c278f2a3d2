//! Acting on an incident: the checklist, access removals, status and the
//! child-protection flag. All of it is the head's (as coordinator and DSL).
//!
//! An access removal is read by [`crate::accounts`] while it is in force, so
//! the person's account is blocked (or moves to "to suspend"); lifting it, or
//! its last day passing, needs no second step for the account to follow.

use crate::db::{Conn, OptionalExtension};
use crate::params;
use chrono::NaiveDate;
use uuid::Uuid;

use super::query::{Access, access, detail_for, in_force, parse_day, uk_date, visible};
use super::sanctions::sanction_reason;
use super::{ActionInput, ActionKind, IncidentDetail, IncidentStatus};
use crate::auth::Permission;
use crate::people::PersonKind;
use crate::{Actor, Error, Result, Store, audit, store, time};

/// The manager's access and audit name, or a refusal.
fn manager(store: &Store) -> Result<(Access, Actor)> {
    let actor = store.require(Permission::ManageIncidents)?.actor();
    Ok((access(store)?, actor))
}

/// Records a change to an incident in the audit log, as "Incident 12: …".
fn record_change(
    tx: &Conn,
    actor: &Actor,
    action: &str,
    incident_id: &str,
    number: u32,
    what: &str,
) -> Result<()> {
    audit::record(
        tx,
        actor,
        action,
        "incident",
        Some(incident_id),
        &format!("Incident {number}: {what}"),
    )
}

fn optional_text(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// The checked parts of an access removal: whose, and until when.
fn removal(
    conn: &Conn,
    incident_id: &str,
    input: &ActionInput,
    done_on: NaiveDate,
) -> Result<(String, Option<String>, String)> {
    let person_id = input
        .person_id
        .as_deref()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| Error::invalid("person", "Choose whose access is removed."))?;
    let found: Option<(String, String)> = conn
        .query_row(
            "SELECT ip.name, p.kind FROM incident_people ip JOIN people p ON p.id = ip.person_id
             WHERE ip.incident_id = ?1 AND ip.person_id = ?2",
            params![incident_id, person_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (name, kind) = found.ok_or_else(|| {
        Error::invalid(
            "person",
            "Access can only be removed for someone involved in this incident who has a record.",
        )
    })?;
    if PersonKind::from_code(&kind)? == PersonKind::Parent {
        return Err(Error::invalid(
            "person",
            format!("{name} is a parent or carer, who has no school account."),
        ));
    }
    let until = match input
        .until
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        None => None,
        Some(text) => {
            let day = parse_day("until", text)?;
            if day < time::today() {
                return Err(Error::invalid(
                    "until",
                    "The last day has already passed; choose today or later, or leave it empty for until review.",
                ));
            }
            if day < done_on {
                return Err(Error::invalid(
                    "until",
                    "The last day is before the day access was removed.",
                ));
            }
            Some(day.to_string())
        }
    };
    let already: bool = conn.query_row(
        &format!(
            "SELECT EXISTS (SELECT 1 FROM incident_actions a
             WHERE a.incident_id = ?1 AND a.person_id = ?2 AND {})",
            in_force("?3")
        ),
        params![incident_id, person_id, time::today().to_string()],
        |r| r.get(0),
    )?;
    if already {
        return Err(Error::invalid(
            "person",
            format!(
                "{name}'s access is already removed under this incident; lift that first to change it."
            ),
        ));
    }
    Ok((person_id.to_owned(), until, name))
}

/// Records one step on the checklist. An access removal needs a person
/// involved in the incident (with a record) and an end date today or later,
/// or none for "until review".
pub fn add_action(
    store: &mut Store,
    incident_id: &str,
    input: &ActionInput,
) -> Result<IncidentDetail> {
    let (access, actor) = manager(store)?;
    let conn = store.conn();
    let row = visible(conn, &access, incident_id)?;
    if row.status == IncidentStatus::Closed {
        return Err(Error::invalid(
            "incident",
            format!("Incident {} is closed; reopen it to add to it.", row.number),
        ));
    }
    let done_by = input.done_by.trim();
    if done_by.is_empty() {
        return Err(Error::invalid("done by", "Enter who did it."));
    }
    let done_on = match input
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(text) => parse_day("date", text)?,
        None => time::today(),
    };
    if done_on > time::today() {
        return Err(Error::invalid("date", "The date is in the future."));
    }
    let removal = if input.kind == ActionKind::AccessRemoved {
        Some(removal(conn, incident_id, input, done_on)?)
    } else {
        if input.person_id.as_deref().is_some_and(|p| !p.is_empty())
            || input.until.as_deref().is_some_and(|u| !u.trim().is_empty())
        {
            return Err(Error::invalid(
                "person",
                "Only an access removal names a person and a last day.",
            ));
        }
        None
    };
    let note = optional_text(input.note.as_deref());
    store.write(|tx| {
        let action_id = Uuid::now_v7().to_string();
        tx.execute(
            "INSERT INTO incident_actions (id, incident_id, action, done_by, done_on, note, person_id,
                 until, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                action_id,
                incident_id,
                input.kind.code(),
                done_by,
                done_on.to_string(),
                note,
                removal.as_ref().map(|r| r.0.as_str()),
                removal.as_ref().and_then(|r| r.1.as_deref()),
                store::now(),
                actor.as_str()
            ],
        )?;
        record_change(
            tx,
            &actor,
            "incident.action",
            incident_id,
            row.number,
            input.kind.label(),
        )?;
        if let Some((person_id, until, _)) = &removal {
            // Also in the person's own history, which their subject access export shows.
            audit::record(
                tx,
                &actor,
                "incident.access_removed",
                "person",
                Some(person_id),
                &sanction_reason(until.as_deref(), row.number),
            )?;
        }
        Ok(())
    })?;
    detail_for(store.conn(), store.data_key(), &access, incident_id)
}

/// An action as read to lift it: (incident, action, person, last day, lifted already).
type Removal = (String, String, Option<String>, Option<String>, bool);

/// Lifts an access removal today; the account's status is worked out as if it had never been.
pub fn lift_sanction(
    store: &mut Store,
    action_id: &str,
    note: Option<&str>,
) -> Result<IncidentDetail> {
    let (access, actor) = manager(store)?;
    let conn = store.conn();
    let found: Option<Removal> = conn
        .query_row(
            "SELECT a.incident_id, a.action, a.person_id, a.until,
                    EXISTS (SELECT 1 FROM incident_sanction_lifts l WHERE l.action_id = a.id)
             FROM incident_actions a WHERE a.id = ?1",
            [action_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((incident_id, kind, Some(person_id), until, lifted)) =
        found.filter(|f| f.1 == ActionKind::AccessRemoved.code())
    else {
        return Err(Error::invalid(
            "sanction",
            format!("There is no access removal with id {action_id}."),
        ));
    };
    debug_assert_eq!(kind, "access_removed");
    let row = visible(conn, &access, &incident_id)?;
    let today = time::today().to_string();
    if lifted {
        return Err(Error::invalid(
            "sanction",
            "This access removal was already lifted.",
        ));
    }
    if let Some(day) = until.as_deref().filter(|d| *d < today.as_str()) {
        return Err(Error::invalid(
            "sanction",
            format!("This access removal already ended on {}.", uk_date(day)),
        ));
    }
    let note = optional_text(note);
    store.write(|tx| {
        tx.execute(
            "INSERT INTO incident_sanction_lifts (action_id, lifted_on, note, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![action_id, today, note, store::now(), actor.as_str()],
        )?;
        let words = format!("Access removal under e-safety incident {} lifted", row.number);
        audit::record(tx, &actor, "incident.access_restored", "incident", Some(&incident_id), &words)?;
        audit::record(tx, &actor, "incident.access_restored", "person", Some(&person_id), &words)
    })?;
    detail_for(store.conn(), store.data_key(), &access, &incident_id)
}

/// Moves an incident to open, under review or closed. Closing needs the
/// outcome; a closed incident can be reopened, and its history keeps both.
pub fn set_status(
    store: &mut Store,
    incident_id: &str,
    status: IncidentStatus,
    outcome: Option<&str>,
) -> Result<IncidentDetail> {
    let (access, actor) = manager(store)?;
    let row = visible(store.conn(), &access, incident_id)?;
    let outcome = optional_text(outcome);
    if row.status == status {
        return Err(Error::invalid(
            "status",
            format!(
                "Incident {} is already {}.",
                row.number,
                status.label().to_lowercase()
            ),
        ));
    }
    match (status, &outcome) {
        (IncidentStatus::Closed, None) => {
            return Err(Error::invalid(
                "outcome",
                "Say what the outcome was to close the incident.",
            ));
        }
        (IncidentStatus::Open | IncidentStatus::UnderReview, Some(_)) => {
            return Err(Error::invalid(
                "outcome",
                "An outcome is recorded when the incident is closed.",
            ));
        }
        _ => {}
    }
    store.write(|tx| {
        tx.execute(
            "INSERT INTO incident_status (id, incident_id, status, outcome, at, by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                Uuid::now_v7().to_string(),
                incident_id,
                status.code(),
                outcome,
                store::now(),
                actor.as_str()
            ],
        )?;
        record_change(
            tx,
            &actor,
            "incident.status",
            incident_id,
            row.number,
            &status.label().to_lowercase(),
        )
    })?;
    detail_for(store.conn(), store.data_key(), &access, incident_id)
}

/// Marks an incident as a child-protection matter, or no longer one (head or DSL only).
pub fn set_child_protection(
    store: &mut Store,
    incident_id: &str,
    child_protection: bool,
) -> Result<IncidentDetail> {
    store.require(Permission::Safeguarding)?;
    let (access, actor) = manager(store)?;
    let row = visible(store.conn(), &access, incident_id)?;
    if row.child_protection == child_protection {
        return Err(Error::invalid(
            "child protection",
            if child_protection {
                "This incident is already a child-protection matter."
            } else {
                "This incident is not a child-protection matter."
            },
        ));
    }
    store.write(|tx| {
        tx.execute(
            "INSERT INTO incident_protection (id, incident_id, child_protection, at, by)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                Uuid::now_v7().to_string(),
                incident_id,
                child_protection,
                store::now(),
                actor.as_str()
            ],
        )?;
        record_change(
            tx,
            &actor,
            "incident.child_protection",
            incident_id,
            row.number,
            if child_protection {
                "marked a child-protection matter"
            } else {
                "no longer a child-protection matter"
            },
        )
    })?;
    detail_for(store.conn(), store.data_key(), &access, incident_id)
}
