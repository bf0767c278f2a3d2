//! Moving the school into a new academic year: every pupil goes up a year
//! group and Year 6 leave on 31 August.

use crate::db::Conn;
use crate::params;
use chrono::Datelike;
use serde::Serialize;
use ts_rs::TS;

use crate::auth::Permission;
use crate::people::YearGroup;
use crate::{Error, Result, Store, audit, school};

/// How many pupils move from one year group to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct YearMove {
    /// The year group now ("Year 2").
    pub from: String,
    /// The year group after the rollover ("Year 3"), or "Left" for Year 6.
    pub to: String,
    /// How many pupils.
    pub pupils: u32,
}

/// What a rollover would do (or did).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RolloverPreview {
    /// The academic year now, by the calendar year it starts in (2026 for 2026/27).
    pub from_year: i32,
    /// The academic year after the rollover.
    pub to_year: i32,
    /// Pupils moving, by year group.
    pub moves: Vec<YearMove>,
    /// Year 6 pupils who will leave.
    pub leavers: u32,
    /// The leaving date given to them (31 August, YYYY-MM-DD).
    pub leaving_date: String,
    /// Pupils moving from Year 2 to Year 3, who will now need the KS2 agreement.
    pub now_key_stage_2: u32,
}

fn next(year: YearGroup) -> Option<YearGroup> {
    match year {
        YearGroup::Nursery => Some(YearGroup::Reception),
        YearGroup::Reception => Some(YearGroup::Year(1)),
        YearGroup::Year(n) if n < 6 => Some(YearGroup::Year(n + 1)),
        YearGroup::Year(_) => None,
    }
}

const ORDER: [YearGroup; 8] = [
    YearGroup::Nursery,
    YearGroup::Reception,
    YearGroup::Year(1),
    YearGroup::Year(2),
    YearGroup::Year(3),
    YearGroup::Year(4),
    YearGroup::Year(5),
    YearGroup::Year(6),
];

/// What rolling over into the academic year starting in `to` would do. Writes nothing.
pub fn preview(store: &Store, to: i32) -> Result<RolloverPreview> {
    store.require(Permission::Import)?;
    preview_in(store.conn(), to)
}

pub(crate) fn preview_in(conn: &Conn, to: i32) -> Result<RolloverPreview> {
    let from = school::academic_year_in(conn)?;
    if to != from + 1 {
        return Err(Error::invalid(
            "academic year",
            format!(
                "The school is in {from}/{}; it can only move on to {}/{} next.",
                (from + 1) % 100,
                from + 1,
                (from + 2) % 100
            ),
        ));
    }
    // One move a year: the next year may be prepared during the current one,
    // but a second move waits until the calendar has caught up.
    let today = crate::time::today();
    let calendar_year = if today.month() >= 9 {
        today.year()
    } else {
        today.year() - 1
    };
    if to > calendar_year + 1 {
        return Err(Error::invalid(
            "academic year",
            format!(
                "The school has already moved on to {from}/{}; the move to {to}/{} can be made from 1 September {from}.",
                (from + 1) % 100,
                (to + 1) % 100
            ),
        ));
    }
    let leaving_date = format!("{to}-08-31");
    let mut moves = Vec::new();
    let mut leavers = 0;
    let mut now_key_stage_2 = 0;
    let mut stmt = conn.prepare_cached(
        "SELECT count(*) FROM people WHERE kind = 'pupil' AND year_group = ?1
           AND (leaving_date IS NULL OR leaving_date >= ?2)",
    )?;
    for year in ORDER {
        let pupils: u32 = stmt.query_row(params![year.code(), leaving_date], |r| r.get(0))?;
        if pupils == 0 {
            continue;
        }
        let to_label = next(year).map_or_else(|| "Left".to_owned(), YearGroup::label);
        match next(year) {
            None => leavers += pupils,
            Some(YearGroup::Year(3)) => now_key_stage_2 += pupils,
            Some(_) => {}
        }
        moves.push(YearMove {
            from: year.label(),
            to: to_label,
            pupils,
        });
    }
    Ok(RolloverPreview {
        from_year: from,
        to_year: to,
        moves,
        leavers,
        leaving_date,
        now_key_stage_2,
    })
}

/// Rolls the school over into the academic year starting in `to`, in one transaction.
pub fn apply(store: &mut Store, to: i32) -> Result<RolloverPreview> {
    let actor = &store.require(Permission::Import)?.actor();
    store.write(|tx| {
        let summary = preview_in(tx, to)?;
        let now = crate::people::now();
        let active = "kind = 'pupil' AND (leaving_date IS NULL OR leaving_date >= ?2)";
        tx.execute(
            &format!("UPDATE people SET leaving_date = ?1, updated_at = ?3 WHERE {active} AND year_group = 'Y6'"),
            params![summary.leaving_date, summary.leaving_date, now],
        )?;
        // Highest year first, so no pupil is moved twice.
        for year in ORDER.iter().rev() {
            if let Some(up) = next(*year) {
                tx.execute(
                    &format!("UPDATE people SET year_group = ?1, updated_at = ?3 WHERE {active} AND year_group = ?4"),
                    params![up.code(), summary.leaving_date, now, year.code()],
                )?;
            }
        }
        school::set_academic_year(tx, to)?;
        let moved: u32 = summary.moves.iter().map(|m| m.pupils).sum::<u32>() - summary.leavers;
        audit::record(
            tx,
            actor,
            "school.rollover",
            "school",
            None,
            &format!(
                "Rolled over from {}/{} to {}/{}: {moved} pupils moved up a year, {} Year 6 pupils leave on {}",
                summary.from_year,
                (summary.from_year + 1) % 100,
                summary.to_year,
                (summary.to_year + 1) % 100,
                summary.leavers,
                summary.leaving_date
            ),
        )?;
        Ok(summary)
    })
}
