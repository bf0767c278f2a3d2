//! The database layer: one API for every domain module, over two engines.
//!
//! A school on one PC keeps its data in an encrypted SQLite file (SQLCipher);
//! a school whose PCs share their data keeps it on a PostgreSQL server. The
//! domain code is written once, against [`Conn`]: prepare a statement, query
//! one row, an optional row or many, execute, read typed columns, all inside
//! the one transaction that [`crate::Store`] opens for each operation.
//!
//! # Why an enum and not a trait
//! [`Conn`] holds either engine's connection in a private enum and every
//! method dispatches on it. The set of engines is closed (two), statements and
//! rows borrow from their connection, and the domain code stays plain: no
//! generic parameter on every function, no boxed trait objects for rows, and
//! nothing outside this module names an engine. A trait would have pushed a
//! type parameter (or `dyn` with lifetimes) through several hundred functions
//! for no gain.
//!
//! # Shared SQL
//! Statements are written once, with SQLite's `?1` placeholders, in the SQL
//! both engines accept: `TRUE`/`FALSE` for flags, `CAST(?1 AS TEXT) IS NULL`
//! for an optional parameter, `IS DISTINCT FROM`, `string_agg`, no `rowid`,
//! `instr` or negative `substr`. The PostgreSQL driver numbers the placeholders its own way
//! (`$1`) and converts each parameter to the type the server expects, so a
//! flag bound as 0/1 lands in a `BOOLEAN` column. Where the engines truly
//! differ, the difference is one helper here, never a test of the engine in
//! the domain code.

mod error;
mod placeholders;
mod postgres;
mod scratch;
mod sqlite;
mod trace;
mod value;

use std::cell::Cell;

pub use error::{Error, Result};
#[doc(hidden)]
pub use scratch::{scratch_database, scratch_server};
pub use value::{FromValue, ToValue, Value, ValueRef};

pub(crate) use self::postgres::Pg;

/// Which engine a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// An encrypted SQLite file on this PC.
    Sqlite,
    /// A PostgreSQL server shared by several PCs.
    Postgres,
}

impl Engine {
    /// A query giving one row, in a column named `value`, for each text in
    /// the JSON array bound at `param` (such as a teacher's classes).
    pub fn json_values(self, param: &str) -> String {
        match self {
            Engine::Sqlite => format!("SELECT value FROM json_each({param})"),
            Engine::Postgres => {
                format!(
                    "SELECT value FROM json_array_elements_text(CAST(CAST({param} AS TEXT) AS json)) AS j (value)"
                )
            }
        }
    }
}

/// An open connection to either engine.
pub struct Conn {
    inner: Inner,
    /// Whether a transaction is open, so that an operation that runs inside
    /// another one joins it instead of failing to begin a second.
    in_transaction: Cell<bool>,
}

enum Inner {
    Sqlite(rusqlite::Connection),
    // Boxed: a PostgreSQL client is several times the size of a SQLite handle.
    Postgres(Box<Pg>),
}

impl std::fmt::Debug for Conn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Conn")
            .field("engine", &self.engine())
            .finish_non_exhaustive()
    }
}

impl Conn {
    pub(crate) fn from_sqlite(conn: rusqlite::Connection) -> Self {
        Conn {
            inner: Inner::Sqlite(conn),
            in_transaction: Cell::new(false),
        }
    }

    pub(crate) fn from_postgres(pg: Pg) -> Self {
        Conn {
            inner: Inner::Postgres(Box::new(pg)),
            in_transaction: Cell::new(false),
        }
    }

    /// Which engine this connection talks to.
    pub fn engine(&self) -> Engine {
        match self.inner {
            Inner::Sqlite(_) => Engine::Sqlite,
            Inner::Postgres(_) => Engine::Postgres,
        }
    }

    /// The engine's name as the SQL trace writes it.
    fn engine_name(&self) -> &'static str {
        match self.inner {
            Inner::Sqlite(_) => "sqlite",
            Inner::Postgres(_) => "postgres",
        }
    }

    /// The SQLite connection, for what only a SQLite file has: its key, its
    /// pragmas, a page-by-page copy for backups.
    pub(crate) fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.inner {
            Inner::Sqlite(c) => Some(c),
            Inner::Postgres(_) => None,
        }
    }

    /// Prepares `sql`, keeping the prepared form for the next call.
    #[track_caller]
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        let statement = Statement {
            inner: match &self.inner {
                Inner::Sqlite(c) => StatementInner::Sqlite(c.prepare_cached(sql)?),
                Inner::Postgres(pg) => StatementInner::Postgres(pg, pg.prepare(sql)?),
            },
        };
        // Only a statement the engine accepted counts as run there.
        trace::note(self.engine_name(), sql, std::panic::Location::caller());
        Ok(statement)
    }

    /// Prepares `sql` (the same as [`Conn::prepare_cached`]: every statement
    /// the core runs is one of a fixed set, so each is worth keeping).
    #[track_caller]
    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        self.prepare_cached(sql)
    }

    /// Runs `sql` and reads its one row with `f`; [`Error::NoRows`] when there is none.
    #[track_caller]
    pub fn query_row<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    /// Runs a statement that changes rows; returns how many it changed.
    #[track_caller]
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    /// Runs several statements with no parameters, such as a migration.
    #[track_caller]
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(c) => c.execute_batch(sql)?,
            Inner::Postgres(pg) => pg.batch(sql)?,
        }
        trace::note(self.engine_name(), sql, std::panic::Location::caller());
        Ok(())
    }

    /// How many schema migrations the database has had: SQLite keeps the
    /// number in the file's header (`user_version`), PostgreSQL in a one-row
    /// table of its own that the migrations never touch.
    pub fn schema_version(&self) -> Result<u32> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?),
            Inner::Postgres(pg) => pg.schema_version(),
        }
    }

    /// The names of the school's tables, in alphabetical order (not the
    /// engine's own, nor the schema version's).
    pub fn table_names(&self) -> Result<Vec<String>> {
        let sql = match self.engine() {
            Engine::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%'  ESCAPE '\\'"
            }
            Engine::Postgres => {
                "SELECT table_name::text FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                   AND table_name <> 'assent_schema_version'"
            }
        };
        let mut names: Vec<String> = self
            .prepare(sql)?
            .query_map((), |r| r.get(0))?
            .collect::<Result<_>>()?;
        // Sorted here: the engines order text by different collations.
        names.sort();
        Ok(names)
    }

    /// The school's tables ordered so that every table comes after the tables
    /// its foreign keys refer to: the order to load a whole school's rows in
    /// while the keys are enforced (PostgreSQL lets no ordinary role set them
    /// aside). Ties keep alphabetical order, so the order is always the same.
    pub fn tables_in_key_order(&self) -> Result<Vec<String>> {
        let sql = match self.engine() {
            Engine::Sqlite => {
                "SELECT m.name, f.\"table\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
                 WHERE m.type = 'table'"
            }
            Engine::Postgres => {
                "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text
                 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                 WHERE c.contype = 'f' AND n.nspname = current_schema()"
            }
        };
        let references: Vec<(String, String)> = self
            .prepare(sql)?
            .query_map((), |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_>>()?;
        let mut waiting = self.table_names()?;
        let mut ordered = Vec::with_capacity(waiting.len());
        while !waiting.is_empty() {
            let ready = waiting.iter().position(|table| {
                references
                    .iter()
                    .all(|(from, to)| from != table || to == table || !waiting.contains(to))
            });
            // A cycle of keys between tables cannot be loaded in any order;
            // the schema has none, and this keeps the loop finite if one came.
            let next = ready.unwrap_or(0);
            ordered.push(waiting.remove(next));
        }
        Ok(ordered)
    }

    /// Whether `table` has a column named `column` (for code that runs both
    /// before and after the migration that adds it).
    pub fn has_column(&self, table: &str, column: &str) -> Result<bool> {
        let sql = match self.engine() {
            Engine::Sqlite => "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2",
            Engine::Postgres => {
                "SELECT count(*) FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = ?1 AND column_name = ?2"
            }
        };
        let found: i64 = self.query_row(sql, [table, column], |r| r.get(0))?;
        Ok(found > 0)
    }

    /// Records that the database has had `version` migrations.
    pub(crate) fn set_schema_version(&self, version: usize) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(c.pragma_update(None, "user_version", version)?),
            Inner::Postgres(pg) => pg.set_schema_version(version),
        }
    }

    /// Holds other connections' writes back until [`Conn::release_writers`],
    /// across several transactions of this one (which still write): for a
    /// restore that first copies what a server holds, then replaces it, with
    /// no other PC's write landing in between. A SQLite file has one
    /// connection, so there is nothing to hold.
    pub(crate) fn hold_writers(&self) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(_) => Ok(()),
            Inner::Postgres(pg) => pg.hold_writers(),
        }
    }

    /// Lets other connections write again after [`Conn::hold_writers`].
    pub(crate) fn release_writers(&self) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(_) => Ok(()),
            Inner::Postgres(pg) => pg.release_writers(),
        }
    }

    /// Runs `f` in one transaction: all of its writes land, or none do. Inside
    /// a transaction already open, `f` simply joins it.
    pub(crate) fn transaction<T>(
        &self,
        f: impl FnOnce(&Conn) -> crate::Result<T>,
    ) -> crate::Result<T> {
        if self.in_transaction.get() {
            return f(self);
        }
        match &self.inner {
            Inner::Sqlite(c) => sqlite::begin(c)?,
            Inner::Postgres(pg) => pg.begin()?,
        }
        let mut open = OpenTransaction {
            conn: self,
            finished: false,
        };
        self.in_transaction.set(true);
        let value = f(self)?;
        // A commit that fails (another writer's lock held too long, the disk
        // full) leaves `finished` unset, so the guard rolls back.
        self.execute_batch("COMMIT")?;
        open.finished = true;
        Ok(value)
    }
}

/// An open transaction: rolled back unless it was committed, also when the
/// operation fails or panics halfway, so nothing is left half-written.
struct OpenTransaction<'c> {
    conn: &'c Conn,
    finished: bool,
}

impl Drop for OpenTransaction<'_> {
    fn drop(&mut self) {
        self.conn.in_transaction.set(false);
        if !self.finished {
            // The operation's own error is the one to report; a rollback that
            // fails leaves the transaction to end with the connection, which
            // commits nothing either.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// A prepared statement.
pub struct Statement<'c> {
    inner: StatementInner<'c>,
}

enum StatementInner<'c> {
    Sqlite(rusqlite::CachedStatement<'c>),
    Postgres(&'c Pg, ::postgres::Statement),
}

impl Statement<'_> {
    /// Runs the statement and returns its rows, to be read one at a time.
    pub fn query<P: Params>(&mut self, params: P) -> Result<Rows<'_>> {
        let values = params.into_values();
        Ok(Rows {
            inner: match &mut self.inner {
                StatementInner::Sqlite(s) => {
                    RowsInner::Sqlite(s.query(rusqlite::params_from_iter(values.iter()))?)
                }
                StatementInner::Postgres(pg, s) => RowsInner::Postgres {
                    rows: pg.query(s, &values)?,
                    next: 0,
                },
            },
        })
    }

    /// Runs the statement and reads every row with `f`.
    pub fn query_map<T, P: Params>(
        &mut self,
        params: P,
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<std::vec::IntoIter<Result<T>>> {
        let mut rows = self.query(params)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let value = f(&row);
            let failed = value.is_err();
            out.push(value);
            if failed {
                break;
            }
        }
        Ok(out.into_iter())
    }

    /// Runs the statement and reads its one row with `f`; [`Error::NoRows`] when there is none.
    pub fn query_row<T, P: Params>(
        &mut self,
        params: P,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(row) => f(&row),
            None => Err(Error::NoRows),
        }
    }

    /// Runs a statement that changes rows; returns how many it changed.
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        let values = params.into_values();
        match &mut self.inner {
            StatementInner::Sqlite(s) => Ok(s.execute(rusqlite::params_from_iter(values.iter()))?),
            StatementInner::Postgres(pg, s) => pg.execute(s, &values),
        }
    }

    /// Whether the statement returns at least one row.
    pub fn exists<P: Params>(&mut self, params: P) -> Result<bool> {
        Ok(self.query(params)?.next()?.is_some())
    }
}

/// The rows a statement returned.
pub struct Rows<'s> {
    inner: RowsInner<'s>,
}

enum RowsInner<'s> {
    Sqlite(rusqlite::Rows<'s>),
    Postgres {
        rows: Vec<::postgres::Row>,
        next: usize,
    },
}

impl Rows<'_> {
    /// The next row, or `None` after the last.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match &mut self.inner {
            RowsInner::Sqlite(rows) => Ok(rows.next()?.map(|r| Row {
                inner: RowInner::Sqlite(r),
            })),
            RowsInner::Postgres { rows, next } => {
                let row = rows.get(*next);
                *next += 1;
                Ok(row.map(|r| Row {
                    inner: RowInner::Postgres(r),
                }))
            }
        }
    }
}

/// One row of a result.
pub struct Row<'r> {
    inner: RowInner<'r>,
}

enum RowInner<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Postgres(&'r ::postgres::Row),
}

impl Row<'_> {
    /// Column `index` read as `T`.
    pub fn get<I: ColumnIndex, T: FromValue>(&self, index: I) -> Result<T> {
        let column = self.column(index)?;
        T::from_value(self.value(column)?, column)
    }

    /// How many columns the row has.
    pub fn len(&self) -> usize {
        match &self.inner {
            RowInner::Sqlite(r) => r.as_ref().column_count(),
            RowInner::Postgres(r) => r.len(),
        }
    }

    /// Whether the row has no columns (a statement that returns none).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Column `index` as it is stored, whatever its kind: for code that
    /// reads every column of a table, such as a dump.
    pub fn value<I: ColumnIndex>(&self, index: I) -> Result<ValueRef<'_>> {
        let column = self.column(index)?;
        match &self.inner {
            RowInner::Sqlite(r) => sqlite::value(r, column),
            RowInner::Postgres(r) => postgres::value(r, column),
        }
    }

    /// Column `index` as text, borrowed from the row: for the hot loops that
    /// read a code from every row and would otherwise copy each one.
    pub fn get_str<I: ColumnIndex>(&self, index: I) -> Result<Option<&str>> {
        let column = self.column(index)?;
        match self.value(column)? {
            ValueRef::Null => Ok(None),
            ValueRef::Text(s) => Ok(Some(s)),
            other => Err(Error::Conversion {
                column,
                problem: format!("expected text, found {other:?}"),
            }),
        }
    }

    fn column<I: ColumnIndex>(&self, index: I) -> Result<usize> {
        let count = self.len();
        let names = || -> Vec<String> {
            match &self.inner {
                RowInner::Sqlite(r) => r
                    .as_ref()
                    .column_names()
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
                RowInner::Postgres(r) => r.columns().iter().map(|c| c.name().to_owned()).collect(),
            }
        };
        index.position(count, names)
    }
}

/// A way to name a column: its position or its name.
pub trait ColumnIndex: Copy {
    /// The column's position, given how many there are and their names.
    fn position(self, count: usize, names: impl FnOnce() -> Vec<String>) -> Result<usize>;
}

impl ColumnIndex for usize {
    fn position(self, count: usize, _: impl FnOnce() -> Vec<String>) -> Result<usize> {
        if self < count {
            Ok(self)
        } else {
            Err(Error::Conversion {
                column: self,
                problem: format!("the query returns only {count} columns"),
            })
        }
    }
}

impl ColumnIndex for &str {
    fn position(self, count: usize, names: impl FnOnce() -> Vec<String>) -> Result<usize> {
        names()
            .iter()
            .position(|n| n.eq_ignore_ascii_case(self))
            .ok_or_else(|| Error::Conversion {
                column: count,
                problem: format!("the query has no column named {self}"),
            })
    }
}

/// The parameters of a query: `()`, an array of values, a slice, or
/// [`params!`](crate::params).
pub trait Params {
    /// The values, in order.
    fn into_values(self) -> Vec<Value>;
}

impl Params for () {
    fn into_values(self) -> Vec<Value> {
        Vec::new()
    }
}

impl<T: ToValue, const N: usize> Params for [T; N] {
    fn into_values(self) -> Vec<Value> {
        self.iter().map(ToValue::to_value).collect()
    }
}

impl<T: ToValue> Params for &[T] {
    fn into_values(self) -> Vec<Value> {
        self.iter().map(ToValue::to_value).collect()
    }
}

impl<T: ToValue> Params for &Vec<T> {
    fn into_values(self) -> Vec<Value> {
        self.iter().map(ToValue::to_value).collect()
    }
}

impl Params for Vec<Value> {
    fn into_values(self) -> Vec<Value> {
        self
    }
}

/// The parameters of a query from an iterator of values.
pub fn params_from_iter<T: ToValue>(values: impl IntoIterator<Item = T>) -> Vec<Value> {
    values.into_iter().map(|v| v.to_value()).collect()
}

/// Parameters of mixed types: `params![id, name, 3]`.
#[macro_export]
macro_rules! params {
    () => { ::std::vec::Vec::<$crate::db::Value>::new() };
    ($($value:expr),+ $(,)?) => {
        ::std::vec![$($crate::db::ToValue::to_value(&$value)),+]
    };
}

pub use crate::params;

/// `text` for a `LIKE … ESCAPE '\\'` pattern, matched literally: a `%` or
/// `_` someone typed is not a wildcard.
pub fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Turns "no row" into `None`.
pub trait OptionalExtension<T> {
    /// `Ok(None)` where the query found no row; other errors stay errors.
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(value) => Ok(Some(value)),
            Err(Error::NoRows) => Ok(None),
            Err(err) => Err(err),
        }
    }
}
