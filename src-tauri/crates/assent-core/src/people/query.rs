//! Reading people: lists with filters and search, and one person with their family.

use crate::db::{Conn, OptionalExtension};
use crate::params;
use serde::Serialize;
use ts_rs::TS;

use super::record::{PersonFields, columns};
use super::scope::scope_clause;
use super::{PersonKind, YearGroup};
use crate::Store;
use crate::auth::Permission;
use crate::values::{KeyStage, key_stage, relationship_meaning};
use crate::{Error, Result};

/// What to list. Everything is optional; an empty filter lists everyone who has not left.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(default)]
pub struct Filter {
    /// Only this kind of person.
    pub kind: Option<PersonKind>,
    /// Only pupils in this registration class.
    pub class: Option<String>,
    /// Only pupils in this year group (a code: N, R, Y1 … Y6).
    pub year: Option<String>,
    /// Text to find in legal or preferred names (any case, accents optional).
    pub search: Option<String>,
    /// Also list pupils who have left.
    pub include_leavers: bool,
    /// At most this many, the first ones in list order (the window asks for a lot
    /// at a time, and one more, to know whether there are more to show).
    #[ts(optional)]
    pub limit: Option<u32>,
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
    pub class: Option<String>,
    /// Unique Pupil Number, for pupils.
    pub upn: Option<String>,
    /// Key stage, derived from the year group.
    pub key_stage: Option<KeyStage>,
    /// Role or job title, for adults.
    pub role: Option<String>,
    /// Whether the pupil has left (their leaving date has passed; they are on roll on the day itself).
    pub left: bool,
}

impl PersonSummary {
    fn from_fields(id: String, f: PersonFields, today: &str) -> Result<PersonSummary> {
        let kind = f.kind.ok_or_else(|| Error::Database {
            message: format!("person {id} has an unknown kind"),
        })?;
        Ok(PersonSummary {
            left: f.leaving_date.as_deref().is_some_and(|d| d < today),
            id,
            kind,
            given_name: f.given_name,
            family_name: f.family_name,
            preferred_given_name: f.preferred_given_name,
            preferred_family_name: f.preferred_family_name,
            year_group: f.year_group.map(YearGroup::label),
            key_stage: f.year_group.map(key_stage),
            class: f.class_name,
            upn: f.upn,
            role: f.role,
        })
    }
}

/// The people list's query: ?1 kind, ?2 class, ?3 year group, ?4 and ?5 the search
/// (as typed and transliterated, as LIKE patterns), ?6 whether leavers are included,
/// ?7 today, ?8 the most rows (`i64::MAX` for all), ?9 the class scope.
pub(crate) fn list_sql(engine: crate::db::Engine) -> String {
    format!(
        "SELECT id, {cols} FROM people
         WHERE (CAST(?1 AS TEXT) IS NULL OR kind = ?1)
           AND (CAST(?2 AS TEXT) IS NULL OR class_name = ?2)
           AND (CAST(?3 AS TEXT) IS NULL OR year_group = ?3)
           AND (CAST(?4 AS TEXT) IS NULL OR search_text LIKE ?4 ESCAPE '\\' OR search_text LIKE ?5 ESCAPE '\\')
           AND (?6 OR leaving_date IS NULL OR leaving_date >= ?7)
           AND {scope}
         ORDER BY CASE kind WHEN 'pupil' THEN 0 WHEN 'parent' THEN 1 WHEN 'staff' THEN 2
                            WHEN 'volunteer' THEN 3 WHEN 'governor' THEN 4 ELSE 5 END,
                  family_name, given_name, id
         LIMIT ?8",
        cols = columns(),
        scope = scope_clause(engine, "id", "?9"),
    )
}

fn today() -> String {
    crate::time::today().to_string()
}

/// People matching `filter`, ordered by kind, then family and given name
/// (for a teacher, only their classes' pupils and those pupils' contacts).
pub fn list(store: &Store, filter: &Filter) -> Result<Vec<PersonSummary>> {
    store.require(Permission::ViewPeople)?;
    let scope = store.class_scope()?;
    let conn = store.conn();
    let search = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            let folded = deunicode::deunicode(&s.to_lowercase()).to_lowercase();
            (
                format!("%{}%", crate::db::like_escaped(&s.to_lowercase())),
                format!("%{}%", crate::db::like_escaped(&folded)),
            )
        });
    let today = today();
    let mut stmt = conn.prepare_cached(&list_sql(conn.engine()))?;
    let rows = stmt.query_map(
        params![
            filter.kind.map(PersonKind::code),
            filter.class,
            filter.year,
            search.as_ref().map(|s| &s.0),
            search.as_ref().map(|s| &s.1),
            filter.include_leavers,
            today,
            filter.limit.map_or(i64::MAX, i64::from),
            scope,
        ],
        |row| Ok((row.get::<_, String>(0)?, PersonFields::from_row(row, 1)?)),
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (id, fields) = row?;
        out.push(PersonSummary::from_fields(id, fields, &today)?);
    }
    Ok(out)
}

/// Someone linked to a person: a pupil's contact, or a contact's pupil.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LinkedPerson {
    /// Their id.
    pub id: String,
    /// Given name (preferred if recorded).
    pub given_name: String,
    /// Family name (preferred if recorded).
    pub family_name: String,
    /// The relationship as stored: a DfE code such as PAM, or words.
    pub relationship: String,
    /// The relationship in words ("Mother").
    pub relationship_label: String,
    /// Contact priority, 1 first.
    pub priority: u32,
    /// Whether the contact has parental responsibility for the pupil.
    pub parental_responsibility: bool,
    /// Email address.
    pub email: Option<String>,
    /// Mobile number.
    pub mobile: Option<String>,
    /// The pupil's class, when the linked person is a pupil.
    pub class: Option<String>,
}

/// One person with every detail and their family links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonDetail {
    /// The summary fields.
    pub summary: PersonSummary,
    /// Middle names.
    pub middle_names: Option<String>,
    /// Date of birth (YYYY-MM-DD).
    pub date_of_birth: Option<String>,
    /// M, F or X.
    pub gender: Option<String>,
    /// The MIS's id.
    pub mis_id: Option<String>,
    /// Admission date (YYYY-MM-DD).
    pub admission_date: Option<String>,
    /// Leaving date (YYYY-MM-DD).
    pub leaving_date: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Mobile number.
    pub mobile: Option<String>,
    /// Start date (YYYY-MM-DD).
    pub start_date: Option<String>,
    /// End date (YYYY-MM-DD).
    pub end_date: Option<String>,
    /// For a pupil: their parents and carers, by priority.
    pub contacts: Vec<LinkedPerson>,
    /// For a parent or carer: their children at the school.
    pub pupils: Vec<LinkedPerson>,
}

/// One person with their links, or [`Error::InvalidInput`] if there is nobody with that id.
pub fn detail(store: &Store, id: &str) -> Result<PersonDetail> {
    store.require_for(Permission::ViewPeople, id)?;
    detail_in(store.conn(), id)
}

pub(crate) fn detail_in(conn: &Conn, id: &str) -> Result<PersonDetail> {
    let fields = conn
        .prepare_cached(&format!("SELECT {} FROM people WHERE id = ?1", columns()))?
        .query_row([id], |row| PersonFields::from_row(row, 0))
        .optional()?
        .ok_or_else(|| Error::invalid("person", format!("There is nobody with id {id}.")))?;
    let keep = fields.clone();
    let summary = PersonSummary::from_fields(id.to_owned(), fields, &today())?;
    Ok(PersonDetail {
        summary,
        middle_names: keep.middle_names,
        date_of_birth: keep.date_of_birth,
        gender: keep.gender,
        mis_id: keep.mis_id,
        admission_date: keep.admission_date,
        leaving_date: keep.leaving_date,
        email: keep.email,
        mobile: keep.mobile,
        start_date: keep.start_date,
        end_date: keep.end_date,
        contacts: links(conn, id, "l.pupil_id = ?1", "l.contact_id")?,
        pupils: links(conn, id, "l.contact_id = ?1", "l.pupil_id")?,
    })
}

fn links(conn: &Conn, id: &str, matching: &str, other: &str) -> Result<Vec<LinkedPerson>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, coalesce(p.preferred_given_name, p.given_name),
                coalesce(p.preferred_family_name, p.family_name), l.relationship, l.priority,
                l.parental_responsibility, p.email, p.mobile, p.class_name
         FROM contact_links l JOIN people p ON p.id = {other}
         WHERE {matching}
         ORDER BY l.priority, p.family_name, p.given_name"
    ))?;
    let rows = stmt.query_map([id], |r| {
        let relationship: String = r.get(3)?;
        Ok(LinkedPerson {
            id: r.get(0)?,
            given_name: r.get(1)?,
            family_name: r.get(2)?,
            relationship_label: relationship_meaning(&relationship)
                .map_or_else(|| relationship.clone(), str::to_owned),
            relationship,
            priority: r.get(4)?,
            parental_responsibility: r.get(5)?,
            email: r.get(6)?,
            mobile: r.get(7)?,
            class: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// How many people of each kind are on roll (?1 is today).
pub(crate) const COUNT_BY_KIND_SQL: &str = "SELECT kind, count(*) FROM people
     WHERE leaving_date IS NULL OR leaving_date >= ?1 GROUP BY kind";

/// How many people there are of each kind (leavers excluded); every kind is present.
pub(crate) fn count_by_kind(conn: &Conn) -> Result<Vec<(PersonKind, u32)>> {
    let mut stmt = conn.prepare_cached(COUNT_BY_KIND_SQL)?;
    let mut found = std::collections::HashMap::new();
    let mut rows = stmt.query([today()])?;
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
pub(crate) fn is_empty(conn: &Conn) -> Result<bool> {
    Ok(!conn.query_row("SELECT EXISTS (SELECT 1 FROM people)", (), |r| r.get(0))?)
}

/// A registration class and how many pupils on roll are in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClassSummary {
    /// The class name.
    pub name: String,
    /// The year group most of its pupils are in ("Year 3").
    pub year_group: Option<String>,
    /// Pupils on roll.
    pub pupils: u32,
}

/// Every class with pupils on roll, youngest year first (a teacher's own classes only).
pub fn classes(store: &Store) -> Result<Vec<ClassSummary>> {
    let session = store.require(Permission::ViewPeople)?;
    let mut all = classes_in(store.conn())?;
    all.retain(|c| session.sees_class(Some(&c.name)));
    Ok(all)
}

pub(crate) fn classes_in(conn: &Conn) -> Result<Vec<ClassSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT class_name, year_group, count(*) AS n FROM people
         WHERE kind = 'pupil' AND class_name IS NOT NULL
           AND (leaving_date IS NULL OR leaving_date >= ?1)
         GROUP BY class_name, year_group
         ORDER BY class_name, n DESC",
    )?;
    let mut out: Vec<ClassSummary> = Vec::new();
    let mut rows = stmt.query([today()])?;
    while let Some(r) = rows.next()? {
        let name: String = r.get(0)?;
        let year: Option<String> = r.get(1)?;
        let n: u32 = r.get(2)?;
        match out.last_mut() {
            Some(last) if last.name == name => last.pupils += n,
            _ => out.push(ClassSummary {
                name,
                year_group: year
                    .as_deref()
                    .and_then(YearGroup::from_code)
                    .map(YearGroup::label),
                pupils: n,
            }),
        }
    }
    let order = |c: &ClassSummary| {
        c.year_group
            .as_deref()
            .and_then(|label| {
                [
                    "Nursery",
                    "Reception",
                    "Year 1",
                    "Year 2",
                    "Year 3",
                    "Year 4",
                    "Year 5",
                    "Year 6",
                ]
                .iter()
                .position(|l| *l == label)
            })
            .unwrap_or(99)
    };
    out.sort_by_key(|c| (order(c), c.name.clone()));
    Ok(out)
}

/// One of a pupil's contacts, given as an id or a full name (any case); with
/// `with_responsibility`, only a contact who has parental responsibility.
pub fn find_contact(
    store: &Store,
    pupil_id: &str,
    id_or_name: &str,
    with_responsibility: bool,
) -> Result<String> {
    let wanted = id_or_name.trim().to_lowercase();
    detail(store, pupil_id)?
        .contacts
        .into_iter()
        .filter(|c| c.parental_responsibility || !with_responsibility)
        .find(|c| c.id == id_or_name.trim() || format!("{} {}", c.given_name, c.family_name).to_lowercase() == wanted)
        .map(|c| c.id)
        .ok_or_else(|| {
            Error::invalid(
                "contact",
                if with_responsibility {
                    format!("{id_or_name} is not a parent or carer with parental responsibility for this pupil")
                } else {
                    format!("{id_or_name} is not one of this pupil's contacts")
                },
            )
        })
}
