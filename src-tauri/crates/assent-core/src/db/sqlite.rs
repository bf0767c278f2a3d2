//! The SQLite driver: values in and out of rusqlite, and its transactions.

use rusqlite::types::{ToSqlOutput, ValueRef as SqliteRef};

use super::error::{Error, Result};
use super::value::{Value, ValueRef};

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => SqliteRef::Null,
            Value::Integer(i) => SqliteRef::Integer(*i),
            Value::Real(f) => SqliteRef::Real(*f),
            Value::Text(s) => SqliteRef::Text(s.as_bytes()),
            Value::Blob(b) => SqliteRef::Blob(b),
        }))
    }
}

/// Column `column` of `row`.
pub(super) fn value<'r>(row: &'r rusqlite::Row<'r>, column: usize) -> Result<ValueRef<'r>> {
    Ok(match row.get_ref(column)? {
        SqliteRef::Null => ValueRef::Null,
        SqliteRef::Integer(i) => ValueRef::Integer(i),
        SqliteRef::Real(f) => ValueRef::Real(f),
        SqliteRef::Text(t) => {
            ValueRef::Text(std::str::from_utf8(t).map_err(|e| Error::Conversion {
                column,
                problem: format!("the text is not UTF-8 ({e})"),
            })?)
        }
        SqliteRef::Blob(b) => ValueRef::Blob(b),
    })
}

/// Begins a write transaction.
pub(super) fn begin(conn: &rusqlite::Connection) -> Result<()> {
    // IMMEDIATE takes the write lock up front, so a write that reads first
    // waits for another process (the app and the CLI) instead of failing.
    conn.execute_batch("BEGIN IMMEDIATE")?;
    Ok(())
}
