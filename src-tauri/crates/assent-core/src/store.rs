//! Opening, creating and migrating the database file.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::{Error, Result, audit, school, time};

/// SQLite's `application_id` for Assent databases ("ASNT"); stored at byte 68 of the file.
pub const APPLICATION_ID: u32 = 0x4153_4E54;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// One schema migration: SQL, and optionally a step in Rust that finishes it
/// in the same transaction (for work SQL cannot do, such as hashing).
struct Migration {
    sql: &'static str,
    then: Option<fn(&Transaction<'_>) -> Result<()>>,
}

/// Schema migrations, applied in order. `PRAGMA user_version` counts how many have run.
const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: include_str!("../migrations/0001_foundation.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../migrations/0002_people_details.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../migrations/0003_audit_chain.sql"),
        then: Some(|tx| audit::hash_unchained(tx)),
    },
    Migration {
        sql: include_str!("../migrations/0004_templates.sql"),
        then: Some(|tx| crate::templates::install_defaults(tx)),
    },
    Migration {
        sql: include_str!("../migrations/0005_agreements.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../migrations/0006_consent.sql"),
        then: Some(|tx| crate::consent::install_defaults(tx)),
    },
];

/// Who is making a change, as written in the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor(String);

impl Actor {
    /// A person at this computer, named by the program they used and their login name.
    pub fn local(program: &str) -> Self {
        let login = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "unknown".to_owned());
        Actor(format!("{program} ({login})"))
    }

    /// The name recorded in the audit log.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An open Assent database: one connection, kept for the life of the process.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Creates a new database for `school_name` at `path`.
    ///
    /// Refuses with [`Error::AlreadyExists`] if anything is at `path`. If creation
    /// fails part-way the new file is removed, so nothing half-made is left behind.
    pub fn create(path: &Path, school_name: &str, actor: &Actor) -> Result<Store> {
        let name = school::validate_name(school_name)?;
        if path.exists() {
            return Err(Error::AlreadyExists {
                path: path.display().to_string(),
            });
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
        }
        let made = Self::create_inner(path, &name, actor);
        if made.is_err() {
            remove_database_files(path);
        }
        made
    }

    fn create_inner(path: &Path, name: &str, actor: &Actor) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        // Written before WAL is switched on so that it lands in the main file's
        // header at once: `open` identifies Assent files by it without SQLite.
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
        };
        store.configure()?;
        store.migrate()?;
        let tx = store.conn.transaction()?;
        school::insert(&tx, name)?;
        audit::record(
            &tx,
            actor,
            "school.create",
            "school",
            None,
            &format!("Created the database for {name}"),
        )?;
        tx.commit()?;
        Ok(store)
    }

    /// Opens an existing database and brings its schema up to date.
    ///
    /// A file that is not an Assent database is refused before SQLite writes
    /// anything to it.
    pub fn open(path: &Path) -> Result<Store> {
        check_is_assent_file(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
        };
        let version = store.schema_version()?;
        let supported = supported_schema_version();
        if version > supported {
            return Err(Error::NewerSchema {
                path: path.display().to_string(),
                found: version,
                supported,
            });
        }
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// The database file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one transaction: all of its writes land, or none do.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        // IMMEDIATE takes the write lock up front, so a write that reads first
        // waits for another process (the app and the CLI) instead of failing.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// How many migrations this database has had.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    fn configure(&self) -> Result<()> {
        // Used by migrations that fill the search column for existing people.
        self.conn.create_scalar_function(
            "assent_search_fold",
            1,
            rusqlite::functions::FunctionFlags::SQLITE_UTF8
                | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
            |ctx| Ok(crate::people::search_fold(&ctx.get::<String>(0)?)),
        )?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a signature that was reported as saved survives a power cut.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let current = self.schema_version()? as usize;
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(current) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(migration.sql)?;
            if let Some(then) = migration.then {
                then(&tx)?;
            }
            tx.pragma_update(None, "user_version", index + 1)?;
            tx.commit()?;
        }
        Ok(())
    }
}

/// The newest schema version this build knows.
pub fn supported_schema_version() -> u32 {
    u32::try_from(MIGRATIONS.len()).expect("fewer than 2^32 migrations")
}

/// Reads the 100-byte SQLite header directly, so a foreign file is never touched by SQLite.
fn check_is_assent_file(path: &Path) -> Result<()> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoDatabase {
                path: path.display().to_string(),
            });
        }
        Err(e) => return Err(Error::io(path, &e)),
    };
    let mut header = [0u8; 100];
    let not_ours = || Error::NotAssentDatabase {
        path: path.display().to_string(),
    };
    file.read_exact(&mut header).map_err(|_| not_ours())?;
    let app_id = u32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if &header[..16] != SQLITE_MAGIC || app_id != APPLICATION_ID {
        return Err(not_ours());
    }
    Ok(())
}

fn remove_database_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// The stored form of "now"; kept here so every write in one operation can share it.
pub(crate) fn now() -> String {
    time::now_stored()
}
