//! Saving files where the school asks for them, the same way on every system.
//!
//! Everything Assent writes (reports, account exports, login slips, subject
//! access exports, copies of incident attachments, backups, the key file) is
//! written whole to a temporary file beside its destination and then renamed
//! into place, so a crash leaves the old file or the new one, never half of
//! either. A file the school chose the place of gets any missing folders on
//! the way made first: a new folder typed into a save dialog or on the
//! command line is what was meant.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::{Error, IoProblem, Result};

/// How often a rename refused on Windows is tried again, and how long apart.
/// Antivirus and indexing programs open a new file for a moment just after
/// it is written, and Windows refuses to replace a file while they do.
const RENAME_TRIES: u32 = 8;
const RENAME_PAUSE: Duration = Duration::from_millis(100);

/// Makes sure a file can be saved at `out`: refuses a folder, and creates the
/// folders on the way that do not exist yet.
pub fn prepare(out: &Path) -> Result<()> {
    if out.is_dir() {
        return Err(Error::io_problem(out, IoProblem::IsFolder));
    }
    let Some(dir) = out.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        // A file where a folder should be makes `create_dir_all` report
        // "already exists" or "not found", depending on the system and where
        // the file is, neither of which tells the user what to change.
        match dir.ancestors().find(|a| a.exists()) {
            Some(file) if !file.is_dir() => Error::io_problem(file, IoProblem::NotAFolder),
            _ => match Error::io(dir, &e) {
                // The folder above is there but this one could not be made in
                // it (a system folder such as /proc): it is the one missing.
                Error::Io {
                    problem: IoProblem::NotFound,
                    ..
                } => Error::io_problem(dir, IoProblem::FolderMissing),
                other => other,
            },
        }
    })
}

/// Saves `bytes` as `out`, a place the user chose: the missing folders on
/// the way are created, then the file is written as [`write_atomically`] does.
pub fn save(out: &Path, bytes: &[u8]) -> Result<()> {
    prepare(out)?;
    write_atomically(out, bytes)
}

/// As [`save`], but on Linux and macOS the file is readable only by its
/// owner. On Windows it takes the permissions of the folder it is saved in,
/// which for the user's own folders (Documents, Desktop) means theirs alone.
pub fn save_private(out: &Path, bytes: &[u8]) -> Result<()> {
    prepare(out)?;
    write_with(out, bytes, true)
}

/// Writes `bytes` to a temporary file beside `path`, syncs it, then renames it into place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_with(path, bytes, false)
}

fn write_with(path: &Path, bytes: &[u8], private: bool) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        if private {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        // A temporary file left by a crash would keep its old permissions.
        let _ = std::fs::remove_file(&tmp);
        let mut f = options.open(&tmp).map_err(|e| Error::io(path, &e))?;
        f.write_all(bytes)
            .and_then(|()| f.sync_all())
            .map_err(|e| Error::io(path, &e))?;
        drop(f);
        replace(&tmp, path).map_err(|e| replace_failed(path, &e))?;
        sync_folder_of(path);
        Ok::<_, Error>(())
    })();
    result.inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Renames `from` to `to`, replacing `to` if it exists. On Windows a refusal
/// because the file is open elsewhere is tried again for a moment before it
/// is reported, since the program holding it is usually a virus scanner that
/// lets go straight away.
pub fn replace(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut tries = 1;
    loop {
        match std::fs::rename(from, to) {
            Err(e)
                if cfg!(windows)
                    && tries < RENAME_TRIES
                    && matches!(IoProblem::of(&e), IoProblem::InUse | IoProblem::NotAllowed) =>
            {
                tries += 1;
                std::thread::sleep(RENAME_PAUSE);
            }
            other => return other,
        }
    }
}

/// The error for a [`replace`] onto `to` that failed. On Windows a refusal
/// to replace a file that exists, in a folder where the temporary file was
/// just written, nearly always means the old file is open in another program
/// (a register still open in Excel), so it is reported as such.
pub fn replace_failed(to: &Path, err: &std::io::Error) -> Error {
    if cfg!(windows) && IoProblem::of(err) == IoProblem::NotAllowed && to.is_file() {
        return Error::io_problem(to, IoProblem::InUse);
    }
    Error::io(to, err)
}

/// Makes a rename in `path`'s folder durable where the system allows it
/// (Windows cannot open a folder as a file, and needs no such step).
pub(crate) fn sync_folder_of(path: &Path) {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_makes_the_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new folder").join("deeper").join("x.pdf");
        save(&out, b"%PDF").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"%PDF");
        save(&out, b"again").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"again");
        let names: Vec<_> = std::fs::read_dir(out.parent().unwrap())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_folder_that_cannot_be_made_is_the_one_named_as_missing() {
        let err = save(Path::new("/proc/no-such-place/x.pdf"), b"x").unwrap_err();
        match err {
            Error::Io { path, problem } => {
                assert_eq!(
                    (path.as_str(), problem),
                    ("/proc/no-such-place", IoProblem::FolderMissing)
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_folder_or_a_file_in_the_way_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = save(dir.path(), b"x").unwrap_err();
        assert!(
            matches!(
                &err,
                Error::Io {
                    problem: IoProblem::IsFolder,
                    ..
                }
            ),
            "{err:?}"
        );
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, b"x").unwrap();
        for out in [plain.join("x.pdf"), plain.join("more").join("x.pdf")] {
            let err = save(&out, b"x").unwrap_err();
            match &err {
                Error::Io {
                    path,
                    problem: IoProblem::NotAFolder,
                } => assert_eq!(path, &plain.display().to_string()),
                other => panic!("{other:?}"),
            }
            assert!(!err.to_string().contains("os error"), "{err}");
        }
    }
}
