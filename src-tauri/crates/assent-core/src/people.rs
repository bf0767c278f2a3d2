//! People: pupils, their parents and carers, staff, volunteers, governors and visitors.

use rusqlite::{Connection, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::{Error, Result, store};

/// What someone is to the school; decides which agreement they sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    /// A child on roll.
    Pupil,
    /// A parent or carer of one or more pupils.
    Parent,
    /// A member of staff.
    Staff,
    /// A regular volunteer.
    Volunteer,
    /// A governor or trustee.
    Governor,
    /// A visitor, for the dates of the visit.
    Visitor,
}

impl PersonKind {
    /// Every kind, in the order the school lists them.
    pub const ALL: [PersonKind; 6] = [
        PersonKind::Pupil,
        PersonKind::Parent,
        PersonKind::Staff,
        PersonKind::Volunteer,
        PersonKind::Governor,
        PersonKind::Visitor,
    ];

    /// The code stored in the database and used on the command line.
    pub fn code(self) -> &'static str {
        match self {
            PersonKind::Pupil => "pupil",
            PersonKind::Parent => "parent",
            PersonKind::Staff => "staff",
            PersonKind::Volunteer => "volunteer",
            PersonKind::Governor => "governor",
            PersonKind::Visitor => "visitor",
        }
    }

    /// Parses a stored or typed code.
    pub fn from_code(code: &str) -> Result<PersonKind> {
        PersonKind::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .ok_or_else(|| {
                Error::invalid(
                    "kind",
                    format!(
                        "'{code}' is not a kind of person; use one of: pupil, parent, staff, volunteer, governor, visitor"
                    ),
                )
            })
    }
}

/// A pupil's year group, from Nursery to Year 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum YearGroup {
    /// Nursery (EYFS).
    Nursery,
    /// Reception (EYFS).
    Reception,
    /// Years 1 to 6.
    Year(u8),
}

impl YearGroup {
    /// The code stored in the database: N, R, Y1 … Y6.
    pub fn code(self) -> String {
        match self {
            YearGroup::Nursery => "N".to_owned(),
            YearGroup::Reception => "R".to_owned(),
            YearGroup::Year(n) => format!("Y{n}"),
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<YearGroup> {
        match code {
            "N" => Some(YearGroup::Nursery),
            "R" => Some(YearGroup::Reception),
            _ => code
                .strip_prefix('Y')
                .and_then(|n| n.parse::<u8>().ok())
                .filter(|n| (1..=6).contains(n))
                .map(YearGroup::Year),
        }
    }

    /// The name a school uses: "Nursery", "Reception", "Year 3".
    pub fn label(self) -> String {
        match self {
            YearGroup::Nursery => "Nursery".to_owned(),
            YearGroup::Reception => "Reception".to_owned(),
            YearGroup::Year(n) => format!("Year {n}"),
        }
    }
}

/// One row of a people list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonSummary {
    /// The person's id (a UUIDv7).
    pub id: String,
    /// What they are to the school.
    pub kind: PersonKind,
    /// Legal given name, exactly as recorded.
    pub given_name: String,
    /// Legal family name, exactly as recorded.
    pub family_name: String,
    /// The given name they go by, if different.
    pub preferred_given_name: Option<String>,
    /// The family name they go by, if different.
    pub preferred_family_name: Option<String>,
    /// Year group label, for pupils ("Reception", "Year 4").
    pub year_group: Option<String>,
    /// Registration class, for pupils.
    pub class_name: Option<String>,
}

/// A person to add.
#[derive(Debug, Clone, Default)]
pub struct NewPerson {
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
    /// Date of birth as `YYYY-MM-DD`.
    pub date_of_birth: Option<String>,
    /// Year group, pupils only.
    pub year_group: Option<YearGroup>,
    /// Registration class, pupils only.
    pub class_name: Option<String>,
    /// Job title or role, adults only.
    pub role: Option<String>,
    /// Email address.
    pub email: Option<String>,
}

/// Adds a person and returns their new id. Names are stored exactly as given.
pub fn insert(conn: &Connection, person: &NewPerson, now: &str) -> Result<String> {
    let kind = person
        .kind
        .ok_or_else(|| Error::invalid("kind", "Say what kind of person this is."))?;
    for (field, value) in [
        ("given name", &person.given_name),
        ("family name", &person.family_name),
    ] {
        if value.trim().is_empty() {
            return Err(Error::invalid(field, "must not be empty"));
        }
    }
    if person.year_group.is_some() != (kind == PersonKind::Pupil) {
        return Err(Error::invalid(
            "year group",
            "Every pupil needs a year group, and only pupils have one.",
        ));
    }
    let id = Uuid::now_v7().to_string();
    conn.prepare_cached(
        "INSERT INTO people (id, kind, given_name, family_name, preferred_given_name,
             preferred_family_name, date_of_birth, year_group, class_name, role, email,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?
    .execute(params![
        id,
        kind.code(),
        person.given_name,
        person.family_name,
        person.preferred_given_name,
        person.preferred_family_name,
        person.date_of_birth,
        person.year_group.map(YearGroup::code),
        person.class_name,
        person.role,
        person.email,
        now,
    ])?;
    Ok(id)
}

/// Links a parent or carer to a pupil.
pub fn link_contact(
    conn: &Connection,
    pupil_id: &str,
    contact_id: &str,
    relationship: &str,
    priority: u32,
    parental_responsibility: bool,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO contact_links (pupil_id, contact_id, relationship, priority, parental_responsibility)
         VALUES (?1, ?2, ?3, ?4, ?5)",
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

/// Everyone, or everyone of one kind, ordered by kind then family and given name.
pub fn list(conn: &Connection, kind: Option<PersonKind>) -> Result<Vec<PersonSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, given_name, family_name, preferred_given_name, preferred_family_name,
                year_group, class_name
         FROM people
         WHERE ?1 IS NULL OR kind = ?1
         ORDER BY CASE kind WHEN 'pupil' THEN 0 WHEN 'parent' THEN 1 WHEN 'staff' THEN 2
                            WHEN 'volunteer' THEN 3 WHEN 'governor' THEN 4 ELSE 5 END,
                  family_name, given_name, id",
    )?;
    let rows = stmt.query_map(params![kind.map(PersonKind::code)], summary_from_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<Result<PersonSummary>> {
    let kind: String = row.get(1)?;
    let year: Option<String> = row.get(6)?;
    let summary = PersonSummary {
        id: row.get(0)?,
        kind: PersonKind::Pupil,
        given_name: row.get(2)?,
        family_name: row.get(3)?,
        preferred_given_name: row.get(4)?,
        preferred_family_name: row.get(5)?,
        year_group: year
            .as_deref()
            .and_then(YearGroup::from_code)
            .map(YearGroup::label),
        class_name: row.get(7)?,
    };
    Ok(PersonKind::from_code(&kind).map(|kind| PersonSummary { kind, ..summary }))
}

/// How many people there are of each kind; every kind is present, zero included.
pub fn count_by_kind(conn: &Connection) -> Result<Vec<(PersonKind, u32)>> {
    let mut stmt = conn.prepare_cached("SELECT kind, count(*) FROM people GROUP BY kind")?;
    let mut found = std::collections::HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let kind: String = row.get(0)?;
        found.insert(PersonKind::from_code(&kind)?, row.get::<_, u32>(1)?);
    }
    Ok(PersonKind::ALL
        .into_iter()
        .map(|k| (k, found.get(&k).copied().unwrap_or(0)))
        .collect())
}

/// Whether the database holds anyone at all.
pub fn is_empty(conn: &Connection) -> Result<bool> {
    Ok(!conn.query_row("SELECT EXISTS (SELECT 1 FROM people)", [], |r| r.get(0))?)
}

/// Stored "now" for callers adding many people in one transaction.
pub fn now() -> String {
    store::now()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_group_codes_round_trip() {
        for code in ["N", "R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6"] {
            assert_eq!(YearGroup::from_code(code).unwrap().code(), code);
        }
        assert_eq!(YearGroup::from_code("Y7"), None);
        assert_eq!(YearGroup::from_code("Y0"), None);
        assert_eq!(YearGroup::Year(3).label(), "Year 3");
        assert_eq!(YearGroup::Reception.label(), "Reception");
    }

    #[test]
    fn kind_codes_round_trip_and_reject_unknown() {
        for kind in PersonKind::ALL {
            assert_eq!(PersonKind::from_code(kind.code()).unwrap(), kind);
        }
        let err = PersonKind::from_code("teacher").unwrap_err();
        assert!(
            err.to_string()
                .contains("'teacher' is not a kind of person")
        );
    }
}
