//! Access removals as others see them: the reason on a blocked account, the
//! IT technician's list, and a person's subject access export. What happened
//! in the incident is never part of any of them.

use std::collections::HashMap;

use crate::db::Conn;
use crate::params;

use super::query::{in_force, uk_date};
use super::{AccessRemoval, IncidentCategory, IncidentStatus, PersonIncident, Sanction};
use crate::auth::Permission;
use crate::{Result, Store, time};

/// "Access removed until 12 December 2026 (e-safety incident 3)".
pub(crate) fn sanction_reason(until: Option<&str>, number: u32) -> String {
    match until {
        Some(day) => format!(
            "Access removed until {} (e-safety incident {number})",
            uk_date(day)
        ),
        None => format!("Access removed until review (e-safety incident {number})"),
    }
}

/// Access removals in force, by person: (last day or none, incident number).
pub(crate) type ActiveSanctions = HashMap<String, Vec<(Option<String>, u32)>>;

/// Access removals in force on `today`, by person.
pub(crate) fn active_sanctions_in(conn: &Conn, today: &str) -> Result<ActiveSanctions> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.person_id, a.until, i.number FROM incident_actions a
         JOIN incidents i ON i.id = a.incident_id
         WHERE {} ORDER BY i.number, a.recorded_at",
        in_force("?1")
    ))?;
    let mut out = ActiveSanctions::new();
    let mut rows = stmt.query([today])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?)
            .or_default()
            .push((r.get(1)?, r.get(2)?));
    }
    Ok(out)
}

/// Every access removal in force today, for the IT technician: who, from when,
/// until when, and the incident's number — nothing about what happened.
pub fn sanctions(store: &Store) -> Result<Vec<Sanction>> {
    store.require(Permission::ViewSanctions)?;
    let mut stmt = store.conn().prepare_cached(&format!(
        "SELECT a.id, i.number, a.person_id,
                coalesce(p.preferred_given_name, p.given_name) || ' ' || coalesce(p.preferred_family_name, p.family_name),
                a.done_on, a.until
         FROM incident_actions a JOIN incidents i ON i.id = a.incident_id
         JOIN people p ON p.id = a.person_id
         WHERE {} ORDER BY p.family_name, p.given_name, i.number",
        in_force("?1")
    ))?;
    let rows = stmt.query_map([time::today().to_string()], |r| {
        let until: Option<String> = r.get(5)?;
        let number: u32 = r.get(1)?;
        Ok(Sanction {
            action_id: r.get(0)?,
            incident_number: number,
            person_id: r.get(2)?,
            name: r.get(3)?,
            from: r.get(4)?,
            reason: sanction_reason(until.as_deref(), number),
            until,
        })
    })?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// The incidents `person_id` was involved in, for their subject access export.
pub(crate) fn about_person_in(conn: &Conn, person_id: &str) -> Result<Vec<PersonIncident>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.number, i.occurred_on, i.category,
                (SELECT s.status FROM incident_status s WHERE s.incident_id = i.id
                 ORDER BY s.at DESC, s.id DESC LIMIT 1)
         FROM incidents i
         WHERE EXISTS (SELECT 1 FROM incident_people ip WHERE ip.incident_id = i.id AND ip.person_id = ?1)
         ORDER BY i.number",
    )?;
    let found = stmt
        .query_map([person_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<crate::db::Result<Vec<_>>>()?;
    let mut removals = conn.prepare_cached(
        "SELECT a.done_on, a.until, l.lifted_on FROM incident_actions a
         LEFT JOIN incident_sanction_lifts l ON l.action_id = a.id
         WHERE a.incident_id = ?1 AND a.person_id = ?2 ORDER BY a.recorded_at",
    )?;
    let mut out = Vec::with_capacity(found.len());
    for (id, number, occurred_on, category, status) in found {
        let access_removals = removals
            .query_map(params![id, person_id], |r| {
                Ok(AccessRemoval {
                    from: r.get(0)?,
                    until: r.get(1)?,
                    lifted_on: r.get(2)?,
                })
            })?
            .collect::<crate::db::Result<_>>()?;
        out.push(PersonIncident {
            number,
            occurred_on,
            category: IncidentCategory::from_code(&category)
                .map_or(category.clone(), |c| c.label().to_owned()),
            status: IncidentStatus::from_code(&status)
                .map_or(status.clone(), |s| s.label().to_owned()),
            access_removals,
        });
    }
    Ok(out)
}
