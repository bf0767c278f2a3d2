//! The purposes the school asks about, with the explanation families are shown.

use rusqlite::{Connection, params};
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
pub fn install_defaults(conn: &Connection) -> Result<()> {
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

pub(crate) fn purposes_in(conn: &Connection) -> Result<Vec<Purpose>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.code, p.name, e.text, p.retired_at IS NOT NULL
         FROM consent_purposes p JOIN consent_explanations e ON e.purpose_id = p.id
         WHERE e.version = (SELECT max(version) FROM consent_explanations x WHERE x.purpose_id = p.id)
         ORDER BY p.position",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Purpose {
            code: r.get(0)?,
            name: r.get(1)?,
            explanation: r.get(2)?,
            retired: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The purpose's id and its current explanation's id, or a clear error.
pub(crate) fn resolve(conn: &Connection, code: &str) -> Result<(String, String, String)> {
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
