//! Adding and changing people. Names are stored exactly as given.

use crate::db::{Conn, OptionalExtension, Row};
use crate::params;
use uuid::Uuid;

use super::search::search_fold;
use super::{PersonKind, YearGroup};
use crate::{Actor, Error, Result, audit, store};

/// Every stored detail of a person. Dates are `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonFields {
    /// What they are to the school.
    pub kind: Option<PersonKind>,
    /// Legal given name.
    pub given_name: String,
    /// Legal family name.
    pub family_name: String,
    /// Preferred given name, if different.
    pub preferred_given_name: Option<String>,
    /// Preferred family name, if different.
    pub preferred_family_name: Option<String>,
    /// Middle names.
    pub middle_names: Option<String>,
    /// Date of birth.
    pub date_of_birth: Option<String>,
    /// M, F or X.
    pub gender: Option<String>,
    /// Unique Pupil Number, pupils only.
    pub upn: Option<String>,
    /// The MIS's id for the person.
    pub mis_id: Option<String>,
    /// Year group, pupils only.
    pub year_group: Option<YearGroup>,
    /// Registration class, pupils only.
    pub class_name: Option<String>,
    /// Date of admission, pupils only.
    pub admission_date: Option<String>,
    /// Date of leaving, pupils only.
    pub leaving_date: Option<String>,
    /// Job title or role, adults only.
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

const COLUMNS: &str = "kind, given_name, family_name, preferred_given_name, preferred_family_name,
    middle_names, date_of_birth, gender, upn, mis_id, year_group, class_name, admission_date,
    leaving_date, role, email, mobile, start_date, end_date";

impl PersonFields {
    fn check(&self) -> Result<PersonKind> {
        let kind = self
            .kind
            .ok_or_else(|| Error::invalid("kind", "Say what kind of person this is."))?;
        for (field, value) in [
            ("given name", &self.given_name),
            ("family name", &self.family_name),
        ] {
            if value.trim().is_empty() {
                return Err(Error::invalid(field, "must not be empty"));
            }
        }
        if self.year_group.is_some() != (kind == PersonKind::Pupil) {
            return Err(Error::invalid(
                "year group",
                "Every pupil needs a year group, and only pupils have one.",
            ));
        }
        Ok(kind)
    }

    fn search_text(&self) -> String {
        let names = [
            Some(self.given_name.as_str()),
            Some(self.family_name.as_str()),
            self.preferred_given_name.as_deref(),
            self.preferred_family_name.as_deref(),
            self.middle_names.as_deref(),
        ];
        search_fold(&names.into_iter().flatten().collect::<Vec<_>>().join(" "))
    }

    /// Reads the columns in [`COLUMNS`] order, starting at `first`.
    pub fn from_row(row: &Row<'_>, first: usize) -> crate::db::Result<PersonFields> {
        let kind: String = row.get(first)?;
        let year: Option<String> = row.get(first + 10)?;
        Ok(PersonFields {
            kind: PersonKind::from_code(&kind).ok(),
            given_name: row.get(first + 1)?,
            family_name: row.get(first + 2)?,
            preferred_given_name: row.get(first + 3)?,
            preferred_family_name: row.get(first + 4)?,
            middle_names: row.get(first + 5)?,
            date_of_birth: row.get(first + 6)?,
            gender: row.get(first + 7)?,
            upn: row.get(first + 8)?,
            mis_id: row.get(first + 9)?,
            year_group: year.as_deref().and_then(YearGroup::from_code),
            class_name: row.get(first + 11)?,
            admission_date: row.get(first + 12)?,
            leaving_date: row.get(first + 13)?,
            role: row.get(first + 14)?,
            email: row.get(first + 15)?,
            mobile: row.get(first + 16)?,
            start_date: row.get(first + 17)?,
            end_date: row.get(first + 18)?,
        })
    }
}

/// The column list for `SELECT`s that feed [`PersonFields::from_row`].
pub(crate) fn columns() -> &'static str {
    COLUMNS
}

/// Runs `sql` with ?1 = `id`, ?2..?20 = the person's fields in [`COLUMNS`] order,
/// ?21 = `now` and ?22 = the search text; returns the rows changed.
fn execute(conn: &Conn, sql: &str, id: &str, person: &PersonFields, now: &str) -> Result<usize> {
    let kind = person.check()?;
    Ok(conn.prepare_cached(sql)?.execute(params![
        id,
        kind.code(),
        person.given_name,
        person.family_name,
        person.preferred_given_name,
        person.preferred_family_name,
        person.middle_names,
        person.date_of_birth,
        person.gender,
        person.upn,
        person.mis_id,
        person.year_group.map(YearGroup::code),
        person.class_name,
        person.admission_date,
        person.leaving_date,
        person.role,
        person.email,
        person.mobile,
        person.start_date,
        person.end_date,
        now,
        person.search_text(),
    ])?)
}

/// Adds a person and returns their new id.
pub fn insert(conn: &Conn, person: &PersonFields, now: &str) -> Result<String> {
    let id = Uuid::now_v7().to_string();
    let sql = format!(
        "INSERT INTO people (id, {COLUMNS}, created_at, updated_at, search_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?21, ?22)"
    );
    execute(conn, &sql, &id, person, now)?;
    Ok(id)
}

/// Replaces a person's details.
pub fn update(conn: &Conn, id: &str, person: &PersonFields, now: &str) -> Result<()> {
    let changed = execute(
        conn,
        "UPDATE people SET kind = ?2, given_name = ?3, family_name = ?4,
             preferred_given_name = ?5, preferred_family_name = ?6, middle_names = ?7,
             date_of_birth = ?8, gender = ?9, upn = ?10, mis_id = ?11, year_group = ?12,
             class_name = ?13, admission_date = ?14, leaving_date = ?15, role = ?16,
             email = ?17, mobile = ?18, start_date = ?19, end_date = ?20, updated_at = ?21,
             search_text = ?22
         WHERE id = ?1",
        id,
        person,
        now,
    )?;
    if changed == 0 {
        return Err(Error::invalid(
            "person",
            format!("There is nobody with id {id}."),
        ));
    }
    Ok(())
}

/// Replaces a person's details and writes the audit entry that says why, in
/// the caller's transaction: every change to a person goes through here.
pub(crate) fn update_recorded(
    conn: &Conn,
    actor: &Actor,
    id: &str,
    person: &PersonFields,
    now: &str,
    summary: &str,
) -> Result<()> {
    update(conn, id, person, now)?;
    audit::record(conn, actor, "person.update", "person", Some(id), summary)
}

/// One person's stored details.
pub fn get(conn: &Conn, id: &str) -> Result<Option<PersonFields>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM people WHERE id = ?1"))?
        .query_row([id], |row| PersonFields::from_row(row, 0))
        .optional()?)
}

/// Links a parent or carer to a pupil.
pub fn link_contact(
    conn: &Conn,
    pupil_id: &str,
    contact_id: &str,
    relationship: &str,
    priority: u32,
    parental_responsibility: bool,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO contact_links (pupil_id, contact_id, relationship, priority, parental_responsibility)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (pupil_id, contact_id) DO UPDATE SET
             relationship = excluded.relationship, priority = excluded.priority,
             parental_responsibility = excluded.parental_responsibility",
    )?
    .execute(params![
        pupil_id,
        contact_id,
        relationship,
        priority,
        parental_responsibility
    ])?;
    Ok(())
}

/// Stored "now" for callers adding many people in one transaction.
pub fn now() -> String {
    store::now()
}
