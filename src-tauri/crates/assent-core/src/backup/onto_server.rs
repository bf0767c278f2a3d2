//! A backup restored onto a school's database on a PostgreSQL server: the
//! same `.assentbak` a single PC or a server writes, so a school can move from
//! one to the other, or come back on a new server after losing one.
//!
//! The backup is checked exactly as for a file (checksum, school, password,
//! a head user in it, integrity), staged beside the key file and brought up to
//! this build's schema. Then, in one server transaction, every table is
//! emptied and loaded with the backup's rows: other PCs wait for it and then
//! see the restored school, and a failure at any row leaves the server as it
//! was. An empty database gets its schema in that same transaction.
//!
//! The guard triggers are set aside while the rows go in, for the reason
//! [`super::from_server`] gives; the foreign keys are not (no ordinary role may
//! set them aside on PostgreSQL), so the tables are loaded in key order and a
//! backup holding a row that refers to nothing is refused. Before anything is
//! replaced, what the server held is itself backed up beside the key file, so
//! a restore can be undone by restoring that file.

use std::path::Path;

use super::from_server::column_list;
use super::{
    BackupInfo, RestoreOutcome, check_school, free_aside_path, open_staged, read_backup,
    record_restore, rejected, remove_staged, staged_path, with_suffix, write_file,
};
use crate::db::{Conn, OptionalExtension, Pg, Value};
use crate::keys::DataKey;
use crate::sealed::{self, SealedColumn};
use crate::{Result, Store, keys, store};

/// Replaces the school in the PostgreSQL database at `url` with the backup at
/// `input`, and its key file for `keys` with the backup's.
///
/// Nothing is replaced unless the backup is complete, belongs to the school
/// the server (and the key file, if there is one) holds, opens with
/// `username`'s password, and that user is a head user in it. An empty
/// database receives the school. What the server held is kept as a backup
/// file beside the key file, named in the outcome.
pub fn restore_on_server(
    input: &Path,
    url: &str,
    keys: &Path,
    username: &str,
    password: &str,
) -> Result<RestoreOutcome> {
    let conn = Conn::from_postgres(Pg::connect(url)?);
    store::check_text_settings(&conn)?;
    restore_through(conn, input, keys, username, password).0
}

/// [`restore_on_server`] through a connection already open, which is handed
/// back whatever happened, so the window can sign the head in again on it.
pub(super) fn restore_through(
    conn: Conn,
    input: &Path,
    keys: &Path,
    username: &str,
    password: &str,
) -> (Result<RestoreOutcome>, Conn) {
    let staged = staged_path(keys);
    remove_staged(&staged);
    let opened = read_backup(input).and_then(|(info, key_bytes, db_bytes)| {
        check_school(input, keys, &info, &key_bytes)?;
        crate::files::prepare(keys)?;
        let restored = open_staged(input, &staged, &key_bytes, &db_bytes, username, password)?;
        Ok((info, restored))
    });
    let (info, mut restored) = match opened {
        Ok(opened) => opened,
        Err(e) => {
            remove_staged(&staged);
            return (Err(e), conn);
        }
    };
    let mut server = Store::on_server(conn, keys, restored.data_key().clone());
    let result = load(&mut server, &mut restored, input, &staged, &info);
    drop(restored);
    remove_staged(&staged);
    (
        result.map(|kept| RestoreOutcome { info, kept }),
        server.into_conn(),
    )
}

/// Checks the backup's own keys and that the server holds this school (or
/// none), all before the server is changed at all; then, with every other
/// PC's writes held back, keeps what it holds, loads the staged backup's
/// rows and puts its key file in place. Returns where the replaced school was
/// kept.
fn load(
    server: &mut Store,
    restored: &mut Store,
    input: &Path,
    staged: &Path,
    info: &BackupInfo,
) -> Result<Option<String>> {
    restored.require(crate::auth::Permission::DataProtection)?;
    let orphans: i64 =
        restored
            .conn()
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", (), |r| {
                r.get(0)
            })?;
    if orphans > 0 {
        return Err(rejected(
            input,
            "the database inside it is damaged (some rows refer to rows it does not hold)",
        ));
    }
    // Every schema version has had the school table.
    let server_school: Option<String> = if server.schema_version()? > 0 {
        server
            .conn()
            .query_row("SELECT school_id FROM school WHERE id = 1", (), |r| {
                r.get(0)
            })
            .optional()?
    } else {
        None
    };
    if server_school
        .as_ref()
        .is_some_and(|id| *id != info.school_id)
    {
        return Err(rejected(
            input,
            "it is a backup of another school's database; the server has not been changed",
        ));
    }
    server.conn().hold_writers()?;
    let result = replace(server, restored, staged, info, server_school.is_some());
    // Ending the session lets the others go on too, should this fail.
    let _ = server.conn().release_writers();
    result
}

/// [`load`]'s changes, made while no other PC writes: so the copy it keeps
/// is exactly what the restore replaces. If anything fails, the kept copy is
/// removed again and the server's transaction rolled back.
fn replace(
    server: &mut Store,
    restored: &mut Store,
    staged: &Path,
    info: &BackupInfo,
    holds_school: bool,
) -> Result<Option<String>> {
    let keys = server.path().to_owned();
    let migrated = server.migrate_for_restore()?;
    record_restore(restored, info)?;
    let kept = if holds_school {
        Some(keep_replaced(server, &keys, staged, restored)?)
    } else {
        None
    };
    let copied = copy_rows(restored, server, migrated).and_then(|()| {
        // The backup's key file, staged beside it, moved into place.
        crate::files::replace(&keys::key_path(staged), &keys::key_path(&keys))
            .map_err(|e| crate::Error::io(&keys::key_path(&keys), &e))
    });
    if let Err(e) = copied {
        if let Some(kept) = &kept {
            let _ = std::fs::remove_file(kept);
        }
        return Err(e);
    }
    crate::files::sync_folder_of(&keys);
    Ok(kept.map(|k| k.display().to_string()))
}

/// Backs up what the server holds now to `<keys>.replaced-<time>.assentbak`,
/// with the key file on this PC, or the backup's (staged beside it) when this
/// PC has none yet: the same school, so the same data key.
fn keep_replaced(
    server: &mut Store,
    keys: &Path,
    staged: &Path,
    restored: &Store,
) -> Result<std::path::PathBuf> {
    let key_file = if keys::key_path(keys).exists() {
        keys
    } else {
        staged
    };
    let key_bytes = keys::raw(key_file)?;
    let out = with_suffix(&free_aside_path(keys), ".assentbak");
    let taken_by = restored.session()?.actor();
    write_file(server, &out, &key_bytes, taken_by.as_str())?;
    Ok(out)
}

/// Empties the server's tables and loads every row of the staged backup into
/// them, in one transaction.
fn copy_rows(restored: &Store, server: &mut Store, has_schema: bool) -> Result<()> {
    let from = restored.conn();
    let version = from.schema_version()?;
    let tables = from.tables_in_key_order()?;
    let key = server.data_key().clone();
    server.write(|to| {
        if !has_schema {
            store::server_schema(to, version)?;
        }
        let quoted: Vec<String> = tables.iter().map(|t| format!("\"{t}\"")).collect();
        // TRUNCATE, not DELETE: the history tables refuse DELETE, and one
        // statement over every table is not held up by the keys between them.
        to.execute_batch(&format!("TRUNCATE {}", quoted.join(", ")))?;
        for table in &quoted {
            to.execute_batch(&format!("ALTER TABLE {table} DISABLE TRIGGER USER"))?;
        }
        for table in &tables {
            copy_table(from, to, table, &key)?;
        }
        for table in &quoted {
            to.execute_batch(&format!("ALTER TABLE {table} ENABLE TRIGGER USER"))?;
        }
        Ok(())
    })
}

/// Copies one table's rows, column by column as the backup names them (the
/// two schemas have the same columns: `server_only::schema_parity`). A file
/// from before sealing holds plain pictures, scans, files and descriptions;
/// they are sealed on the way in, so none reaches the server readable.
fn copy_table(from: &Conn, to: &Conn, table: &str, key: &DataKey) -> Result<()> {
    let columns: Vec<String> = from
        .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
        .query_map([table], |r| r.get(0))?
        .collect::<crate::db::Result<_>>()?;
    let (list, marks) = column_list(&columns);
    let position = |name: &str| columns.iter().position(|c| c == name);
    // (column to seal, column holding its row key), by position.
    let to_seal: Vec<(SealedColumn, usize, usize)> = SealedColumn::ALL
        .into_iter()
        .filter(|c| c.table_and_column().0 == table)
        .map(
            |c| match (position(c.table_and_column().1), position(c.key_column())) {
                (Some(at), Some(key_at)) => Ok((c, at, key_at)),
                _ => Err(unsealable(table)),
            },
        )
        .collect::<Result<_>>()?;
    let mut insert = to.prepare(&format!(
        "INSERT INTO \"{table}\" ({list}) VALUES ({marks})"
    ))?;
    let mut select = from.prepare(&format!("SELECT {list} FROM \"{table}\""))?;
    let mut rows = select.query(())?;
    while let Some(row) = rows.next()? {
        let mut values = (0..columns.len())
            .map(|i| row.value(i).map(|v| v.to_owned_value()))
            .collect::<crate::db::Result<Vec<Value>>>()?;
        for &(column, at, key_at) in &to_seal {
            let Value::Text(row_key) = &values[key_at] else {
                return Err(unsealable(table));
            };
            let row_key = row_key.clone();
            let stored = std::mem::replace(&mut values[at], Value::Null);
            values[at] = sealed::sealed_as_stored(key, column, &row_key, stored)?;
        }
        insert.execute(crate::db::params_from_iter(values))?;
    }
    Ok(())
}

/// A backup whose sealed columns cannot be sealed: it is not one Assent wrote.
fn unsealable(table: &str) -> crate::Error {
    crate::Error::Database {
        message: format!("the backup's {table} table lacks the columns its sealed values need"),
    }
}
