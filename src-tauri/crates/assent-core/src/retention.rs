//! Retention and erasure: destroying a person's records when the school no
//! longer needs them, with a destruction log that keeps no personal data.
//!
//! Leavers are destroyed a set number of years after their leaving (or end)
//! date; parents and carers go with the last of their children. Always preview
//! first: the preview and the purge use the same rule. Closed e-safety incidents
//! go the same number of years after they were closed (never while open), and
//! anyone involved in one that is kept stays with it. Erasure of one person on
//! request works the same way. Audit entries about the person keep their place
//! in the chain but lose their words (see [`audit::REDACTED`]).

use crate::db::{Conn, OptionalExtension};
use crate::params;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::auth::Permission;
use crate::{Error, Result, Store, audit, settings, store, time};

/// How many years after leaving records are kept unless the school chooses otherwise.
pub const DEFAULT_YEARS: u32 = 6;

/// Someone whose records would be destroyed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PurgeCandidate {
    /// Their id.
    pub person_id: String,
    /// Their name (shown in the preview only; never kept after the purge).
    pub name: String,
    /// What they were to the school.
    pub kind: String,
    /// Their leaving or end date, if any (a parent goes with their children).
    pub left_on: Option<String>,
    /// Agreements recorded for them.
    pub agreements: u32,
    /// Consent decisions recorded for them.
    pub consent_decisions: u32,
}

/// What a purge would destroy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RetentionPreview {
    /// The retention period in years.
    pub years: u32,
    /// Records of people who left before this date are destroyed.
    pub cutoff: String,
    /// Everyone who would be destroyed.
    pub people: Vec<PurgeCandidate>,
    /// E-safety incidents closed before the cutoff, which would be destroyed
    /// (people involved in an incident that is kept are kept with it).
    pub incidents: u32,
}

/// One line of the destruction log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DestructionRow {
    /// When, in UK time.
    pub destroyed_at: String,
    /// By whom.
    pub destroyed_by: String,
    /// Why ("retention: 6 years after leaving", or the erasure request's reason).
    pub reason: String,
    /// What the person was to the school.
    pub person_kind: String,
    /// Their leaving or end date.
    pub left_on: Option<String>,
    /// How many records of each sort were destroyed, as JSON.
    pub records: String,
}

/// The retention period in years.
pub fn years(store: &Store) -> Result<u32> {
    store.require(Permission::DataProtection)?;
    years_in(store.conn())
}

fn years_in(conn: &Conn) -> Result<u32> {
    Ok(settings::get(conn, "retention_years")?
        .and_then(|t| t.parse().ok())
        .unwrap_or(DEFAULT_YEARS))
}

/// Sets the retention period (1 to 50 years).
pub fn set_years(store: &mut Store, years: u32) -> Result<()> {
    let actor = store.require(Permission::DataProtection)?.actor();
    if !(1..=50).contains(&years) {
        return Err(Error::invalid("years", "Choose between 1 and 50 years."));
    }
    store.write(|tx| {
        settings::put(tx, "retention_years", &years.to_string())?;
        audit::record(
            tx,
            &actor,
            "settings.retention",
            "settings",
            None,
            &format!("Set the retention period to {years} years after leaving"),
        )
    })
}

/// Who a purge today would destroy.
pub fn preview(store: &Store) -> Result<RetentionPreview> {
    store.require(Permission::DataProtection)?;
    preview_in(store.conn(), time::today())
}

fn preview_in(conn: &Conn, today: NaiveDate) -> Result<RetentionPreview> {
    let years = years_in(conn)?;
    let back = today.year() - i32::try_from(years).unwrap_or(6);
    // 29 February falls back to 28 February in a year that has none.
    let cutoff = today
        .with_year(back)
        .or_else(|| NaiveDate::from_ymd_opt(back, today.month(), 28))
        .unwrap_or(today)
        .to_string();
    let closed_before =
        time::london_day_start(NaiveDate::parse_from_str(&cutoff, "%Y-%m-%d").unwrap_or(today));
    let incidents = expired_incidents(conn, &closed_before)?;
    // Pupils and other adults past the cutoff; then parents whose every child
    // goes and who signed or decided nothing for anyone who stays. Anyone
    // involved in an incident that is kept stays with it.
    let mut stmt = conn.prepare_cached(&format!(
        "WITH expired AS (SELECT value AS id FROM ({}) AS v),
         gone AS (
            SELECT id FROM people
            WHERE kind <> 'parent' AND coalesce(leaving_date, end_date) < ?1
         ),
         parents AS (
            SELECT p.id FROM people p
            WHERE p.kind = 'parent'
              AND EXISTS (SELECT 1 FROM contact_links l WHERE l.contact_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM contact_links l
                              WHERE l.contact_id = p.id AND l.pupil_id NOT IN (SELECT id FROM gone))
         ),
         everyone AS (SELECT id FROM gone UNION SELECT id FROM parents)
         SELECT p.id, coalesce(p.preferred_given_name, p.given_name) || ' ' || coalesce(p.preferred_family_name, p.family_name),
                p.kind, coalesce(p.leaving_date, p.end_date),
                (SELECT count(*) FROM agreements a WHERE a.person_id = p.id),
                (SELECT count(*) FROM consent_decisions d WHERE d.person_id = p.id)
         FROM people p
         WHERE p.id IN (SELECT id FROM everyone)
           AND NOT EXISTS (SELECT 1 FROM agreement_signatures s JOIN agreements a ON a.id = s.agreement_id
                           WHERE s.signer_person_id = p.id AND a.person_id NOT IN (SELECT id FROM everyone))
           AND NOT EXISTS (SELECT 1 FROM consent_decisions d
                           WHERE d.given_by_person_id = p.id AND d.person_id NOT IN (SELECT id FROM everyone))
           AND NOT EXISTS (SELECT 1 FROM incident_people ip
                           WHERE ip.person_id = p.id AND ip.incident_id NOT IN (SELECT id FROM expired))
         ORDER BY p.kind, p.family_name, p.given_name",
        conn.engine().json_values("?2")
    ))?;
    let expired = serde_json::Value::from(incidents.clone()).to_string();
    let people = stmt
        .query_map(params![cutoff, expired], candidate)?
        .collect::<crate::db::Result<_>>()?;
    Ok(RetentionPreview {
        years,
        cutoff,
        people,
        incidents: u32::try_from(incidents.len()).unwrap_or(u32::MAX),
    })
}

/// A candidate from a row of id, name, kind, leaving date and the counts of
/// agreements and consent decisions: what the preview and an erasure both select.
fn candidate(r: &crate::db::Row<'_>) -> crate::db::Result<PurgeCandidate> {
    Ok(PurgeCandidate {
        person_id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        left_on: r.get(3)?,
        agreements: r.get(4)?,
        consent_decisions: r.get(5)?,
    })
}

/// Incidents whose latest status is closed, set before `closed_before` (a stored instant).
/// Open incidents and those under review are never destroyed.
fn expired_incidents(conn: &Conn, closed_before: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id FROM incidents i
         JOIN incident_status s ON s.id = (SELECT l.id FROM incident_status l WHERE l.incident_id = i.id
                                            ORDER BY l.at DESC, l.id DESC LIMIT 1)
         WHERE s.status = 'closed' AND s.at < ?1",
    )?;
    let rows = stmt.query_map([closed_before], |r| r.get(0))?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// Deletes closed incidents whose retention has passed, with everything kept
/// with them, and logs how many without anything they said.
fn destroy_incidents(tx: &Conn, ids: &[String], years: u32, by: &str) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    tx.execute("INSERT INTO purge_permit (id) VALUES (1)", ())?;
    for id in ids {
        for sql in [
            "DELETE FROM incident_sanction_lifts WHERE action_id IN
                 (SELECT id FROM incident_actions WHERE incident_id = ?1)",
            "DELETE FROM incident_actions WHERE incident_id = ?1",
            "DELETE FROM incident_status WHERE incident_id = ?1",
            "DELETE FROM incident_protection WHERE incident_id = ?1",
            "DELETE FROM incident_attachments WHERE incident_id = ?1",
            "DELETE FROM incident_people WHERE incident_id = ?1",
            "DELETE FROM incidents WHERE id = ?1",
        ] {
            tx.execute(sql, [id])?;
        }
    }
    tx.execute("DELETE FROM purge_permit", ())?;
    let mut counts = serde_json::Map::new();
    counts.insert("incidents".to_owned(), ids.len().into());
    tx.execute(
        "INSERT INTO destruction_log (id, destroyed_at, destroyed_by, reason, person_kind, left_on, records)
         VALUES (?1, ?2, ?3, ?4, 'e-safety incidents', NULL, ?5)",
        params![
            Uuid::now_v7().to_string(),
            store::now(),
            by,
            format!("retention: {years} years after the incident was closed"),
            serde_json::Value::Object(counts).to_string()
        ],
    )?;
    Ok(())
}

/// Destroys everyone the preview lists, in one transaction; returns how many.
pub fn purge(store: &mut Store) -> Result<u32> {
    let actor = store.require(Permission::DataProtection)?.actor();
    store.write(|tx| {
        let preview = preview_in(tx, time::today())?;
        let reason = format!("retention: {} years after leaving", preview.years);
        // The incidents go first: the people they involve are only free to go once they have.
        let cutoff = NaiveDate::parse_from_str(&preview.cutoff, "%Y-%m-%d").unwrap_or(time::today());
        let incidents = expired_incidents(tx, &time::london_day_start(cutoff))?;
        destroy_incidents(tx, &incidents, preview.years, actor.as_str())?;
        destroy(tx, &preview.people, &reason, actor.as_str())?;
        let n = u32::try_from(preview.people.len()).unwrap_or(u32::MAX);
        let summary = if incidents.is_empty() {
            format!("Destroyed the records of {n} people under the retention policy")
        } else {
            format!(
                "Destroyed the records of {n} people and {} closed e-safety incidents under the retention policy",
                incidents.len()
            )
        };
        audit::record(tx, &actor, "retention.purge", "people", None, &summary)?;
        Ok(n)
    })
}

/// Erases one person's records on a justified request (recorded with its reason).
///
/// Refused while the person's signature or consent decision is part of the
/// record of someone who stays (a parent who signed for a pupil still on roll).
pub fn erase(store: &mut Store, person_id: &str, reason: &str) -> Result<()> {
    let actor = store.require(Permission::DataProtection)?.actor();
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("reason", "Say why the records are erased."));
    }
    store.write(|tx| {
        let candidate = tx
            .query_row(
                "SELECT id, coalesce(preferred_given_name, given_name) || ' ' || coalesce(preferred_family_name, family_name),
                        kind, coalesce(leaving_date, end_date),
                        (SELECT count(*) FROM agreements a WHERE a.person_id = people.id),
                        (SELECT count(*) FROM consent_decisions d WHERE d.person_id = people.id)
                 FROM people WHERE id = ?1",
                [person_id],
                candidate,
            )
            .optional()?
            .ok_or_else(|| Error::invalid("person", format!("There is nobody with id {person_id}.")))?;
        let evidence_for_others: u32 = tx.query_row(
            "SELECT (SELECT count(*) FROM agreement_signatures s JOIN agreements a ON a.id = s.agreement_id
                     WHERE s.signer_person_id = ?1 AND a.person_id <> ?1)
                  + (SELECT count(*) FROM consent_decisions d WHERE d.given_by_person_id = ?1 AND d.person_id <> ?1)",
            [person_id],
            |r| r.get(0),
        )?;
        let incidents: u32 = tx.query_row(
            "SELECT count(DISTINCT incident_id) FROM incident_people WHERE person_id = ?1",
            [person_id],
            |r| r.get(0),
        )?;
        if incidents > 0 {
            return Err(Error::invalid(
                "person",
                format!(
                    "{} is involved in {incidents} e-safety incident(s), which are kept until their retention period has passed.",
                    candidate.name
                ),
            ));
        }
        if evidence_for_others > 0 {
            return Err(Error::invalid(
                "person",
                format!(
                    "{}'s signature or consent decision is part of {evidence_for_others} record(s) of a child who is still on roll; those records must be kept.",
                    candidate.name
                ),
            ));
        }
        destroy(tx, std::slice::from_ref(&candidate), &format!("erasure request: {reason}"), actor.as_str())?;
        audit::record(
            tx,
            &actor,
            "person.erase",
            "people",
            None,
            &format!("Erased the records of one {} on request: {reason}", candidate.kind),
        )
    })
}

/// The destruction log, newest first.
pub fn destruction_log(store: &Store) -> Result<Vec<DestructionRow>> {
    store.require(Permission::DataProtection)?;
    let mut stmt = store.conn().prepare_cached(
        "SELECT destroyed_at, destroyed_by, reason, person_kind, left_on, records
         FROM destruction_log ORDER BY destroyed_at DESC, id DESC",
    )?;
    let rows = stmt.query_map((), |r| {
        let at: String = r.get(0)?;
        Ok(DestructionRow {
            destroyed_at: time::from_stored(&at).map_or(at, time::display_london),
            destroyed_by: r.get(1)?,
            reason: r.get(2)?,
            person_kind: r.get(3)?,
            left_on: r.get(4)?,
            records: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// Deletes everything about `people`, phase by phase so that links between
/// them never block a delete, and logs each without their personal data.
fn destroy(tx: &Conn, people: &[PurgeCandidate], reason: &str, by: &str) -> Result<()> {
    if people.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = people.iter().map(|p| p.person_id.clone()).collect();
    audit::redact_about(tx, &ids)?;
    tx.execute("INSERT INTO purge_permit (id) VALUES (1)", ())?;
    let now = store::now();
    for p in people {
        let id = &p.person_id;
        let mut counts = serde_json::Map::new();
        let mut run = |label: &str, sql: &str| -> Result<()> {
            let n = tx.execute(sql, [id])?;
            counts.insert(label.to_owned(), n.into());
            Ok(())
        };
        run(
            "consent_holds",
            "DELETE FROM consent_holds WHERE person_id = ?1",
        )?;
        // A parent's agreement that is kept still verifies without this child's answers.
        crate::agreements::keep_before_destroying(tx, id)?;
        run(
            "consent_decisions",
            "DELETE FROM consent_decisions WHERE person_id = ?1",
        )?;
        run(
            "scans",
            "DELETE FROM agreement_scans WHERE agreement_id IN (SELECT id FROM agreements WHERE person_id = ?1)",
        )?;
        run(
            "withdrawals",
            "DELETE FROM agreement_withdrawals WHERE agreement_id IN (SELECT id FROM agreements WHERE person_id = ?1)",
        )?;
        run(
            "signatures",
            "DELETE FROM agreement_signatures WHERE agreement_id IN (SELECT id FROM agreements WHERE person_id = ?1)",
        )?;
        tx.execute(
            "DELETE FROM agreement_choices_destroyed WHERE agreement_id IN (SELECT id FROM agreements WHERE person_id = ?1)",
            [id],
        )?;
        run("agreements", "DELETE FROM agreements WHERE person_id = ?1")?;
        run(
            "account_events_undone",
            "DELETE FROM account_events_undone WHERE event_id IN (SELECT id FROM account_events WHERE person_id = ?1)",
        )?;
        run(
            "account_events",
            "DELETE FROM account_events WHERE person_id = ?1",
        )?;
        run(
            "account_slip_passwords",
            "DELETE FROM account_slip_passwords WHERE person_id = ?1",
        )?;
        run(
            "account_export_rows",
            "DELETE FROM account_export_rows WHERE person_id = ?1",
        )?;
        run(
            "account_usernames",
            "DELETE FROM account_usernames WHERE person_id = ?1",
        )?;
        run(
            "import_leavers",
            "DELETE FROM import_leavers WHERE person_id = ?1",
        )?;
        tx.execute(
            "INSERT INTO destruction_log (id, destroyed_at, destroyed_by, reason, person_kind, left_on, records)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                Uuid::now_v7().to_string(),
                now,
                by,
                reason,
                p.kind,
                p.left_on,
                serde_json::Value::Object(counts).to_string()
            ],
        )?;
    }
    for id in &ids {
        tx.execute(
            "DELETE FROM contact_links WHERE pupil_id = ?1 OR contact_id = ?1",
            [id],
        )?;
    }
    for id in &ids {
        tx.execute("DELETE FROM people WHERE id = ?1", [id])?;
    }
    tx.execute("DELETE FROM purge_permit", ())?;
    Ok(())
}
