//! Opening, creating and migrating the database file.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction};

use uuid::Uuid;

use crate::auth::{Permission, Role, Session};
use crate::keys::{self, DataKey};
use crate::{Error, Result, audit, school, time, users};

/// SQLite's `application_id` for Assent databases ("ASNT"), checked once the database is decrypted.
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
    Migration {
        sql: include_str!("../migrations/0007_users.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../migrations/0008_retention.sql"),
        then: Some(|tx| audit::rehash_with_digests(tx)),
    },
    Migration {
        sql: include_str!("../migrations/0009_accounts.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../migrations/0010_slip_passwords.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../migrations/0011_incidents.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../migrations/0012_indexes.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../migrations/0013_imports.sql"),
        then: None,
    },
];

/// The first user of a new database, who becomes its first head user.
#[derive(Clone, serde::Deserialize, ts_rs::TS)]
pub struct Admin {
    /// Sign-in name.
    pub username: String,
    /// Name as shown.
    pub display_name: String,
    /// Their password, which seals the database key.
    pub password: String,
}

/// An open, encrypted Assent database and the staff user signed in to it.
///
/// One connection is kept for the life of the process: opening an encrypted
/// database is slow, and one connection keeps writes in one order.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    key: DataKey,
    session: Option<Session>,
}

impl std::fmt::Debug for Admin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the password, even in a debug log.
        f.debug_struct("Admin")
            .field("username", &self.username)
            .field("display_name", &self.display_name)
            .finish_non_exhaustive()
    }
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
    /// Creates a new encrypted database for `school_name` at `path`, with its
    /// key file beside it, and signs `admin` in as its first head user.
    ///
    /// Refuses with [`Error::AlreadyExists`] if anything is at `path`. If creation
    /// fails part-way the new files are removed, so nothing half-made is left behind.
    pub fn create(path: &Path, school_name: &str, admin: &Admin) -> Result<Store> {
        let name = school::validate_name(school_name)?;
        let first = users::check(&users::NewUser {
            username: admin.username.clone(),
            display_name: admin.display_name.clone(),
            role: Role::Head,
            password: admin.password.clone(),
            classes: Vec::new(),
        })?;
        if path.exists() || keys::key_path(path).exists() {
            return Err(Error::AlreadyExists {
                path: path.display().to_string(),
            });
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
        }
        let made = Self::create_inner(path, &name, &first, &admin.password);
        if made.is_err() {
            remove_database_files(path);
            let _ = std::fs::remove_file(keys::key_path(path));
        }
        made
    }

    fn create_inner(
        path: &Path,
        name: &str,
        first: &users::CheckedUser,
        password: &str,
    ) -> Result<Store> {
        let school_id = Uuid::now_v7().to_string();
        let key = keys::create(path, &school_id, &first.id, &first.username, password)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.execute_batch(&key.pragma())?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
            key,
            session: None,
        };
        store.configure()?;
        store.migrate()?;
        let session = Session {
            user_id: first.id.clone(),
            username: first.username.clone(),
            display_name: first.display_name.clone(),
            role: Role::Head,
            classes: Vec::new(),
        };
        let actor = session.actor();
        let tx = store.conn.transaction()?;
        school::insert(&tx, &school_id, name)?;
        users::insert(&tx, first)?;
        audit::record(
            &tx,
            &actor,
            "school.create",
            "school",
            None,
            &format!("Created the database for {name}"),
        )?;
        tx.commit()?;
        store.session = Some(session);
        Ok(store)
    }

    /// Opens an existing database with a staff user's password and signs them in.
    ///
    /// A file that is not an Assent database is refused before SQLite writes
    /// anything to it; a damaged one is reported with a suggestion to restore.
    pub fn open(path: &Path, username: &str, password: &str) -> Result<Store> {
        check_file(path)?;
        let (key, user_id) = keys::unlock(path, username, password)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.execute_batch(&key.pragma())?;
        let damaged = || Error::Damaged {
            path: path.display().to_string(),
        };
        // The first read is where a wrong key or a damaged file shows itself.
        let app_id: u32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|_| damaged())?;
        if app_id != APPLICATION_ID {
            return Err(damaged());
        }
        let mut store = Store {
            conn,
            path: path.to_owned(),
            key,
            session: None,
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
        if school::school_id(&store.conn)? != keys::school_id(path)? {
            return Err(Error::KeysDamaged {
                path: keys::key_path(path).display().to_string(),
            });
        }
        store.session =
            Some(users::session_for(&store.conn, &user_id)?.ok_or(Error::SignInFailed)?);
        Ok(store)
    }

    /// Signs a user in again on an open database (after an idle lock, or to
    /// switch user). The password must open this database's key.
    pub fn sign_in(&mut self, username: &str, password: &str) -> Result<&Session> {
        self.session = None;
        let (key, user_id) = keys::unlock(&self.path, username, password)?;
        if key != self.key {
            return Err(Error::SignInFailed);
        }
        let session = users::session_for(&self.conn, &user_id)?.ok_or(Error::SignInFailed)?;
        Ok(self.session.insert(session))
    }

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
            &format!("SELECT {}", crate::people::scope_clause("?1", "?2")),
            rusqlite::params![person_id, scope],
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
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Direct read access to the SQLite connection, bypassing roles.
    ///
    /// For tests and diagnostics that check what is stored; the app and the CLI
    /// never call it (a test checks their sources).
    #[doc(hidden)]
    pub fn inspect(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one write transaction on the raw connection, bypassing roles
    /// and the audit log: for tests and benchmarks that set up or tamper with
    /// stored rows directly. The app and the CLI never call it.
    #[doc(hidden)]
    pub fn inspect_write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.write(f)
    }

    /// Runs `f` in one transaction: all of its writes land, or none do.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
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
        // Every page read from an encrypted database is decrypted and checked
        // (HMAC), so a page evicted from the cache costs far more than in plain
        // SQLite. The default cache (2,000 pages, 8 MB) is smaller than a trust's
        // people, agreements and their indexes, so the dashboard and search kept
        // decrypting the same pages again. 16 MiB holds what a trust's dashboard
        // and search read over and over; a larger cache only held more memory
        // without making them faster (docs/benchmarks.md). It grows as pages are read.
        self.conn.pragma_update(None, "cache_size", -16_384)?;
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

/// Checks the file is there and is not a plain (unencrypted) SQLite file,
/// reading its first bytes directly so a foreign file is never touched by SQLite.
fn check_file(path: &Path) -> Result<()> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoDatabase {
                path: path.display().to_string(),
            });
        }
        Err(e) => return Err(Error::io(path, &e)),
    };
    let mut header = [0u8; 16];
    let not_ours = || Error::NotAssentDatabase {
        path: path.display().to_string(),
    };
    file.read_exact(&mut header).map_err(|_| not_ours())?;
    // Assent databases are always encrypted, so their first bytes are never
    // SQLite's plain-text signature.
    if &header == SQLITE_MAGIC {
        return Err(not_ours());
    }
    // An encrypted database is whole pages of at least 512 bytes each.
    let len = file.metadata().map_err(|e| Error::io(path, &e))?.len();
    if len < 512 || len % 512 != 0 {
        return Err(not_ours());
    }
    if !keys::key_path(path).exists() {
        return Err(Error::KeysMissing {
            path: keys::key_path(path).display().to_string(),
        });
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
