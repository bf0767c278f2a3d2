//! The figures on the app's home page.
//!
//! [`load`] is what the window needs from the moment someone signs in (the
//! school, the user, the counts); [`overview`] adds everything the dashboard
//! page draws (the bars per class and group, the term's trend, the set-up
//! checklist) in the same call, so the page asks once.

mod checklist;
mod progress;
mod trend;

use crate::db::Conn;
use serde::Serialize;
use ts_rs::TS;

use crate::agreements::StatusRow;
use crate::auth::Permission;
use crate::people::{self, PersonKind};
use crate::{Result, Store, audit, school, time};

pub(crate) use checklist::put_away as put_checklist_away;
pub use checklist::{Checklist, ChecklistStep, SetupStep, checklist, set_checklist_dismissed};
pub use progress::{AudienceProgress, ClassProgress, ConsentProgress, Progress};
pub use trend::{Trend, TrendCount, TrendPoint};

/// How many people of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KindCount {
    /// The kind counted.
    pub kind: PersonKind,
    /// How many.
    pub count: u32,
}

/// How many people of one kind stand at one agreement status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgreementCount {
    /// The group.
    pub kind: PersonKind,
    /// The status.
    pub status: crate::agreements::AgreementStatus,
    /// How many people on roll.
    pub count: u32,
}

/// Everything the dashboard shows, in one call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Dashboard {
    /// The school's name.
    pub school_name: String,
    /// One entry per kind, in display order, zeros included.
    pub counts: Vec<KindCount>,
    /// Everyone.
    pub total: u32,
    /// When the last change was made, in UK time, ready to show.
    pub last_change: Option<String>,
    /// Where the database file is.
    pub db_path: String,
    /// The academic year, by the calendar year it starts in (2026 for 2026/27).
    pub academic_year: i32,
    /// Agreements whose review is due within 30 days, or overdue.
    pub reviews_due: Vec<crate::templates::ReviewDue>,
    /// Who is signed in.
    pub user: crate::auth::Session,
    /// Minutes without use after which the app locks itself.
    pub idle_lock_minutes: u32,
    /// Agreement statuses counted per group (for a teacher, their own classes),
    /// only the pairs that occur, in group then status order.
    pub agreements: Vec<AgreementCount>,
}

/// Everything the dashboard page shows, in one call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Overview {
    /// The figures the window keeps from sign-in, read afresh.
    pub dashboard: Dashboard,
    /// Agreements and consent per class and per group.
    pub progress: Progress,
    /// Agreements current through this term.
    pub trend: Trend,
    /// The set-up steps this user can act on (`None` for a role with none).
    pub checklist: Option<Checklist>,
}

/// Reads the dashboard figures.
pub fn load(store: &Store) -> Result<Dashboard> {
    let rows =
        crate::agreements::status_any_order(store, &crate::agreements::StatusFilter::default())?;
    load_with(store, &rows)
}

/// Reads the dashboard figures and everything the dashboard page draws. Each
/// person's status is worked out once and used for both the table and the bars.
pub fn overview(store: &Store) -> Result<Overview> {
    let session = store.session()?;
    let rows =
        crate::agreements::status_any_order(store, &crate::agreements::StatusFilter::default())?;
    let classes = people::classes(store)?;
    let grid = if session.can(Permission::ViewConsent) {
        let mut grid = crate::consent::grid(store, &[])?;
        // "Every class" for a teacher means theirs: keep only what they may see.
        grid.rows.retain(|r| session.sees_class(r.class.as_deref()));
        Some(grid)
    } else {
        None
    };
    Ok(Overview {
        dashboard: load_with(store, &rows)?,
        progress: progress::progress(&rows, &classes, grid.as_ref()),
        trend: trend_on(store, time::today())?,
        checklist: checklist(store)?,
    })
}

/// The term's trend as the dashboard draws it on `day` (today, for the
/// dashboard itself): the records are append-only, so an earlier day's
/// figures are the same whenever they are asked for.
pub fn trend_on(store: &Store, day: chrono::NaiveDate) -> Result<Trend> {
    let session = store.require(Permission::ViewAgreements)?;
    trend::trend_in(store.conn(), session, day)
}

fn load_with(store: &Store, rows: &[StatusRow]) -> Result<Dashboard> {
    let session = store.session()?;
    let conn: &Conn = store.conn();
    let counts: Vec<KindCount> = people::count_by_kind(conn)?
        .into_iter()
        .map(|(kind, count)| KindCount { kind, count })
        .collect();
    Ok(Dashboard {
        school_name: school::name_in(conn)?,
        total: counts.iter().map(|c| c.count).sum(),
        counts,
        last_change: audit::last_change(conn)?.map(time::display_london),
        db_path: store.path().display().to_string(),
        academic_year: school::academic_year_in(conn)?,
        // Reviews are the head's to act on; others would only see a list they cannot change.
        user: session.clone(),
        agreements: agreement_counts(rows),
        idle_lock_minutes: school::idle_lock_minutes(store)?,
        reviews_due: if session.can(crate::auth::Permission::PublishTemplates) {
            crate::templates::review_due_in(conn, crate::time::today(), 30)?
        } else {
            Vec::new()
        },
    })
}

fn agreement_counts(rows: &[StatusRow]) -> Vec<AgreementCount> {
    use crate::agreements::AgreementStatus as S;
    use std::collections::BTreeMap;
    const ORDER: [S; 6] = [
        S::Signed,
        S::AwaitingParent,
        S::NeedsResigning,
        S::Expired,
        S::Withdrawn,
        S::NotSigned,
    ];
    let mut counts: BTreeMap<(usize, usize), AgreementCount> = BTreeMap::new();
    for row in rows {
        let order = PersonKind::ALL
            .iter()
            .position(|k| *k == row.kind)
            .unwrap_or(usize::MAX);
        counts
            .entry((
                order,
                ORDER
                    .iter()
                    .position(|s| *s == row.status)
                    .unwrap_or(usize::MAX),
            ))
            .or_insert(AgreementCount {
                kind: row.kind,
                status: row.status,
                count: 0,
            })
            .count += 1;
    }
    counts.into_values().collect()
}

/// What the app finds when it starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Launch {
    /// No database yet: the app offers to create a school or open the demo.
    NoDatabase {
        /// Where the database will be created.
        db_path: String,
    },
    /// A database exists: a staff user must sign in to open it.
    SignIn {
        /// The database file.
        db_path: String,
    },
    /// A database is open.
    Ready {
        /// Its dashboard.
        dashboard: Box<Dashboard>,
    },
}
