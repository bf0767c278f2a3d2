//! The append-only audit log: who changed what, and when.

use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::{Actor, Result, store, time};

/// Appends one entry. Call it inside the transaction that makes the change,
/// so the change and its record land together.
pub fn record(
    conn: &Connection,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: Option<&str>,
    summary: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, summary)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            Uuid::now_v7().to_string(),
            store::now(),
            actor.as_str(),
            action,
            entity,
            entity_id,
            summary
        ],
    )?;
    Ok(())
}

/// When the most recent change was made, if any.
pub fn last_change(conn: &Connection) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    let at: Option<String> = conn
        .query_row(
            "SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(at.as_deref().and_then(time::from_stored))
}

/// Number of entries in the log.
pub fn count(conn: &Connection) -> Result<u64> {
    Ok(conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?)
}
