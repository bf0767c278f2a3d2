//! The largest queries read through indexes: `EXPLAIN QUERY PLAN` on a small
//! generated school shows no table read whole except where the query is meant
//! to read everyone (the dashboard, the accounts page, the whole-school register)
//! or to match a name anywhere in it (search).
//!
//! SQLite only: the plans are SQLite's query planner's.

use crate::common;

use std::fmt::Write as _;

use assent_core::demo::{self, Scale};
use assent_core::plans;

/// Each line of the plan: (depth-first detail text).
fn plan(store: &assent_core::Store, q: &plans::PlannedQuery) -> Vec<String> {
    let conn = store.inspect();
    let mut stmt = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {}", q.sql))
        .unwrap_or_else(|e| panic!("{}: {e}", q.name));
    let params = assent_core::db::params_from_iter(q.params.iter());
    stmt.query_map(params, |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<assent_core::db::Result<_>>()
        .unwrap()
}

/// The table (not alias) a plan line scans, if it scans one whole.
fn scanned(line: &str) -> Option<String> {
    let rest = line.strip_prefix("SCAN ")?;
    let table = rest.split_whitespace().next()?;
    // Aliases the queries use for tables.
    let table = match table {
        "p" | "sp" | "sq" => "people",
        "a" | "b" => "agreements",
        "d" => "consent_decisions",
        "h" => "consent_holds",
        "sl" => "contact_links",
        "r" => "account_export_rows",
        other => other,
    };
    // A scan of a covering or ordering index still reads the whole table.
    Some(table.to_owned())
}

#[test]
fn the_largest_queries_use_indexes() {
    let (_dir, mut store) = common::school();
    demo::fill_scaled(&mut store, &Scale::pupils(210)).unwrap();
    let today = assent_core::time::today().to_string();
    let mut wrong = Vec::new();
    let mut report = String::new();
    for q in plans::largest_queries("Oak", &today) {
        let lines = plan(&store, &q);
        let _ = write!(report, "{}\n  {}\n", q.name, lines.join("\n  "));
        // A class's pupils are found through the class index, not by reading every pupil.
        if q.name.contains("class") && !lines.iter().any(|l| l.contains("people_by_class")) {
            wrong.push(format!("{}: the class index is not used", q.name));
        }
        let mut allowed: Vec<&str> = q.may_scan.to_vec();
        for line in &lines {
            let Some(table) = scanned(line) else { continue };
            if table.starts_with("CONSTANT") {
                continue;
            }
            if let Some(at) = allowed.iter().position(|t| *t == table) {
                allowed.remove(at);
            } else {
                wrong.push(format!("{}: {line}", q.name));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "full scans:\n{}\n\nplans:\n{report}",
        wrong.join("\n")
    );
}
