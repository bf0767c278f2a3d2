//! Creating a school: a new encrypted database and its key file, the
//! school's record and its first head user, who is signed in.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::db::Conn;
use uuid::Uuid;

use super::Store;
use super::open::APPLICATION_ID;
use crate::auth::{Role, Session};
use crate::{Error, Result, audit, keys, school, users};

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

impl std::fmt::Debug for Admin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the password, even in a debug log.
        f.debug_struct("Admin")
            .field("username", &self.username)
            .field("display_name", &self.display_name)
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
            conn: Conn::from_sqlite(conn),
            path: path.to_owned(),
            key,
            session: None,
        };
        store.configure()?;
        store.initialise(&school_id, name, first)?;
        Ok(store)
    }

    /// Brings a new, empty database up to the current schema and records the
    /// school and its first head user, who is signed in.
    pub(super) fn initialise(
        &mut self,
        school_id: &str,
        name: &str,
        first: &users::CheckedUser,
    ) -> Result<()> {
        self.migrate()?;
        let session = Session {
            user_id: first.id.clone(),
            username: first.username.clone(),
            display_name: first.display_name.clone(),
            role: Role::Head,
            classes: Vec::new(),
        };
        let actor = session.actor();
        self.write(|tx| {
            school::insert(tx, school_id, name)?;
            users::insert(tx, first)?;
            audit::record(
                tx,
                &actor,
                "school.create",
                "school",
                None,
                &format!("Created the database for {name}"),
            )
        })?;
        self.session = Some(session);
        Ok(())
    }
}

fn remove_database_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}
