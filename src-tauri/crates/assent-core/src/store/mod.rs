//! An open, encrypted database and the staff user signed in to it: the
//! permission checks and the one transaction every operation goes through.
//!
//! Creating, opening and migrating a database are child modules, above the
//! store: they write the school, its users, the audit log, the built-in
//! templates and consent purposes, which all work through the store.

mod create;
mod migrations;
mod open;
mod server;

use std::path::{Path, PathBuf};

use crate::db::Conn;

use crate::auth::{Permission, Role, Session};
use crate::keys::DataKey;
use crate::{Error, Result, time};

pub use create::Admin;
pub use migrations::supported_schema_version;
pub(crate) use migrations::{server_schema, sqlite_schema};
pub use open::APPLICATION_ID;
pub(crate) use server::check_text_settings;

/// An open, encrypted Assent database and the staff user signed in to it.
///
/// One connection is kept for the life of the process: opening an encrypted
/// database is slow, and one connection keeps writes in one order.
pub struct Store {
    conn: Conn,
    path: PathBuf,
    key: DataKey,
    session: Option<Session>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("session", &self.session)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Acts as Assent itself, for the one task it does with nobody signed in:
    /// the encrypted backup when the app closes.
    pub(crate) fn as_system<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let previous = self.session.replace(Session {
            user_id: String::new(),
            username: "assent".to_owned(),
            display_name: "Assent (automatic backup)".to_owned(),
            role: Role::It,
            classes: Vec::new(),
        });
        let result = f(self);
        self.session = previous;
        result
    }

    /// Signs the current user out: every operation is refused until someone signs in.
    pub fn sign_out(&mut self) {
        self.session = None;
    }

    /// Who is signed in.
    pub fn session(&self) -> Result<&Session> {
        self.session.as_ref().ok_or(Error::NotSignedIn)
    }

    /// The signed-in session, if it may do `permission`.
    pub fn require(&self, permission: Permission) -> Result<&Session> {
        let session = self.session()?;
        if session.can(permission) {
            Ok(session)
        } else {
            Err(Error::Forbidden {
                action: permission.describe().to_owned(),
                role: session.role.label().to_owned(),
            })
        }
    }

    /// The signed-in session, if it may do `permission` for this person: a
    /// teacher only for pupils in their classes and those pupils' contacts.
    pub(crate) fn require_for(&self, permission: Permission, person_id: &str) -> Result<&Session> {
        let session = self.require(permission)?;
        let Some(scope) = self.class_scope()? else {
            return Ok(session);
        };
        let seen: bool = self.conn.query_row(
            &format!(
                "SELECT {}",
                crate::people::scope_clause(self.conn.engine(), "?1", "?2")
            ),
            crate::params![person_id, scope],
            |r| r.get(0),
        )?;
        if seen {
            Ok(session)
        } else {
            Err(Error::Forbidden {
                action: "see people outside your classes".to_owned(),
                role: session.role.label().to_owned(),
            })
        }
    }

    /// For a teacher, their classes as a JSON array for [`crate::people::scope_clause`];
    /// `None` for roles that see the whole school.
    pub(crate) fn class_scope(&self) -> Result<Option<String>> {
        Ok(self
            .session()?
            .class_limit()
            .map(|classes| serde_json::Value::from(classes.to_vec()).to_string()))
    }

    /// The database file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn data_key(&self) -> &DataKey {
        &self.key
    }

    /// Read access for the core's own queries, after they have checked the session.
    pub(crate) fn conn(&self) -> &Conn {
        &self.conn
    }

    /// Direct read access to the database, bypassing roles.
    ///
    /// For tests and diagnostics that check what is stored; the app and the CLI
    /// never call it (a test checks their sources).
    #[doc(hidden)]
    pub fn inspect(&self) -> &Conn {
        &self.conn
    }

    /// The SQLite connection itself, for the tests about SQLite: its pragmas,
    /// its query plans, its encryption. The app and the CLI never call it.
    #[doc(hidden)]
    pub fn inspect_sqlite(&self) -> &rusqlite::Connection {
        self.conn
            .sqlite()
            .expect("only a single-PC school file has a SQLite connection")
    }

    /// Runs `f` in one write transaction on the raw connection, bypassing roles
    /// and the audit log: for tests and benchmarks that set up or tamper with
    /// stored rows directly. The app and the CLI never call it.
    #[doc(hidden)]
    pub fn inspect_write<T>(&mut self, f: impl FnOnce(&Conn) -> Result<T>) -> Result<T> {
        self.write(f)
    }

    /// Runs `f` in one transaction: all of its writes land, or none do.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Conn) -> Result<T>) -> Result<T> {
        self.conn.transaction(f)
    }

    /// How many migrations this database has had.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self.conn.schema_version()?)
    }

    /// The connection's settings, for a database just created or opened.
    fn configure(&self) -> Result<()> {
        let Some(conn) = self.conn.sqlite() else {
            return Ok(());
        };
        register_functions(conn)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a signature that was reported as saved survives a power cut.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Every page read from an encrypted database is decrypted and checked
        // (HMAC), so a page evicted from the cache costs far more than in plain
        // SQLite. The default cache (2,000 pages, 8 MB) is smaller than a trust's
        // people, agreements and their indexes, so the dashboard and search kept
        // decrypting the same pages again. 16 MiB holds what a trust's dashboard
        // and search read over and over; a larger cache only held more memory
        // without making them faster (docs/benchmarks.md). It grows as pages are read.
        conn.pragma_update(None, "cache_size", -16_384)?;
        Ok(())
    }
}

/// The functions the SQLite migrations call.
fn register_functions(conn: &rusqlite::Connection) -> Result<()> {
    // Used by migrations that fill the search column for existing people.
    conn.create_scalar_function(
        "assent_search_fold",
        1,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8
            | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(crate::people::search_fold(&ctx.get::<String>(0)?)),
    )?;
    Ok(())
}

/// The stored form of "now"; kept here so every write in one operation can share it.
pub(crate) fn now() -> String {
    time::now_stored()
}
