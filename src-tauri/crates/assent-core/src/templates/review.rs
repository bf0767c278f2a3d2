//! Whether the school has made each agreement its own: by publishing its own
//! version, or by reading Assent's default text and adopting it as it is.
//!
//! A school that is happy with the default has nothing new to publish (the
//! same text is refused), so adopting it is recorded on its own: a setting for
//! the kind naming the version adopted, and an entry in the audit log.

use crate::db::Conn;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::TemplateKind;
use super::versions::DEFAULT_PUBLISHER;
use crate::auth::Permission;
use crate::{Error, Result, Store, audit, settings, time};

/// Where one agreement's current version stands with the school.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateReview {
    /// Which agreement.
    pub kind: TemplateKind,
    /// The version signed now.
    pub version: u32,
    /// Whether that version was published by someone at the school (not Assent's default text).
    pub by_school: bool,
    /// When the school adopted Assent's default text as it is, if it did (YYYY-MM-DD).
    pub adopted_on: Option<String>,
    /// Who adopted it.
    pub adopted_by: Option<String>,
}

impl TemplateReview {
    /// Whether the school has read and accepted the text people sign now.
    pub fn reviewed(&self) -> bool {
        self.by_school || self.adopted_on.is_some()
    }
}

/// What the setting for an adopted text holds.
#[derive(Serialize, Deserialize)]
struct Adopted {
    version: u32,
    on: String,
    by: String,
}

fn key(kind: TemplateKind) -> String {
    format!("template_adopted.{}", kind.code())
}

/// Every agreement's current version and whether the school has reviewed it, in the usual order.
pub fn reviews(store: &Store) -> Result<Vec<TemplateReview>> {
    store.require(Permission::ViewTemplates)?;
    reviews_in(store.conn())
}

pub(crate) fn reviews_in(conn: &Conn) -> Result<Vec<TemplateReview>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.kind, v.version, v.published_by FROM template_versions v
         WHERE v.version = (SELECT max(version) FROM template_versions w WHERE w.kind = v.kind)",
    )?;
    let mut current: Vec<(TemplateKind, u32, String)> = Vec::new();
    let mut rows = stmt.query(())?;
    while let Some(r) = rows.next()? {
        if let Ok(kind) = TemplateKind::from_code(&r.get::<_, String>(0)?) {
            current.push((kind, r.get(1)?, r.get(2)?));
        }
    }
    let mut out = Vec::new();
    for kind in TemplateKind::ALL {
        let Some((_, version, publisher)) = current.iter().find(|c| c.0 == kind) else {
            continue;
        };
        // An adoption counts only for the version adopted: a later version is read afresh.
        let adopted = settings::get(conn, &key(kind))?
            .and_then(|t| serde_json::from_str::<Adopted>(&t).ok())
            .filter(|a| a.version == *version);
        out.push(TemplateReview {
            kind,
            version: *version,
            by_school: publisher != DEFAULT_PUBLISHER,
            adopted_on: adopted.as_ref().map(|a| a.on.clone()),
            adopted_by: adopted.map(|a| a.by),
        });
    }
    Ok(out)
}

/// Records that the school has read Assent's default text of `kind` and keeps it as it is.
pub fn adopt_default(store: &mut Store, kind: TemplateKind) -> Result<TemplateReview> {
    let actor = store.require(Permission::PublishTemplates)?.actor();
    store.write(|tx| {
        let review = reviews_in(tx)?
            .into_iter()
            .find(|r| r.kind == kind)
            .ok_or_else(|| Error::invalid("template", "This agreement has no text yet."))?;
        if review.by_school {
            return Err(Error::invalid(
                "template",
                format!(
                    "Version {} was published by the school, so it is already the school's own text.",
                    review.version
                ),
            ));
        }
        if review.adopted_on.is_some() {
            return Ok(review);
        }
        let adopted = Adopted {
            version: review.version,
            on: time::today().to_string(),
            by: actor.as_str().to_owned(),
        };
        let json = serde_json::to_string(&adopted).map_err(|e| Error::Database {
            message: e.to_string(),
        })?;
        settings::put(tx, &key(kind), &json)?;
        audit::record(
            tx,
            &actor,
            "template.adopt",
            "template",
            Some(kind.code()),
            &format!(
                "Adopted Assent's text of the {} agreement (version {}) as the school's own",
                kind.code(),
                review.version
            ),
        )?;
        Ok(TemplateReview {
            adopted_on: Some(adopted.on),
            adopted_by: Some(adopted.by),
            ..review
        })
    })
}
