//! The consent grid, the do-not-photograph list and each person's history,
//! each read in a fixed handful of queries.

use std::collections::HashMap;

use crate::db::Conn;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::ConsentState;
use crate::auth::{Permission, Session};
use crate::{Error, Store};
use crate::{Result, time};

/// One purpose for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConsentCell {
    /// Where it stands.
    pub state: ConsentState,
    /// Two people with parental responsibility gave different answers (the "no" applies).
    pub conflict: bool,
    /// The date of the last decision, if any (YYYY-MM-DD).
    pub changed_on: Option<String>,
    /// Whether the family has answered (or the answer was withdrawn) in the
    /// period consents last for: false when nothing was ever recorded, or
    /// only answers that have expired.
    pub answered: bool,
}

/// One person's row of the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConsentRow {
    /// The person.
    pub person_id: String,
    /// Their name as the school uses it.
    pub name: String,
    /// Their class.
    pub class: Option<String>,
    /// Whether a safeguarding hold is in force.
    pub hold: bool,
    /// One cell per purpose, in the grid's purpose order.
    pub cells: Vec<ConsentCell>,
}

/// Pupils × purposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConsentGrid {
    /// The purposes, as (code, name), in column order.
    pub purposes: Vec<(String, String)>,
    /// One row per pupil, by class then surname.
    pub rows: Vec<ConsentRow>,
}

/// A pupil who must not be photographed for at least one purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoPhotoRow {
    /// The pupil.
    pub person_id: String,
    /// Their name.
    pub name: String,
    /// Their class.
    pub class: Option<String>,
    /// Never photograph or publish, whatever else is recorded.
    pub hold: bool,
    /// The purposes not consented to (refused, withdrawn, expired or never given).
    pub refused: Vec<String>,
}

/// One recorded decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Decision {
    /// The person it is about.
    pub person_id: String,
    /// Their name.
    pub person_name: String,
    /// The purpose's name.
    pub purpose: String,
    /// "yes" or "no".
    pub answer: String,
    /// Whether this was a withdrawal.
    pub withdrawal: bool,
    /// Who gave it.
    pub given_by: String,
    /// How it reached the school.
    pub method: String,
    /// The date given (YYYY-MM-DD).
    pub decided_on: String,
    /// What the family had been told.
    pub explanation: String,
    /// A withdrawal's reason, if given.
    pub reason: Option<String>,
    /// When it was recorded, in UK time.
    pub recorded_at: String,
    /// Who recorded it.
    pub recorded_by: String,
}

struct Raw {
    person: String,
    purpose: String,
    answer: bool,
    withdrawal: bool,
    giver: String,
    decided_on: String,
}

/// The start of the period consents last for: the academic year, if the school renews yearly.
fn renewal_start(conn: &Conn) -> Result<Option<NaiveDate>> {
    let mode: String = conn.query_row(
        "SELECT value FROM settings WHERE key = 'consent_renewal'",
        (),
        |r| r.get(0),
    )?;
    if mode != "annual" {
        return Ok(None);
    }
    // By the calendar, not the academic-year setting: a school that moves up a
    // year in July must not see that July's consents as expired.
    Ok(Some(
        crate::agreements::renewal_cutoff(crate::time::today()),
    ))
}

/// The state of one purpose from its decisions, oldest first.
fn state_of(decisions: &[&Raw], since: Option<NaiveDate>) -> ConsentCell {
    let mut by_giver: Vec<(&str, bool, &str)> = Vec::new();
    for d in decisions {
        if d.withdrawal {
            // A withdrawal stands in for everyone until someone answers again.
            by_giver.clear();
        } else {
            by_giver.retain(|(g, _, _)| *g != d.giver && !g.is_empty());
        }
        by_giver.push((&d.giver, d.answer, &d.decided_on));
    }
    let changed_on = decisions.last().map(|d| d.decided_on.clone());
    let since = since.map(|d| d.to_string());
    let current: Vec<&(&str, bool, &str)> = by_giver
        .iter()
        .filter(|(_, _, on)| since.as_deref().is_none_or(|s| *on >= s))
        .collect();
    let yes = current.iter().filter(|(_, a, _)| *a).count();
    let no = current.len() - yes;
    let state = if current.is_empty() && by_giver.iter().any(|(_, a, _)| *a) {
        ConsentState::Expired
    } else if yes > 0 && no == 0 {
        ConsentState::Yes
    } else {
        ConsentState::No
    };
    ConsentCell {
        state,
        conflict: yes > 0 && no > 0,
        changed_on,
        answered: !current.is_empty(),
    }
}

/// The grid for pupils in `classes` (every class when empty; a teacher's own classes only).
pub fn grid(store: &Store, classes: &[String]) -> Result<ConsentGrid> {
    let session = store.require(Permission::ViewConsent)?;
    let classes = within_scope(session, classes)?;
    grid_in(store.conn(), &classes)
}

/// The classes asked for, checked against a teacher's own ("every class" means all of theirs).
fn within_scope(session: &Session, classes: &[String]) -> Result<Vec<String>> {
    let Some(mine) = session.class_limit() else {
        return Ok(classes.to_vec());
    };
    if classes.is_empty() {
        return Ok(mine.to_vec());
    }
    if let Some(other) = classes.iter().find(|c| !mine.contains(c)) {
        return Err(Error::Forbidden {
            action: format!("see class {other}"),
            role: session.role.label().to_owned(),
        });
    }
    Ok(classes.to_vec())
}

/// Pupils whose latest safeguarding-hold record sets a hold.
pub(crate) const HOLDS_SQL: &str = "SELECT person_id FROM consent_holds h
     WHERE action = 'set' AND NOT EXISTS (
         SELECT 1 FROM consent_holds l WHERE l.person_id = h.person_id AND (l.at > h.at OR (l.at = h.at AND l.id > h.id)))";

/// The grid's queries for `classes` class names (every class when 0), with ?1 today
/// and the class names from ?2: the decisions that count, and the pupils.
pub(crate) fn grid_sql(classes: usize) -> (String, String) {
    // Only pupils on roll in the chosen classes; only answers from someone who has
    // parental responsibility now (or the office's withdrawals); in the order given.
    let class_filter = if classes == 0 {
        String::new()
    } else {
        format!(
            " AND p.kind = 'pupil' AND p.class_name IN ({})",
            (0..classes)
                .map(|n| format!("?{}", n + 2))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let pupils = format!(
        "p.kind = 'pupil' AND (p.leaving_date IS NULL OR p.leaving_date >= ?1){class_filter}"
    );
    (
        format!(
            "SELECT d.person_id, d.purpose_id, d.answer = 'yes', d.withdrawal, coalesce(d.given_by_person_id, ''), d.decided_on
             FROM people p JOIN consent_decisions d ON d.person_id = p.id
             WHERE {pupils}
               AND (d.withdrawal = TRUE OR EXISTS (
                    SELECT 1 FROM contact_links l WHERE l.pupil_id = d.person_id
                       AND l.contact_id = d.given_by_person_id AND l.parental_responsibility = TRUE))
             ORDER BY d.decided_on, d.recorded_at, d.id"
        ),
        format!(
            "SELECT p.id, coalesce(p.preferred_given_name, p.given_name) || ' ' || coalesce(p.preferred_family_name, p.family_name),
                    p.class_name
             FROM people p WHERE {pupils}
             ORDER BY p.class_name, p.family_name, p.given_name, p.id"
        ),
    )
}

pub(crate) fn grid_in(conn: &Conn, classes: &[String]) -> Result<ConsentGrid> {
    let today = crate::time::today().to_string();
    let since = renewal_start(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, name FROM consent_purposes WHERE retired_at IS NULL ORDER BY position",
    )?;
    let purposes: Vec<(String, String, String)> = stmt
        .query_map((), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<crate::db::Result<_>>()?;
    let (decisions_sql, pupils_sql) = grid_sql(classes.len());
    let mut args: Vec<&dyn crate::db::ToValue> = vec![&today];
    args.extend(classes.iter().map(|c| c as &dyn crate::db::ToValue));
    let mut stmt = conn.prepare_cached(&decisions_sql)?;
    let mut decisions: HashMap<(String, String), Vec<Raw>> = HashMap::new();
    for r in stmt.query_map(args.as_slice(), |r| {
        Ok(Raw {
            person: r.get(0)?,
            purpose: r.get(1)?,
            answer: r.get(2)?,
            withdrawal: r.get(3)?,
            giver: r.get(4)?,
            decided_on: r.get(5)?,
        })
    })? {
        let r = r?;
        decisions
            .entry((r.person.clone(), r.purpose.clone()))
            .or_default()
            .push(r);
    }
    let mut stmt = conn.prepare_cached(HOLDS_SQL)?;
    let holds: std::collections::HashSet<String> = stmt
        .query_map((), |r| r.get(0))?
        .collect::<crate::db::Result<_>>()?;
    let mut stmt = conn.prepare_cached(&pupils_sql)?;
    let mut rows = Vec::new();
    for r in stmt.query_map(args.as_slice(), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })? {
        let (id, name, class) = r?;
        let hold = holds.contains(&id);
        let cells = purposes
            .iter()
            .map(|(pid, _, _)| {
                let list: Vec<&Raw> = decisions
                    .get(&(id.clone(), pid.clone()))
                    .map(|v| v.iter().collect())
                    .unwrap_or_default();
                let mut cell = state_of(&list, since);
                if hold {
                    cell.state = ConsentState::Hold;
                }
                cell
            })
            .collect();
        rows.push(ConsentRow {
            person_id: id,
            name,
            class,
            hold,
            cells,
        });
    }
    Ok(ConsentGrid {
        purposes: purposes
            .into_iter()
            .map(|(_, code, name)| (code, name))
            .collect(),
        rows,
    })
}

/// Pupils in `classes` (every class when empty) with a hold or any purpose not consented to,
/// by class then surname.
pub fn no_photo(store: &Store, classes: &[String]) -> Result<Vec<NoPhotoRow>> {
    let g = grid(store, classes)?;
    Ok(g.rows
        .into_iter()
        .filter_map(|row| {
            let refused: Vec<String> = row
                .cells
                .iter()
                .zip(&g.purposes)
                .filter(|(c, _)| c.state != ConsentState::Yes)
                .map(|(_, (_, name))| name.clone())
                .collect();
            (row.hold || !refused.is_empty()).then_some(NoPhotoRow {
                person_id: row.person_id,
                name: row.name,
                class: row.class,
                hold: row.hold,
                refused,
            })
        })
        .collect())
}

const DECISION_SELECT: &str = "SELECT d.person_id,
        coalesce(p.preferred_given_name, p.given_name) || ' ' || coalesce(p.preferred_family_name, p.family_name),
        c.name, d.answer, d.withdrawal, d.given_by_name, d.method, d.decided_on, e.text, d.reason,
        d.recorded_at, d.recorded_by
    FROM consent_decisions d
    JOIN people p ON p.id = d.person_id
    JOIN consent_purposes c ON c.id = d.purpose_id
    JOIN consent_explanations e ON e.id = d.explanation_id";

fn decision_from_row(r: &crate::db::Row<'_>) -> crate::db::Result<Decision> {
    let at: String = r.get(10)?;
    Ok(Decision {
        person_id: r.get(0)?,
        person_name: r.get(1)?,
        purpose: r.get(2)?,
        answer: r.get(3)?,
        withdrawal: r.get(4)?,
        given_by: r.get(5)?,
        method: r.get(6)?,
        decided_on: r.get(7)?,
        explanation: r.get(8)?,
        reason: r.get(9)?,
        recorded_at: time::from_stored(&at).map_or(at, time::display_london),
        recorded_by: r.get(11)?,
    })
}

/// Every decision about one person, oldest first.
pub fn history(store: &Store, person_id: &str) -> Result<Vec<Decision>> {
    store.require_for(Permission::ViewConsent, person_id)?;
    let conn = store.conn();
    let mut stmt = conn.prepare_cached(&format!(
        "{DECISION_SELECT} WHERE d.person_id = ?1 ORDER BY d.recorded_at, d.id"
    ))?;
    Ok(stmt
        .query_map([person_id], decision_from_row)?
        .collect::<crate::db::Result<_>>()?)
}

/// [`withdrawn_since`] for a date as typed (YYYY-MM-DD or DD/MM/YYYY), for the app and the CLI.
pub fn withdrawn_since_text(store: &Store, since: &str) -> Result<Vec<Decision>> {
    store.require(Permission::ViewConsent)?;
    let since =
        crate::values::parse_date(since).map_err(|reason| Error::invalid("since", reason))?;
    withdrawn_since(store, since)
}

/// Withdrawals recorded on or after `since`, newest first, so published material can be taken down.
pub fn withdrawn_since(store: &Store, since: NaiveDate) -> Result<Vec<Decision>> {
    let session = store.require(Permission::ViewConsent)?;
    // The list spans the whole school, so it is not for someone limited to their classes.
    if session.class_limit().is_some() {
        return Err(Error::Forbidden {
            action: "see withdrawals across the whole school".to_owned(),
            role: session.role.label().to_owned(),
        });
    }
    let conn = store.conn();
    let mut stmt = conn.prepare_cached(&format!(
        "{DECISION_SELECT} WHERE d.withdrawal = TRUE AND d.recorded_at >= ?1 ORDER BY d.recorded_at DESC"
    ))?;
    Ok(stmt
        .query_map([since.to_string()], decision_from_row)?
        .collect::<crate::db::Result<_>>()?)
}
