//! A server database's rows written into an ordinary encrypted school file,
//! so a backup of a school on a server is the same `.assentbak` as a single
//! PC's, and restores into either.
//!
//! The file gets the single-PC schema at the server's version (which
//! `server_only::schema_parity` keeps identical), then every row of every
//! table, read in one transaction so the copy is one moment of the school.
//! The guard triggers are set aside while the rows go in: they refuse some
//! history out of order (a second outcome for an export before the undoing of
//! the first), and every row copied was already accepted once. The keys
//! between tables are checked once every row is in.

use crate::db::Value;
use crate::{Result, Store, store};

/// Copies `store`'s rows into the empty SQLite file `dst`.
pub(super) fn copy_rows(store: &mut Store, dst: &rusqlite::Connection) -> Result<()> {
    dst.pragma_update(None, "application_id", store::APPLICATION_ID)?;
    // Tables go in alphabetical order, not the order of their keys; the keys
    // are checked once every row is in.
    dst.pragma_update(None, "foreign_keys", false)?;
    dst.execute_batch("BEGIN")?;
    store::sqlite_schema(dst, store.schema_version()?)?;
    let triggers: Vec<(String, String)> = dst
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")?
        .query_map((), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &triggers {
        dst.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    store.write(|server| {
        for table in server.table_names()? {
            let columns: Vec<String> = dst
                .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
                .query_map([&table], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let (list, marks) = column_list(&columns);
            // The migrations seed some tables (settings, for one); the
            // server's rows replace those seeds.
            dst.execute_batch(&format!("DELETE FROM \"{table}\""))?;
            let mut insert = dst.prepare(&format!(
                "INSERT INTO \"{table}\" ({list}) VALUES ({marks})"
            ))?;
            let mut select = server.prepare(&format!("SELECT {list} FROM \"{table}\""))?;
            let mut rows = select.query(())?;
            while let Some(row) = rows.next()? {
                let values = (0..columns.len())
                    .map(|i| row.value(i).map(|v| v.to_owned_value()))
                    .collect::<crate::db::Result<Vec<Value>>>()?;
                insert.execute(rusqlite::params_from_iter(values.iter()))?;
            }
        }
        Ok(())
    })?;
    for (_, sql) in &triggers {
        dst.execute_batch(sql)?;
    }
    let broken: i64 = dst.query_row("SELECT count(*) FROM pragma_foreign_key_check", (), |r| {
        r.get(0)
    })?;
    if broken > 0 {
        return Err(crate::Error::Database {
            message: format!("{broken} rows of the copy refer to rows it does not hold"),
        });
    }
    dst.execute_batch("COMMIT")?;
    Ok(())
}

/// A table's columns quoted for SQL, and as many `?N` placeholders: what a
/// copy of every row of a table, between the two engines, inserts with.
pub(super) fn column_list(columns: &[String]) -> (String, String) {
    let list = columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let marks = (1..=columns.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    (list, marks)
}
