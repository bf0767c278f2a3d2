//! Exports once written: the list of them, marking one provisioned once it
//! has been uploaded, undoing that while no later export has been made, or
//! cancelling it.

use crate::db::{Conn, OptionalExtension};
use crate::params;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::formats::ExportFormat;
use crate::auth::Permission;
use crate::{Error, Result, Store, audit, store, time};

/// One export as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportSummary {
    /// Its id.
    pub id: String,
    /// The format.
    pub format: ExportFormat,
    /// Whether it listed everyone with an account.
    pub everything: bool,
    /// The file it was written to.
    pub file: String,
    /// When (UK time).
    pub created_at: String,
    /// By whom.
    pub created_by: String,
    /// New accounts in it.
    pub creates: u32,
    /// Suspensions in it.
    pub suspends: u32,
    /// Accounts turned back on in it.
    pub reactivates: u32,
    /// Accounts listed unchanged.
    pub keeps: u32,
    /// `provisioned`, `cancelled`, or `None` while it is pending.
    pub outcome: Option<String>,
    /// When and by whom it was marked, if it was.
    pub outcome_by: Option<String>,
    /// Login slips that can still be printed (the export is waiting to be uploaded).
    pub slips_available: u32,
    /// Whether marking it provisioned can still be undone: it is marked
    /// provisioned and no later export has been made.
    pub undoable: bool,
    /// Whether it was marked provisioned once and that was undone (its
    /// initial passwords went when it was marked).
    pub unmarked: bool,
}

/// What marking an export provisioned recorded (or, once undone, no longer records).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MarkedExport {
    /// The export.
    pub export_id: String,
    /// Accounts recorded as created.
    pub created: u32,
    /// Accounts recorded as suspended.
    pub suspended: u32,
    /// Accounts recorded as turned back on.
    pub reactivated: u32,
}

/// An export's outcome so far, or an error if there is no such export.
pub(super) fn outcome(tx: &Conn, export_id: &str) -> Result<Option<String>> {
    let found: Option<Option<String>> = tx
        .query_row(
            "SELECT (SELECT outcome FROM account_export_current_outcomes o WHERE o.export_id = e.id)
             FROM account_exports e WHERE e.id = ?1",
            [export_id],
            |r| r.get(0),
        )
        .optional()?;
    found.ok_or_else(|| {
        Error::invalid(
            "export",
            format!("There is no account export with id {export_id}."),
        )
    })
}

/// Refuses an export that has already been marked provisioned or cancelled.
fn still_pending(tx: &Conn, export_id: &str) -> Result<()> {
    match outcome(tx, export_id)? {
        Some(done) => Err(Error::invalid(
            "export",
            format!("Export {export_id} was already marked {done}."),
        )),
        None => Ok(()),
    }
}

/// Records that an export was uploaded: each new account as created, each
/// suspension as suspended, each reactivation as turned back on, in one step.
pub fn mark_provisioned(store: &mut Store, export_id: &str) -> Result<MarkedExport> {
    let actor = store.require(Permission::Accounts)?.actor();
    let export_id = export_id.trim();
    store.write(|tx| {
        still_pending(tx, export_id)?;
        let now = store::now();
        tx.execute(
            "INSERT INTO account_export_outcomes (id, export_id, outcome, at, by) VALUES (?1, ?2, 'provisioned', ?3, ?4)",
            params![Uuid::now_v7().to_string(), export_id, now, actor.as_str()],
        )?;
        let rows: Vec<(String, String, String)> = tx
            .prepare_cached(
                "SELECT person_id, action, username FROM account_export_rows WHERE export_id = ?1 AND action <> 'keep'",
            )?
            .query_map([export_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<crate::db::Result<_>>()?;
        let mut marked = MarkedExport {
            export_id: export_id.to_owned(),
            created: 0,
            suspended: 0,
            reactivated: 0,
        };
        let mut insert = tx.prepare_cached(
            "INSERT INTO account_events (id, person_id, action, username, export_id, at, by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (person, action, username) in rows {
            let event = match action.as_str() {
                "create" => {
                    marked.created += 1;
                    "created"
                }
                "suspend" => {
                    marked.suspended += 1;
                    "suspended"
                }
                _ => {
                    marked.reactivated += 1;
                    "reactivated"
                }
            };
            insert.execute(params![
                Uuid::now_v7().to_string(),
                person,
                event,
                username,
                export_id,
                now,
                actor.as_str()
            ])?;
        }
        audit::record(
            tx,
            &actor,
            "accounts.provisioned",
            "account_export",
            Some(export_id),
            &format!(
                "Marked export {export_id} provisioned: {} created, {} suspended, {} turned back on",
                marked.created, marked.suspended, marked.reactivated
            ),
        )?;
        Ok(marked)
    })
}

/// Undoes marking an export provisioned, for a marking made by mistake: its
/// people are back in it, waiting to be marked provisioned or cancelled, as
/// they were before. Allowed only while no later export has been made. The
/// marking and its account events stay in the history, recorded as undone;
/// the initial passwords destroyed by the marking do not come back.
pub fn unmark_provisioned(store: &mut Store, export_id: &str) -> Result<MarkedExport> {
    let actor = store.require(Permission::Accounts)?.actor();
    let export_id = export_id.trim();
    store.write(|tx| {
        let current: Option<(String, String)> = match outcome(tx, export_id)? {
            None => None,
            Some(_) => tx
                .query_row(
                    "SELECT id, outcome FROM account_export_current_outcomes WHERE export_id = ?1",
                    [export_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?,
        };
        let outcome_id = match current {
            Some((id, done)) if done == "provisioned" => id,
            other => {
                return Err(Error::ExportNotProvisioned {
                    export_id: export_id.to_owned(),
                    outcome: other.map(|(_, done)| done),
                });
            }
        };
        let later: Option<(String, String)> = tx
            .query_row(
                "SELECT l.id, l.created_at FROM account_exports e JOIN account_exports l
                   ON l.created_at > e.created_at OR (l.created_at = e.created_at AND l.id > e.id)
                 WHERE e.id = ?1 ORDER BY l.created_at, l.id LIMIT 1",
                [export_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((later, at)) = later {
            return Err(Error::LaterExport {
                export_id: export_id.to_owned(),
                later,
                later_at: time::from_stored(&at).map_or(at, time::display_london),
            });
        }
        let unmarking = Uuid::now_v7().to_string();
        tx.execute(
            "INSERT INTO account_export_unmarkings (id, outcome_id, at, by) VALUES (?1, ?2, ?3, ?4)",
            params![unmarking, outcome_id, store::now(), actor.as_str()],
        )?;
        // The events the marking recorded: this export's, not undone before.
        let events: Vec<(String, String)> = tx
            .prepare_cached(
                "SELECT e.id, e.action FROM account_events e
                 WHERE e.export_id = ?1
                   AND NOT EXISTS (SELECT 1 FROM account_events_undone u WHERE u.event_id = e.id)",
            )?
            .query_map([export_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<crate::db::Result<_>>()?;
        let mut undone = MarkedExport {
            export_id: export_id.to_owned(),
            created: 0,
            suspended: 0,
            reactivated: 0,
        };
        let mut insert = tx.prepare_cached(
            "INSERT INTO account_events_undone (event_id, unmarking_id) VALUES (?1, ?2)",
        )?;
        for (event, action) in events {
            match action.as_str() {
                "created" => undone.created += 1,
                "suspended" => undone.suspended += 1,
                _ => undone.reactivated += 1,
            }
            insert.execute(params![event, unmarking])?;
        }
        audit::record(
            tx,
            &actor,
            "accounts.unmark_provisioned",
            "account_export",
            Some(export_id),
            &format!(
                "Undid marking export {export_id} provisioned: {} created, {} suspended, {} turned back on are waiting in it again",
                undone.created, undone.suspended, undone.reactivated
            ),
        )?;
        Ok(undone)
    })
}

/// Cancels an export that was never uploaded: its people are due again in the next one.
pub fn cancel_export(store: &mut Store, export_id: &str) -> Result<()> {
    let actor = store.require(Permission::Accounts)?.actor();
    let export_id = export_id.trim();
    store.write(|tx| {
        still_pending(tx, export_id)?;
        tx.execute(
            "INSERT INTO account_export_outcomes (id, export_id, outcome, at, by) VALUES (?1, ?2, 'cancelled', ?3, ?4)",
            params![Uuid::now_v7().to_string(), export_id, store::now(), actor.as_str()],
        )?;
        audit::record(
            tx,
            &actor,
            "accounts.cancel_export",
            "account_export",
            Some(export_id),
            &format!("Cancelled export {export_id}: it was not uploaded"),
        )
    })
}

/// Every export, newest first.
pub fn exports(store: &Store) -> Result<Vec<ExportSummary>> {
    store.require(Permission::Accounts)?;
    let mut stmt = store.conn().prepare_cached(
        "SELECT e.id, e.format, e.everything, e.file_name, e.created_at, e.created_by,
                (SELECT count(*) FROM account_export_rows r WHERE r.export_id = e.id AND r.action = 'create'),
                (SELECT count(*) FROM account_export_rows r WHERE r.export_id = e.id AND r.action = 'suspend'),
                (SELECT count(*) FROM account_export_rows r WHERE r.export_id = e.id AND r.action = 'reactivate'),
                (SELECT count(*) FROM account_export_rows r WHERE r.export_id = e.id AND r.action = 'keep'),
                o.outcome, o.at, o.by,
                (SELECT count(*) FROM account_slip_passwords p WHERE p.export_id = e.id),
                EXISTS (SELECT 1 FROM account_export_unmarkings u
                        JOIN account_export_outcomes h ON h.id = u.outcome_id WHERE h.export_id = e.id)
         FROM account_exports e LEFT JOIN account_export_current_outcomes o ON o.export_id = e.id
         ORDER BY e.created_at DESC, e.id DESC",
    )?;
    let when = |text: String| time::from_stored(&text).map_or(text, time::display_london);
    let mut newest = true;
    let rows = stmt.query_map((), |r| {
        let outcome: Option<String> = r.get(10)?;
        // Only the newest export can be undone, and only while it is marked provisioned.
        let undoable = std::mem::take(&mut newest) && outcome.as_deref() == Some("provisioned");
        let format: String = r.get(1)?;
        let outcome_at: Option<String> = r.get(11)?;
        let outcome_by: Option<String> = r.get(12)?;
        Ok(ExportSummary {
            id: r.get(0)?,
            format: ExportFormat::from_code(&format).unwrap_or(ExportFormat::Csv),
            everything: r.get(2)?,
            file: r.get(3)?,
            created_at: when(r.get(4)?),
            created_by: r.get(5)?,
            creates: r.get(6)?,
            suspends: r.get(7)?,
            reactivates: r.get(8)?,
            keeps: r.get(9)?,
            outcome,
            outcome_by: outcome_at
                .zip(outcome_by)
                .map(|(at, by)| format!("{} by {by}", when(at))),
            slips_available: r.get(13)?,
            undoable,
            unmarked: r.get(14)?,
        })
    })?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}
