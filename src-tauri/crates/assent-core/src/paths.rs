//! Where the database lives when nobody says otherwise.
//!
//! The app and the CLI must agree on this path, so both call
//! [`default_database_path`] rather than asking Tauri.

use std::path::PathBuf;

/// The application identifier; also the name of the app-data folder.
pub const APP_IDENTIFIER: &str = "uk.assent.app";

/// The environment variable that overrides the database path.
pub const DB_ENV: &str = "ASSENT_DB";

/// The database file name inside the app-data folder.
pub const DB_FILE_NAME: &str = "assent.db";

/// `<data dir>/uk.assent.app/assent.db`, e.g. `~/.local/share/uk.assent.app/assent.db` on Linux.
pub fn default_database_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join(APP_IDENTIFIER)
        .join(DB_FILE_NAME)
}

/// The path to use: an explicit one if given, else `ASSENT_DB`, else the default.
pub fn resolve_database_path(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| {
            std::env::var_os(DB_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(default_database_path)
}
