//! The first-run checklist: what a new school sets up before Assent is of
//! use, each step done or not as the school's own records say, never as a
//! box someone ticked.
//!
//! Each role sees the steps it can act on; the head sees them all and may put
//! the list away (it comes back with one click until every step is done).

use crate::db::Conn;
use serde::Serialize;
use ts_rs::TS;

use crate::auth::{Permission, Session};
use crate::{Result, Store, audit, settings, templates};

/// One thing to set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SetupStep {
    /// The school's name, as letters and slips print it (given when the school is created).
    SchoolDetails,
    /// Staff: a user for someone besides the first head, or staff on roll.
    Staff,
    /// Pupils and families brought in from the MIS: an import applied.
    Import,
    /// Each agreement's text published by the school, or Assent's adopted as it is.
    Templates,
    /// Account settings: an email domain for at least one group that gets accounts.
    AccountSettings,
    /// A folder for the automatic backups.
    Backups,
}

impl SetupStep {
    /// In the order a school does them.
    pub const ALL: [SetupStep; 6] = [
        SetupStep::SchoolDetails,
        SetupStep::Staff,
        SetupStep::Import,
        SetupStep::Templates,
        SetupStep::AccountSettings,
        SetupStep::Backups,
    ];

    /// Whether `session` can do this step (else it is not on their list).
    fn for_session(self, session: &Session) -> bool {
        match self {
            SetupStep::SchoolDetails | SetupStep::Backups => session.can(Permission::Settings),
            SetupStep::Staff => {
                session.can(Permission::ManageUsers) || session.can(Permission::Import)
            }
            SetupStep::Import => session.can(Permission::Import),
            SetupStep::Templates => session.can(Permission::PublishTemplates),
            SetupStep::AccountSettings => session.can(Permission::Accounts),
        }
    }
}

/// One step and whether it is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChecklistStep {
    /// Which step.
    pub step: SetupStep,
    /// Whether the records show it done.
    pub done: bool,
    /// For a step of several parts (the agreements), how many are done.
    pub parts_done: Option<u32>,
    /// And how many there are.
    pub parts: Option<u32>,
}

/// The steps the signed-in user can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Checklist {
    /// In order.
    pub steps: Vec<ChecklistStep>,
    /// Whether the head has put the list away.
    pub dismissed: bool,
    /// Whether this user may put it away or bring it back.
    pub may_dismiss: bool,
}

const DISMISSED: &str = "first_run_dismissed";

fn exists(conn: &Conn, sql: &str) -> Result<bool> {
    Ok(conn.query_row(&format!("SELECT EXISTS ({sql})"), (), |r| r.get(0))?)
}

/// Whether `step` is done; asked only of a user on whose list it is.
fn step(store: &Store, step: SetupStep) -> Result<ChecklistStep> {
    let conn = store.conn();
    let simple = |done: bool| ChecklistStep {
        step,
        done,
        parts_done: None,
        parts: None,
    };
    Ok(match step {
        SetupStep::SchoolDetails => simple(!crate::school::name_in(conn)?.trim().is_empty()),
        SetupStep::Staff => simple(
            conn.query_row("SELECT count(*) FROM users WHERE active = TRUE", (), |r| {
                r.get::<_, u32>(0)
            })? > 1
                || conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM people WHERE kind = 'staff'
                        AND (leaving_date IS NULL OR leaving_date >= ?1))",
                    [crate::time::today().to_string()],
                    |r| r.get(0),
                )?,
        ),
        SetupStep::Import => simple(exists(conn, "SELECT 1 FROM imports")?),
        SetupStep::Templates => {
            let reviews = templates::reviews_in(conn)?;
            let done = reviews.iter().filter(|r| r.reviewed()).count();
            let total = u32::try_from(reviews.len()).unwrap_or(u32::MAX);
            let done = u32::try_from(done).unwrap_or(u32::MAX);
            ChecklistStep {
                step,
                done: total > 0 && done == total,
                parts_done: Some(done),
                parts: Some(total),
            }
        }
        SetupStep::AccountSettings => {
            let s = crate::accounts::settings(store)?;
            let groups = [
                &s.pupils,
                &s.staff,
                &s.volunteers,
                &s.governors,
                &s.visitors,
            ];
            simple(
                groups
                    .iter()
                    .any(|g| g.enabled && !g.domain.trim().is_empty()),
            )
        }
        SetupStep::Backups => {
            simple(settings::get(conn, "backup_folder")?.is_some_and(|f| !f.trim().is_empty()))
        }
    })
}

/// The checklist for whoever is signed in, or `None` when none of the steps
/// is theirs (a teacher).
pub fn checklist(store: &Store) -> Result<Option<Checklist>> {
    let session = store.session()?;
    let conn = store.conn();
    let steps = SetupStep::ALL
        .into_iter()
        .filter(|s| s.for_session(session))
        .map(|s| step(store, s))
        .collect::<Result<Vec<_>>>()?;
    if steps.is_empty() {
        return Ok(None);
    }
    Ok(Some(Checklist {
        steps,
        dismissed: settings::get(conn, DISMISSED)?.as_deref() == Some("1"),
        may_dismiss: session.can(Permission::Settings),
    }))
}

/// Puts the checklist away without asking, for a school that is not new
/// (the fictional demo school, whose set-up is not the visitor's to do).
pub(crate) fn put_away(conn: &Conn) -> Result<()> {
    settings::put(conn, DISMISSED, "1")
}

/// Puts the checklist away for everyone (`true`), or brings it back (head users).
pub fn set_checklist_dismissed(store: &mut Store, dismissed: bool) -> Result<Option<Checklist>> {
    let actor = store.require(Permission::Settings)?.actor();
    store.write(|tx| {
        settings::put(tx, DISMISSED, if dismissed { "1" } else { "0" })?;
        audit::record(
            tx,
            &actor,
            "settings.first_run",
            "settings",
            None,
            if dismissed {
                "Put the set-up checklist away"
            } else {
                "Brought the set-up checklist back"
            },
        )
    })?;
    checklist(store)
}
