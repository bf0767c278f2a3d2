//! The termly summary for governors: how many incidents of each sort, month
//! by month, and what was done — counts only, so it can be shared without
//! naming anyone. The open incidents, with names, are for the head's copy.

use crate::params;
use chrono::{Datelike, NaiveDate};

use super::query::parse_day;
use super::{
    ActionKind, CategoryCount, IncidentCategory, IncidentReport, IncidentStatus, OpenIncident,
};
use crate::auth::Permission;
use crate::{Error, Result, Store, school};

/// The first day of each month from `from`'s to `to`'s.
fn months(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut m = from.with_day(1).expect("the first of a month exists");
    while m <= to {
        out.push(m);
        m = m
            .checked_add_months(chrono::Months::new(1))
            .expect("a month within the calendar");
    }
    out
}

/// The summary of incidents that happened from `from` to `to` (inclusive), and
/// every incident still open.
pub fn summary(store: &Store, from: &str, to: &str) -> Result<IncidentReport> {
    store.require(Permission::ManageIncidents)?;
    let from = parse_day("from", from)?;
    let to = parse_day("to", to)?;
    if to < from {
        return Err(Error::invalid(
            "to",
            "The end date is before the start date.",
        ));
    }
    if to.signed_duration_since(from).num_days() > 366 {
        return Err(Error::invalid(
            "to",
            "A summary covers a year at most; a term is usual.",
        ));
    }
    let conn = store.conn();
    let month_starts = months(from, to);
    let mut counts = vec![vec![0u32; month_starts.len()]; IncidentCategory::ALL.len()];
    let mut closed = 0;
    let mut stmt = conn.prepare_cached(
        "SELECT i.occurred_on, i.category,
                (SELECT s.status FROM incident_status s WHERE s.incident_id = i.id
                 ORDER BY s.at DESC, s.id DESC LIMIT 1)
         FROM incidents i WHERE i.occurred_on BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query(params![from.to_string(), to.to_string()])?;
    while let Some(r) = rows.next()? {
        let day: String = r.get(0)?;
        let category: String = r.get(1)?;
        let status: String = r.get(2)?;
        let Ok(day) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") else {
            continue;
        };
        let month = month_starts
            .iter()
            .rposition(|m| *m <= day)
            .unwrap_or_default();
        let category = IncidentCategory::from_code(&category).unwrap_or(IncidentCategory::Other);
        let c = IncidentCategory::ALL
            .iter()
            .position(|k| *k == category)
            .unwrap_or_default();
        counts[c][month] += 1;
        if status == IncidentStatus::Closed.code() {
            closed += 1;
        }
    }
    let categories: Vec<CategoryCount> = IncidentCategory::ALL
        .iter()
        .zip(counts)
        .map(|(k, by_month)| CategoryCount {
            category: k.label().to_owned(),
            total: by_month.iter().sum(),
            by_month,
        })
        .collect();
    let month_totals: Vec<u32> = (0..month_starts.len())
        .map(|m| categories.iter().map(|c| c.by_month[m]).sum())
        .collect();
    let mut actions = Vec::new();
    for kind in ActionKind::ALL {
        let n: u32 = conn.query_row(
            "SELECT count(*) FROM incident_actions a JOIN incidents i ON i.id = a.incident_id
             WHERE a.action = ?1 AND i.occurred_on BETWEEN ?2 AND ?3",
            params![kind.code(), from.to_string(), to.to_string()],
            |r| r.get(0),
        )?;
        actions.push((kind.label().to_owned(), n));
    }
    Ok(IncidentReport {
        school: school::name_in(conn)?,
        from: from.to_string(),
        to: to.to_string(),
        months: month_starts
            .iter()
            .map(|m| m.format("%B %Y").to_string())
            .collect(),
        total: month_totals.iter().sum(),
        month_totals,
        categories,
        closed,
        actions,
        open: open(store)?,
    })
}

/// Every incident not yet closed, oldest first, with who was involved.
fn open(store: &Store) -> Result<Vec<OpenIncident>> {
    let filter = super::IncidentFilter::default();
    let mut out: Vec<OpenIncident> = super::list(store, &filter)?
        .into_iter()
        .filter(|i| i.status != IncidentStatus::Closed)
        .map(|i| OpenIncident {
            number: i.number,
            occurred_on: i.occurred_on,
            category: i.category_label,
            status: i.status,
            child_protection: i.child_protection,
            people: i.people,
            active_sanctions: i.active_sanctions,
        })
        .collect();
    out.reverse();
    Ok(out)
}
