//! Each person's agreement status, derived from the records and the template versions.
//!
//! Everything is read in a handful of queries whatever the number of people,
//! so a class list or the whole trust costs the same few round trips.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::db::Conn;
use chrono::{Datelike, NaiveDate};
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
    /// When their latest agreement was completed, if it was: the date written on
    /// a paper form, or the UK date and time it was signed.
    pub signed_at: Option<String>,
    /// Their latest agreement's id, if any.
    pub agreement_id: Option<String>,
}

struct Latest {
    id: String,
    version: u32,
    roles: Vec<SignerRole>,
    withdrawn: bool,
    /// When the last signature was given, as stored (a paper form's date at midnight UTC).
    last_signed_on: Option<String>,
}

/// Which people a status query reads, as SQL on `people p` and its parameters
/// (numbered from `first`). A class means its pupils, so the class index is used.
fn selection(filter: &StatusFilter, first: usize) -> (String, Vec<String>) {
    let mut sql = String::new();
    let mut args = Vec::new();
    if let Some(class) = &filter.class {
        args.push(class.clone());
        let _ = write!(
            sql,
            " AND p.kind = 'pupil' AND p.class_name = ?{}",
            first + args.len() - 1
        );
    }
    if let Some(kind) = filter.kind {
        args.push(kind.code().to_owned());
        let _ = write!(sql, " AND p.kind = ?{}", first + args.len() - 1);
    }
    if let Some(id) = &filter.person_id {
        args.push(id.clone());
        let _ = write!(sql, " AND p.id = ?{}", first + args.len() - 1);
    }
    (sql, args)
}

/// The query for the newest agreement of each kind for each person in `filter`:
/// (person, kind, agreement, version, signer roles, withdrawn, last recorded, last signed).
pub(crate) fn latest_agreements_sql(filter: &StatusFilter) -> (String, Vec<String>) {
    let (people, args) = selection(filter, 1);
    let from = if people.is_empty() {
        "agreements a WHERE TRUE".to_owned()
    } else {
        format!("people p JOIN agreements a ON a.person_id = p.id WHERE TRUE{people}")
    };
    (
        format!(
            "SELECT a.person_id, a.kind, a.id, a.version,
                (SELECT string_agg(s.role, ',') FROM agreement_signatures s WHERE s.agreement_id = a.id),
                EXISTS (SELECT 1 FROM agreement_withdrawals w WHERE w.agreement_id = a.id),
                (SELECT max(s.signed_at) FROM agreement_signatures s WHERE s.agreement_id = a.id)
             FROM {from}
               AND NOT EXISTS (SELECT 1 FROM agreements b
                   WHERE b.person_id = a.person_id AND b.kind = a.kind
                     AND (b.recorded_at > a.recorded_at OR (b.recorded_at = a.recorded_at AND b.id > a.id)))"
        ),
        args,
    )
}

/// The query for the people in `filter` who are on roll (?1 is today), in list order
/// when `ordered`: (id, kind, name, class, year group, end date).
pub(crate) fn people_sql(filter: &StatusFilter, ordered: bool) -> (String, Vec<String>) {
    let (people, args) = selection(filter, 2);
    let order = if ordered {
        "ORDER BY CASE p.kind WHEN 'pupil' THEN 0 WHEN 'parent' THEN 1 WHEN 'staff' THEN 2
                              WHEN 'volunteer' THEN 3 WHEN 'governor' THEN 4 ELSE 5 END,
                  p.family_name, p.given_name, p.id"
    } else {
        ""
    };
    (
        format!(
            "SELECT p.id, p.kind,
                    coalesce(p.preferred_given_name, p.given_name) || ' ' || coalesce(p.preferred_family_name, p.family_name),
                    p.class_name, p.year_group, p.end_date
             FROM people p
             WHERE (p.leaving_date IS NULL OR p.leaving_date >= ?1){people}
             {order}"
        ),
        args,
    )
}

/// The newest agreement of each kind for each person in `filter`.
fn latest_agreements(
    conn: &Conn,
    filter: &StatusFilter,
) -> Result<HashMap<(String, TemplateKind), Latest>> {
    let (sql, args) = latest_agreements_sql(filter);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut out = HashMap::new();
    let mut rows = stmt.query(crate::db::params_from_iter(&args))?;
    while let Some(r) = rows.next()? {
        let roles: Option<String> = r.get(4)?;
        let Ok(kind) = TemplateKind::from_code(&r.get::<_, String>(1)?) else {
            continue;
        };
        out.insert(
            (r.get::<_, String>(0)?, kind),
            Latest {
                id: r.get(2)?,
                version: r.get(3)?,
                roles: roles
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(SignerRole::from_code)
                    .collect(),
                withdrawn: r.get(5)?,
                last_signed_on: r.get::<_, Option<String>>(6)?,
            },
        );
    }
    Ok(out)
}

/// The UK date of a stored time, YYYY-MM-DD.
fn london_date(stored: &str) -> Option<String> {
    time::from_stored(stored).map(|t| {
        t.with_timezone(&chrono_tz::Europe::London)
            .date_naive()
            .to_string()
    })
}

/// For each kind, the versions that were material changes.
fn material_versions(conn: &Conn) -> Result<HashMap<String, Vec<u32>>> {
    let mut stmt =
        conn.prepare_cached("SELECT kind, version FROM template_versions WHERE material = TRUE")?;
    let mut out: HashMap<String, Vec<u32>> = HashMap::new();
    let mut rows = stmt.query(())?;
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

/// [`status`] in no particular order, for counting.
pub(crate) fn status_any_order(store: &Store, filter: &StatusFilter) -> Result<Vec<StatusRow>> {
    let session = store.require(Permission::ViewAgreements)?;
    let mut rows = status_in_any_order(store.conn(), filter)?;
    rows.retain(|r| session.sees_class(r.class.as_deref()));
    Ok(rows)
}

pub(crate) fn status_in(conn: &Conn, filter: &StatusFilter) -> Result<Vec<StatusRow>> {
    status_rows(conn, filter, true)
}

/// [`status_in`], in no particular order (for counting, or for looking people up by id).
pub(crate) fn status_in_any_order(conn: &Conn, filter: &StatusFilter) -> Result<Vec<StatusRow>> {
    status_rows(conn, filter, false)
}

fn status_rows(conn: &Conn, filter: &StatusFilter, ordered: bool) -> Result<Vec<StatusRow>> {
    let today_date = crate::time::today();
    let today = today_date.to_string();
    let cutoff =
        school::annual_agreement_renewal_in(conn)?.then(|| renewal_cutoff(today_date).to_string());
    let latest = latest_agreements(conn, filter)?;
    let material = material_versions(conn)?;
    let (sql, args) = people_sql(filter, ordered);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut params: Vec<&dyn crate::db::ToValue> = vec![&today];
    params.extend(args.iter().map(|a| a as &dyn crate::db::ToValue));
    let mut rows = stmt.query(params.as_slice())?;
    let mut out = Vec::new();
    let mut key = (String::new(), TemplateKind::Staff);
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let kind = PersonKind::from_code(r.get_str(1)?.unwrap_or_default())?;
        let year = r.get_str(4)?;
        let agreement_kind = templates::kind_for(kind, year.and_then(YearGroup::from_code));
        let end_date: Option<String> = r.get(5)?;
        key.0 = id;
        key.1 = agreement_kind;
        let found = latest.get(&key);
        let id = std::mem::take(&mut key.0);
        let status = match found {
            None => AgreementStatus::NotSigned,
            Some(a) if a.withdrawn => AgreementStatus::Withdrawn,
            Some(a) if a.roles.is_empty() => AgreementStatus::NotSigned,
            Some(a)
                if cutoff.as_deref().is_some_and(|c| {
                    a.last_signed_on
                        .as_deref()
                        .and_then(london_date)
                        .is_some_and(|d| d.as_str() < c)
                }) =>
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
                .and_then(|a| a.last_signed_on.as_deref())
                .and_then(time::display_signed),
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

pub(crate) fn status_for_in(conn: &Conn, person_id: &str) -> Result<Option<StatusRow>> {
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

pub(crate) fn affected_by_change_in(conn: &Conn, kind: TemplateKind) -> Result<u32> {
    let rows = status_in_any_order(conn, &StatusFilter::default())?;
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
