//! Recording a new incident, and adding files to one.
//!
//! Everything typed is checked before anything is written, so a form with a
//! mistake leaves the log exactly as it was.

use crate::db::Conn;
use crate::params;
use chrono::{NaiveDate, NaiveTime, Timelike};
use chrono_tz::Europe::London;
use uuid::Uuid;

use super::query::{Access, access, detail_for, parse_day, visible};
use super::{AttachmentInput, IncidentDetail, IncidentInput, InvolvedRole};
use crate::auth::Permission;
use crate::hex::sha256_hex;
use crate::keys::DataKey;
use crate::people::{self, PersonKind};
use crate::sealed::{self, SealedColumn};
use crate::{Error, Result, Store, audit, store};

/// The largest file kept with an incident.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

const MAX_TEXT: usize = 20_000;

/// Someone involved, once checked.
struct Involved {
    person_id: Option<String>,
    name: String,
    role: InvolvedRole,
}

/// A file, once checked.
struct Attachment {
    file_name: String,
    mime: &'static str,
    bytes: Vec<u8>,
}

/// An incident, once checked.
struct Checked {
    day: NaiveDate,
    at: Option<String>,
    reported_by: String,
    people: Vec<Involved>,
    description: String,
    urls: Vec<String>,
    attachments: Vec<Attachment>,
}

fn required(field: &str, text: &str, what: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(field, format!("Enter {what}.")));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(Error::invalid(
            field,
            "This is too long; keep it under 20,000 characters.",
        ));
    }
    Ok(text.to_owned())
}

/// When it happened: not in the future, by the school's clock.
fn when(date: &str, at: Option<&str>) -> Result<(NaiveDate, Option<String>)> {
    let day = parse_day("date", date)?;
    let now = chrono::Utc::now().with_timezone(&London);
    if day > now.date_naive() {
        return Err(Error::invalid("date", "The date is in the future."));
    }
    let Some(text) = at.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok((day, None));
    };
    let clock = NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| {
        Error::invalid(
            "time",
            "Write the time as hours and minutes, such as 14:05.",
        )
    })?;
    if day == now.date_naive() && clock > now.time() {
        return Err(Error::invalid("time", "The time is in the future."));
    }
    Ok((
        day,
        Some(format!("{:02}:{:02}", clock.hour(), clock.minute())),
    ))
}

/// A web address as typed, or why it is not one.
fn url(text: &str) -> Result<Option<String>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let host = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .unwrap_or(text);
    if text.chars().any(char::is_whitespace) || !host.contains('.') || text.len() > 2000 {
        return Err(Error::invalid(
            "urls",
            format!(
                "“{text}” is not a web address; give one per line, such as https://example.com/page."
            ),
        ));
    }
    Ok(Some(text.to_owned()))
}

/// The file's type from its first bytes; anything but a picture or a PDF is refused.
fn attachment(input: &AttachmentInput) -> Result<Attachment> {
    let file_name = input
        .file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned();
    if file_name.is_empty() {
        return Err(Error::invalid("attachments", "A file has no name."));
    }
    let bytes = &input.bytes;
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(Error::invalid(
            "attachments",
            format!("{file_name} is larger than 10 MB; save the screenshot smaller."),
        ));
    }
    let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.starts_with(b"%PDF-") {
        "application/pdf"
    } else {
        return Err(Error::invalid(
            "attachments",
            format!("{file_name} is not a PNG or JPEG picture or a PDF."),
        ));
    };
    Ok(Attachment {
        file_name,
        mime,
        bytes: bytes.clone(),
    })
}

fn involved(conn: &Conn, input: &IncidentInput) -> Result<Vec<Involved>> {
    let mut out: Vec<Involved> = Vec::new();
    for p in &input.people {
        if let Some(id) = p.person_id.as_deref().filter(|id| !id.is_empty()) {
            let found = people::get(conn, id)?.ok_or_else(|| {
                Error::invalid("people", format!("There is nobody with id {id}."))
            })?;
            if out.iter().any(|o| o.person_id.as_deref() == Some(id)) {
                return Err(Error::invalid(
                    "people",
                    format!(
                        "{} {} is listed twice.",
                        found.given_name, found.family_name
                    ),
                ));
            }
            let given = found.preferred_given_name.unwrap_or(found.given_name);
            let family = found.preferred_family_name.unwrap_or(found.family_name);
            out.push(Involved {
                person_id: Some(id.to_owned()),
                name: format!("{given} {family}"),
                role: match found.kind {
                    Some(PersonKind::Pupil) => InvolvedRole::Pupil,
                    Some(PersonKind::Staff) => InvolvedRole::Staff,
                    _ => InvolvedRole::Other,
                },
            });
        } else {
            let name = p.name.as_deref().map(str::trim).unwrap_or_default();
            if name.is_empty() {
                return Err(Error::invalid(
                    "people",
                    "Choose each person involved, or type the name of someone without a record.",
                ));
            }
            out.push(Involved {
                person_id: None,
                name: name.to_owned(),
                role: p.role.unwrap_or(InvolvedRole::Other),
            });
        }
    }
    Ok(out)
}

fn check(conn: &Conn, input: &IncidentInput) -> Result<Checked> {
    let (day, at) = when(&input.date, input.time.as_deref())?;
    let reported_by = required("reported by", &input.reported_by, "who reported it")?;
    let description = required("description", &input.description, "what happened")?;
    let people = involved(conn, input)?;
    let mut urls = Vec::new();
    for u in &input.urls {
        urls.extend(url(u)?);
    }
    let attachments = input
        .attachments
        .iter()
        .map(attachment)
        .collect::<Result<Vec<_>>>()?;
    Ok(Checked {
        day,
        at,
        reported_by,
        people,
        description,
        urls,
        attachments,
    })
}

/// Keeps a file with an incident: sealed to its own row, its hash over the plain bytes.
fn insert_attachment(
    tx: &Conn,
    key: &DataKey,
    incident_id: &str,
    file: &Attachment,
    by: &str,
) -> Result<()> {
    let id = Uuid::now_v7().to_string();
    let sha256 = sha256_hex(&file.bytes);
    let stored = sealed::seal_bytes(key, SealedColumn::IncidentAttachment, &id, &file.bytes)?;
    tx.execute(
        "INSERT INTO incident_attachments (id, incident_id, file_name, mime, bytes, sha256, added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            incident_id,
            file.file_name,
            file.mime,
            stored,
            sha256,
            store::now(),
            by
        ],
    )?;
    Ok(())
}

/// Records a new incident, open. Anyone who may report may; only the head or
/// DSL may mark it a child-protection matter. A teacher names people from their
/// own classes (anyone else is typed by name).
pub fn record(store: &mut Store, input: &IncidentInput) -> Result<IncidentDetail> {
    let session = store.require(Permission::ReportIncident)?.clone();
    let access = super::query::access_of(&session);
    if input.child_protection && !access.child_protection {
        return Err(access.refuse("mark an incident as a child-protection matter"));
    }
    for p in &input.people {
        if let Some(id) = p.person_id.as_deref().filter(|id| !id.is_empty()) {
            if store.class_scope()?.is_some() {
                store.require_for(Permission::ReportIncident, id)?;
            }
        }
    }
    let checked = check(store.conn(), input)?;
    let actor = session.actor();
    let id = Uuid::now_v7().to_string();
    let key = store.data_key().clone();
    // What happened is sealed on every engine: it can hold child-protection details.
    let description = sealed::seal_text(
        &key,
        SealedColumn::IncidentDescription,
        &id,
        &checked.description,
    )?;
    store.write(|tx| {
        let number: u32 = tx.query_row(
            "SELECT coalesce(max(number), 0) + 1 FROM incidents",
            (),
            |r| r.get(0),
        )?;
        let now = store::now();
        tx.execute(
            "INSERT INTO incidents (id, number, occurred_on, occurred_time, reported_by, category,
                 description, urls, child_protection, recorded_at, recorded_by, recorded_by_user)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                id,
                number,
                checked.day.to_string(),
                checked.at,
                checked.reported_by,
                input.category.code(),
                description,
                serde_json::Value::from(checked.urls.clone()).to_string(),
                input.child_protection,
                now,
                actor.as_str(),
                session.user_id
            ],
        )?;
        for (n, p) in checked.people.iter().enumerate() {
            tx.execute(
                "INSERT INTO incident_people (incident_id, position, person_id, name, role)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, n + 1, p.person_id, p.name, p.role.code()],
            )?;
        }
        for file in &checked.attachments {
            insert_attachment(tx, &key, &id, file, actor.as_str())?;
        }
        tx.execute(
            "INSERT INTO incident_status (id, incident_id, status, outcome, at, by)
             VALUES (?1, ?2, 'open', NULL, ?3, ?4)",
            params![Uuid::now_v7().to_string(), id, now, actor.as_str()],
        )?;
        // The summary names nobody: the audit log outlives the people in it.
        audit::record(
            tx,
            &actor,
            "incident.record",
            "incident",
            Some(&id),
            &format!(
                "Recorded e-safety incident {number} ({}){}",
                input.category.label(),
                if input.child_protection {
                    ", a child-protection matter"
                } else {
                    ""
                }
            ),
        )
    })?;
    detail_for(store.conn(), store.data_key(), &access, &id)
}

/// Keeps another file (a screenshot, say) with an incident the user may see.
pub fn add_attachment(
    store: &mut Store,
    incident_id: &str,
    file: &AttachmentInput,
) -> Result<IncidentDetail> {
    let access: Access = access(store)?;
    let actor = store.session()?.actor();
    let row = visible(store.conn(), &access, incident_id)?;
    if row.child_protection && !access.child_protection {
        return Err(access.refuse("add to a child-protection matter"));
    }
    let checked = attachment(file)?;
    let key = store.data_key().clone();
    store.write(|tx| {
        insert_attachment(tx, &key, incident_id, &checked, actor.as_str())?;
        audit::record(
            tx,
            &actor,
            "incident.attach",
            "incident",
            Some(incident_id),
            &format!("Added a file to e-safety incident {}", row.number),
        )
    })?;
    detail_for(store.conn(), store.data_key(), &access, incident_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_checked() {
        assert_eq!(
            url(" https://example.com/a ").unwrap().as_deref(),
            Some("https://example.com/a")
        );
        assert_eq!(url("").unwrap(), None);
        assert!(url("not a url").is_err());
        assert!(url("localhost").is_err());
    }

    #[test]
    fn times_in_the_future_are_refused() {
        let tomorrow = crate::time::today() + chrono::Days::new(1);
        assert!(when(&tomorrow.to_string(), None).is_err());
        assert!(when("2025-01-05", Some("25:00")).is_err());
        assert_eq!(
            when("05/01/2025", Some("9:05")).unwrap(),
            (
                NaiveDate::from_ymd_opt(2025, 1, 5).unwrap(),
                Some("09:05".to_owned())
            )
        );
    }
}
