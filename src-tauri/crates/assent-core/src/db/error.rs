//! What can go wrong in a database call, in terms both engines share.

/// The result of a database call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A database call that failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A query that must return one row returned none.
    #[error("the query returned no rows")]
    NoRows,
    /// A column could not be read as the type the code asked for.
    #[error("column {column}: {problem}")]
    Conversion {
        /// The column's position in the query.
        column: usize,
        /// What was expected and what was found.
        problem: String,
    },
    /// A key, unique, check or foreign-key constraint, or a trigger that
    /// keeps history append-only, refused the write.
    #[error("{message}")]
    Refused {
        /// The engine's explanation (a trigger's own message where it raised one).
        message: String,
    },
    /// The engine reported something else: the file or the server, the
    /// connection, or a statement it could not run.
    #[error("{message}")]
    Engine {
        /// The engine's explanation.
        message: String,
    },
}

impl Error {
    /// Whether a constraint or an append-only rule refused the write.
    pub fn is_refused(&self) -> bool {
        matches!(self, Error::Refused { .. })
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        match err {
            rusqlite::Error::QueryReturnedNoRows => Error::NoRows,
            rusqlite::Error::SqliteFailure(f, message)
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                Error::Refused {
                    message: message.unwrap_or_else(|| f.to_string()),
                }
            }
            other => Error::Engine {
                message: other.to_string(),
            },
        }
    }
}

impl From<::postgres::Error> for Error {
    fn from(err: ::postgres::Error) -> Self {
        let Some(db) = err.as_db_error() else {
            return Error::Engine {
                message: err.to_string(),
            };
        };
        // Class 23 is "integrity constraint violation"; P0001 is what a
        // trigger's RAISE EXCEPTION reports, which is how history refuses
        // to be changed.
        let code = db.code().code();
        if code.starts_with("23") || code == "P0001" {
            Error::Refused {
                message: db.message().to_owned(),
            }
        } else {
            Error::Engine {
                message: db.message().to_owned(),
            }
        }
    }
}

impl From<Error> for crate::Error {
    fn from(err: Error) -> Self {
        crate::Error::Database {
            message: err.to_string(),
        }
    }
}
