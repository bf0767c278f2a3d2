//! Adding and editing one person by hand, checked by the same rules as an import.

use crate::db::{Conn, OptionalExtension};
use crate::params;
use serde::Deserialize;
use ts_rs::TS;

use super::{FieldProblem, PersonDetail, PersonFields, PersonKind, insert};
use crate::auth::Permission;
use crate::{Error, Result, Store, audit, values};

/// A person as typed into the add or edit form. Blank text counts as "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
pub struct PersonInput {
    /// What they are to the school.
    pub kind: Option<PersonKind>,
    /// Legal given name.
    pub given_name: String,
    /// Legal family name.
    pub family_name: String,
    /// Preferred given name.
    pub preferred_given_name: Option<String>,
    /// Preferred family name.
    pub preferred_family_name: Option<String>,
    /// Middle names.
    pub middle_names: Option<String>,
    /// Date of birth, `dd/mm/yyyy` or `YYYY-MM-DD`.
    pub date_of_birth: Option<String>,
    /// Gender (M, F, X or words).
    pub gender: Option<String>,
    /// Unique Pupil Number.
    pub upn: Option<String>,
    /// The MIS's id.
    pub mis_id: Option<String>,
    /// Year group in any usual spelling ("Year 3", "Y3", "R").
    pub year_group: Option<String>,
    /// Registration class.
    pub class: Option<String>,
    /// Admission date.
    pub admission_date: Option<String>,
    /// Leaving date.
    pub leaving_date: Option<String>,
    /// Role or job title.
    pub role: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Mobile number.
    pub mobile: Option<String>,
    /// First day (a visitor's first day of the visit).
    pub start_date: Option<String>,
    /// Last day (a visitor's last day of the visit).
    pub end_date: Option<String>,
}

fn blank_to_none(v: Option<&String>) -> Option<String> {
    v.map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

struct Checks {
    problems: Vec<FieldProblem>,
}

impl Checks {
    fn add(&mut self, field: &str, reason: impl Into<String>) {
        self.problems.push(FieldProblem {
            field: field.to_owned(),
            reason: reason.into(),
        });
    }

    fn parse<T>(
        &mut self,
        field: &str,
        value: Option<&String>,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let text = blank_to_none(value)?;
        match parse(&text) {
            Ok(v) => Some(v),
            Err(reason) => {
                self.add(field, reason);
                None
            }
        }
    }

    fn date(&mut self, field: &str, value: Option<&String>) -> Option<String> {
        self.parse(field, value, values::parse_date)
            .map(|d| d.to_string())
    }
}

/// Checks the form and turns it into the stored fields, listing every problem at once.
fn check(conn: &Conn, input: &PersonInput, editing: Option<&str>) -> Result<PersonFields> {
    let mut c = Checks {
        problems: Vec::new(),
    };
    let Some(kind) = input.kind else {
        c.add("kind", "say what kind of person this is");
        return Err(Error::InvalidFields {
            problems: c.problems,
        });
    };
    for (field, value) in [
        ("given_name", &input.given_name),
        ("family_name", &input.family_name),
    ] {
        if value.trim().is_empty() {
            c.add(field, "this name is needed");
        }
    }
    let pupil = kind == PersonKind::Pupil;
    let year_group = c.parse(
        "year_group",
        input.year_group.as_ref(),
        values::parse_year_group,
    );
    if pupil && year_group.is_none() && blank_to_none(input.year_group.as_ref()).is_none() {
        c.add("year_group", "every pupil needs a year group");
    }
    let upn = c
        .parse("upn", input.upn.as_ref(), values::parse_upn)
        .map(|u| u.value);
    let date_of_birth = c.parse(
        "date_of_birth",
        input.date_of_birth.as_ref(),
        values::parse_date,
    );
    if date_of_birth.is_some_and(|d| d > crate::time::today()) {
        c.add("date_of_birth", "the date of birth is in the future");
    }
    let start_date = c.date("start_date", input.start_date.as_ref());
    let end_date = c.date("end_date", input.end_date.as_ref());
    if let (Some(s), Some(e)) = (&start_date, &end_date) {
        if e < s {
            c.add("end_date", "the end date is before the start date");
        }
    }
    if kind == PersonKind::Visitor
        && start_date.is_none()
        && blank_to_none(input.start_date.as_ref()).is_none()
    {
        c.add("start_date", "a visitor needs the first day of their visit");
    }
    let fields = PersonFields {
        kind: Some(kind),
        given_name: input.given_name.trim().to_owned(),
        family_name: input.family_name.trim().to_owned(),
        preferred_given_name: blank_to_none(input.preferred_given_name.as_ref()),
        preferred_family_name: blank_to_none(input.preferred_family_name.as_ref()),
        middle_names: blank_to_none(input.middle_names.as_ref()),
        date_of_birth: date_of_birth.map(|d| d.to_string()),
        gender: c.parse("gender", input.gender.as_ref(), values::parse_gender),
        upn: upn.filter(|_| pupil),
        mis_id: blank_to_none(input.mis_id.as_ref()),
        year_group: year_group.filter(|_| pupil),
        class_name: blank_to_none(input.class.as_ref()).filter(|_| pupil),
        admission_date: c.date("admission_date", input.admission_date.as_ref()),
        leaving_date: c.date("leaving_date", input.leaving_date.as_ref()),
        role: blank_to_none(input.role.as_ref()),
        email: c.parse("email", input.email.as_ref(), values::parse_email),
        mobile: blank_to_none(input.mobile.as_ref()),
        start_date,
        end_date,
    };
    if let Some(upn) = &fields.upn {
        let owner: Option<String> = conn
            .query_row(
                "SELECT given_name || ' ' || family_name FROM people WHERE upn = ?1 AND id IS DISTINCT FROM CAST(?2 AS TEXT)",
                params![upn, editing],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(owner) = owner {
            c.add("upn", format!("this UPN already belongs to {owner}"));
        }
    }
    if let Some(mis) = &fields.mis_id {
        let taken: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM people WHERE kind = ?1 AND mis_id = ?2 AND id IS DISTINCT FROM CAST(?3 AS TEXT))",
            params![kind.code(), mis, editing],
            |r| r.get(0),
        )?;
        if taken {
            c.add("mis_id", "another person already has this MIS ID");
        }
    }
    if c.problems.is_empty() {
        Ok(fields)
    } else {
        Err(Error::InvalidFields {
            problems: c.problems,
        })
    }
}

/// Adds a person typed into the form.
pub fn add(store: &mut Store, input: &PersonInput) -> Result<PersonDetail> {
    let actor = &store.require(Permission::EditPeople)?.actor();
    let id = store.write(|tx| {
        let fields = check(tx, input, None)?;
        let id = insert(tx, &fields, &super::now())?;
        audit::record(
            tx,
            actor,
            "person.add",
            "person",
            Some(&id),
            &format!(
                "Added {} {} ({}) by hand",
                fields.given_name,
                fields.family_name,
                kind_code(&fields)
            ),
        )?;
        Ok(id)
    })?;
    super::query::detail_in(store.conn(), &id)
}

/// Saves changes typed into the edit form.
pub fn edit(store: &mut Store, id: &str, input: &PersonInput) -> Result<PersonDetail> {
    let actor = &store.require(Permission::EditPeople)?.actor();
    store.write(|tx| {
        let old = super::get(tx, id)?
            .ok_or_else(|| Error::invalid("person", format!("There is nobody with id {id}.")))?;
        let fields = check(tx, input, Some(id))?;
        let changes = crate::import::differences(&old, &fields);
        let summary: Vec<String> = changes
            .iter()
            .map(|c| {
                format!(
                    "{}: {} → {}",
                    c.field,
                    c.from.as_deref().unwrap_or("(blank)"),
                    c.to.as_deref().unwrap_or("(blank)")
                )
            })
            .collect();
        super::update_recorded(
            tx,
            actor,
            id,
            &fields,
            &super::now(),
            &format!(
                "Edited {} {} by hand: {}",
                fields.given_name,
                fields.family_name,
                summary.join("; ")
            ),
        )
    })?;
    super::query::detail_in(store.conn(), id)
}

fn kind_code(f: &PersonFields) -> &'static str {
    f.kind.map_or("", PersonKind::code)
}
