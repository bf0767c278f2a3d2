//! Opening a database with a staff user's password: checking the file is
//! Assent's before SQLite touches it, unlocking it with the key file,
//! bringing its schema up to date, and signing in (again, after an idle lock).

use std::fs::File;
use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::db::Conn;

use super::{Store, supported_schema_version};
use crate::auth::Session;
use crate::{Error, Result, keys, school, users};

/// SQLite's `application_id` for Assent databases ("ASNT"), checked once the database is decrypted.
pub const APPLICATION_ID: u32 = 0x4153_4E54;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Store {
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
        let store = Store {
            conn: Conn::from_sqlite(conn),
            path: path.to_owned(),
            key,
            session: None,
        };
        store.finish_opening(&user_id)
    }

    /// Brings an opened database up to date, checks it is the school its key
    /// file belongs to, and signs the user in.
    pub(super) fn finish_opening(mut self, user_id: &str) -> Result<Store> {
        let version = self.schema_version()?;
        let supported = supported_schema_version();
        if version > supported {
            return Err(Error::NewerSchema {
                path: self.path.display().to_string(),
                found: version,
                supported,
            });
        }
        self.configure()?;
        self.migrate()?;
        if school::school_id(&self.conn)? != keys::school_id(&self.path)? {
            return Err(Error::KeysDamaged {
                path: keys::key_path(&self.path).display().to_string(),
            });
        }
        self.session = Some(users::session_for(&self.conn, user_id)?.ok_or(Error::SignInFailed)?);
        Ok(self)
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
