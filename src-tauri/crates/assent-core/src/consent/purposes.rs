//! The purposes the school asks about, with the explanation families are shown.

use crate::db::Conn;
use crate::params;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::Store;
use crate::auth::Permission;
use crate::{Error, Result, store};

/// One purpose and its current explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Purpose {
    /// Short code used on the command line ("website").
    pub code: String,
    /// Its name ("School website").
    pub name: String,
    /// What families are told when they choose.
    pub explanation: String,
    /// Whether it is no longer asked (kept because it has decisions).
    pub retired: bool,
}

/// Assent's default purposes, in the school's usual order.
const DEFAULTS: &[(&str, &str, &str)] = &[
    (
        "website",
        "School website",
        "Photos of your child may appear on the school's public website, usually in class or event pages. We do not put names next to them.",
    ),
    (
        "print",
        "Printed publications",
        "Photos may appear in the prospectus, newsletters and other printed material the school hands out or posts.",
    ),
    (
        "social",
        "School social media",
        "Photos may appear on the school's own social media accounts, which anyone can see. We do not name children there.",
    ),
    (
        "press",
        "Local press",
        "Local newspapers or their websites may photograph or film school events, and may print your child's first name.",
    ),
    (
        "named",
        "Named images",
        "Your child's name may be shown next to their photo, for example with a certificate or in a display. This is asked separately every time it matters.",
    ),
    (
        "video",
        "Video shared with families",
        "Videos of school events and lessons, such as performances, may be shared with the families of the class.",
    ),
    (
        "live",
        "Live lessons and video calls",
        "Your child may be seen and heard in live lessons or video calls with other schools or visitors run by the school.",
    ),
    (
        "displays",
        "Displays in school",
        "Photos may be put up on walls and screens inside the school, where visitors may see them.",
    ),
    (
        "learning",
        "Learning platform",
        "Photos and videos of your child's work and activities may be kept on the school's learning platform, which only the school and families can open.",
    ),
];

/// Adds the default purposes to a database that has none.
pub fn install_defaults(conn: &Conn) -> Result<()> {
    let now = store::now();
    for (position, (code, name, text)) in DEFAULTS.iter().enumerate() {
        let id = Uuid::now_v7().to_string();
        conn.execute(
            "INSERT INTO consent_purposes (id, code, name, position, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, code, name, position, now],
        )?;
        conn.execute(
            "INSERT INTO consent_explanations (id, purpose_id, version, text, created_at) VALUES (?1, ?2, 1, ?3, ?4)",
            params![Uuid::now_v7().to_string(), id, text, now],
        )?;
    }
    Ok(())
}

/// Every purpose, in order, with its current explanation.
pub fn purposes(store: &Store) -> Result<Vec<Purpose>> {
    store.require(Permission::ViewConsent)?;
    purposes_in(store.conn())
}

pub(crate) fn purposes_in(conn: &Conn) -> Result<Vec<Purpose>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.code, p.name, e.text, p.retired_at IS NOT NULL
         FROM consent_purposes p JOIN consent_explanations e ON e.purpose_id = p.id
         WHERE e.version = (SELECT max(version) FROM consent_explanations x WHERE x.purpose_id = p.id)
         ORDER BY p.position",
    )?;
    let rows = stmt.query_map((), |r| {
        Ok(Purpose {
            code: r.get(0)?,
            name: r.get(1)?,
            explanation: r.get(2)?,
            retired: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// The purpose's id and its current explanation's id, or a clear error.
pub(crate) fn resolve(conn: &Conn, code: &str) -> Result<(String, String, String)> {
    conn.query_row(
        "SELECT p.id, e.id, p.name FROM consent_purposes p JOIN consent_explanations e ON e.purpose_id = p.id
         WHERE p.code = ?1 AND p.retired_at IS NULL
         ORDER BY e.version DESC LIMIT 1",
        [code],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .map_err(|_| {
        let known: Vec<String> = purposes_in(conn)
            .unwrap_or_default()
            .into_iter()
            .filter(|p| !p.retired)
            .map(|p| p.code)
            .collect();
        Error::invalid("purpose", format!("'{code}' is not a purpose; use one of: {}", known.join(", ")))
    })
}

fn check_text(field: &str, text: &str, most: usize) -> Result<String> {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > most || t.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::invalid(
            field,
            format!("Write the {field} in at most {most} characters."),
        ));
    }
    Ok(t.to_owned())
}

/// Adds a purpose the school asks families about (head users).
pub fn add_purpose(
    store: &mut Store,
    code: &str,
    name: &str,
    explanation: &str,
) -> Result<Purpose> {
    let actor = store.require(Permission::Settings)?.actor();
    let code = code.trim().to_lowercase();
    if !(2..=30).contains(&code.len())
        || !code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(Error::invalid(
            "code",
            "Use 2 to 30 lower-case letters, digits or hyphens, such as \"trips\".",
        ));
    }
    let name = check_text("name", name, 80)?;
    let explanation = check_text("explanation", explanation, 600)?;
    store.write(|tx| {
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM consent_purposes WHERE code = ?1)",
            [&code],
            |r| r.get(0),
        )?;
        if taken {
            return Err(Error::invalid(
                "code",
                format!("There is already a purpose with the code {code}."),
            ));
        }
        let now = store::now();
        let id = Uuid::now_v7().to_string();
        tx.execute(
            "INSERT INTO consent_purposes (id, code, name, position, created_at)
             VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), -1) + 1 FROM consent_purposes), ?4)",
            params![id, code, name, now],
        )?;
        tx.execute(
            "INSERT INTO consent_explanations (id, purpose_id, version, text, created_at) VALUES (?1, ?2, 1, ?3, ?4)",
            params![Uuid::now_v7().to_string(), id, explanation, now],
        )?;
        crate::audit::record(
            tx,
            &actor,
            "consent.purpose_add",
            "consent_purpose",
            Some(&id),
            &format!("Added the purpose {name} ({code}): {explanation}"),
        )
    })?;
    Ok(Purpose {
        code,
        name,
        explanation,
        retired: false,
    })
}

/// Renames a purpose and/or gives it a new explanation (head users). A new
/// explanation is a new version: decisions already made keep the text their
/// family saw.
pub fn edit_purpose(
    store: &mut Store,
    code: &str,
    name: Option<&str>,
    explanation: Option<&str>,
) -> Result<Purpose> {
    let actor = store.require(Permission::Settings)?.actor();
    let name = name.map(|n| check_text("name", n, 80)).transpose()?;
    let explanation = explanation
        .map(|e| check_text("explanation", e, 600))
        .transpose()?;
    store.write(|tx| {
        let (id, _, old_name) = resolve(tx, code.trim())?;
        let now = store::now();
        if let Some(n) = &name {
            tx.execute("UPDATE consent_purposes SET name = ?2 WHERE id = ?1", params![id, n])?;
            crate::audit::record(
                tx,
                &actor,
                "consent.purpose_rename",
                "consent_purpose",
                Some(&id),
                &format!("Renamed the purpose {old_name} to {n}"),
            )?;
        }
        if let Some(text) = &explanation {
            tx.execute(
                "INSERT INTO consent_explanations (id, purpose_id, version, text, created_at)
                 VALUES (?1, ?2, (SELECT max(version) + 1 FROM consent_explanations WHERE purpose_id = ?2), ?3, ?4)",
                params![Uuid::now_v7().to_string(), id, text, now],
            )?;
            crate::audit::record(
                tx,
                &actor,
                "consent.purpose_explain",
                "consent_purpose",
                Some(&id),
                &format!("New explanation for {}: {text}", name.as_deref().unwrap_or(&old_name)),
            )?;
        }
        Ok(())
    })?;
    purposes_in(store.conn())?
        .into_iter()
        .find(|p| p.code == code.trim())
        .ok_or_else(|| Error::invalid("purpose", "the purpose disappeared"))
}

/// Retires a purpose (head users): families are no longer asked about it, and
/// its decisions stay on record and readable. Purposes are never deleted.
pub fn retire_purpose(store: &mut Store, code: &str) -> Result<()> {
    let actor = store.require(Permission::Settings)?.actor();
    store.write(|tx| {
        let (id, _, name) = resolve(tx, code.trim())?;
        tx.execute(
            "UPDATE consent_purposes SET retired_at = ?2 WHERE id = ?1",
            params![id, store::now()],
        )?;
        crate::audit::record(
            tx,
            &actor,
            "consent.purpose_retire",
            "consent_purpose",
            Some(&id),
            &format!("Retired the purpose {name}: families are no longer asked about it"),
        )
    })
}
