//! Each person's agreement status, derived from the records and the template versions.
//!
//! Everything is read in a handful of queries whatever the number of people,
//! so a class list or the whole trust costs the same few round trips.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::SignerRole;
use super::rules::required_roles;
use crate::Store;
use crate::auth::Permission;
use crate::people::{PersonKind, YearGroup};
use crate::templates::{self, TemplateKind};
use crate::{Result, school, time};

/// Where a person stands with the agreement they must sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    /// Signed on the current version (or an older one with only minor changes since).
    Signed,
    /// The pupil has signed (or made their mark); a parent or carer still has to.
    AwaitingParent,
    /// Signed on an older version, and the text has changed materially since.
    NeedsResigning,
    /// A visitor whose visit has ended, or (if the school renews agreements every
    /// year) an agreement signed before this school year began.
    Expired,
    /// The latest agreement was withdrawn.
    Withdrawn,
    /// No agreement yet.
    NotSigned,
}

impl AgreementStatus {
    /// The status in words.
    pub fn label(self) -> &'static str {
        match self {
            AgreementStatus::Signed => "Signed",
            AgreementStatus::AwaitingParent => "Awaiting parent",
            AgreementStatus::NeedsResigning => "Needs re-signing",
            AgreementStatus::Expired => "Expired",
            AgreementStatus::Withdrawn => "Withdrawn",
            AgreementStatus::NotSigned => "Not signed",
        }
    }
}

/// Whose status to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
pub struct StatusFilter {
    /// Only pupils in this class.
    pub class: Option<String>,
    /// Only people of this kind.
    pub kind: Option<PersonKind>,
    /// Only one person.
    pub person_id: Option<String>,
}

/// One person's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StatusRow {
    /// The person.
    pub person_id: String,
    /// Their name as the school uses it.
    pub name: String,
    /// What they are to the school.
    pub kind: PersonKind,
    /// Their class, for pupils.
    pub class: Option<String>,
    /// The agreement they must sign.
    pub agreement_kind: TemplateKind,
    /// Where they stand.
    pub status: AgreementStatus,
    /// The version of their latest agreement, if any.
    pub version: Option<u32>,
    /// When their latest agreement was completed (UK time), if it was.
    pub signed_at: Option<String>,
    /// Their latest agreement's id, if any.
    pub agreement_id: Option<String>,
}

struct Latest {
    id: String,
    version: u32,
    roles: Vec<SignerRole>,
    withdrawn: bool,
    last_recorded: Option<String>,
    /// When the last signature was given (a paper form's date), YYYY-MM-DD.
    last_signed_on: Option<String>,
}

/// The newest agreement of each kind for each person.
fn latest_agreements(conn: &Connection) -> Result<HashMap<(String, String), Latest>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.person_id, a.kind, a.id, a.version,
                (SELECT group_concat(s.role) FROM agreement_signatures s WHERE s.agreement_id = a.id),
                EXISTS (SELECT 1 FROM agreement_withdrawals w WHERE w.agreement_id = a.id),
                (SELECT max(s.recorded_at) FROM agreement_signatures s WHERE s.agreement_id = a.id),
                (SELECT max(s.signed_at) FROM agreement_signatures s WHERE s.agreement_id = a.id)
         FROM agreements a ORDER BY a.recorded_at, a.id",
    )?;
    let mut out = HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let roles: Option<String> = r.get(4)?;
        out.insert(
            (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
            Latest {
                id: r.get(2)?,
                version: r.get(3)?,
                roles: roles
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(SignerRole::from_code)
                    .collect(),
                withdrawn: r.get(5)?,
                last_recorded: r.get(6)?,
                last_signed_on: r
                    .get::<_, Option<String>>(7)?
                    .and_then(|t| time::from_stored(&t))
                    .map(|t| {
                        t.with_timezone(&chrono_tz::Europe::London)
                            .date_naive()
                            .to_string()
                    }),
            },
        );
    }
    Ok(out)
}

/// For each kind, the versions that were material changes.
fn material_versions(conn: &Connection) -> Result<HashMap<String, Vec<u32>>> {
    let mut stmt =
        conn.prepare_cached("SELECT kind, version FROM template_versions WHERE material = 1")?;
    let mut out: HashMap<String, Vec<u32>> = HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().push(r.get(1)?);
    }
    Ok(out)
}

/// The first day of the school year `today` falls in: 1 September this calendar
/// year from that date on, otherwise 1 September last year. With annual renewal
/// on, an agreement signed before it has expired.
pub fn renewal_cutoff(today: NaiveDate) -> NaiveDate {
    let year = if today.month() >= 9 {
        today.year()
    } else {
        today.year() - 1
    };
    NaiveDate::from_ymd_opt(year, 9, 1).unwrap_or(today)
}

/// The status of everyone matching `filter` who is on roll, ordered like the people list
/// (for a teacher, only the pupils in their classes).
pub fn status(store: &Store, filter: &StatusFilter) -> Result<Vec<StatusRow>> {
    let session = store.require(Permission::ViewAgreements)?;
    let mut rows = status_in(store.conn(), filter)?;
    rows.retain(|r| session.sees_class(r.class.as_deref()));
    Ok(rows)
}

pub(crate) fn status_in(conn: &Connection, filter: &StatusFilter) -> Result<Vec<StatusRow>> {
    let today_date = crate::time::today();
    let today = today_date.to_string();
    let cutoff =
        school::annual_agreement_renewal_in(conn)?.then(|| renewal_cutoff(today_date).to_string());
    let latest = latest_agreements(conn)?;
    let material = material_versions(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, coalesce(preferred_given_name, given_name) || ' ' || coalesce(preferred_family_name, family_name),
                class_name, year_group, end_date
         FROM people
         WHERE (leaving_date IS NULL OR leaving_date >= ?1)
           AND (?2 IS NULL OR class_name = ?2) AND (?3 IS NULL OR kind = ?3) AND (?4 IS NULL OR id = ?4)
         ORDER BY CASE kind WHEN 'pupil' THEN 0 WHEN 'parent' THEN 1 WHEN 'staff' THEN 2
                            WHEN 'volunteer' THEN 3 WHEN 'governor' THEN 4 ELSE 5 END,
                  family_name, given_name, id",
    )?;
    let mut rows = stmt.query(params![
        today,
        filter.class,
        filter.kind.map(PersonKind::code),
        filter.person_id
    ])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let kind = PersonKind::from_code(&r.get::<_, String>(1)?)?;
        let year: Option<String> = r.get(4)?;
        let end_date: Option<String> = r.get(5)?;
        let agreement_kind =
            templates::kind_for(kind, year.as_deref().and_then(YearGroup::from_code));
        let found = latest.get(&(id.clone(), agreement_kind.code().to_owned()));
        let status = match found {
            None => AgreementStatus::NotSigned,
            Some(a) if a.withdrawn => AgreementStatus::Withdrawn,
            Some(a) if a.roles.is_empty() => AgreementStatus::NotSigned,
            Some(a)
                if cutoff
                    .as_deref()
                    .is_some_and(|c| a.last_signed_on.as_deref().is_some_and(|d| d < c)) =>
            {
                AgreementStatus::Expired
            }
            // A half-signed agreement on a text that has since changed cannot be
            // completed: everyone signs the new text.
            Some(a)
                if material
                    .get(agreement_kind.code())
                    .is_some_and(|m| m.iter().any(|v| *v > a.version)) =>
            {
                AgreementStatus::NeedsResigning
            }
            Some(a)
                if !required_roles(agreement_kind)
                    .iter()
                    .all(|r| a.roles.contains(r)) =>
            {
                AgreementStatus::AwaitingParent
            }
            Some(_)
                if kind == PersonKind::Visitor
                    && end_date.as_deref().is_some_and(|d| d < today.as_str()) =>
            {
                AgreementStatus::Expired
            }
            Some(_) => AgreementStatus::Signed,
        };
        let complete = matches!(
            status,
            AgreementStatus::Signed | AgreementStatus::NeedsResigning | AgreementStatus::Expired
        );
        out.push(StatusRow {
            person_id: id,
            name: r.get(2)?,
            kind,
            class: r.get(3)?,
            agreement_kind,
            status,
            version: found.map(|a| a.version),
            signed_at: found
                .filter(|_| complete)
                .and_then(|a| a.last_recorded.as_deref())
                .and_then(time::from_stored)
                .map(time::display_london),
            agreement_id: found.map(|a| a.id.clone()),
        });
    }
    Ok(out)
}

/// One person's status.
pub fn status_for(store: &Store, person_id: &str) -> Result<Option<StatusRow>> {
    store.require_for(Permission::ViewAgreements, person_id)?;
    status_for_in(store.conn(), person_id)
}

pub(crate) fn status_for_in(conn: &Connection, person_id: &str) -> Result<Option<StatusRow>> {
    let filter = StatusFilter {
        person_id: Some(person_id.to_owned()),
        ..StatusFilter::default()
    };
    Ok(status_in(conn, &filter)?.into_iter().next())
}

/// How many people on roll hold an agreement of `kind` that a material change would send
/// back to "needs re-signing" (those signed, or waiting for a parent). Asked by whoever
/// publishes a new version, so it counts the whole school.
pub fn affected_by_change(store: &Store, kind: TemplateKind) -> Result<u32> {
    store.require(Permission::PublishTemplates)?;
    affected_by_change_in(store.conn(), kind)
}

pub(crate) fn affected_by_change_in(conn: &Connection, kind: TemplateKind) -> Result<u32> {
    let rows = status_in(conn, &StatusFilter::default())?;
    let n = rows
        .iter()
        .filter(|r| r.agreement_kind == kind)
        .filter(|r| {
            matches!(
                r.status,
                AgreementStatus::Signed | AgreementStatus::AwaitingParent
            )
        })
        .count();
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}
