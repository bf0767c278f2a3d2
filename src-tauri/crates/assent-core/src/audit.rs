//! The append-only audit log: who changed what, and when.
//!
//! Each entry stores the hash of the entry before it and a SHA-256 hash of
//! its own contents and position, so [`verify`] finds any entry that was
//! edited, deleted, inserted or moved. (Someone able to rewrite the whole
//! file could rebuild the chain; the chain proves the log is internally
//! consistent, and encryption and backups guard the file itself.)
//!
//! The chain covers a digest of each summary rather than its words, so that
//! when a leaver's records are destroyed under the retention policy the
//! summaries naming them can be blanked without breaking the chain.

use std::fmt::Write as _;

use crate::db::{Conn, OptionalExtension};
use crate::params;
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;
use uuid::Uuid;

use crate::Store;
use crate::auth::Permission;
use crate::hex::{self, sha256_hex};
use crate::{Actor, Result, settings, store, time};

/// What a summary reads once it has been blanked under the retention policy.
pub const REDACTED: &str = "(removed under the retention policy)";

/// The `prev_hash` of the first entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

struct Entry {
    seq: i64,
    id: String,
    at: String,
    actor: String,
    action: String,
    entity: String,
    entity_id: Option<String>,
    summary: String,
    summary_sha256: String,
}

impl Entry {
    fn hash(&self, prev_hash: &str) -> String {
        let mut h = Sha256::new();
        // Length-prefixed fields, so no two different entries hash the same text.
        for part in [
            prev_hash,
            &self.seq.to_string(),
            &self.id,
            &self.at,
            &self.actor,
            &self.action,
            &self.entity,
            self.entity_id.as_deref().unwrap_or("\u{0}"),
            &self.summary_sha256,
        ] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part.as_bytes());
        }
        hex::encode(&h.finalize())
    }
}

fn last_hash(conn: &Conn) -> Result<(i64, String)> {
    // Cached: an import records an entry per person and link, and preparing
    // this statement again for each cost more than running it.
    Ok(conn
        .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")?
        .query_row((), |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_owned())))
}

/// Appends one entry. Call it inside the transaction that makes the change,
/// so the change and its record land together.
pub fn record(
    conn: &Conn,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: Option<&str>,
    summary: &str,
) -> Result<()> {
    let (last_seq, prev_hash) = last_hash(conn)?;
    let entry = Entry {
        seq: last_seq + 1,
        id: Uuid::now_v7().to_string(),
        at: store::now(),
        actor: actor.as_str().to_owned(),
        action: action.to_owned(),
        entity: entity.to_owned(),
        entity_id: entity_id.map(str::to_owned),
        summary: summary.to_owned(),
        summary_sha256: sha256_hex(summary),
    };
    let hash = entry.hash(&prev_hash);
    conn.prepare_cached(
        "INSERT INTO audit_log (seq, id, at, actor, action, entity, entity_id, summary, prev_hash, hash, summary_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        entry.seq,
        entry.id,
        entry.at,
        entry.actor,
        entry.action,
        entry.entity,
        entry.entity_id,
        entry.summary,
        prev_hash,
        hash,
        entry.summary_sha256
    ])?;
    // The newest entry is also noted outside the log, so removing entries from
    // the end of the log is noticed too.
    conn.prepare_cached(
        "INSERT INTO settings (key, value, updated_at) VALUES ('audit_head', ?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )?
    .execute(params![format!("{}:{hash}", entry.seq), entry.at])?;
    Ok(())
}

fn entries(conn: &Conn) -> Result<Vec<(Entry, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT seq, id, at, actor, action, entity, entity_id, summary, prev_hash, hash, summary_sha256
         FROM audit_log ORDER BY seq",
    )?;
    let rows = stmt.query_map((), |r| {
        Ok((
            Entry {
                seq: r.get(0)?,
                id: r.get(1)?,
                at: r.get(2)?,
                actor: r.get(3)?,
                action: r.get(4)?,
                entity: r.get(5)?,
                entity_id: r.get(6)?,
                summary: r.get(7)?,
                summary_sha256: r.get(10)?,
            },
            r.get(8)?,
            r.get(9)?,
        ))
    })?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// Hashes entries written before the chain existed (run once, by a migration).
pub(crate) fn hash_unchained(conn: &Conn) -> Result<()> {
    if !has_summary_digest(conn)? {
        return Ok(());
    }
    let mut prev = GENESIS.to_owned();
    for (entry, _, hash) in entries(conn)? {
        let hash = if hash.is_empty() {
            let new = entry.hash(&prev);
            conn.execute(
                "UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE seq = ?3",
                params![prev, new, entry.seq],
            )?;
            new
        } else {
            hash
        };
        prev = hash;
    }
    if let Ok((seq, hash)) = last_hash(conn) {
        note_rewritten_head(conn, seq, &hash)?;
    }
    Ok(())
}

/// The result of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChainReport {
    /// Entries checked.
    pub entries: u32,
    /// The first entry that does not fit the chain, if any.
    pub first_broken: Option<BrokenEntry>,
}

/// An entry that does not fit the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BrokenEntry {
    /// Its position in the log (1 = first).
    pub seq: i64,
    /// Its id.
    pub id: String,
    /// What is wrong, in words.
    pub reason: String,
}

/// Walks the whole log and reports the first entry that was altered, removed or moved.
pub fn verify(store: &Store) -> Result<ChainReport> {
    store.require(Permission::ViewAudit)?;
    verify_in(store.conn())
}

pub(crate) fn verify_in(conn: &Conn) -> Result<ChainReport> {
    let all = entries(conn)?;
    let mut prev = GENESIS.to_owned();
    for (expected_seq, (entry, prev_hash, hash)) in (1..).zip(all.iter()) {
        let broken = |reason: &str| BrokenEntry {
            seq: entry.seq,
            id: entry.id.clone(),
            reason: reason.to_owned(),
        };
        let problem = if entry.seq != expected_seq {
            Some(broken(&format!(
                "entry {} is missing: the log jumps from {} to {}",
                expected_seq,
                expected_seq - 1,
                entry.seq
            )))
        } else if *prev_hash != prev {
            Some(broken(
                "it does not follow the entry before it (an entry was removed, added or moved)",
            ))
        } else if entry.summary != REDACTED && sha256_hex(&entry.summary) != entry.summary_sha256 {
            Some(broken("its summary was changed after it was written"))
        } else if entry.hash(prev_hash) != *hash {
            Some(broken("its contents were changed after it was written"))
        } else {
            None
        };
        if problem.is_some() {
            return Ok(ChainReport {
                entries: u32::try_from(all.len()).unwrap_or(u32::MAX),
                first_broken: problem,
            });
        }
        prev.clone_from(hash);
    }
    let head = settings::get(conn, "audit_head")?;
    let last = all.last().map(|(e, _, h)| (format!("{}:{h}", e.seq), e));
    let tail_problem = match (&head, &last) {
        (Some(head), Some((found, _))) if head == found => None,
        (None, None) => None,
        (Some(head), _) => Some(BrokenEntry {
            seq: head
                .split(':')
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0),
            id: String::new(),
            reason: "the newest entries of the log are missing".to_owned(),
        }),
        (None, Some((_, e))) => Some(BrokenEntry {
            seq: e.seq,
            id: e.id.clone(),
            reason: "the record of the newest entry is missing".to_owned(),
        }),
    };
    if tail_problem.is_some() {
        return Ok(ChainReport {
            entries: u32::try_from(all.len()).unwrap_or(u32::MAX),
            first_broken: tail_problem,
        });
    }
    Ok(ChainReport {
        entries: u32::try_from(all.len()).unwrap_or(u32::MAX),
        first_broken: None,
    })
}

/// When the most recent change was made, if any.
pub(crate) fn last_change(conn: &Conn) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    let at: Option<String> = conn
        .query_row(
            "SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1",
            (),
            |r| r.get(0),
        )
        .optional()?;
    Ok(at.as_deref().and_then(time::from_stored))
}

fn has_summary_digest(conn: &Conn) -> Result<bool> {
    Ok(conn.has_column("audit_log", "summary_sha256")?)
}

/// Re-hashes the whole chain with summary digests (run once, by migration 0008,
/// on any entries written before it).
pub(crate) fn rehash_with_digests(conn: &Conn) -> Result<()> {
    let mut prev = GENESIS.to_owned();
    for (mut entry, _, _) in entries(conn)? {
        entry.summary_sha256 = sha256_hex(&entry.summary);
        let hash = entry.hash(&prev);
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?1, hash = ?2, summary_sha256 = ?3 WHERE seq = ?4",
            params![prev, hash, entry.summary_sha256, entry.seq],
        )?;
        prev = hash;
    }
    let (seq, hash) = last_hash(conn)?;
    note_rewritten_head(conn, seq, &hash)
}

/// Notes the newest entry outside the log again (as [`record`] does) once a
/// migration has rewritten the chain, if the log has any entries.
fn note_rewritten_head(conn: &Conn, seq: i64, hash: &str) -> Result<()> {
    if seq > 0 {
        conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES ('audit_head', ?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![format!("{seq}:{hash}"), store::now()],
        )?;
    }
    Ok(())
}

/// Blanks the summaries of every entry about these people or their agreements
/// (retention and erasure); the chain still verifies.
pub(crate) fn redact_about(conn: &Conn, person_ids: &[String]) -> Result<u32> {
    let mut stmt = conn.prepare_cached(
        "UPDATE audit_log SET summary = ?2
         WHERE summary <> ?2 AND (entity_id = ?1
            OR entity_id IN (SELECT id FROM agreements WHERE person_id = ?1))",
    )?;
    let mut n = 0;
    for id in person_ids {
        n += stmt.execute(params![id, REDACTED])?;
    }
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The kinds of entry the log can be narrowed to, each a set of action-code prefixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditCategory {
    /// Adding, changing, importing and linking people.
    People,
    /// Agreements signed or withdrawn, and new versions of their wording.
    Agreements,
    /// Photo and video consent decisions, holds and purposes.
    Consent,
    /// IT accounts: exports, login slips, usernames and their settings.
    Accounts,
    /// E-safety incidents and the access removed after them.
    Incidents,
    /// Staff users and their passwords.
    Users,
    /// Backups, restores, subject access, erasure and the retention purge.
    DataProtection,
    /// The school's settings.
    Settings,
    /// Creating the school file, the demo school and the new school year.
    School,
}

/// Which category each action code belongs to, by the start of the code. The
/// longest matching prefix wins, so a whole code can go to another category
/// than the rest of its family.
const PREFIXES: &[(&str, AuditCategory)] = &[
    ("person.erase", AuditCategory::DataProtection),
    ("person.subject_access", AuditCategory::DataProtection),
    ("person.", AuditCategory::People),
    ("contact.", AuditCategory::People),
    ("import.", AuditCategory::People),
    ("agreement.", AuditCategory::Agreements),
    ("template.", AuditCategory::Agreements),
    ("consent.", AuditCategory::Consent),
    ("accounts.", AuditCategory::Accounts),
    ("incident.", AuditCategory::Incidents),
    ("user.", AuditCategory::Users),
    ("backup.", AuditCategory::DataProtection),
    ("retention.", AuditCategory::DataProtection),
    ("settings.", AuditCategory::Settings),
    ("school.", AuditCategory::School),
    ("demo.", AuditCategory::School),
];

impl AuditCategory {
    /// Every category, in the order a list offers them.
    pub const ALL: [AuditCategory; 9] = [
        AuditCategory::People,
        AuditCategory::Agreements,
        AuditCategory::Consent,
        AuditCategory::Accounts,
        AuditCategory::Incidents,
        AuditCategory::Users,
        AuditCategory::DataProtection,
        AuditCategory::Settings,
        AuditCategory::School,
    ];

    /// The stored code, as the filter's SQL compares it.
    pub fn code(self) -> &'static str {
        match self {
            AuditCategory::People => "people",
            AuditCategory::Agreements => "agreements",
            AuditCategory::Consent => "consent",
            AuditCategory::Accounts => "accounts",
            AuditCategory::Incidents => "incidents",
            AuditCategory::Users => "users",
            AuditCategory::DataProtection => "data_protection",
            AuditCategory::Settings => "settings",
            AuditCategory::School => "school",
        }
    }

    /// Its name in a list.
    pub fn label(self) -> &'static str {
        match self {
            AuditCategory::People => "People",
            AuditCategory::Agreements => "Agreements",
            AuditCategory::Consent => "Photo and video consent",
            AuditCategory::Accounts => "IT accounts and account exports",
            AuditCategory::Incidents => "Incidents",
            AuditCategory::Users => "Users and sign-in",
            AuditCategory::DataProtection => "Backups and data protection",
            AuditCategory::Settings => "Settings",
            AuditCategory::School => "The school file and the new school year",
        }
    }

    /// The category of an action code, or `None` for a code no category claims.
    pub fn of(action: &str) -> Option<AuditCategory> {
        PREFIXES
            .iter()
            .filter(|(prefix, _)| action.starts_with(prefix))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|&(_, category)| category)
    }
}

/// A category as a list offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditCategoryOption {
    /// The category, as [`AuditFilter::category`] takes it.
    pub category: AuditCategory,
    /// Its name in the list.
    pub label: String,
}

/// Every category the log can be narrowed to, with its name.
pub fn categories() -> Vec<AuditCategoryOption> {
    AuditCategory::ALL
        .iter()
        .map(|&category| AuditCategoryOption {
            category,
            label: category.label().to_owned(),
        })
        .collect()
}

/// The SQL that gives an entry's category code from its `action`, longest prefix first.
fn category_sql() -> String {
    let mut prefixes: Vec<_> = PREFIXES.iter().collect();
    prefixes.sort_by_key(|(prefix, _)| std::cmp::Reverse(prefix.len()));
    let mut sql = String::from("CASE");
    for (prefix, category) in prefixes {
        let _ = write!(
            sql,
            " WHEN substr(a.action, 1, {}) = '{prefix}' THEN '{}'",
            prefix.len(),
            category.code()
        );
    }
    sql.push_str(" END");
    sql
}

/// Which entries to list.
#[derive(Debug, Clone, Default, serde::Deserialize, TS)]
pub struct AuditFilter {
    /// Only entries about this person (or their agreements).
    pub person_id: Option<String>,
    /// Only entries whose actor contains this text (any case).
    pub user: Option<String>,
    /// Only entries on or after this date (YYYY-MM-DD, UK).
    pub from: Option<String>,
    /// Only entries on or before this date (YYYY-MM-DD, UK).
    pub to: Option<String>,
    /// Only entries whose action starts with this (e.g. "consent" or "agreement.sign").
    pub action: Option<String>,
    /// Only entries of this category.
    pub category: Option<AuditCategory>,
    /// At most this many, newest first.
    pub limit: Option<u32>,
}

/// The person an entry is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditPerson {
    /// Their id, while their records are kept.
    pub id: Option<String>,
    /// Their name now, or `None` once their records were destroyed.
    pub name: Option<String>,
    /// Pupil, parent, staff…, while their records are kept.
    pub kind: Option<crate::people::PersonKind>,
}

/// One entry as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditRow {
    /// Position in the log.
    pub seq: i64,
    /// When, in UK time, ready to show.
    pub at: String,
    /// Who, as recorded ("Helen Okafor (head)").
    pub actor: String,
    /// Who, by name alone.
    pub actor_name: String,
    /// The role they hold now, while their user is on file.
    pub actor_role: Option<crate::auth::Role>,
    /// What kind of change ("person.add").
    pub action: String,
    /// Its category, if one claims the code.
    pub category: Option<AuditCategory>,
    /// The kind of thing changed ("person", "agreement", "settings").
    pub entity: String,
    /// Which one, when it has an id.
    pub entity_id: Option<String>,
    /// The person it was about, when it was about one.
    pub about: Option<AuditPerson>,
    /// What happened, in a sentence naming the person it was about.
    pub sentence: String,
    /// What changed, as written when it happened.
    pub summary: String,
}

/// The name part of an actor ("Helen Okafor (head)" → "Helen Okafor").
fn actor_name(actor: &str) -> &str {
    match actor.rfind(" (") {
        Some(i) if actor.ends_with(')') => &actor[..i],
        _ => actor,
    }
}

/// What happened, naming `who` (the person's name, or words for someone whose
/// records were destroyed); entries not about a person read as their summary.
fn sentence(action: &str, entity: &str, who: Option<&str>, summary: &str) -> String {
    let redacted = summary == REDACTED;
    let Some(p) = who else {
        return if redacted {
            "The details of this entry were removed under the retention policy.".to_owned()
        } else {
            summary.to_owned()
        };
    };
    let phrase = match (action, entity) {
        ("person.add", _) => format!("Added {p}"),
        ("person.update", _) => format!("Changed the details of {p}"),
        ("person.subject_access", _) => {
            format!("Exported everything held about {p} for a subject access request")
        }
        ("contact.link", _) => format!("Linked a parent or carer to {p}"),
        ("agreement.sign", _) => format!("Recorded an agreement for {p}"),
        ("agreement.withdraw", _) => format!("Withdrew an agreement for {p}"),
        ("consent.set", _) => format!("Recorded a photo and video consent decision for {p}"),
        ("consent.withdraw", _) => {
            format!("Recorded that photo and video consent for {p} was withdrawn")
        }
        ("consent.hold", _) => format!("Put a safeguarding hold on photo and video of {p}"),
        ("consent.release", _) => {
            format!("Released the safeguarding hold on photo and video of {p}")
        }
        ("accounts.username", _) => format!("Changed the IT account username of {p}"),
        ("incident.access_removed", _) => {
            format!("Removed the IT access of {p} after an incident")
        }
        ("incident.access_restored", "person") => {
            format!("Gave {p} their IT access back after an incident")
        }
        _ if redacted => format!("A change about {p}"),
        _ => format!("{summary} ({p})"),
    };
    if redacted || summary.is_empty() {
        format!("{phrase}. Its details were removed under the retention policy.")
    } else {
        format!("{phrase}.")
    }
}

/// What to call someone whose records were destroyed.
const DESTROYED: &str = "someone whose records have since been destroyed";

/// Audit entries matching `filter`, newest first.
pub fn list(store: &Store, filter: &AuditFilter) -> Result<Vec<AuditRow>> {
    store.require(Permission::ViewAudit)?;
    let day = |d: &Option<String>, field: &str| -> Result<Option<chrono::NaiveDate>> {
        d.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| {
                crate::values::parse_date(t).map_err(|reason| crate::Error::invalid(field, reason))
            })
            .transpose()
    };
    // UK calendar days, turned into the UTC instants the log is stored in.
    let from = day(&filter.from, "from")?.map(time::london_day_start);
    let to = day(&filter.to, "to")?
        .and_then(|d| d.succ_opt())
        .map(time::london_day_start);
    // The person each entry is about, and the actor's user, found in the same
    // query: an entry about a person names them as they are called now.
    let sql = format!(
        "WITH e AS (
            SELECT a.seq, a.at, a.actor, a.action, a.entity, a.entity_id, a.summary,
                   CASE a.entity
                       WHEN 'person' THEN a.entity_id
                       WHEN 'agreement' THEN (SELECT person_id FROM agreements WHERE id = a.entity_id)
                       -- A link's id is its pupil's id, '/', its contact's id (both UUIDs).
                       WHEN 'contact_link' THEN substr(a.entity_id, 1, 36)
                   END AS about_id
            FROM audit_log a
            WHERE (CAST(?1 AS TEXT) IS NULL OR a.entity_id = ?1 OR a.entity_id IN (SELECT id FROM agreements WHERE person_id = ?1))
              AND (CAST(?2 AS TEXT) IS NULL OR lower(a.actor) LIKE '%' || lower(?2) || '%' ESCAPE '\\')
              AND (CAST(?3 AS TEXT) IS NULL OR a.at >= ?3)
              AND (CAST(?4 AS TEXT) IS NULL OR a.at < ?4)
              AND (CAST(?5 AS TEXT) IS NULL OR a.action LIKE ?5 || '%')
              AND (CAST(?6 AS TEXT) IS NULL OR {category} = ?6)
            ORDER BY a.seq DESC LIMIT ?7
         )
         SELECT e.seq, e.at, e.actor, e.action, e.entity, e.entity_id, e.summary,
                p.id, coalesce(p.preferred_given_name, p.given_name) || ' ' || coalesce(p.preferred_family_name, p.family_name),
                p.kind,
                (SELECT u.role FROM users u
                 WHERE substr(e.actor, length(e.actor) - length(u.username) - 2) = ' (' || u.username || ')')
         FROM e LEFT JOIN people p ON p.id = e.about_id
         ORDER BY e.seq DESC",
        category = category_sql()
    );
    let mut stmt = store.conn().prepare_cached(&sql)?;
    let rows =
        stmt.query_map(
            params![
                filter.person_id.as_deref().filter(|s| !s.is_empty()),
                filter
                    .user
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(crate::db::like_escaped),
                from,
                to,
                filter
                    .action
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty()),
                filter.category.map(AuditCategory::code),
                filter.limit.map_or(500, i64::from),
            ],
            |r| {
                let at: String = r.get(1)?;
                let actor: String = r.get(2)?;
                let action: String = r.get(3)?;
                let entity: String = r.get(4)?;
                let summary: String = r.get(6)?;
                let person_id: Option<String> = r.get(7)?;
                let name: Option<String> = r.get(8)?;
                let kind: Option<String> = r.get(9)?;
                let role: Option<String> = r.get(10)?;
                let about = matches!(entity.as_str(), "person" | "agreement" | "contact_link")
                    .then(|| AuditPerson {
                        id: person_id,
                        name: name.clone(),
                        kind: kind
                            .as_deref()
                            .and_then(|k| crate::people::PersonKind::from_code(k).ok()),
                    });
                let who = about
                    .as_ref()
                    .map(|a| a.name.as_deref().unwrap_or(DESTROYED));
                Ok(AuditRow {
                    seq: r.get(0)?,
                    at: time::from_stored(&at).map_or(at, time::display_london),
                    actor_name: actor_name(&actor).to_owned(),
                    actor_role: role.as_deref().and_then(crate::auth::Role::from_code),
                    category: AuditCategory::of(&action),
                    sentence: sentence(&action, &entity, who, &summary),
                    actor,
                    action,
                    entity,
                    entity_id: r.get(5)?,
                    about,
                    summary,
                })
            },
        )?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}
