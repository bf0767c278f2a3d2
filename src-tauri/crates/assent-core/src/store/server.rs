//! A school's database on a PostgreSQL server: created in an empty database,
//! and opened again by any PC that can reach the server.
//!
//! The school's data key is sealed for each user, as for a single-PC school,
//! in the key file named by `keys`.

use std::path::Path;

use uuid::Uuid;

use super::{Admin, Store};
use crate::auth::Role;
use crate::db::{Conn, Pg};
use crate::keys::DataKey;
use crate::{Error, Result, keys, school, users};

impl Store {
    /// Creates a school for `school_name` in the empty PostgreSQL database at
    /// `url`, with its key file for `keys`, and signs `admin` in as its first
    /// head user.
    ///
    /// A database that already holds a schema is refused with
    /// [`Error::AlreadyExists`], and so is an existing key file.
    pub fn create_on_server(
        url: &str,
        keys: &Path,
        school_name: &str,
        admin: &Admin,
    ) -> Result<Store> {
        let name = school::validate_name(school_name)?;
        let first = users::check(&users::NewUser {
            username: admin.username.clone(),
            display_name: admin.display_name.clone(),
            role: Role::Head,
            password: admin.password.clone(),
            classes: Vec::new(),
        })?;
        let conn = Conn::from_postgres(Pg::connect(url)?);
        check_text_settings(&conn)?;
        if conn.schema_version()? > 0 {
            return Err(Error::AlreadyExists {
                path: url.to_owned(),
            });
        }
        if keys::key_path(keys).exists() {
            return Err(Error::AlreadyExists {
                path: keys::key_path(keys).display().to_string(),
            });
        }
        let school_id = Uuid::now_v7().to_string();
        let key = keys::create(
            keys,
            &school_id,
            &first.id,
            &first.username,
            &admin.password,
        )?;
        let mut store = Store {
            conn,
            path: keys.to_owned(),
            key,
            session: None,
        };
        let made = store.initialise(&school_id, &name, &first);
        if let Err(err) = made {
            let _ = std::fs::remove_file(keys::key_path(keys));
            return Err(err);
        }
        Ok(store)
    }

    /// Opens the school in the PostgreSQL database at `url` with a staff
    /// user's password (which opens the data key in the key file for `keys`),
    /// and signs them in.
    pub fn open_on_server(url: &str, keys: &Path, username: &str, password: &str) -> Result<Store> {
        let (key, user_id) = keys::unlock(keys, username, password)?;
        let conn = Conn::from_postgres(Pg::connect(url)?);
        check_text_settings(&conn)?;
        Store::on_server(conn, keys, key).finish_opening(&user_id)
    }

    /// Signs `username` in again on a server connection already open (after a
    /// restore through it), with the key file for `keys`.
    pub(crate) fn reopen_on_server(
        conn: Conn,
        keys: &Path,
        username: &str,
        password: &str,
    ) -> Result<Store> {
        let (key, user_id) = keys::unlock(keys, username, password)?;
        Store::on_server(conn, keys, key).finish_opening(&user_id)
    }

    /// A school's server database with its data key and nobody signed in yet:
    /// one being opened, or about to receive a backup's rows.
    pub(crate) fn on_server(conn: Conn, keys: &Path, key: DataKey) -> Store {
        Store {
            conn,
            path: keys.to_owned(),
            key,
            session: None,
        }
    }

    /// Brings a server database that is about to receive a backup's rows up to
    /// this build's schema, if it has one at all, and says whether it has: an
    /// empty database gets its schema with the rows, in the same transaction.
    pub(crate) fn migrate_for_restore(&mut self) -> Result<bool> {
        let version = self.schema_version()?;
        let supported = super::supported_schema_version();
        if version > supported {
            return Err(Error::NewerSchema {
                path: self.path.display().to_string(),
                found: version,
                supported,
            });
        }
        if version > 0 {
            self.migrate()?;
        }
        Ok(version > 0)
    }

    /// The connection, for a restore that replaces everything behind it.
    pub(crate) fn into_conn(self) -> Conn {
        self.conn
    }
}

/// Refuses a server database whose text is not stored as UTF-8 and compared
/// byte by byte with ASCII-only case (the C collation and character classes):
/// as in a school file, names sort, match and fold the same way on every PC
/// and on both engines, and a backup restores into either with the same
/// answers. PostgreSQL fixes these when the database is created.
pub(crate) fn check_text_settings(conn: &Conn) -> Result<()> {
    // The locale provider came with PostgreSQL 15 (read through JSON so that
    // the query also runs on 13 and 14, where every database uses the C
    // library's): an ICU or built-in provider collates by its own rules
    // whatever LC_COLLATE says.
    let (database, encoding, collation, ctype, provider): (String, String, String, String, String) =
        conn.query_row(
            "SELECT current_database()::text, pg_encoding_to_char(d.encoding)::text,
                    d.datcollate::text, d.datctype::text,
                    coalesce(to_jsonb(d) ->> 'datlocprovider', 'c')
             FROM pg_database d WHERE d.datname = current_database()",
            (),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
    let byte_order = |setting: &str| setting == "C" || setting == "POSIX";
    if encoding == "UTF8" && provider == "c" && byte_order(&collation) && byte_order(&ctype) {
        return Ok(());
    }
    let provider = match provider.as_str() {
        "c" => String::new(),
        "i" => ", locale provider ICU".to_owned(),
        "b" => ", locale provider builtin".to_owned(),
        other => format!(", locale provider {other}"),
    };
    Err(Error::ServerTextSettings {
        database,
        found: format!(
            "encoding {encoding}, collation {collation}, character classes {ctype}{provider}"
        ),
    })
}
