//! What a backup holds, read before it is restored, so the head can see it is
//! the one they mean: when it was taken, by whom, and how many records of each
//! kind it has. The backup is opened as a copy beside the database and removed
//! again; the database in use is not touched.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::{BackupInfo, check_school, open_staged, read_backup, remove_staged, with_suffix};
use crate::auth::Permission;
use crate::{Result, Store};

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupContents {
    /// When and by whom it was taken.
    pub info: BackupInfo,
    /// The school's name in the backup.
    pub school_name: String,
    /// Pupils, staff, parents and carers, governors and visitors, leavers included.
    pub people: u32,
    /// Agreements signed.
    pub agreements: u32,
    /// Consent decisions recorded, every change counted.
    pub consent_decisions: u32,
    /// Incidents logged.
    pub incidents: u32,
    /// Staff users.
    pub users: u32,
    /// Entries in the audit log.
    pub audit_entries: u32,
}

/// Reads what the backup at `input` holds, for a head user: the file is
/// checked as a restore checks it (whole, this school's, opened with
/// `password`), then its records are counted.
pub fn contents(store: &Store, input: &Path, password: &str) -> Result<BackupContents> {
    let username = store.require(Permission::DataProtection)?.username.clone();
    let (info, key_bytes, db_bytes) = read_backup(input)?;
    check_school(input, store.path(), &info, &key_bytes)?;
    let copy = with_suffix(store.path(), ".checking");
    remove_staged(&copy);
    let counted = open_staged(input, &copy, &key_bytes, &db_bytes, &username, password)
        .and_then(|opened| count(&opened, info));
    remove_staged(&copy);
    counted
}

fn count(copy: &Store, info: BackupInfo) -> Result<BackupContents> {
    let conn = copy.conn();
    let rows = |table: &str| -> Result<u32> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), (), |r| r.get(0))?)
    };
    Ok(BackupContents {
        school_name: conn.query_row("SELECT name FROM school WHERE id = 1", (), |r| r.get(0))?,
        people: rows("people")?,
        agreements: rows("agreements")?,
        consent_decisions: rows("consent_decisions")?,
        incidents: rows("incidents")?,
        users: rows("users")?,
        audit_entries: rows("audit_log")?,
        info,
    })
}
