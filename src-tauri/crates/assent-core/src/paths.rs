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
