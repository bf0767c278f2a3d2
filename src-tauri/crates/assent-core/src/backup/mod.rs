//! Backups and restores.
//!
//! A backup is one file: a short header line, a JSON description (school id,
//! when, by whom, sizes and a SHA-256 checksum), then the key file and an
//! encrypted copy of the database made with SQLite's online backup while the
//! school keeps working. Without a staff password the copy is as unreadable as
//! the database itself. A restore checks the checksum, the school and the
//! password before anything is replaced, and keeps the replaced files.
//!
//! From the window, a head first reads what a backup holds
//! ([`contents`](contents::contents)), then restores it over the database they
//! have open ([`restore_open`](open::restore_open)).

mod contents;
mod from_server;
mod onto_server;
mod open;

pub use contents::{BackupContents, contents};
pub use onto_server::restore_on_server;
pub use open::restore_open;

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::db::Conn;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::auth::Permission;
use crate::{Error, Result, Store, audit, keys, school, settings, store, time};

const MAGIC: &str = "ASSENT-BACKUP 1\n";

/// What a backup holds, as written at its start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    /// The school the backup belongs to.
    pub school_id: String,
    /// When it was taken (UTC, RFC 3339).
    pub taken_at: String,
    /// Who took it.
    pub taken_by: String,
    /// Bytes of key file that follow the description.
    pub keys_len: u64,
    /// Bytes of encrypted database that follow the key file.
    pub db_len: u64,
    /// SHA-256 (hex) over the key file and database bytes.
    pub sha256: String,
}

/// Writes a backup of the open database to `out`, in one step: a crash leaves
/// either no file or a complete one. A file already at `out` is refused, and
/// left as it was, unless `replace` says to replace it.
pub fn create(store: &mut Store, out: &Path, replace: bool) -> Result<BackupInfo> {
    let actor = store.require(Permission::Backup)?.actor();
    if !replace && out.exists() {
        return Err(Error::Io {
            path: out.display().to_string(),
            problem: crate::IoProblem::AlreadyExists,
        });
    }
    let key_bytes = keys::raw(store.path())?;
    let info = write_file(store, out, &key_bytes, actor.as_str())?;
    store.write(|tx| {
        audit::record(
            tx,
            &actor,
            "backup.create",
            "database",
            None,
            &format!("Backed up the database to {}", out.display()),
        )
    })?;
    Ok(info)
}

/// Writes `store`'s database and `key_bytes` as a backup at `out`, in one
/// step, recording `taken_by` as who took it.
fn write_file(
    store: &mut Store,
    out: &Path,
    key_bytes: &[u8],
    taken_by: &str,
) -> Result<BackupInfo> {
    crate::files::prepare(out)?;
    let work = tempfile_beside(out)?;
    let copy = work.join("copy.db");
    let result = (|| {
        let mut dst = rusqlite::Connection::open(&copy)?;
        dst.execute_batch(&store.data_key().pragma())?;
        if let Some(src) = store.conn().sqlite() {
            rusqlite::backup::Backup::new(src, &mut dst)?.run_to_completion(
                256,
                std::time::Duration::from_millis(5),
                None,
            )?;
        } else {
            from_server::copy_rows(store, &dst)?;
        }
        // A rollback journal, not WAL, so the copy is a single self-contained file.
        dst.pragma_update(None, "journal_mode", "DELETE")?;
        drop(dst);
        let db_bytes = std::fs::read(&copy).map_err(|e| Error::io(&copy, &e))?;
        let info = BackupInfo {
            school_id: school::school_id(store.conn())?,
            taken_at: store::now(),
            taken_by: taken_by.to_owned(),
            keys_len: key_bytes.len() as u64,
            db_len: db_bytes.len() as u64,
            sha256: checksum(key_bytes, &db_bytes),
        };
        let mut bytes = MAGIC.as_bytes().to_vec();
        bytes.extend(serde_json::to_vec(&info).map_err(|e| Error::Database {
            message: e.to_string(),
        })?);
        bytes.push(b'\n');
        bytes.extend(key_bytes);
        bytes.extend(&db_bytes);
        crate::files::write_atomically(out, &bytes)?;
        Ok::<_, Error>(info)
    })();
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// Reads and checks a backup file: its header, its description and its checksum.
pub fn inspect_file(input: &Path) -> Result<BackupInfo> {
    read_backup(input).map(|(info, _, _)| info)
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RestoreOutcome {
    /// The backup's description.
    pub info: BackupInfo,
    /// Where the database that was replaced now is, if there was one.
    pub kept: Option<String>,
}

/// Replaces the database at `db` with the backup at `input`.
///
/// Nothing is replaced unless the backup is complete (checksum), belongs to
/// the same school as the database it replaces, opens with `username`'s
/// password, and that user is a head user in it. The replaced database and
/// key file are kept beside it with a `.replaced-<time>` suffix.
///
/// The backup is first written beside the database as `<db>.restoring` and
/// checked there. If anything fails after that, the staged files are removed
/// and any live file already moved aside is moved back, so the school is left
/// with exactly what it had. On Windows the live database cannot be moved
/// while any program has it open; that is reported as
/// [`Error::DatabaseInUse`].
pub fn restore(input: &Path, db: &Path, username: &str, password: &str) -> Result<RestoreOutcome> {
    let (info, key_bytes, db_bytes) = read_backup(input)?;
    let staged = staged_path(db);
    remove_staged(&staged);
    let result = stage(
        input, db, &staged, &info, &key_bytes, &db_bytes, username, password,
    )
    .and_then(|()| swap_in(db, &staged));
    match result {
        Ok(kept) => Ok(RestoreOutcome { info, kept }),
        Err(e) => {
            remove_staged(&staged);
            Err(e)
        }
    }
}

/// The files SQLite may keep beside a database: the database itself, its
/// write-ahead log and shared memory, and a rollback journal left by a crash.
const DATABASE_SUFFIXES: [&str; 4] = ["", "-wal", "-shm", "-journal"];

/// Removes everything a restore may have staged beside the database.
fn remove_staged(staged: &Path) {
    for suffix in DATABASE_SUFFIXES {
        let _ = std::fs::remove_file(with_suffix(staged, suffix));
    }
    let _ = std::fs::remove_file(keys::key_path(staged));
}

/// Writes the backup's files as `staged` and checks them: the school, the
/// password, the user's role and the database's integrity. Records the
/// restore in the staged database's audit log.
#[allow(clippy::too_many_arguments)]
fn stage(
    input: &Path,
    db: &Path,
    staged: &Path,
    info: &BackupInfo,
    key_bytes: &[u8],
    db_bytes: &[u8],
    username: &str,
    password: &str,
) -> Result<()> {
    check_school(input, db, info, key_bytes)?;
    // A restore onto a new computer may be the first thing to use the folder.
    crate::files::prepare(db)?;
    let mut restored = open_staged(input, staged, key_bytes, db_bytes, username, password)?;
    record_restore(&mut restored, info)?;
    // Back to a single file so the rename below moves everything.
    if let Some(conn) = restored.conn().sqlite() {
        conn.pragma_update(None, "journal_mode", "DELETE")?;
    }
    // Closed before the renames: Windows cannot move a file that is open.
    drop(restored);
    Ok(())
}

/// Records the restore in the restored database's own audit log, as its head
/// user (who must be one), so the log says when it came back and from what.
fn record_restore(restored: &mut Store, info: &BackupInfo) -> Result<()> {
    let actor = restored.require(Permission::DataProtection)?.actor();
    restored.write(|tx| {
        audit::record(
            tx,
            &actor,
            "backup.restore",
            "database",
            None,
            &format!(
                "Restored the backup taken on {} by {}",
                time::from_stored(&info.taken_at)
                    .map_or(info.taken_at.clone(), time::display_london),
                info.taken_by
            ),
        )
    })
}

/// Refuses a backup of another school than the one whose key file is at `db`
/// (when there is one: a school file, or a school on a server).
fn check_school(input: &Path, db: &Path, info: &BackupInfo, key_bytes: &[u8]) -> Result<()> {
    if keys::check_raw(key_bytes)? != info.school_id {
        return Err(rejected(input, "its key file belongs to another school"));
    }
    if keys::key_path(db).exists() && keys::school_id(db)? != info.school_id {
        return Err(rejected(
            input,
            "it is a backup of another school's database; the current database has not been changed",
        ));
    }
    Ok(())
}

/// Writes a backup's database and key file as `staged`, opens it as
/// `username` and checks its integrity. The caller removes the staged files
/// whatever happens ([`remove_staged`]).
fn open_staged(
    input: &Path,
    staged: &Path,
    key_bytes: &[u8],
    db_bytes: &[u8],
    username: &str,
    password: &str,
) -> Result<Store> {
    let staged_keys = keys::key_path(staged);
    std::fs::write(staged, db_bytes).map_err(|e| Error::io(staged, &e))?;
    std::fs::write(&staged_keys, key_bytes).map_err(|e| Error::io(&staged_keys, &e))?;
    let opened = Store::open(staged, username, password)?;
    let integrity: String = opened
        .conn()
        .query_row("PRAGMA integrity_check", (), |r| r.get(0))?;
    if integrity != "ok" {
        return Err(rejected(input, "the database inside it is damaged"));
    }
    Ok(opened)
}

/// Moves the live database and key file aside and the staged ones into their
/// place. Either every step happens or, on the first failure, the steps
/// already taken are undone in reverse, so the live files are where they were.
/// Returns where the replaced database is kept, if there was one.
fn swap_in(db: &Path, staged: &Path) -> Result<Option<String>> {
    swap_in_with(db, staged, &mut |from, to| crate::files::replace(from, to))
}

/// [`swap_in`] with the rename it uses given, so tests can make any step fail.
fn swap_in_with(
    db: &Path,
    staged: &Path,
    rename: &mut dyn FnMut(&Path, &Path) -> std::io::Result<()>,
) -> Result<Option<String>> {
    let live_keys = keys::key_path(db);
    let aside = (db.exists() || live_keys.exists()).then(|| free_aside_path(db));
    // Each completed rename, as (from, to), to undo in reverse on failure.
    let mut done: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        if let Some(aside) = &aside {
            for suffix in DATABASE_SUFFIXES {
                let from = with_suffix(db, suffix);
                if from.exists() {
                    let to = with_suffix(aside, suffix);
                    rename(&from, &to).map_err(|e| live_file_error(db, &from, &e))?;
                    done.push((from, to));
                }
            }
            if live_keys.exists() {
                let to = keys::key_path(aside);
                rename(&live_keys, &to).map_err(|e| live_file_error(db, &live_keys, &e))?;
                done.push((live_keys.clone(), to));
            }
        }
        let staged_keys = keys::key_path(staged);
        rename(&staged_keys, &live_keys).map_err(|e| Error::io(&live_keys, &e))?;
        done.push((staged_keys, live_keys.clone()));
        rename(staged, db).map_err(|e| Error::io(db, &e))?;
        Ok::<_, Error>(())
    })();
    if let Err(e) = result {
        for (from, to) in done.iter().rev() {
            let _ = crate::files::replace(to, from);
        }
        return Err(e);
    }
    crate::files::sync_folder_of(db);
    Ok(aside.map(|a| a.display().to_string()))
}

/// `<db>.replaced-<time>`, never one an earlier restore kept, even in the same second.
fn free_aside_path(db: &Path) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    (1..=u32::MAX)
        .map(|n| {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            with_suffix(db, &format!(".replaced-{stamp}{suffix}"))
        })
        .find(|p| {
            !DATABASE_SUFFIXES.iter().any(|s| with_suffix(p, s).exists())
                && !keys::key_path(p).exists()
        })
        .expect("some suffix is free")
}

/// The error for a live database file that could not be moved aside. On
/// Windows that almost always means a program (Assent itself, for this or
/// another signed-in user) has the database open: the backup's files were
/// just written to the same folder, so the folder itself is not the problem.
fn live_file_error(db: &Path, file: &Path, err: &std::io::Error) -> Error {
    match crate::IoProblem::of(err) {
        crate::IoProblem::InUse => Error::DatabaseInUse {
            path: db.display().to_string(),
        },
        crate::IoProblem::NotAllowed if cfg!(windows) => Error::DatabaseInUse {
            path: db.display().to_string(),
        },
        _ => Error::io(file, err),
    }
}

fn read_backup(input: &Path) -> Result<(BackupInfo, Vec<u8>, Vec<u8>)> {
    let mut bytes = Vec::new();
    std::fs::File::open(input)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| Error::io(input, &e))?;
    let rest = bytes
        .strip_prefix(MAGIC.as_bytes())
        .ok_or_else(|| rejected(input, "it is not an Assent backup"))?;
    let end = rest
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| rejected(input, "its description is missing"))?;
    let info: BackupInfo = serde_json::from_slice(&rest[..end])
        .map_err(|_| rejected(input, "its description cannot be read"))?;
    let body = &rest[end + 1..];
    let keys_len = usize::try_from(info.keys_len).unwrap_or(usize::MAX);
    let db_len = usize::try_from(info.db_len).unwrap_or(usize::MAX);
    if keys_len.checked_add(db_len) != Some(body.len()) {
        return Err(rejected(
            input,
            "it is incomplete (its size does not match its description)",
        ));
    }
    let (key_bytes, db_bytes) = body.split_at(keys_len);
    if checksum(key_bytes, db_bytes) != info.sha256 {
        return Err(rejected(
            input,
            "its checksum does not match, so it was damaged or altered",
        ));
    }
    Ok((info, key_bytes.to_vec(), db_bytes.to_vec()))
}

fn rejected(path: &Path, reason: &str) -> Error {
    Error::FileRejected {
        path: path.display().to_string(),
        reason: format!("this backup cannot be used: {reason}"),
    }
}

fn checksum(key_bytes: &[u8], db_bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(key_bytes);
    h.update(db_bytes);
    format!("{:x}", h.finalize())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

fn staged_path(db: &Path) -> PathBuf {
    with_suffix(db, ".restoring")
}

/// A private working folder beside `out`, so the finished file is renamed within one file system.
fn tempfile_beside(out: &Path) -> Result<PathBuf> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = parent.join(format!(".assent-backup-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, &e))?;
    Ok(dir)
}

/// Where and how many automatic backups the app keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
pub struct AutomaticBackups {
    /// The folder backups are written to when the app closes; `None` turns them off.
    pub folder: Option<String>,
    /// How many to keep; older ones in that folder are removed.
    pub keep: u32,
}

const DEFAULT_KEEP: u32 = 10;
const AUTO_PREFIX: &str = "assent-backup-";
const AUTO_SUFFIX: &str = ".assentbak";

/// The automatic backup settings.
pub fn automatic_settings(store: &Store) -> Result<AutomaticBackups> {
    store.require(Permission::Backup)?;
    automatic_settings_in(store.conn())
}

fn automatic_settings_in(conn: &Conn) -> Result<AutomaticBackups> {
    Ok(AutomaticBackups {
        folder: settings::get(conn, "backup_folder")?.filter(|f| !f.is_empty()),
        keep: settings::get(conn, "backup_keep")?
            .and_then(|k| k.parse().ok())
            .unwrap_or(DEFAULT_KEEP),
    })
}

/// Turns automatic backups on (with a folder) or off, and sets how many to keep (1 to 100).
pub fn set_automatic(store: &mut Store, settings: &AutomaticBackups) -> Result<()> {
    let actor = store.require(Permission::Settings)?.actor();
    if !(1..=100).contains(&settings.keep) {
        return Err(Error::invalid("keep", "Keep between 1 and 100 backups."));
    }
    let folder = settings
        .folder
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty());
    if let Some(f) = folder {
        let path = Path::new(f);
        if !path.is_absolute() {
            return Err(Error::invalid("folder", "Give the folder's full path."));
        }
        std::fs::create_dir_all(path).map_err(|e| Error::io(path, &e))?;
    }
    store.write(|tx| {
        for (key, value) in [
            ("backup_folder", folder.unwrap_or("").to_owned()),
            ("backup_keep", settings.keep.to_string()),
        ] {
            settings::put(tx, key, &value)?;
        }
        audit::record(
            tx,
            &actor,
            "settings.backups",
            "settings",
            None,
            &match folder {
                Some(f) => format!(
                    "Automatic backups on closing, to {f}, keeping {}",
                    settings.keep
                ),
                None => "Turned automatic backups off".to_owned(),
            },
        )
    })
}

/// The app's backup on closing: written to the chosen folder whoever is (or
/// is not) signed in, and whatever their role — the file is encrypted like the
/// database, and the audit log records Assent itself as taking it — then the
/// oldest automatic backups beyond the number to keep are removed.
/// Returns the file written, or `None` when automatic backups are off.
pub fn automatic(store: &mut Store) -> Result<Option<PathBuf>> {
    let settings = automatic_settings_in(store.conn())?;
    let Some(folder) = settings.folder else {
        return Ok(None);
    };
    let folder = PathBuf::from(folder);
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let out = folder.join(format!("{AUTO_PREFIX}{stamp}{AUTO_SUFFIX}"));
    // Each automatic backup is named for the minute it was taken.
    store.as_system(|s| create(s, &out, true))?;
    let mut existing: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| Error::io(&folder, &e))?
        .filter_map(std::result::Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(AUTO_PREFIX) && n.ends_with(AUTO_SUFFIX))
        })
        .collect();
    // The names sort by time.
    existing.sort();
    let excess = existing.len().saturating_sub(settings.keep as usize);
    for old in existing.iter().take(excess) {
        let _ = std::fs::remove_file(old);
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A live database with a write-ahead log and key file, and a staged restore beside it.
    fn live_and_staged(dir: &Path) -> (PathBuf, PathBuf) {
        let db = dir.join("school.db");
        std::fs::write(&db, b"old database").unwrap();
        std::fs::write(with_suffix(&db, "-wal"), b"old log").unwrap();
        std::fs::write(keys::key_path(&db), b"old keys").unwrap();
        let staged = staged_path(&db);
        std::fs::write(&staged, b"restored database").unwrap();
        std::fs::write(keys::key_path(&staged), b"restored keys").unwrap();
        (db, staged)
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_swap_that_fails_at_any_step_puts_everything_back() {
        // Four renames: the database and its log aside, then the keys aside,
        // the restored keys in, the restored database in.
        for failing in 0..5 {
            let dir = tempfile::tempdir().unwrap();
            let (db, staged) = live_and_staged(dir.path());
            let mut step = 0;
            let result = swap_in_with(&db, &staged, &mut |from, to| {
                step += 1;
                if step == failing + 1 {
                    Err(std::io::Error::from(std::io::ErrorKind::ResourceBusy))
                } else {
                    std::fs::rename(from, to)
                }
            });
            let err = result.unwrap_err();
            remove_staged(&staged);
            if failing < 3 {
                assert!(matches!(err, Error::DatabaseInUse { .. }), "{err:?}");
            } else {
                assert!(matches!(err, Error::Io { .. }), "{err:?}");
            }
            assert_eq!(
                names(dir.path()),
                ["school.db", "school.db-wal", "school.db.keys"],
                "step {failing}"
            );
            assert_eq!(std::fs::read(&db).unwrap(), b"old database");
            assert_eq!(std::fs::read(with_suffix(&db, "-wal")).unwrap(), b"old log");
            assert_eq!(std::fs::read(keys::key_path(&db)).unwrap(), b"old keys");
        }
    }

    #[test]
    fn a_swap_keeps_every_live_file_beside_the_restored_one() {
        let dir = tempfile::tempdir().unwrap();
        let (db, staged) = live_and_staged(dir.path());
        let kept = PathBuf::from(swap_in(&db, &staged).unwrap().unwrap());
        assert_eq!(std::fs::read(&db).unwrap(), b"restored database");
        assert_eq!(
            std::fs::read(keys::key_path(&db)).unwrap(),
            b"restored keys"
        );
        assert_eq!(std::fs::read(&kept).unwrap(), b"old database");
        assert_eq!(
            std::fs::read(with_suffix(&kept, "-wal")).unwrap(),
            b"old log"
        );
        assert_eq!(std::fs::read(keys::key_path(&kept)).unwrap(), b"old keys");
        assert!(!with_suffix(&db, "-wal").exists());
        assert_eq!(names(dir.path()).len(), 5);
    }

    #[test]
    fn a_sharing_violation_means_the_database_is_open_elsewhere() {
        let db = Path::new("school.db");
        let busy = std::io::Error::from(std::io::ErrorKind::ResourceBusy);
        assert!(matches!(
            live_file_error(db, db, &busy),
            Error::DatabaseInUse { .. }
        ));
        let text = live_file_error(db, db, &busy).to_string();
        assert!(
            text.contains("open in another program") && text.contains("Nothing has been changed")
        );
        let gone = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert!(matches!(live_file_error(db, db, &gone), Error::Io { .. }));
    }
}
