//! Checking contact rows and working out the people and links they add or change.
//!
//! A contact is matched to an existing link by pupil, name and relationship.
//! A new link reuses a parent already known by the same name and the same
//! email or mobile (a parent with several children is one person), else adds one.

use std::collections::HashMap;

use crate::db::Conn;

use super::check::{Checker, Column};
use super::plan::{Plan, Ref, differences, display_name};
use super::pupils::PupilIndex;
use super::records::RawContact;
use crate::Result;
use crate::people::{PersonFields, PersonKind};
use crate::values;

/// A contact row that passed every check.
#[derive(Debug, Clone)]
pub(crate) struct ContactRow {
    line: u64,
    pupil: (Ref, String),
    given_name: String,
    family_name: String,
    relationship: String,
    parental_responsibility: bool,
    priority: Option<u32>,
    email: Column<String>,
    mobile: Column<String>,
}

fn key(given: &str, family: &str) -> (String, String) {
    (given.trim().to_lowercase(), family.trim().to_lowercase())
}

/// Checks every row and finds its pupil, among those stored and those this import adds.
pub(crate) fn check(
    conn: &Conn,
    rows: &[RawContact],
    pupils: &PupilIndex,
    checker: &mut Checker,
) -> Result<Vec<ContactRow>> {
    let stored = stored_pupils(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    let mut seen: HashMap<(String, (String, String), String), u64> = HashMap::new();
    for raw in rows {
        let line = raw.line;
        let before = checker.problems.len();
        let given = checker.required(line, raw.forename.as_ref(), "contact's forename");
        let family = checker.required(line, raw.surname.as_ref(), "contact's surname");
        let relationship = checker
            .required(line, raw.relationship.as_ref(), "relationship")
            .map(|r| values::normalise_relationship(&r));
        let pr = checker.parse_required(
            line,
            raw.parental_responsibility.as_ref(),
            "parental responsibility",
            values::parse_yes_no,
        );
        let priority = checker.parse(line, raw.priority.as_ref(), values::parse_priority);
        let email = checker.parse(line, raw.email.as_ref(), values::parse_email);
        let pupil = find_pupil(raw, pupils, &stored, checker);
        if checker.problems.len() > before {
            continue;
        }
        let (Some(given_name), Some(family_name), Some(relationship), Some(pr), Some(pupil)) =
            (given, family, relationship, pr, pupil)
        else {
            continue;
        };
        let pupil_key = match &pupil.0 {
            Ref::Existing(id) => id.clone(),
            Ref::New(i) => format!("new-{i}"),
        };
        let dup = (
            pupil_key,
            key(&given_name, &family_name),
            relationship.clone(),
        );
        if let Some(first) = seen.insert(dup, line) {
            checker.problem(
                line,
                "",
                "",
                format!("this contact is listed for the same pupil on line {first}"),
            );
            continue;
        }
        out.push(ContactRow {
            line,
            pupil,
            given_name,
            family_name,
            relationship,
            parental_responsibility: pr,
            priority,
            email: Column::of(raw.email.as_ref(), email),
            mobile: Column::text(raw.mobile.as_ref()),
        });
    }
    Ok(out)
}

/// Stored pupils by UPN and by MIS ID.
fn stored_pupils(conn: &Conn) -> Result<PupilIndex> {
    let mut index = PupilIndex::default();
    let mut stmt = conn.prepare(
        "SELECT id, upn, mis_id, coalesce(preferred_given_name, given_name) || ' ' ||
                coalesce(preferred_family_name, family_name)
         FROM people WHERE kind = 'pupil'",
    )?;
    let mut rows = stmt.query(())?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let name: String = r.get(3)?;
        if let Some(upn) = r.get::<_, Option<String>>(1)? {
            index
                .by_upn
                .insert(upn, (Ref::Existing(id.clone()), name.clone()));
        }
        if let Some(mis) = r.get::<_, Option<String>>(2)? {
            index.by_mis_id.insert(mis, (Ref::Existing(id), name));
        }
    }
    Ok(index)
}

fn find_pupil(
    raw: &RawContact,
    this_import: &PupilIndex,
    stored: &PupilIndex,
    checker: &mut Checker,
) -> Option<(Ref, String)> {
    let upn = raw
        .pupil_upn
        .as_ref()
        .and_then(|c| Some((c, c.text()?.to_uppercase())));
    let mis = raw
        .pupil_mis_id
        .as_ref()
        .and_then(|c| Some((c, c.text()?.to_owned())));
    let (cell, value, found, what) = match (upn, mis) {
        (Some((cell, upn)), _) => {
            let found = this_import
                .by_upn
                .get(&upn)
                .or_else(|| stored.by_upn.get(&upn));
            (cell, upn.clone(), found, "UPN")
        }
        (None, Some((cell, mis))) => {
            let found = this_import
                .by_mis_id
                .get(&mis)
                .or_else(|| stored.by_mis_id.get(&mis));
            (cell, mis.clone(), found, "MIS ID")
        }
        (None, None) => {
            checker.problem(
                raw.line,
                "",
                "",
                "the row does not say which pupil it belongs to (Pupil UPN or Pupil MIS ID)",
            );
            return None;
        }
    };
    if found.is_none() {
        checker.problem(
            raw.line,
            &cell.column,
            &value,
            format!("there is no pupil with this {what}; import the pupils first"),
        );
    }
    found.cloned()
}

/// A stored link from a pupil to a contact.
struct StoredLink {
    contact_id: String,
    fields: PersonFields,
    relationship: String,
    priority: u32,
    parental_responsibility: bool,
}

fn stored_links(conn: &Conn) -> Result<HashMap<String, Vec<StoredLink>>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT l.pupil_id, l.contact_id, l.relationship, l.priority, l.parental_responsibility, {}
         FROM contact_links l JOIN people p ON p.id = l.contact_id",
        crate::people::record_columns()
            .split(',')
            .map(|c| format!("p.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ")
    ))?;
    let mut out: HashMap<String, Vec<StoredLink>> = HashMap::new();
    let mut rows = stmt.query(())?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().push(StoredLink {
            contact_id: r.get(1)?,
            relationship: r.get(2)?,
            priority: r.get(3)?,
            parental_responsibility: r.get(4)?,
            fields: PersonFields::from_row(&r, 5)?,
        });
    }
    Ok(out)
}

/// Parents and carers by name and email or mobile, so a parent of several children is found once.
/// A parent's name (lower case) and email or mobile.
type ParentKey = ((String, String), String);

fn stored_parents(conn: &Conn) -> Result<HashMap<ParentKey, (String, PersonFields)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, {} FROM people WHERE kind = 'parent'",
        crate::people::record_columns()
    ))?;
    let mut out = HashMap::new();
    let mut rows = stmt.query(())?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let f = PersonFields::from_row(&r, 1)?;
        for detail in [f.email.clone(), f.mobile.clone()].into_iter().flatten() {
            out.insert(
                (key(&f.given_name, &f.family_name), detail.to_lowercase()),
                (id.clone(), f.clone()),
            );
        }
    }
    Ok(out)
}

/// Works out the new parents, new links and changed details.
pub(crate) fn plan(conn: &Conn, rows: &[ContactRow], plan: &mut Plan) -> Result<()> {
    let links = stored_links(conn)?;
    let parents = stored_parents(conn)?;
    let mut added_here: HashMap<ParentKey, Ref> = HashMap::new();
    let mut planned: HashMap<String, PersonFields> = HashMap::new();
    let mut next_priority: HashMap<String, u32> = HashMap::new();
    for row in rows {
        let pupil_key = match &row.pupil.0 {
            Ref::Existing(id) => id.clone(),
            Ref::New(i) => format!("new-{i}"),
        };
        let priority = row.priority.unwrap_or_else(|| {
            let p = next_priority.entry(pupil_key.clone()).or_insert(0);
            *p += 1;
            *p
        });
        let label = |name: &str| {
            let rel = values::relationship_meaning(&row.relationship).unwrap_or(&row.relationship);
            format!("{name} for {} ({rel})", row.pupil.1)
        };
        let existing = links.get(&pupil_key).and_then(|ls| {
            ls.iter().find(|l| {
                key(&l.fields.given_name, &l.fields.family_name)
                    == key(&row.given_name, &row.family_name)
                    && l.relationship == row.relationship
            })
        });
        if let Some(link) = existing {
            update_link(row, link, priority, &label, &mut planned, plan);
            continue;
        }
        let detail = row
            .email
            .value()
            .cloned()
            .or_else(|| row.mobile.value().cloned())
            .map(|d| d.to_lowercase());
        let person_key = detail.map(|d| (key(&row.given_name, &row.family_name), d));
        let known = person_key.as_ref().and_then(|k| {
            added_here
                .get(k)
                .cloned()
                .or_else(|| parents.get(k).map(|(id, _)| Ref::Existing(id.clone())))
        });
        let contact = if let Some(r) = known {
            r
        } else {
            let fields = PersonFields {
                kind: Some(PersonKind::Parent),
                given_name: row.given_name.clone(),
                family_name: row.family_name.clone(),
                email: row.email.value().cloned(),
                mobile: row.mobile.value().cloned(),
                ..PersonFields::default()
            };
            let r = plan.insert(fields);
            if let Some(k) = person_key {
                added_here.insert(k, r.clone());
            }
            r
        };
        plan.added.push(Plan::entry(
            Some(row.line),
            "contact",
            label(&format!("{} {}", row.given_name, row.family_name)),
            Vec::new(),
        ));
        plan.link(
            row.pupil.0.clone(),
            contact,
            row.relationship.clone(),
            priority,
            row.parental_responsibility,
        );
    }
    Ok(())
}

/// Plans the changes to a link (and its contact's details) that already exists.
fn update_link(
    row: &ContactRow,
    link: &StoredLink,
    priority: u32,
    label: &dyn Fn(&str) -> String,
    planned: &mut HashMap<String, PersonFields>,
    plan: &mut Plan,
) {
    // A parent listed for several children is one person: start from what earlier
    // rows of this file already planned for them, not from the stored copy.
    let before = planned
        .get(&link.contact_id)
        .cloned()
        .unwrap_or_else(|| link.fields.clone());
    // A blank cell never clears a detail: a parent listed for two children
    // may have their email or mobile on one row only.
    let new = PersonFields {
        email: row.email.value().cloned().or_else(|| before.email.clone()),
        mobile: row
            .mobile
            .value()
            .cloned()
            .or_else(|| before.mobile.clone()),
        ..before.clone()
    };
    let mut changes = differences(&before, &new);
    if link.priority != priority {
        changes.push(change(
            "Priority",
            link.priority.to_string(),
            priority.to_string(),
        ));
    }
    if link.parental_responsibility != row.parental_responsibility {
        let yn = |b: bool| if b { "Yes" } else { "No" }.to_owned();
        changes.push(change(
            "Parental responsibility",
            yn(link.parental_responsibility),
            yn(row.parental_responsibility),
        ));
    }
    if changes.is_empty() {
        plan.unchanged += 1;
        return;
    }
    plan.changed.push(Plan::entry(
        Some(row.line),
        "contact",
        label(&display_name(&new)),
        changes,
    ));
    if new != before {
        plan.update(&link.contact_id, new.clone());
        planned.insert(link.contact_id.clone(), new);
    }
    plan.link(
        row.pupil.0.clone(),
        Ref::Existing(link.contact_id.clone()),
        row.relationship.clone(),
        priority,
        row.parental_responsibility,
    );
}

fn change(field: &str, from: String, to: String) -> super::preview::FieldChange {
    super::preview::FieldChange {
        field: field.to_owned(),
        from: Some(from),
        to: Some(to),
    }
}
