//! Checking pupil rows and working out what they change.

use std::collections::HashMap;

use crate::db::Conn;
use chrono::NaiveDate;

use super::check::{Checker, Column};
use super::plan::{Plan, Ref, differences, display_name};
use super::records::RawPupil;
use crate::Result;
use crate::people::{PersonFields, PersonKind, YearGroup};
use crate::values;

/// A pupil row that passed every check. `None` means "the file has no such column",
/// so the stored value is left alone; `Some(None)` means "the file says blank".
#[derive(Debug, Clone)]
pub(crate) struct PupilRow {
    pub line: u64,
    pub upn: Column<String>,
    pub mis_id: Column<String>,
    pub given_name: String,
    pub family_name: String,
    pub preferred_given_name: Column<String>,
    pub preferred_family_name: Column<String>,
    pub middle_names: Column<String>,
    pub date_of_birth: Column<String>,
    pub gender: Column<String>,
    pub year_group: YearGroup,
    pub class_name: Column<String>,
    pub admission_date: Column<String>,
}

/// Checks every row; rows with problems are left out and the problems recorded.
pub(crate) fn check(rows: &[RawPupil], today: NaiveDate, checker: &mut Checker) -> Vec<PupilRow> {
    let mut out = Vec::with_capacity(rows.len());
    let mut seen_upn: HashMap<String, u64> = HashMap::new();
    let mut seen_mis: HashMap<String, u64> = HashMap::new();
    for raw in rows {
        let line = raw.line;
        let before = checker.problems.len();
        let given = checker.required(line, raw.legal_forename.as_ref(), "legal forename");
        let family = checker.required(line, raw.legal_surname.as_ref(), "legal surname");
        let year = checker.parse_required(
            line,
            raw.year_group.as_ref(),
            "year group",
            values::parse_year_group,
        );
        let upn = checker
            .parse(line, raw.upn.as_ref(), values::parse_upn)
            .map(|u| u.value);
        let dob = checker.parse(line, raw.date_of_birth.as_ref(), values::parse_date);
        if let (Some(d), Some(cell)) = (dob, raw.date_of_birth.as_ref()) {
            if d > today {
                checker.problem(
                    line,
                    &cell.column,
                    cell.value.trim(),
                    "the date of birth is in the future",
                );
            }
        }
        let admission = checker.parse(line, raw.admission_date.as_ref(), values::parse_date);
        let gender = checker.parse(line, raw.gender.as_ref(), values::parse_gender);
        let mis_id = Checker::optional(raw.mis_id.as_ref());
        if upn.is_none() && mis_id.is_none() {
            checker.problem(
                line,
                "",
                "",
                "each pupil needs a UPN or an MIS ID so they can be matched next time",
            );
        }
        if let (Some(u), Some(cell)) = (&upn, raw.upn.as_ref()) {
            if let Some(first) = seen_upn.insert(u.clone(), line) {
                checker.problem(
                    line,
                    &cell.column,
                    u,
                    format!("this UPN is also on line {first}"),
                );
            }
        }
        if let (Some(m), Some(cell)) = (&mis_id, raw.mis_id.as_ref()) {
            if let Some(first) = seen_mis.insert(m.clone(), line) {
                checker.problem(
                    line,
                    &cell.column,
                    m,
                    format!("this MIS ID is also on line {first}"),
                );
            }
        }
        if checker.problems.len() > before {
            continue;
        }
        let (Some(given_name), Some(family_name), Some(year_group)) = (given, family, year) else {
            continue;
        };
        out.push(PupilRow {
            line,
            upn: Column::of(raw.upn.as_ref(), upn),
            mis_id: Column::text(raw.mis_id.as_ref()),
            given_name,
            family_name,
            preferred_given_name: Column::text(raw.preferred_forename.as_ref()),
            preferred_family_name: Column::text(raw.preferred_surname.as_ref()),
            middle_names: Column::text(raw.middle_names.as_ref()),
            date_of_birth: Column::of(raw.date_of_birth.as_ref(), dob.map(|d| d.to_string())),
            gender: Column::of(raw.gender.as_ref(), gender),
            year_group,
            class_name: Column::text(raw.reg_group.as_ref()),
            admission_date: Column::of(
                raw.admission_date.as_ref(),
                admission.map(|d| d.to_string()),
            ),
        });
    }
    out
}

/// A stored pupil, as matching needs them.
struct Existing {
    id: String,
    fields: PersonFields,
}

fn load_pupils(conn: &Conn) -> Result<Vec<Existing>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, {} FROM people WHERE kind = 'pupil'",
        crate::people::record_columns()
    ))?;
    let rows = stmt.query_map((), |row| {
        Ok(Existing {
            id: row.get(0)?,
            fields: PersonFields::from_row(row, 1)?,
        })
    })?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// Where the pupils of this import ended up: UPN and MIS ID to a stored or new pupil.
#[derive(Debug, Default)]
pub(crate) struct PupilIndex {
    pub by_upn: HashMap<String, (Ref, String)>,
    pub by_mis_id: HashMap<String, (Ref, String)>,
}

fn merge(old: &PersonFields, row: &PupilRow) -> PersonFields {
    PersonFields {
        kind: Some(PersonKind::Pupil),
        given_name: row.given_name.clone(),
        family_name: row.family_name.clone(),
        preferred_given_name: row
            .preferred_given_name
            .merge(old.preferred_given_name.as_ref()),
        preferred_family_name: row
            .preferred_family_name
            .merge(old.preferred_family_name.as_ref()),
        middle_names: row.middle_names.merge(old.middle_names.as_ref()),
        date_of_birth: row.date_of_birth.merge(old.date_of_birth.as_ref()),
        gender: row.gender.merge(old.gender.as_ref()),
        upn: row.upn.merge(old.upn.as_ref()),
        mis_id: row.mis_id.merge(old.mis_id.as_ref()),
        year_group: Some(row.year_group),
        class_name: row.class_name.merge(old.class_name.as_ref()),
        admission_date: row.admission_date.merge(old.admission_date.as_ref()),
        // Someone in the school's current export has not left.
        leaving_date: None,
        ..old.clone()
    }
}

/// Works out adds, changes and (for a full roll) leavers.
pub(crate) fn plan(
    conn: &Conn,
    rows: &[PupilRow],
    full_roll: Option<NaiveDate>,
    checker: &mut Checker,
    plan: &mut Plan,
) -> Result<PupilIndex> {
    let existing = load_pupils(conn)?;
    plan.roll = u32::try_from(
        existing
            .iter()
            .filter(|e| e.fields.leaving_date.is_none())
            .count(),
    )
    .unwrap_or(u32::MAX);
    let by_mis: HashMap<&str, usize> = existing
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.fields.mis_id.as_deref().map(|m| (m, i)))
        .collect();
    let by_upn: HashMap<&str, usize> = existing
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.fields.upn.as_deref().map(|u| (u, i)))
        .collect();
    let mut matched: HashMap<usize, u64> = HashMap::new();
    let mut index = PupilIndex::default();
    for row in rows {
        let mis = row.mis_id.value().cloned();
        let upn = row.upn.value().cloned();
        let hit = mis
            .as_deref()
            .and_then(|m| by_mis.get(m))
            .or_else(|| upn.as_deref().and_then(|u| by_upn.get(u)))
            .copied();
        if let (Some(u), Some(owner)) = (upn.as_deref(), upn.as_deref().and_then(|u| by_upn.get(u)))
        {
            if Some(*owner) != hit {
                checker.problem(
                    row.line,
                    "UPN",
                    u,
                    format!(
                        "this UPN already belongs to {}, another pupil",
                        display_name(&existing[*owner].fields)
                    ),
                );
                continue;
            }
        }
        let target = if let Some(i) = hit {
            if let Some(first) = matched.insert(i, row.line) {
                checker.problem(
                    row.line,
                    "",
                    "",
                    format!(
                        "this row and line {first} are both {}",
                        display_name(&existing[i].fields)
                    ),
                );
                continue;
            }
            let old = &existing[i];
            let new = merge(&old.fields, row);
            let changes = differences(&old.fields, &new);
            let name = display_name(&new);
            if changes.is_empty() {
                plan.unchanged += 1;
            } else {
                plan.changed
                    .push(Plan::entry(Some(row.line), "pupil", name.clone(), changes));
                plan.update(&old.id, new);
            }
            (Ref::Existing(old.id.clone()), name)
        } else {
            let new = merge(&PersonFields::default(), row);
            let name = display_name(&new);
            plan.added.push(Plan::entry(
                Some(row.line),
                "pupil",
                name.clone(),
                Vec::new(),
            ));
            (plan.insert(new), name)
        };
        if let Some(u) = upn {
            index.by_upn.insert(u, target.clone());
        }
        if let Some(m) = mis {
            index.by_mis_id.insert(m, target);
        }
    }
    // A file with problems will not be imported, and rows it could not read
    // would otherwise look like leavers; propose none until it is clean.
    if let Some(leaving) = full_roll.filter(|_| checker.problems.is_empty()) {
        propose_leavers(&existing, &matched, leaving, plan);
    }
    Ok(index)
}

/// Every pupil on roll whom the full roll leaves out, marked as leaving on `leaving`.
fn propose_leavers(
    existing: &[Existing],
    matched: &HashMap<usize, u64>,
    leaving: NaiveDate,
    plan: &mut Plan,
) {
    for (i, e) in existing.iter().enumerate() {
        // A pupil who already has a leaving date keeps it: importing the same
        // roll again must change nothing (edit the pupil to move the date).
        if matched.contains_key(&i) || e.fields.leaving_date.is_some() {
            continue;
        }
        let mut new = e.fields.clone();
        new.leaving_date = Some(leaving.to_string());
        let changes = differences(&e.fields, &new);
        plan.leaving
            .push(Plan::entry(None, "pupil", display_name(&e.fields), changes));
        plan.leavers.push((e.id.clone(), leaving.to_string()));
        plan.update(&e.id, new);
    }
}
