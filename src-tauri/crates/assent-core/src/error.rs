//! The core's one error type, and what went wrong with a file, in words a
//! school office can act on. It names only the small types it carries
//! (a form's field, an import's line, an account group), so every module can use it.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core, in terms a school office can act on.
///
/// The enum is sent to the UI as a tagged object (`{ "kind": "no_database", … }`)
/// and the UI words each variant; the `Display` text is what the CLI prints.
#[derive(Debug, thiserror::Error, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Error {
    /// No database file exists at the path that was asked for.
    #[error("there is no Assent database at {path}")]
    NoDatabase {
        /// The path that was looked for.
        path: String,
    },
    /// A new database was asked for where a file already exists; it is left alone.
    #[error("{path} already exists; choose another path or open the existing database")]
    AlreadyExists {
        /// The existing file.
        path: String,
    },
    /// The file exists but is not an Assent database; it has not been changed.
    #[error("{path} is not an Assent database; it has not been changed")]
    NotAssentDatabase {
        /// The file that was refused.
        path: String,
    },
    /// The database was written by a newer version of Assent than this one.
    #[error(
        "{path} was made by a newer version of Assent (schema {found}, this version knows up to {supported}); update Assent to open it"
    )]
    NewerSchema {
        /// The database file.
        path: String,
        /// The schema version found in the file.
        found: u32,
        /// The newest schema version this build understands.
        supported: u32,
    },
    /// The server database stores or compares text differently from a school
    /// file (its encoding is not UTF-8, or its collation or character classes
    /// are not C), so lists, searches and checks would not match; it must be
    /// created again with the right settings.
    #[error(
        "the server database {database} was created with {found}; Assent needs a database created with UTF-8 encoding and the C collation and character classes"
    )]
    ServerTextSettings {
        /// The database on the server.
        database: String,
        /// Its settings, as the server names them (encoding, collation, character classes).
        found: String,
    },
    /// A value given by the user is not acceptable.
    #[error("{field}: {reason}")]
    InvalidInput {
        /// Which field or argument was wrong.
        field: String,
        /// Why, in plain words.
        reason: String,
    },
    /// Some fields of a form cannot be accepted; nothing was saved.
    #[error("{}", problems.iter().map(|p| format!("{}: {}", p.field, p.reason)).collect::<Vec<_>>().join("; "))]
    InvalidFields {
        /// Each field and why.
        problems: Vec<crate::people::FieldProblem>,
    },
    /// An import file cannot be read as what it claims to be; nothing was written.
    #[error("{path}: {reason}")]
    FileRejected {
        /// The file.
        path: String,
        /// Why, in plain words.
        reason: String,
    },
    /// An import file has problems (bad values, unknown pupils…); nothing was written.
    #[error("{path} was not imported: {} problem(s), the first: {}", problems.len(), problems.first().map(ToString::to_string).unwrap_or_default())]
    ImportRejected {
        /// The file.
        path: String,
        /// Every problem, with line, column, value and reason.
        problems: Vec<crate::import::Problem>,
    },
    /// A full-roll import would mark more than a tenth of the roll as leaving,
    /// and the number of leavers was not confirmed (or does not match the file,
    /// which may have changed since the preview); nothing was written.
    #[error(
        "this import would mark {leavers} of the {roll} pupils on roll as leaving; confirm that number of leavers to go ahead{}",
        confirmed.map(|n| format!(" (the number confirmed was {n})")).unwrap_or_default()
    )]
    LeaversNotConfirmed {
        /// Pupils the import would mark as leaving.
        leavers: u32,
        /// Pupils on roll before the import.
        roll: u32,
        /// The number that was confirmed, if any.
        confirmed: Option<u32>,
    },
    /// Accounts cannot be exported for these groups until their email domain is set.
    #[error("set the email domain for {} first", groups.iter().map(|g| g.code()).collect::<Vec<_>>().join(" and "))]
    DomainsMissing {
        /// The groups without a domain, in the school's order.
        groups: Vec<crate::accounts::AccountGroup>,
    },
    /// Marking an export provisioned can be undone only while it is marked
    /// provisioned (not pending, not cancelled, not undone already).
    #[error("export {export_id} is not marked provisioned{}, so there is no marking to undo", outcome.as_ref().map_or_else(|| " (it is waiting to be marked)".to_owned(), |o| format!(" (it was {o})")))]
    ExportNotProvisioned {
        /// The export.
        export_id: String,
        /// What it is marked instead (`cancelled`), or `None` while it is pending.
        outcome: Option<String>,
    },
    /// Marking an export provisioned can no longer be undone: a later export
    /// has been made since, which was worked out from the accounts as marked.
    #[error(
        "marking export {export_id} provisioned can no longer be undone: a later export ({later}, made {later_at}) has been made since"
    )]
    LaterExport {
        /// The export whose marking was to be undone.
        export_id: String,
        /// The first export made after it.
        later: String,
        /// When that was made (UK time).
        later_at: String,
    },
    /// The operation needs a database without people (for example loading the demo school).
    #[error(
        "{path} already holds people; the demo school can only be loaded into a new or empty database"
    )]
    NotEmpty {
        /// The database file.
        path: String,
    },
    /// A parent agreement whose template asks the photo and video questions was
    /// sent without an answer (yes or no) to one of them for one of the
    /// parent's children; nothing was recorded. The choices come before the
    /// signature, which covers them.
    #[error(
        "the parent agreement was not recorded: \"{purpose_name}\" has no answer for {child}{}; answer every photo and video question for each child, then sign",
        if *unanswered > 1 { format!(" ({unanswered} questions are unanswered in all)") } else { String::new() }
    )]
    ChoicesUnanswered {
        /// The first child with a question unanswered.
        child_id: String,
        /// Their name as the school uses it.
        child: String,
        /// The code of the purpose not answered ("website").
        purpose: String,
        /// Its name, as the family saw it.
        purpose_name: String,
        /// How many answers are missing, over every child and purpose.
        unanswered: u32,
    },
    /// Nobody is signed in (or the session was locked after a period of inactivity).
    #[error("sign in first")]
    NotSignedIn,
    /// The username or password is wrong. Which of the two is not said, on purpose.
    #[error("the username or password is not right")]
    SignInFailed,
    /// The signed-in user's role does not allow this.
    #[error("your role ({role}) does not allow you to {action}")]
    Forbidden {
        /// What was attempted, in words ("publish agreement templates").
        action: String,
        /// The user's role, in words.
        role: String,
    },
    /// The key file that unlocks the database is missing.
    #[error(
        "the key file {path} is missing, so the database cannot be opened; restore it from a backup"
    )]
    KeysMissing {
        /// Where the key file should be.
        path: String,
    },
    /// The key file is not readable or belongs to another database.
    #[error(
        "the key file {path} is damaged or belongs to another database; restore it from a backup"
    )]
    KeysDamaged {
        /// The key file.
        path: String,
    },
    /// The database file cannot be read with the key file beside it: one of them
    /// is damaged, or they belong to different databases.
    #[error(
        "{path} cannot be opened with the key file beside it: one of them is damaged, or they belong to different schools; nothing has been changed. Restore the latest backup"
    )]
    Damaged {
        /// The database file.
        path: String,
    },
    /// Reading or writing a file failed.
    #[error("{}", problem.describe(path))]
    Io {
        /// The file or folder the problem is about: when a folder on the way
        /// is missing, the first one missing; when a file stands where a
        /// folder should be, that file.
        path: String,
        /// What went wrong, in terms the user can act on.
        problem: IoProblem,
    },
    /// A restore cannot replace the database because another program has it
    /// open (on Windows an open database cannot be moved aside); nothing was changed.
    #[error(
        "the database {path} is open in another program (Assent on this computer, perhaps signed in as another user); close Assent wherever it has this database open, then restore again. Nothing has been changed"
    )]
    DatabaseInUse {
        /// The database file.
        path: String,
    },
    /// A part of Assent itself (a built-in font) could not be read: the
    /// installation is damaged.
    #[error("{part} could not be read, so Assent needs reinstalling; nothing has been changed")]
    ProgramDamaged {
        /// Which part, in words ("the built-in font DejaVu Sans").
        part: String,
    },
    /// The app is in kiosk mode (handed to a pupil or parent): only signing the
    /// agreements it was opened for is allowed until a staff member leaves it.
    #[error(
        "kiosk mode is on: only the agreement being signed can be used until staff leave kiosk mode"
    )]
    KioskLocked,
    /// The PIN or password typed to leave kiosk mode is not the one set when it started.
    #[error("that is not the PIN or password set for kiosk mode ({failures} wrong so far)")]
    KioskWrongPin {
        /// Wrong tries since kiosk mode started; each makes the next answer slower.
        failures: u32,
    },
    /// The database (the school file, or the server) reported an error that
    /// the user cannot fix directly.
    #[error("database error: {message}")]
    Database {
        /// The database's explanation.
        message: String,
    },
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        Error::Database {
            message: err.to_string(),
        }
    }
}

impl Error {
    /// An [`Error::Io`] for `path`, saying what went wrong in words rather
    /// than the operating system's message. A missing file whose folder is
    /// missing too is reported as that folder, so the user knows which one.
    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        let problem = IoProblem::of(err);
        let located = match problem {
            IoProblem::NotFound | IoProblem::FolderMissing | IoProblem::NotAFolder => {
                locate_missing_folder(path)
            }
            _ => None,
        };
        match located {
            Some((folder, problem)) => Error::Io {
                path: folder.display().to_string(),
                problem,
            },
            None => Error::Io {
                path: path.display().to_string(),
                // Nothing on the way is missing after all (it may have been
                // created since): say what the operating system said.
                problem: if problem == IoProblem::FolderMissing {
                    IoProblem::NotFound
                } else {
                    problem
                },
            },
        }
    }

    /// An [`Error::Io`] with a problem already known.
    pub fn io_problem(path: &Path, problem: IoProblem) -> Self {
        Error::Io {
            path: path.display().to_string(),
            problem,
        }
    }

    /// An [`Error::InvalidInput`].
    pub fn invalid(field: &str, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.to_owned(),
            reason: reason.into(),
        }
    }
}

/// What went wrong with a file or folder, in terms a school office can act on.
///
/// Derived from the operating system's error ([`IoProblem::of`]) so that no
/// one is shown "Sharing violation. (os error 32)"; the UI and the CLI word
/// each one themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IoProblem {
    /// The file (or folder) itself does not exist, though the folder it should be in does.
    NotFound,
    /// A folder on the way to the file does not exist, or the drive or
    /// network share it is on is not connected.
    FolderMissing,
    /// The user's account on this computer is not allowed to read or change it.
    NotAllowed,
    /// Another program has it open (Windows will not let two programs change
    /// one file), for example a register still open in Excel.
    InUse,
    /// Something with that name is already there.
    AlreadyExists,
    /// The drive is full (or the account's share of it is used up).
    DiskFull,
    /// The drive cannot be written to: write-protected, or mounted read-only.
    ReadOnly,
    /// It is a folder where a file was wanted.
    IsFolder,
    /// It is a file where a folder was wanted, so nothing can be saved inside it.
    NotAFolder,
    /// The name is not one a file can have: too long, or with a character
    /// such as `:`, `?` or `*` that Windows does not allow.
    BadName,
    /// Anything else; the wording suggests checking the drive and asking for help.
    Other,
}

impl IoProblem {
    /// Which problem an I/O error is. The error kinds cover most cases on
    /// every system; Windows' own codes add "open in another program" and a
    /// drive that is not ready, which the standard library does not name.
    pub fn of(err: &std::io::Error) -> IoProblem {
        #[cfg(windows)]
        if let Some(problem) = err.raw_os_error().and_then(IoProblem::from_windows_code) {
            return problem;
        }
        #[cfg(unix)]
        if let Some(problem) = err.raw_os_error().and_then(IoProblem::from_unix_code) {
            return problem;
        }
        match err.kind() {
            ErrorKind::NotFound => IoProblem::NotFound,
            ErrorKind::PermissionDenied => IoProblem::NotAllowed,
            ErrorKind::AlreadyExists => IoProblem::AlreadyExists,
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => IoProblem::DiskFull,
            ErrorKind::ReadOnlyFilesystem => IoProblem::ReadOnly,
            ErrorKind::IsADirectory => IoProblem::IsFolder,
            ErrorKind::NotADirectory => IoProblem::NotAFolder,
            ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => IoProblem::InUse,
            _ => IoProblem::Other,
        }
    }

    /// Windows error codes the standard library leaves uncategorised (or
    /// categorises less helpfully). Always compiled, so it is tested on every system.
    pub fn from_windows_code(code: i32) -> Option<IoProblem> {
        Some(match code {
            // ERROR_FILE_NOT_FOUND
            2 => IoProblem::NotFound,
            // ERROR_PATH_NOT_FOUND, ERROR_INVALID_DRIVE, ERROR_NOT_READY (a
            // card reader with no card), ERROR_BAD_NETPATH, ERROR_BAD_NET_NAME,
            // ERROR_DEV_NOT_EXIST (a network drive that has gone)
            3 | 15 | 21 | 53 | 55 | 67 => IoProblem::FolderMissing,
            // ERROR_ACCESS_DENIED, ERROR_NETWORK_ACCESS_DENIED
            5 | 65 => IoProblem::NotAllowed,
            // ERROR_WRITE_PROTECT
            19 => IoProblem::ReadOnly,
            // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION, ERROR_USER_MAPPED_FILE
            32 | 33 | 1224 => IoProblem::InUse,
            // ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL, ERROR_DISK_QUOTA_EXCEEDED
            39 | 112 | 1295 => IoProblem::DiskFull,
            // ERROR_FILE_EXISTS, ERROR_ALREADY_EXISTS
            80 | 183 => IoProblem::AlreadyExists,
            // ERROR_INVALID_NAME, ERROR_BAD_PATHNAME, ERROR_FILENAME_EXCED_RANGE
            123 | 161 | 206 => IoProblem::BadName,
            // ERROR_DIRECTORY: a file where a folder was expected
            267 => IoProblem::NotAFolder,
            _ => return None,
        })
    }

    /// The Unix error codes that the error kinds do not cover.
    #[cfg(unix)]
    fn from_unix_code(code: i32) -> Option<IoProblem> {
        // ENAMETOOLONG is the same number on Linux and macOS; the kind that
        // names it is newer than the oldest Rust Assent builds with.
        const ENAMETOOLONG: i32 = if cfg!(target_os = "linux") { 36 } else { 63 };
        (code == ENAMETOOLONG).then_some(IoProblem::BadName)
    }

    /// The sentence the CLI prints for `path`.
    pub fn describe(self, path: &str) -> String {
        match self {
            IoProblem::NotFound => format!("{path} does not exist"),
            IoProblem::FolderMissing => format!(
                "the folder {path} does not exist, or the drive or network share it is on is not connected"
            ),
            IoProblem::NotAllowed => format!(
                "your account on this computer is not allowed to use {path}; choose another folder, or ask your IT technician for access"
            ),
            IoProblem::InUse => format!(
                "{path} is open in another program; close it there (or wait for it to finish) and try again"
            ),
            IoProblem::AlreadyExists => {
                format!("{path} already exists; choose another name or remove it first")
            }
            IoProblem::DiskFull => format!(
                "there is not enough space on the drive for {path}; free some space or choose another drive"
            ),
            IoProblem::ReadOnly => format!(
                "{path} is on a drive that cannot be written to (it is read-only or write-protected); choose another folder"
            ),
            IoProblem::IsFolder => {
                format!("{path} is a folder; give the name of a file inside it")
            }
            IoProblem::NotAFolder => {
                format!("{path} is a file, not a folder, so nothing can be saved inside it")
            }
            IoProblem::BadName => format!(
                "{path} cannot be used as a file name: it is too long or has a character such as : * ? \" < > | in it"
            ),
            IoProblem::Other => format!(
                "could not use {path}; check that the drive is connected and try again, and if it keeps happening ask your IT technician"
            ),
        }
    }
}

/// When something on the way to `path` is missing or is not a folder: the
/// first missing folder (counting down from the top), or the file standing
/// where a folder should be. `None` when every folder on the way is there.
fn locate_missing_folder(path: &Path) -> Option<(PathBuf, IoProblem)> {
    let mut missing: Option<&Path> = None;
    for folder in path.ancestors().skip(1) {
        if folder.as_os_str().is_empty() {
            // A relative path's last ancestor is the current folder, which exists.
            break;
        }
        match std::fs::metadata(folder) {
            Ok(meta) if meta.is_dir() => break,
            Ok(_) => return Some((folder.to_owned(), IoProblem::NotAFolder)),
            Err(_) => missing = Some(folder),
        }
    }
    missing.map(|m| (m.to_owned(), IoProblem::FolderMissing))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn io_error(path: &Path, err: &std::io::Error) -> (String, IoProblem) {
        match Error::io(path, err) {
            Error::Io { path, problem } => (path, problem),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn windows_codes_mean_what_a_school_can_act_on() {
        let code = IoProblem::from_windows_code;
        assert_eq!(code(32), Some(IoProblem::InUse), "ERROR_SHARING_VIOLATION");
        assert_eq!(code(33), Some(IoProblem::InUse), "ERROR_LOCK_VIOLATION");
        assert_eq!(
            code(3),
            Some(IoProblem::FolderMissing),
            "ERROR_PATH_NOT_FOUND"
        );
        assert_eq!(code(2), Some(IoProblem::NotFound));
        assert_eq!(code(5), Some(IoProblem::NotAllowed));
        assert_eq!(code(112), Some(IoProblem::DiskFull));
        assert_eq!(code(19), Some(IoProblem::ReadOnly));
        assert_eq!(code(123), Some(IoProblem::BadName));
        assert_eq!(code(9999), None);
    }

    #[test]
    fn error_kinds_are_mapped_on_every_system() {
        for (kind, problem) in [
            (ErrorKind::NotFound, IoProblem::NotFound),
            (ErrorKind::PermissionDenied, IoProblem::NotAllowed),
            (ErrorKind::AlreadyExists, IoProblem::AlreadyExists),
            (ErrorKind::StorageFull, IoProblem::DiskFull),
            (ErrorKind::ReadOnlyFilesystem, IoProblem::ReadOnly),
            (ErrorKind::IsADirectory, IoProblem::IsFolder),
            (ErrorKind::Interrupted, IoProblem::Other),
        ] {
            assert_eq!(
                IoProblem::of(&std::io::Error::from(kind)),
                problem,
                "{kind:?}"
            );
        }
    }

    #[test]
    fn a_missing_folder_is_named_and_no_os_error_is_shown() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("new folder").join("deeper").join("x.pdf");
        let err = std::fs::File::open(&file).unwrap_err();
        let (path, problem) = io_error(&file, &err);
        assert_eq!(problem, IoProblem::FolderMissing);
        assert_eq!(path, dir.path().join("new folder").display().to_string());

        let here = dir.path().join("x.pdf");
        let (path, problem) = io_error(&here, &std::fs::File::open(&here).unwrap_err());
        assert_eq!(
            (path.as_str(), problem),
            (here.to_str().unwrap(), IoProblem::NotFound)
        );

        std::fs::write(dir.path().join("plain"), b"x").unwrap();
        let inside = dir.path().join("plain").join("x.pdf");
        let (path, problem) = io_error(&inside, &std::fs::File::create(&inside).unwrap_err());
        assert_eq!(problem, IoProblem::NotAFolder);
        assert_eq!(path, dir.path().join("plain").display().to_string());

        let text = Error::io(&file, &std::fs::File::open(&file).unwrap_err()).to_string();
        assert!(text.contains("new folder does not exist"), "{text}");
        assert!(!text.contains("os error"), "{text}");
    }

    #[test]
    fn every_problem_is_worded_with_its_path_and_no_flags() {
        for problem in [
            IoProblem::NotFound,
            IoProblem::FolderMissing,
            IoProblem::NotAllowed,
            IoProblem::InUse,
            IoProblem::AlreadyExists,
            IoProblem::DiskFull,
            IoProblem::ReadOnly,
            IoProblem::IsFolder,
            IoProblem::NotAFolder,
            IoProblem::BadName,
            IoProblem::Other,
        ] {
            let text = problem.describe(r"C:\Users\office\Documents\Assent\x.pdf");
            assert!(text.contains(r"Documents\Assent\x.pdf"), "{text}");
            assert!(!text.contains("--") && !text.contains("os error"), "{text}");
        }
    }
}
