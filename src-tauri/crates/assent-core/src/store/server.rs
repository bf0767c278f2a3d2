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
        let store = Store {
            conn: Conn::from_postgres(Pg::connect(url)?),
            path: keys.to_owned(),
            key,
            session: None,
        };
        store.finish_opening(&user_id)
    }
}
