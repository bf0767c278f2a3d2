//! Where the database lives when nobody says otherwise.
//!
//! The app and the CLI must agree on this path, so both call
//! [`resolve_database_path`] rather than asking Tauri.
//!
//! | System | Default database |
//! |---|---|
//! | Windows | `%LOCALAPPDATA%\Assent\assent.db` |
//! | Windows, [`ALL_USERS_MARKER`] in `%PROGRAMDATA%\Assent` | `%PROGRAMDATA%\Assent\assent.db` |
//! | Linux | `~/.local/share/uk.assent.app/assent.db` |
//! | macOS | `~/Library/Application Support/uk.assent.app/assent.db` |
//!
//! On Windows the database is kept in the local, never the roaming, part of
//! the profile: a school's roaming profiles are copied to and from a server at
//! every sign-in and sign-out, which would copy the whole database each time
//! and could bring back an old copy over a newer one. Earlier versions of
//! Assent used the roaming folder (`%APPDATA%\uk.assent.app`); a database
//! found there is moved to the new default the first time it is looked for.

use std::path::{Path, PathBuf};

/// The application identifier; also the name of the app-data folder on Linux and macOS.
pub const APP_IDENTIFIER: &str = "uk.assent.app";

/// The environment variable that overrides the database path.
pub const DB_ENV: &str = "ASSENT_DB";

/// The database file name inside the app-data folder.
pub const DB_FILE_NAME: &str = "assent.db";

/// The folder's name under `%LOCALAPPDATA%` and `%PROGRAMDATA%` on Windows.
pub const WINDOWS_FOLDER: &str = "Assent";

/// The file whose presence in `%PROGRAMDATA%\Assent` makes that folder the
/// default for every user of the computer, so they share one database. The
/// installer writes it when the technician chooses "all users of this PC";
/// it may also be created or deleted by hand. What it contains does not matter.
pub const ALL_USERS_MARKER: &str = "all-users.txt";

/// The folders the default database may be in, on one computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// The user's own folder: `%LOCALAPPDATA%\Assent` on Windows,
    /// `<data dir>/uk.assent.app` elsewhere.
    pub per_user: PathBuf,
    /// The folder shared by every user of the computer, the default when it
    /// holds [`ALL_USERS_MARKER`]: `%PROGRAMDATA%\Assent` on Windows, none elsewhere.
    pub all_users: Option<PathBuf>,
    /// Where earlier versions kept the database by default (`%APPDATA%\uk.assent.app`
    /// on Windows, none elsewhere). A database there is moved to the default folder.
    pub earlier: Vec<PathBuf>,
}

impl Places {
    /// The folders of this computer and user.
    pub fn of_this_computer() -> Places {
        #[cfg(windows)]
        {
            let all_users = ["ProgramData", "ALLUSERSPROFILE"]
                .iter()
                .find_map(|var| std::env::var_os(var).filter(|v| !v.is_empty()))
                .map(|p| PathBuf::from(p).join(WINDOWS_FOLDER));
            Places {
                per_user: dirs::data_local_dir()
                    .unwrap_or_else(std::env::temp_dir)
                    .join(WINDOWS_FOLDER),
                all_users,
                earlier: dirs::data_dir()
                    .map(|roaming| roaming.join(APP_IDENTIFIER))
                    .into_iter()
                    .collect(),
            }
        }
        #[cfg(not(windows))]
        {
            Places {
                per_user: dirs::data_dir()
                    .unwrap_or_else(std::env::temp_dir)
                    .join(APP_IDENTIFIER),
                all_users: None,
                earlier: Vec::new(),
            }
        }
    }

    /// The folder the default database is in: the all-users folder if it
    /// holds [`ALL_USERS_MARKER`], else the user's own.
    pub fn default_folder(&self) -> PathBuf {
        self.all_users
            .as_ref()
            .filter(|shared| shared.join(ALL_USERS_MARKER).is_file())
            .unwrap_or(&self.per_user)
            .clone()
    }

    /// The default database, after moving one from an earlier default folder
    /// when the default folder holds none.
    ///
    /// The database, its key file, its `-wal`, `-shm` and `-journal` files move
    /// together or not at all, and nothing already at the new place is ever
    /// replaced. Copies kept by earlier restores (`assent.db.replaced-…`)
    /// follow, each left where it was if it cannot be moved. If the database
    /// cannot be moved (an older Assent still has it open, say), it is used
    /// where it is this time, so the school never sees an empty database in
    /// place of its own; the move is tried again the next time.
    pub fn settle(&self) -> PathBuf {
        let folder = self.default_folder();
        let db = folder.join(DB_FILE_NAME);
        if db.exists() || crate::keys::key_path(&db).exists() {
            return db;
        }
        for earlier in &self.earlier {
            let old = earlier.join(DB_FILE_NAME);
            if *earlier == folder || !old.is_file() {
                continue;
            }
            return match move_database(earlier, &folder) {
                Ok(()) => db,
                Err(_) => old,
            };
        }
        db
    }
}

/// The default database on this computer (see [`Places`]), without moving anything.
pub fn default_database_path() -> PathBuf {
    Places::of_this_computer()
        .default_folder()
        .join(DB_FILE_NAME)
}

/// The path to use: an explicit one if given, else `ASSENT_DB`, else the
/// default, moved there first from an earlier default folder if need be
/// (see [`Places::settle`]).
pub fn resolve_database_path(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| {
            std::env::var_os(DB_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| Places::of_this_computer().settle())
}

/// The files SQLite keeps beside a database, which belong with it.
const DATABASE_COMPANIONS: [&str; 5] = ["", ".keys", "-wal", "-shm", "-journal"];

/// Moves the database in `from` (with its key file and SQLite's files) to
/// `to`, all or nothing, then whatever else belongs to it (copies kept by
/// restores) as far as possible.
fn move_database(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    let moves: Vec<(PathBuf, PathBuf)> = DATABASE_COMPANIONS
        .iter()
        .map(|suffix| format!("{DB_FILE_NAME}{suffix}"))
        .filter(|name| from.join(name).exists())
        .map(|name| (from.join(&name), to.join(&name)))
        .collect();
    move_together(&moves)?;
    let others: Vec<PathBuf> = std::fs::read_dir(from)?
        .filter_map(std::result::Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(&format!("{DB_FILE_NAME}.")))
        })
        .map(|e| e.path())
        .collect();
    for path in others {
        let target = to.join(path.file_name().unwrap_or_default());
        if !target.exists() {
            let _ = move_together(&[(path, target)]);
        }
    }
    Ok(())
}

/// Renames each `(from, to)` in order; on the first failure the renames done
/// are undone. Between drives (a redirected profile folder on a server, say)
/// a rename is impossible, so the files are copied and the originals removed
/// once every copy is whole.
fn move_together(moves: &[(PathBuf, PathBuf)]) -> std::io::Result<()> {
    for (done, (from, to)) in moves.iter().enumerate() {
        if let Err(e) = std::fs::rename(from, to) {
            for (back_to, back_from) in moves[..done].iter().rev() {
                let _ = std::fs::rename(back_from, back_to);
            }
            return if e.kind() == std::io::ErrorKind::CrossesDevices {
                copy_together(moves)
            } else {
                Err(e)
            };
        }
    }
    Ok(())
}

/// Copies each `(from, to)`, then removes the originals, the first one (the
/// database) first: if it cannot be removed because a program has it open,
/// the copies are removed instead and the originals stay in use.
fn copy_together(moves: &[(PathBuf, PathBuf)]) -> std::io::Result<()> {
    let remove_copies = |upto: usize| {
        for (_, to) in &moves[..upto] {
            let _ = std::fs::remove_file(to);
        }
    };
    for (done, (from, to)) in moves.iter().enumerate() {
        // Opened for writing to sync it: Windows refuses to flush a file opened only to read.
        let copied = std::fs::copy(from, to)
            .and_then(|_| std::fs::OpenOptions::new().write(true).open(to)?.sync_all());
        if let Err(e) = copied {
            remove_copies(done + 1);
            return Err(e);
        }
    }
    let Some(((first, _), rest)) = moves.split_first() else {
        return Ok(());
    };
    if let Err(e) = std::fs::remove_file(first) {
        remove_copies(moves.len());
        return Err(e);
    }
    for (from, _) in rest {
        let _ = std::fs::remove_file(from);
    }
    Ok(())
}

/// Where a file the school saves (a report, an account export) is suggested to
/// go: `<Documents>/Assent/<name>-<YYYY-MM-DD>.<extension>`, or the home folder
/// when there is no Documents folder. Characters that do not belong in a file
/// name are left out of `name` and `extension`.
pub fn suggested_file(name: &str, extension: &str) -> PathBuf {
    let safe: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let ext: String = extension
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    dirs::document_dir()
        .or_else(dirs::home_dir)
        .unwrap_or_else(|| PathBuf::from("."))
        .join("Assent")
        .join(format!("{safe}-{}.{ext}", crate::time::today()))
}

#[cfg(test)]
mod suggested_file_tests {
    use super::suggested_file;

    #[test]
    fn names_are_dated_cleaned_and_kept_in_an_assent_folder() {
        let path = suggested_file("consent-register/../x y", "p.d f");
        let today = crate::time::today();
        assert_eq!(
            path.file_name().unwrap().to_string_lossy(),
            format!("consent-registerxy-{today}.pdf")
        );
        assert_eq!(path.parent().unwrap().file_name().unwrap(), "Assent");
    }
}

#[cfg(test)]
mod default_tests {
    use super::*;

    /// Windows' three folders, as temporary folders: `Local\Assent`,
    /// `ProgramData\Assent` and the earlier `Roaming\uk.assent.app`.
    fn windows_like(root: &Path) -> Places {
        Places {
            per_user: root.join("Local").join(WINDOWS_FOLDER),
            all_users: Some(root.join("ProgramData").join(WINDOWS_FOLDER)),
            earlier: vec![root.join("Roaming").join(APP_IDENTIFIER)],
        }
    }

    /// A database with its key file, log, shared memory and a copy kept by a restore, in `dir`.
    fn old_database(dir: &Path) {
        std::fs::create_dir_all(dir).unwrap();
        for (name, text) in [
            ("assent.db", "database"),
            ("assent.db.keys", "keys"),
            ("assent.db-wal", "log"),
            ("assent.db-shm", "shared memory"),
            ("assent.db.replaced-20250101T090000Z", "kept database"),
            ("assent.db.replaced-20250101T090000Z.keys", "kept keys"),
            ("notes.txt", "not Assent's"),
        ] {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn the_default_is_the_users_own_folder_unless_the_all_users_marker_is_there() {
        let root = tempfile::tempdir().unwrap();
        let places = windows_like(root.path());
        assert_eq!(places.settle(), places.per_user.join("assent.db"));
        let shared = places.all_users.clone().unwrap();
        std::fs::create_dir_all(&shared).unwrap();
        assert_eq!(
            places.default_folder(),
            places.per_user,
            "the folder alone is not enough"
        );
        std::fs::write(shared.join(ALL_USERS_MARKER), "").unwrap();
        assert_eq!(places.settle(), shared.join("assent.db"));
        // Even when the user has a database of their own.
        std::fs::create_dir_all(&places.per_user).unwrap();
        std::fs::write(places.per_user.join("assent.db"), "mine").unwrap();
        assert_eq!(places.settle(), shared.join("assent.db"));
        std::fs::remove_file(shared.join(ALL_USERS_MARKER)).unwrap();
        assert_eq!(places.settle(), places.per_user.join("assent.db"));
        assert!(!shared.join("assent.db").exists(), "nothing was made there");
    }

    #[test]
    fn a_database_in_the_earlier_folder_moves_with_everything_that_belongs_to_it() {
        let root = tempfile::tempdir().unwrap();
        let places = windows_like(root.path());
        let old = &places.earlier[0];
        old_database(old);
        let db = places.settle();
        assert_eq!(db, places.per_user.join("assent.db"));
        assert_eq!(
            names(&places.per_user),
            [
                "assent.db",
                "assent.db-shm",
                "assent.db-wal",
                "assent.db.keys",
                "assent.db.replaced-20250101T090000Z",
                "assent.db.replaced-20250101T090000Z.keys",
            ]
        );
        assert_eq!(std::fs::read_to_string(&db).unwrap(), "database");
        assert_eq!(
            std::fs::read_to_string(crate::keys::key_path(&db)).unwrap(),
            "keys"
        );
        assert_eq!(names(old), ["notes.txt"], "only what is not Assent's stays");
        assert_eq!(
            places.settle(),
            db,
            "the second time there is nothing to move"
        );
    }

    #[test]
    fn with_the_marker_the_earlier_database_moves_to_the_shared_folder() {
        let root = tempfile::tempdir().unwrap();
        let places = windows_like(root.path());
        let shared = places.all_users.clone().unwrap();
        std::fs::create_dir_all(&shared).unwrap();
        std::fs::write(shared.join(ALL_USERS_MARKER), "").unwrap();
        old_database(&places.earlier[0]);
        assert_eq!(places.settle(), shared.join("assent.db"));
        assert_eq!(
            std::fs::read_to_string(shared.join("assent.db")).unwrap(),
            "database"
        );
        assert!(!places.per_user.exists());
    }

    #[test]
    fn a_database_already_at_the_new_place_is_never_replaced() {
        let root = tempfile::tempdir().unwrap();
        let places = windows_like(root.path());
        old_database(&places.earlier[0]);
        for existing in ["assent.db", "assent.db.keys"] {
            let new = places.per_user.clone();
            std::fs::create_dir_all(&new).unwrap();
            std::fs::write(new.join(existing), "new").unwrap();
            assert_eq!(places.settle(), new.join("assent.db"));
            assert_eq!(std::fs::read_to_string(new.join(existing)).unwrap(), "new");
            assert_eq!(names(&new), [existing], "nothing moved in beside it");
            assert_eq!(names(&places.earlier[0]).len(), 7, "nothing moved out");
            std::fs::remove_dir_all(&new).unwrap();
        }
    }

    #[test]
    fn a_move_that_cannot_finish_leaves_everything_where_it_was_and_uses_the_old_place() {
        let root = tempfile::tempdir().unwrap();
        let places = windows_like(root.path());
        let old = places.earlier[0].clone();
        old_database(&old);
        // The log cannot be moved: a folder of that name is in the way.
        std::fs::create_dir_all(places.per_user.join("assent.db-wal").join("x")).unwrap();
        assert_eq!(places.settle(), old.join("assent.db"));
        assert_eq!(
            names(&old).len(),
            7,
            "every file is back: {:?}",
            names(&old)
        );
        assert_eq!(
            std::fs::read_to_string(old.join("assent.db")).unwrap(),
            "database"
        );
        assert_eq!(names(&places.per_user), ["assent.db-wal"]);

        // A folder that cannot be made at all.
        let blocked = Places {
            per_user: root.path().join("notes.txt").join(WINDOWS_FOLDER),
            ..places.clone()
        };
        std::fs::write(root.path().join("notes.txt"), "a file").unwrap();
        assert_eq!(blocked.settle(), old.join("assent.db"));
        assert_eq!(names(&old).len(), 7);
    }

    #[test]
    fn copying_between_drives_removes_the_originals_only_once_every_copy_is_whole() {
        let root = tempfile::tempdir().unwrap();
        let (from, to) = (root.path().join("from"), root.path().join("to"));
        old_database(&from);
        std::fs::create_dir_all(&to).unwrap();
        let moves: Vec<(PathBuf, PathBuf)> = ["assent.db", "assent.db.keys"]
            .iter()
            .map(|n| (from.join(n), to.join(n)))
            .collect();
        copy_together(&moves).unwrap();
        assert_eq!(names(&to), ["assent.db", "assent.db.keys"]);
        assert!(!from.join("assent.db").exists() && !from.join("assent.db.keys").exists());

        // A copy that fails (its source has gone) leaves no copies and every original.
        let again: Vec<(PathBuf, PathBuf)> = ["assent.db-wal", "missing"]
            .iter()
            .map(|n| (from.join(n), root.path().join(n)))
            .collect();
        assert!(copy_together(&again).is_err());
        assert!(from.join("assent.db-wal").exists());
        assert!(!root.path().join("assent.db-wal").exists());
    }

    #[test]
    fn linux_and_macos_keep_the_data_folder_they_always_had() {
        if cfg!(windows) {
            return;
        }
        let places = Places::of_this_computer();
        assert_eq!(places.all_users, None);
        assert!(places.earlier.is_empty());
        assert_eq!(
            default_database_path(),
            dirs::data_dir()
                .unwrap_or_else(std::env::temp_dir)
                .join("uk.assent.app")
                .join("assent.db")
        );
    }
}
