//! IT accounts, provisioned only once the right agreement is signed.
//!
//! The school's policies say nobody gets a network, email or internet account
//! until they have signed the agreement for their age and role. This module
//! answers "may she have an account?" from the agreement records (through
//! [`crate::agreements`]' own status, never a second copy of its rules), and
//! writes the file the technician uploads to Google Workspace or Microsoft
//! Entra, or a plain CSV for other tools.
//!
//! - Rules: staff and volunteers need their current `staff` agreement,
//!   governors and visitors the `governor-visitor` one, KS2 pupils the pupil's
//!   signature and a parent's permission on the current `ks2` version, and
//!   pupils from Year 1 a parent's signature on the current `ks1` version
//!   (Reception and Nursery are off unless the school turns them on).
//! - Each person is blocked (with every reason in words), ready, provisioned,
//!   to suspend (provisioned, now blocked) or suspended.
//! - An export holds the changes since the last one (new accounts,
//!   suspensions, reactivations), or everything. Passwords are made for it,
//!   kept sealed only while it waits to be uploaded (for the login slips) and
//!   destroyed when it is marked; a person is never in two exports waiting to
//!   be marked provisioned. Marking an export provisioned records each
//!   account's event.

mod export;
mod exports;
mod formats;
mod group;
mod passwords;
mod preview;
mod set_username;
mod settings;
mod slips;
mod status;
mod usernames;

pub(crate) use preview::PREVIEW_SQL;
pub(crate) use status::{HISTORIES_SQL, PENDING_SQL, PEOPLE_SQL};

use serde::Serialize;

use crate::people::PersonKind;

pub use export::{AccountExport, ExportDone, LeftOut, export};
pub use exports::{
    ExportSummary, MarkedExport, cancel_export, exports, mark_provisioned, unmark_provisioned,
};
pub use formats::{
    AccountAction, ENTRA_HEADERS, ENTRA_VERSION_LINE, ExportFormat, ExportedAccount,
    GOOGLE_HEADERS, PLAIN_HEADERS,
};
pub use group::AccountGroup;
pub use passwords::{InitialPassword, PasswordStyle};
pub use preview::{PREVIEW_SIZE, UsernameExample, preview_usernames};
pub use set_username::set_username;
pub use settings::{AccountSettings, GroupSettings, SlipSettings, set_settings, settings};
pub use slips::{LoginSlip, PendingSlips, SlipsPrinted, pending_slips};
pub use status::{AccountRow, AccountStatus, Blocker, status};
pub use usernames::{ascii_name, validate as validate_username};

// Said here, where accounts meet people, rather than in `group`: the error
// lists groups, so `group` names nothing, and people's kinds use the error.
impl AccountGroup {
    /// The group a kind of person belongs to; parents have no accounts.
    pub fn of(kind: PersonKind) -> Option<AccountGroup> {
        match kind {
            PersonKind::Pupil => Some(AccountGroup::Pupils),
            PersonKind::Staff => Some(AccountGroup::Staff),
            PersonKind::Volunteer => Some(AccountGroup::Volunteers),
            PersonKind::Governor => Some(AccountGroup::Governors),
            PersonKind::Visitor => Some(AccountGroup::Visitors),
            PersonKind::Parent => None,
        }
    }
}

/// One event in a person's account history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountEvent {
    /// created, suspended or reactivated.
    pub action: String,
    /// The account's username then.
    pub username: String,
    /// When the export was marked provisioned (UTC).
    pub at: String,
    /// Who marked it.
    pub by: String,
    /// Whether that marking was undone (the event no longer counts).
    pub undone: bool,
}

/// What is held about a person's IT account, for a subject access request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountRecord {
    /// The username stored for them, if any.
    pub username: Option<String>,
    /// The account's history, oldest first.
    pub events: Vec<AccountEvent>,
}

pub(crate) fn record_in(conn: &crate::db::Conn, person_id: &str) -> crate::Result<AccountRecord> {
    use crate::db::OptionalExtension as _;
    let username = conn
        .query_row(
            "SELECT username FROM account_usernames WHERE person_id = ?1",
            [person_id],
            |r| r.get(0),
        )
        .optional()?;
    let mut stmt = conn.prepare_cached(
        "SELECT e.action, e.username, e.at, e.by,
                EXISTS (SELECT 1 FROM account_events_undone u WHERE u.event_id = e.id)
         FROM account_events e WHERE e.person_id = ?1 ORDER BY e.at, e.id",
    )?;
    let events = stmt
        .query_map([person_id], |r| {
            Ok(AccountEvent {
                action: r.get(0)?,
                username: r.get(1)?,
                at: r.get(2)?,
                by: r.get(3)?,
                undone: r.get(4)?,
            })
        })?
        .collect::<crate::db::Result<_>>()?;
    Ok(AccountRecord { username, events })
}
