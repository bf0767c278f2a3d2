//! Checking staff, volunteer, governor and visitor rows and working out what they change.
//!
//! An adult is matched by kind and email, else by kind and name.

use std::collections::HashMap;

use crate::db::Conn;

use super::check::Checker;
use super::plan::{Plan, differences, display_name};
use super::records::RawAdult;
use crate::Result;
use crate::people::{PersonFields, PersonKind};
use crate::values;

fn parse_kind(text: &str) -> Result<PersonKind, String> {
    match text.trim().to_lowercase().as_str() {
        "staff" | "teacher" | "employee" | "member of staff" => Ok(PersonKind::Staff),
        "volunteer" => Ok(PersonKind::Volunteer),
        "governor" | "trustee" => Ok(PersonKind::Governor),
        "visitor" | "guest" => Ok(PersonKind::Visitor),
        _ => Err("use staff, volunteer, governor or visitor".to_owned()),
    }
}

fn key(f: &PersonFields) -> (String, String, String) {
    (
        f.kind.map_or("", PersonKind::code).to_owned(),
        f.given_name.trim().to_lowercase(),
        f.family_name.trim().to_lowercase(),
    )
}

/// Checks the rows and plans adds and changes.
pub(crate) fn check_and_plan(
    conn: &Conn,
    rows: &[RawAdult],
    checker: &mut Checker,
    plan: &mut Plan,
) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, {} FROM people WHERE kind IN ('staff', 'volunteer', 'governor', 'visitor')",
        crate::people::record_columns()
    ))?;
    let stored: Vec<(String, PersonFields)> = stmt
        .query_map((), |r| Ok((r.get(0)?, PersonFields::from_row(r, 1)?)))?
        .collect::<crate::db::Result<_>>()?;
    let by_email: HashMap<(String, String), usize> = stored
        .iter()
        .enumerate()
        .filter_map(|(i, (_, f))| {
            let email = f.email.as_ref()?.to_lowercase();
            Some(((f.kind.map_or("", PersonKind::code).to_owned(), email), i))
        })
        .collect();
    let by_name: HashMap<(String, String, String), usize> = stored
        .iter()
        .enumerate()
        .map(|(i, (_, f))| (key(f), i))
        .collect();
    let mut seen: HashMap<usize, u64> = HashMap::new();
    for raw in rows {
        let Some(row) = check_row(raw, checker) else {
            continue;
        };
        let (line, kind, email, start, end) = (row.line, row.kind, row.email, row.start, row.end);
        let incoming = PersonFields {
            kind: Some(kind),
            given_name: row.given_name,
            family_name: row.family_name,
            ..PersonFields::default()
        };
        let hit = email
            .as_ref()
            .and_then(|e| by_email.get(&(kind.code().to_owned(), e.to_lowercase())))
            .or_else(|| by_name.get(&key(&incoming)))
            .copied();
        let pick = |present: bool, new: Option<String>, old: Option<String>| {
            if present { new } else { old }
        };
        let old = hit.map(|i| stored[i].1.clone()).unwrap_or_default();
        let new = PersonFields {
            role: pick(
                raw.role.is_some(),
                Checker::optional(raw.role.as_ref()),
                old.role.clone(),
            ),
            email: pick(raw.email.is_some(), email, old.email.clone()),
            start_date: pick(
                raw.start_date.is_some(),
                start.map(|d| d.to_string()),
                old.start_date.clone(),
            ),
            end_date: pick(
                raw.end_date.is_some(),
                end.map(|d| d.to_string()),
                old.end_date.clone(),
            ),
            // Details the file does not carry (preferred names, MIS ID…) are kept.
            kind: incoming.kind,
            given_name: incoming.given_name,
            family_name: incoming.family_name,
            ..old.clone()
        };
        let entity = kind.code();
        if let Some(i) = hit {
            if let Some(first) = seen.insert(i, line) {
                checker.problem(
                    line,
                    "",
                    "",
                    format!("this row and line {first} are the same person"),
                );
                continue;
            }
            let changes = differences(&stored[i].1, &new);
            if changes.is_empty() {
                plan.unchanged += 1;
            } else {
                plan.changed
                    .push(Plan::entry(Some(line), entity, display_name(&new), changes));
                plan.update(&stored[i].0, new);
            }
        } else {
            plan.added.push(Plan::entry(
                Some(line),
                entity,
                display_name(&new),
                Vec::new(),
            ));
            plan.insert(new);
        }
    }
    Ok(())
}

/// An adult row that passed every check.
struct AdultRow {
    line: u64,
    kind: PersonKind,
    given_name: String,
    family_name: String,
    email: Option<String>,
    start: Option<chrono::NaiveDate>,
    end: Option<chrono::NaiveDate>,
}

fn check_row(raw: &RawAdult, checker: &mut Checker) -> Option<AdultRow> {
    let line = raw.line;
    let before = checker.problems.len();
    let kind = checker.parse_required(line, raw.kind.as_ref(), "kind", parse_kind);
    let given = checker.required(line, raw.forename.as_ref(), "forename");
    let family = checker.required(line, raw.surname.as_ref(), "surname");
    let email = checker.parse(line, raw.email.as_ref(), values::parse_email);
    let start = checker.parse(line, raw.start_date.as_ref(), values::parse_date);
    let end = checker.parse(line, raw.end_date.as_ref(), values::parse_date);
    if let (Some(s), Some(e), Some(cell)) = (start, end, raw.end_date.as_ref()) {
        if e < s {
            checker.problem(
                line,
                &cell.column,
                cell.value.trim(),
                "the end date is before the start date",
            );
        }
    }
    if kind == Some(PersonKind::Visitor) && start.is_none() && checker.problems.len() == before {
        let column = raw
            .start_date
            .as_ref()
            .map_or("Start Date", |c| c.column.as_str());
        checker.problem(
            line,
            column,
            "",
            "a visitor needs the first day of their visit",
        );
    }
    if checker.problems.len() > before {
        return None;
    }
    Some(AdultRow {
        line,
        kind: kind?,
        given_name: given?,
        family_name: family?,
        email,
        start,
        end,
    })
}
