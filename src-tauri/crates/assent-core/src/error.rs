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
    #[error(
        "there is no Assent database at {path} (create one with `assent init` or `assent demo`)"
    )]
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
    /// The operation needs a database without people (for example loading the demo school).
    #[error(
        "{path} already holds people; the demo school can only be loaded into a new or empty database"
    )]
    NotEmpty {
        /// The database file.
        path: String,
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
        "the key file {path} is missing, so the database cannot be opened; restore it from a backup with `assent restore`"
    )]
    KeysMissing {
        /// Where the key file should be.
        path: String,
    },
    /// The key file is not readable or belongs to another database.
    #[error(
        "the key file {path} is damaged or belongs to another database; restore it from a backup with `assent restore`"
    )]
    KeysDamaged {
        /// The key file.
        path: String,
    },
    /// The database file cannot be read with the key file beside it: one of them
    /// is damaged, or they belong to different databases.
    #[error(
        "{path} cannot be opened with the key file beside it: one of them is damaged, or they belong to different schools; nothing has been changed. Restore the latest backup with `assent restore`"
    )]
    Damaged {
        /// The database file.
        path: String,
    },
    /// Reading or writing a file failed.
    #[error("could not use {path}: {message}")]
    Io {
        /// The file or folder involved.
        path: String,
        /// The operating system's explanation.
        message: String,
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
    /// SQLite reported an error that the user cannot fix directly.
    #[error("database error: {message}")]
    Database {
        /// SQLite's explanation.
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
    /// An [`Error::Io`] for `path`.
    pub fn io(path: &std::path::Path, err: &std::io::Error) -> Self {
        Error::Io {
            path: path.display().to_string(),
            message: err.to_string(),
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
