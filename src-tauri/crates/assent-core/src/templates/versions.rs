//! Publishing, reading and comparing template versions.

use crate::db::{Conn, OptionalExtension};
use crate::params;
use chrono::{Months, NaiveDate};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::TemplateKind;
use super::render::{Block, parse};
use crate::auth::Permission;
use crate::hex::sha256_hex;
use crate::{Error, Result, Store, audit, store, time};

/// One published version, exactly as signers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateVersion {
    /// Which agreement.
    pub kind: TemplateKind,
    /// 1, 2, 3 …
    pub version: u32,
    /// The title signers see.
    pub title: String,
    /// Who it is for.
    pub audience: String,
    /// The text, block by block, for showing on screen.
    pub blocks: Vec<Block>,
    /// The canonical rendered text the hash is taken over.
    pub rendered: String,
    /// The Markdown it was published from.
    pub source: String,
    /// SHA-256 of `rendered`.
    pub sha256: String,
    /// Whether everyone on an older version must sign again.
    pub material: bool,
    /// What changed (for a minor change, why it is minor).
    pub change_summary: String,
    /// From when it applies (YYYY-MM-DD).
    pub effective_date: String,
    /// When it should next be reviewed (YYYY-MM-DD).
    pub review_due: String,
    /// When it was published, in UK time.
    pub published_at: String,
    /// Who published it.
    pub published_by: String,
    /// Whether this is the version people sign now.
    pub current: bool,
}

/// A line of the template library (one per published version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateSummary {
    /// Which agreement.
    pub kind: TemplateKind,
    /// Its version number.
    pub version: u32,
    /// Its title.
    pub title: String,
    /// When it was published (RFC 3339, UTC).
    pub published_at: String,
    /// SHA-256 of the text signers see.
    pub sha256: String,
    /// Next review (YYYY-MM-DD).
    pub review_due: String,
    /// Whether this is the version people sign now.
    pub current: bool,
    /// Whether the change was material.
    pub material: bool,
}

/// A template whose review is due soon or overdue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReviewDue {
    /// Which agreement.
    pub kind: TemplateKind,
    /// Its title.
    pub title: String,
    /// The current version.
    pub version: u32,
    /// The review date (YYYY-MM-DD).
    pub review_due: String,
    /// Whether the date has passed.
    pub overdue: bool,
}

/// One line of a comparison between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DiffLine {
    /// "same", "added" or "removed".
    pub change: String,
    /// The line of rendered text.
    pub text: String,
}

/// How a new version is published.
#[derive(Debug, Clone, Default)]
pub struct PublishOptions {
    /// Everyone on an older version must sign again.
    pub material: bool,
    /// What changed; for a minor change, why it is minor (required then).
    pub summary: Option<String>,
    /// From when it applies (default today).
    pub effective_date: Option<NaiveDate>,
    /// Next review (default a year after the effective date).
    pub review_due: Option<NaiveDate>,
}

const VERSION_COLUMNS: &str = "kind, version, title, audience, source, rendered, sha256, material,
    change_summary, effective_date, review_due, published_at, published_by";

fn version_from_row(row: &crate::db::Row<'_>, latest: u32) -> crate::db::Result<TemplateVersion> {
    let kind: String = row.get(0)?;
    let version: u32 = row.get(1)?;
    let source: String = row.get(4)?;
    let published_at: String = row.get(11)?;
    Ok(TemplateVersion {
        kind: TemplateKind::from_code(&kind).unwrap_or(TemplateKind::Staff),
        version,
        title: row.get(2)?,
        audience: row.get(3)?,
        blocks: parse(&source).map(|t| t.blocks).unwrap_or_default(),
        source,
        rendered: row.get(5)?,
        sha256: row.get(6)?,
        material: row.get(7)?,
        change_summary: row.get(8)?,
        effective_date: row.get(9)?,
        review_due: row.get(10)?,
        published_at: time::from_stored(&published_at).map_or(published_at, time::display_london),
        published_by: row.get(12)?,
        current: version == latest,
    })
}

fn latest(conn: &Conn, kind: TemplateKind) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT coalesce(max(version), 0) FROM template_versions WHERE kind = ?1",
        [kind.code()],
        |r| r.get(0),
    )?)
}

/// One version of a template (the current one when `number` is `None`).
pub fn version(store: &Store, kind: TemplateKind, number: Option<u32>) -> Result<TemplateVersion> {
    store.require(Permission::ViewTemplates)?;
    version_in(store.conn(), kind, number)
}

pub(crate) fn version_in(
    conn: &Conn,
    kind: TemplateKind,
    number: Option<u32>,
) -> Result<TemplateVersion> {
    let latest = latest(conn, kind)?;
    let wanted = number.unwrap_or(latest);
    conn.prepare_cached(&format!(
        "SELECT {VERSION_COLUMNS} FROM template_versions WHERE kind = ?1 AND version = ?2"
    ))?
    .query_row(params![kind.code(), wanted], |r| {
        version_from_row(r, latest)
    })
    .optional()?
    .ok_or_else(|| {
        Error::invalid(
            "version",
            format!(
                "The {} agreement has no version {wanted} (the latest is {latest}).",
                kind.code()
            ),
        )
    })
}

/// Every version of one template, newest first, each exactly as signers saw it (one query).
pub fn history(store: &Store, kind: TemplateKind) -> Result<Vec<TemplateVersion>> {
    store.require(Permission::ViewTemplates)?;
    history_in(store.conn(), kind)
}

pub(crate) fn history_in(conn: &Conn, kind: TemplateKind) -> Result<Vec<TemplateVersion>> {
    let latest = latest(conn, kind)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {VERSION_COLUMNS} FROM template_versions WHERE kind = ?1 ORDER BY version DESC"
    ))?;
    let rows = stmt.query_map([kind.code()], |r| version_from_row(r, latest))?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// Every published version of every template, newest first within each kind.
pub fn list(store: &Store) -> Result<Vec<TemplateSummary>> {
    store.require(Permission::ViewTemplates)?;
    list_in(store.conn())
}

pub(crate) fn list_in(conn: &Conn) -> Result<Vec<TemplateSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.kind, v.version, v.title, v.published_at, v.sha256, v.review_due, v.material,
                v.version = (SELECT max(version) FROM template_versions w WHERE w.kind = v.kind)
         FROM template_versions v
         ORDER BY CASE v.kind WHEN 'ks1' THEN 0 WHEN 'ks2' THEN 1 WHEN 'staff' THEN 2
                              WHEN 'governor-visitor' THEN 3 ELSE 4 END, v.version DESC",
    )?;
    let rows = stmt.query_map((), |r| {
        let kind: String = r.get(0)?;
        Ok(TemplateSummary {
            kind: TemplateKind::from_code(&kind).unwrap_or(TemplateKind::Staff),
            version: r.get(1)?,
            title: r.get(2)?,
            published_at: r.get(3)?,
            sha256: r.get(4)?,
            review_due: r.get(5)?,
            material: r.get(6)?,
            current: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

fn insert_version(
    conn: &Conn,
    source_text: &str,
    options: &PublishOptions,
    published_by: &str,
) -> Result<(TemplateKind, u32)> {
    let source = parse(source_text).map_err(|reason| Error::invalid("template", reason))?;
    let kind = source.kind;
    let rendered = source.rendered();
    let sha = sha256_hex(&rendered);
    let latest = latest(conn, kind)?;
    if latest > 0 {
        let current: String = conn.query_row(
            "SELECT sha256 FROM template_versions WHERE kind = ?1 AND version = ?2",
            params![kind.code(), latest],
            |r| r.get(0),
        )?;
        if current == sha {
            return Err(Error::invalid(
                "template",
                format!("This text is exactly version {latest}; there is nothing new to publish."),
            ));
        }
    }
    let summary = options
        .summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let summary = match (options.material, summary) {
        (false, None) if latest > 0 => {
            return Err(Error::invalid(
                "reason",
                "Say why this change is minor (for example, a spelling correction).",
            ));
        }
        (_, Some(s)) => s.to_owned(),
        (_, None) if latest == 0 => "First version".to_owned(),
        (_, None) => "Material change: everyone signs this version".to_owned(),
    };
    let today = crate::time::today();
    let effective = options.effective_date.unwrap_or(today);
    let review = options.review_due.unwrap_or_else(|| {
        effective
            .checked_add_months(Months::new(12))
            .unwrap_or(effective)
    });
    conn.execute(
        "INSERT INTO templates (kind, created_at) VALUES (?1, ?2) ON CONFLICT (kind) DO NOTHING",
        params![kind.code(), store::now()],
    )?;
    conn.execute(
        &format!(
            "INSERT INTO template_versions (id, {VERSION_COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
        ),
        params![
            Uuid::now_v7().to_string(),
            kind.code(),
            latest + 1,
            source.title,
            source.audience,
            source_text,
            rendered,
            sha,
            options.material || latest == 0,
            summary,
            effective.to_string(),
            review.to_string(),
            store::now(),
            published_by,
        ],
    )?;
    conn.execute("DELETE FROM template_drafts WHERE kind = ?1", [kind.code()])?;
    Ok((kind, latest + 1))
}

/// Publishes a new version of the template named in the file's front matter.
pub fn publish(
    store: &mut Store,
    kind: TemplateKind,
    source_text: &str,
    options: &PublishOptions,
) -> Result<TemplateVersion> {
    let actor = &store.require(Permission::PublishTemplates)?.actor();
    let (kind, number) = store.write(|tx| {
        let named = parse(source_text)
            .map_err(|reason| Error::invalid("template", reason))?
            .kind;
        if named != kind {
            return Err(Error::invalid(
                "template",
                format!(
                    "The file is a {} agreement, not {}.",
                    named.code(),
                    kind.code()
                ),
            ));
        }
        let (kind, number) = insert_version(tx, source_text, options, actor.as_str())?;
        audit::record(
            tx,
            actor,
            "template.publish",
            "template",
            Some(kind.code()),
            &format!(
                "Published version {number} of the {} agreement ({})",
                kind.code(),
                if options.material || number == 1 {
                    "material: everyone signs again"
                } else {
                    "minor"
                }
            ),
        )?;
        Ok((kind, number))
    })?;
    version_in(store.conn(), kind, Some(number))
}

/// Who the default texts are recorded as published by.
pub(crate) const DEFAULT_PUBLISHER: &str = "Assent (default text)";

/// Loads Assent's default text for every kind that has no version yet.
pub fn install_defaults(conn: &Conn) -> Result<()> {
    const DEFAULTS: [&str; 5] = [
        include_str!("../../../../../assets/templates/ks1.md"),
        include_str!("../../../../../assets/templates/ks2.md"),
        include_str!("../../../../../assets/templates/staff.md"),
        include_str!("../../../../../assets/templates/governor-visitor.md"),
        include_str!("../../../../../assets/templates/parent.md"),
    ];
    for text in DEFAULTS {
        let kind = parse(text)
            .map_err(|reason| Error::invalid("default template", reason))?
            .kind;
        if latest(conn, kind)? == 0 {
            let options = PublishOptions {
                material: true,
                summary: Some("First version: Assent's default text".to_owned()),
                ..PublishOptions::default()
            };
            insert_version(conn, text, &options, DEFAULT_PUBLISHER)?;
        }
    }
    Ok(())
}

/// The draft being edited for a kind, if any.
pub fn draft(store: &Store, kind: TemplateKind) -> Result<Option<String>> {
    store.require(Permission::PublishTemplates)?;
    draft_in(store.conn(), kind)
}

pub(crate) fn draft_in(conn: &Conn, kind: TemplateKind) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT source FROM template_drafts WHERE kind = ?1",
            [kind.code()],
            |r| r.get(0),
        )
        .optional()?)
}

/// Saves a draft after checking it would publish; returns how it will look.
pub fn save_draft(store: &mut Store, kind: TemplateKind, source_text: &str) -> Result<Vec<Block>> {
    let actor = &store.require(Permission::PublishTemplates)?.actor();
    let parsed = parse(source_text).map_err(|reason| Error::invalid("template", reason))?;
    if parsed.kind != kind {
        return Err(Error::invalid(
            "template",
            format!(
                "The front matter says {}, but this is the {} agreement.",
                parsed.kind.code(),
                kind.code()
            ),
        ));
    }
    store.write(|tx| {
        tx.execute(
            "INSERT INTO template_drafts (kind, source, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (kind) DO UPDATE SET source = excluded.source,
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            params![kind.code(), source_text, store::now(), actor.as_str()],
        )?;
        Ok(())
    })?;
    Ok(parsed.blocks)
}

/// Templates whose current version is due for review within `within_days`, or overdue.
pub fn review_due(store: &Store, today: NaiveDate, within_days: u64) -> Result<Vec<ReviewDue>> {
    store.require(Permission::ViewTemplates)?;
    review_due_in(store.conn(), today, within_days)
}

pub(crate) fn review_due_in(
    conn: &Conn,
    today: NaiveDate,
    within_days: u64,
) -> Result<Vec<ReviewDue>> {
    let horizon = today + chrono::Days::new(within_days);
    let mut stmt = conn.prepare_cached(
        "SELECT kind, title, version, review_due FROM template_versions v
         WHERE version = (SELECT max(version) FROM template_versions w WHERE w.kind = v.kind)
           AND review_due <= ?1
         ORDER BY review_due",
    )?;
    let rows = stmt.query_map([horizon.to_string()], |r| {
        let kind: String = r.get(0)?;
        let due: String = r.get(3)?;
        Ok(ReviewDue {
            kind: TemplateKind::from_code(&kind).unwrap_or(TemplateKind::Staff),
            title: r.get(1)?,
            version: r.get(2)?,
            overdue: due < today.to_string(),
            review_due: due,
        })
    })?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// Line-by-line differences between two versions' rendered text.
pub fn diff(store: &Store, kind: TemplateKind, a: u32, b: u32) -> Result<Vec<DiffLine>> {
    store.require(Permission::ViewTemplates)?;
    diff_in(store.conn(), kind, a, b)
}

pub(crate) fn diff_in(conn: &Conn, kind: TemplateKind, a: u32, b: u32) -> Result<Vec<DiffLine>> {
    let old = version_in(conn, kind, Some(a))?.rendered;
    let new = version_in(conn, kind, Some(b))?.rendered;
    Ok(similar::TextDiff::from_lines(&old, &new)
        .iter_all_changes()
        .map(|c| DiffLine {
            change: match c.tag() {
                similar::ChangeTag::Equal => "same",
                similar::ChangeTag::Insert => "added",
                similar::ChangeTag::Delete => "removed",
            }
            .to_owned(),
            text: c.value().trim_end_matches('\n').to_owned(),
        })
        .collect())
}
