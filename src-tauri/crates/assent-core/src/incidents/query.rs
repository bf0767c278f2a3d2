//! Reading the log: who may see which incident, and how much of it.

use crate::db::{Conn, OptionalExtension};
use crate::params;

use super::{
    ActionKind, AttachmentInfo, IncidentAction, IncidentCategory, IncidentDetail, IncidentFilter,
    IncidentStatus, IncidentSummary, InvolvedPerson, InvolvedRole, StatusChange,
};
use crate::auth::{Permission, Session};
use crate::keys::DataKey;
use crate::sealed::{self, SealedColumn};
use crate::{Error, Result, Store, time, values};

/// What the signed-in user may do with the log.
pub(super) struct Access {
    /// They see and manage every incident.
    pub manage: bool,
    /// They see child-protection details.
    pub child_protection: bool,
    /// Their user id: without `manage`, only their own reports are theirs to see.
    pub user_id: String,
    /// Their role in words, for a refusal.
    pub role: String,
}

/// Anyone who may report sees the log (their part of it); the head sees it all.
/// Child-protection details are for whoever may handle safeguarding.
pub(super) fn access(store: &Store) -> Result<Access> {
    let session = store.require(Permission::ReportIncident)?;
    Ok(access_of(session))
}

pub(super) fn access_of(session: &Session) -> Access {
    Access {
        manage: session.can(Permission::ManageIncidents),
        child_protection: session.can(Permission::Safeguarding),
        user_id: session.user_id.clone(),
        role: session.role.label().to_owned(),
    }
}

impl Access {
    pub(super) fn refuse(&self, action: &str) -> Error {
        Error::Forbidden {
            action: action.to_owned(),
            role: self.role.clone(),
        }
    }
}

/// An incident's stored row with its current status and flag.
pub(super) struct Row {
    pub id: String,
    pub number: u32,
    pub occurred_on: String,
    pub occurred_time: Option<String>,
    pub reported_by: String,
    pub category: IncidentCategory,
    pub urls: String,
    pub child_protection: bool,
    pub recorded_at: String,
    pub recorded_by: String,
    pub recorded_by_user: String,
    pub status: IncidentStatus,
    pub outcome: Option<String>,
}

/// The current status is the latest status row; the flag the latest flag row, else as recorded.
/// The description is left out: it is sealed, and only the detail opens it.
const SELECT: &str = "SELECT i.id, i.number, i.occurred_on, i.occurred_time, i.reported_by, i.category,
        i.urls,
        coalesce((SELECT p.child_protection FROM incident_protection p WHERE p.incident_id = i.id
                  ORDER BY p.at DESC, p.id DESC LIMIT 1), i.child_protection),
        i.recorded_at, i.recorded_by, i.recorded_by_user,
        (SELECT s.status FROM incident_status s WHERE s.incident_id = i.id ORDER BY s.at DESC, s.id DESC LIMIT 1),
        (SELECT s.outcome FROM incident_status s WHERE s.incident_id = i.id ORDER BY s.at DESC, s.id DESC LIMIT 1)
     FROM incidents i";

fn read_row(r: &crate::db::Row<'_>) -> crate::db::Result<Row> {
    let category: String = r.get(5)?;
    let status: String = r.get(11)?;
    Ok(Row {
        id: r.get(0)?,
        number: r.get(1)?,
        occurred_on: r.get(2)?,
        occurred_time: r.get(3)?,
        reported_by: r.get(4)?,
        category: IncidentCategory::from_code(&category).unwrap_or(IncidentCategory::Other),
        urls: r.get(6)?,
        child_protection: r.get(7)?,
        recorded_at: r.get(8)?,
        recorded_by: r.get(9)?,
        recorded_by_user: r.get(10)?,
        status: IncidentStatus::from_code(&status).unwrap_or(IncidentStatus::Open),
        outcome: r.get(12)?,
    })
}

/// The incident, if there is one with this id.
pub(super) fn row(conn: &Conn, id: &str) -> Result<Option<Row>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE i.id = ?1"), [id], read_row)
        .optional()?)
}

/// The incident, if the user may see it: refused when it is someone else's report.
pub(super) fn visible(conn: &Conn, access: &Access, id: &str) -> Result<Row> {
    let found = row(conn, id)?
        .ok_or_else(|| Error::invalid("incident", format!("There is no incident with id {id}.")))?;
    if access.manage || found.recorded_by_user == access.user_id {
        Ok(found)
    } else {
        Err(access.refuse("see incidents reported by others"))
    }
}

/// The id of the incident the school calls `reference`: its number or its id.
pub fn find(store: &Store, reference: &str) -> Result<String> {
    let access = access(store)?;
    let text = reference.trim().trim_start_matches('#');
    let id: Option<String> = match text.parse::<u32>() {
        Ok(n) => store
            .conn()
            .query_row("SELECT id FROM incidents WHERE number = ?1", [n], |r| {
                r.get(0)
            })
            .optional()?,
        Err(_) => row(store.conn(), text)?.map(|r| r.id),
    };
    let id = id.ok_or_else(|| {
        Error::invalid(
            "incident",
            format!("There is no incident {text}; the list of incidents gives each one's number."),
        )
    })?;
    visible(store.conn(), &access, &id)?;
    Ok(id)
}

/// A typed day for a filter or an action.
pub(super) fn parse_day(field: &str, text: &str) -> Result<chrono::NaiveDate> {
    values::parse_date(text).map_err(|reason| Error::invalid(field, reason))
}

/// A stored instant shown in UK time.
pub(super) fn shown(at: &str) -> String {
    time::from_stored(at).map_or_else(|| at.to_owned(), time::display_london)
}

/// "3 November 2026 at 14:05", or the day alone when the time is not known.
fn occurred(day: &str, at: Option<&str>) -> String {
    let day = uk_date(day);
    at.map_or(day.clone(), |t| format!("{day} at {t}"))
}

/// A stored day as a school writes it: "12 December 2026".
pub(crate) fn uk_date(day: &str) -> String {
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map_or_else(|_| day.to_owned(), |d| d.format("%-d %B %Y").to_string())
}

fn people(conn: &Conn, id: &str) -> Result<Vec<InvolvedPerson>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ip.person_id, ip.name, ip.role, p.class_name FROM incident_people ip
         LEFT JOIN people p ON p.id = ip.person_id
         WHERE ip.incident_id = ?1 ORDER BY ip.position",
    )?;
    let rows = stmt.query_map([id], |r| {
        let role: String = r.get(2)?;
        Ok(InvolvedPerson {
            person_id: r.get(0)?,
            name: r.get(1)?,
            role: InvolvedRole::from_code(&role),
            class: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// SQL true when the action `a` is an access removal in force on the day bound
/// at `today`: not lifted, and not past its last day.
pub(super) fn in_force(today: &str) -> String {
    format!(
        "(a.action = 'access_removed'
          AND NOT EXISTS (SELECT 1 FROM incident_sanction_lifts l WHERE l.action_id = a.id)
          AND (a.until IS NULL OR a.until >= {today}))"
    )
}

pub(super) fn actions(conn: &Conn, id: &str) -> Result<Vec<IncidentAction>> {
    let today = time::today().to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.action, a.done_by, a.done_on, a.note, a.person_id,
                (SELECT ip.name FROM incident_people ip WHERE ip.incident_id = a.incident_id
                 AND ip.person_id = a.person_id),
                a.until, l.lifted_on, a.recorded_at, a.recorded_by
         FROM incident_actions a LEFT JOIN incident_sanction_lifts l ON l.action_id = a.id
         WHERE a.incident_id = ?1 ORDER BY a.recorded_at, a.id",
    )?;
    let rows = stmt.query_map([id], |r| {
        let kind: String = r.get(1)?;
        let kind = ActionKind::from_code(&kind).unwrap_or(ActionKind::FurtherSanction);
        let until: Option<String> = r.get(7)?;
        let lifted_on: Option<String> = r.get(8)?;
        let recorded_at: String = r.get(9)?;
        let recorded_by: String = r.get(10)?;
        Ok(IncidentAction {
            id: r.get(0)?,
            kind,
            label: kind.label().to_owned(),
            done_by: r.get(2)?,
            done_on: r.get(3)?,
            note: r.get(4)?,
            person_id: r.get(5)?,
            person_name: r.get(6)?,
            in_force: kind == ActionKind::AccessRemoved
                && lifted_on.is_none()
                && until.as_deref().is_none_or(|u| u >= today.as_str()),
            until,
            lifted_on,
            recorded: format!("{recorded_by}, {}", shown(&recorded_at)),
        })
    })?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

fn summary_of(conn: &Conn, access: &Access, row: &Row) -> Result<IncidentSummary> {
    let restricted = row.child_protection && !access.child_protection;
    let names = if restricted {
        Vec::new()
    } else {
        people(conn, &row.id)?.into_iter().map(|p| p.name).collect()
    };
    let active_sanctions: u32 = conn.query_row(
        &format!(
            "SELECT count(*) FROM incident_actions a WHERE a.incident_id = ?1 AND {}",
            in_force("?2")
        ),
        params![row.id, time::today().to_string()],
        |r| r.get(0),
    )?;
    Ok(IncidentSummary {
        id: row.id.clone(),
        number: row.number,
        occurred: occurred(&row.occurred_on, row.occurred_time.as_deref()),
        occurred_on: row.occurred_on.clone(),
        reported_by: row.reported_by.clone(),
        category: row.category,
        category_label: row.category.label().to_owned(),
        status: row.status,
        child_protection: row.child_protection,
        restricted,
        people: names,
        active_sanctions,
    })
}

/// The incidents the user may see that match `filter`, newest first: every
/// incident for the head, a reporter's own for the office and teachers.
pub fn list(store: &Store, filter: &IncidentFilter) -> Result<Vec<IncidentSummary>> {
    let access = access(store)?;
    let conn = store.conn();
    let day = |field: &str, text: Option<&str>| -> Result<Option<String>> {
        text.map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| parse_day(field, t).map(|d| d.to_string()))
            .transpose()
    };
    let from = day("from", filter.from.as_deref())?;
    let to = day("to", filter.to.as_deref())?;
    if let (Some(f), Some(t)) = (&from, &to) {
        if f > t {
            return Err(Error::invalid(
                "to",
                "The end date is before the start date.",
            ));
        }
    }
    let sql = format!(
        "{SELECT}
         WHERE (CAST(?1 AS TEXT) IS NULL OR i.occurred_on >= ?1) AND (CAST(?2 AS TEXT) IS NULL OR i.occurred_on <= ?2)
           AND (CAST(?3 AS TEXT) IS NULL OR i.category = ?3)
           AND (CAST(?4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM incident_people ip
                                      WHERE ip.incident_id = i.id AND ip.person_id = ?4))
           AND (CAST(?5 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM incident_people ip JOIN people p ON p.id = ip.person_id
                                      WHERE ip.incident_id = i.id AND p.class_name = ?5))
           AND (CAST(?6 AS TEXT) IS NULL OR i.recorded_by_user = ?6)
         ORDER BY i.occurred_on DESC, i.occurred_time DESC, i.number DESC"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(
            params![
                from,
                to,
                filter.category.map(IncidentCategory::code),
                filter.person_id.as_deref().filter(|p| !p.is_empty()),
                filter.class.as_deref().filter(|c| !c.is_empty()),
                (!access.manage).then_some(access.user_id.as_str()),
            ],
            read_row,
        )?
        .collect::<crate::db::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if filter.status.is_some_and(|s| s != row.status) {
            continue;
        }
        // A restricted incident never turns up under a person's or class's name.
        let restricted = row.child_protection && !access.child_protection;
        if restricted && (filter.person_id.is_some() || filter.class.is_some()) {
            continue;
        }
        out.push(summary_of(conn, &access, &row)?);
    }
    Ok(out)
}

/// One incident with everything the user may see of it.
pub fn detail(store: &Store, id: &str) -> Result<IncidentDetail> {
    let access = access(store)?;
    detail_for(store.conn(), store.data_key(), &access, id)
}

pub(super) fn detail_for(
    conn: &Conn,
    key: &DataKey,
    access: &Access,
    id: &str,
) -> Result<IncidentDetail> {
    let row = visible(conn, access, id)?;
    let summary = summary_of(conn, access, &row)?;
    let history = {
        let mut stmt = conn.prepare_cached(
            "SELECT status, outcome, at, by FROM incident_status WHERE incident_id = ?1 ORDER BY at, id",
        )?;
        stmt.query_map([id], |r| {
            let status: String = r.get(0)?;
            let at: String = r.get(2)?;
            Ok(StatusChange {
                status: IncidentStatus::from_code(&status).unwrap_or(IncidentStatus::Open),
                outcome: r.get(1)?,
                at: shown(&at),
                by: r.get(3)?,
            })
        })?
        .collect::<crate::db::Result<Vec<_>>>()?
    };
    let recorded = format!("{}, {}", row.recorded_by, shown(&row.recorded_at));
    if summary.restricted {
        return Ok(IncidentDetail {
            summary,
            description: String::new(),
            urls: Vec::new(),
            people: Vec::new(),
            attachments: Vec::new(),
            actions: Vec::new(),
            history,
            outcome: None,
            recorded,
            can_manage: false,
        });
    }
    // Each file's size comes from its stored length and first bytes, without
    // reading and opening every file: a sealed one is a fixed size larger.
    let attachments = {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id, file_name, mime, length(bytes), substr(bytes, 1, {}) FROM incident_attachments
             WHERE incident_id = ?1 ORDER BY added_at, id",
            sealed::HEAD_LEN
        ))?;
        stmt.query_map([id], |r| {
            let stored: usize = r.get(3)?;
            let head: Vec<u8> = r.get(4)?;
            Ok(AttachmentInfo {
                id: r.get(0)?,
                file_name: r.get(1)?,
                mime: r.get(2)?,
                size: u32::try_from(sealed::plain_len(&head, stored)).unwrap_or(u32::MAX),
            })
        })?
        .collect::<crate::db::Result<Vec<_>>>()?
    };
    let description: String = conn.query_row(
        "SELECT description FROM incidents WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok(IncidentDetail {
        description: sealed::open_text(key, SealedColumn::IncidentDescription, id, description)?,
        urls: serde_json::from_str(&row.urls).unwrap_or_default(),
        people: people(conn, id)?,
        attachments,
        actions: actions(conn, id)?,
        history,
        outcome: row.outcome.filter(|_| row.status == IncidentStatus::Closed),
        recorded,
        can_manage: access.manage,
        summary,
    })
}

/// One file kept with an incident, with its contents.
pub fn attachment(
    store: &Store,
    incident_id: &str,
    attachment_id: &str,
) -> Result<(AttachmentInfo, Vec<u8>)> {
    let access = access(store)?;
    let row = visible(store.conn(), &access, incident_id)?;
    if row.child_protection && !access.child_protection {
        return Err(access.refuse("see the details of a child-protection matter"));
    }
    let found = store
        .conn()
        .query_row(
            "SELECT id, file_name, mime, bytes FROM incident_attachments
             WHERE incident_id = ?1 AND id = ?2",
            params![incident_id, attachment_id],
            |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (id, file_name, mime, stored): (String, String, String, Vec<u8>) = found
        .ok_or_else(|| Error::invalid("attachment", "That file is not kept with this incident."))?;
    let bytes = sealed::open_bytes(
        store.data_key(),
        SealedColumn::IncidentAttachment,
        &id,
        stored,
    )?;
    Ok((
        AttachmentInfo {
            id,
            file_name,
            mime,
            size: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
        },
        bytes,
    ))
}

/// Saves a copy of one file kept with an incident to `out`, whole or not at
/// all, readable only by the user who saved it.
pub fn save_attachment(
    store: &Store,
    incident_id: &str,
    attachment_id: &str,
    out: &std::path::Path,
) -> Result<AttachmentInfo> {
    let (info, bytes) = attachment(store, incident_id, attachment_id)?;
    crate::files::save_private(out, &bytes)?;
    Ok(info)
}
