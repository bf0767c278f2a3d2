//! The settings table: one text value a key, for what the school chooses
//! (renewal, retention, backups, accounts, the idle lock) and what Assent
//! keeps for itself (the academic year, the audit log's newest entry).

use crate::db::{Conn, OptionalExtension};
use crate::params;

use crate::{Result, store};

/// The value stored for `key`, if there is one.
pub(crate) fn get(conn: &Conn, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Stores `value` for `key`, in place of any value before, noting when.
pub(crate) fn put(conn: &Conn, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )?
    .execute(params![key, value, store::now()])?;
    Ok(())
}
