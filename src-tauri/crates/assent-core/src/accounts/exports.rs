//! Exports once written: the list of them, marking one provisioned once it
//! has been uploaded, or cancelling it.

use rusqlite::{Connection, OptionalExtension, params};
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
}

/// What marking an export provisioned recorded.
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
pub(super) fn outcome(tx: &Connection, export_id: &str) -> Result<Option<String>> {
    let found: Option<Option<String>> = tx
        .query_row(
            "SELECT (SELECT outcome FROM account_export_outcomes o WHERE o.export_id = e.id)
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
fn still_pending(tx: &Connection, export_id: &str) -> Result<()> {
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
            "INSERT INTO account_export_outcomes (export_id, outcome, at, by) VALUES (?1, 'provisioned', ?2, ?3)",
            params![export_id, now, actor.as_str()],
        )?;
        let rows: Vec<(String, String, String)> = tx
            .prepare_cached(
                "SELECT person_id, action, username FROM account_export_rows WHERE export_id = ?1 AND action <> 'keep'",
            )?
            .query_map([export_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
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

/// Cancels an export that was never uploaded: its people are due again in the next one.
pub fn cancel_export(store: &mut Store, export_id: &str) -> Result<()> {
    let actor = store.require(Permission::Accounts)?.actor();
    let export_id = export_id.trim();
    store.write(|tx| {
        still_pending(tx, export_id)?;
        tx.execute(
            "INSERT INTO account_export_outcomes (export_id, outcome, at, by) VALUES (?1, 'cancelled', ?2, ?3)",
            params![export_id, store::now(), actor.as_str()],
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
                (SELECT count(*) FROM account_slip_passwords p WHERE p.export_id = e.id)
         FROM account_exports e LEFT JOIN account_export_outcomes o ON o.export_id = e.id
         ORDER BY e.created_at DESC, e.id DESC",
    )?;
    let when = |text: String| time::from_stored(&text).map_or(text, time::display_london);
    let rows = stmt.query_map([], |r| {
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
            outcome: r.get(10)?,
            outcome_by: outcome_at
                .zip(outcome_by)
                .map(|(at, by)| format!("{} by {by}", when(at))),
            slips_available: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
