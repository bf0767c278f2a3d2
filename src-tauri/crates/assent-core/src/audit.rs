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

use rusqlite::{Connection, OptionalExtension, params};
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

fn last_hash(conn: &Connection) -> Result<(i64, String)> {
    // Cached: an import records an entry per person and link, and preparing
    // this statement again for each cost more than running it.
    Ok(conn
        .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_owned())))
}

/// Appends one entry. Call it inside the transaction that makes the change,
/// so the change and its record land together.
pub fn record(
    conn: &Connection,
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

fn entries(conn: &Connection) -> Result<Vec<(Entry, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT seq, id, at, actor, action, entity, entity_id, summary, prev_hash, hash, summary_sha256
         FROM audit_log ORDER BY seq",
    )?;
    let rows = stmt.query_map([], |r| {
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
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Hashes entries written before the chain existed (run once, by a migration).
pub(crate) fn hash_unchained(conn: &Connection) -> Result<()> {
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

pub(crate) fn verify_in(conn: &Connection) -> Result<ChainReport> {
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
pub(crate) fn last_change(conn: &Connection) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    let at: Option<String> = conn
        .query_row(
            "SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(at.as_deref().and_then(time::from_stored))
}

fn has_summary_digest(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'summary_sha256')",
        [],
        |r| r.get(0),
    )?)
}

/// Re-hashes the whole chain with summary digests (run once, by migration 0008,
/// on any entries written before it).
pub(crate) fn rehash_with_digests(conn: &Connection) -> Result<()> {
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
fn note_rewritten_head(conn: &Connection, seq: i64, hash: &str) -> Result<()> {
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
pub(crate) fn redact_about(conn: &Connection, person_ids: &[String]) -> Result<u32> {
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
    /// At most this many, newest first.
    pub limit: Option<u32>,
}

/// One entry as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditRow {
    /// Position in the log.
    pub seq: i64,
    /// When, in UK time, ready to show.
    pub at: String,
    /// Who.
    pub actor: String,
    /// What kind of change ("person.add").
    pub action: String,
    /// What changed, in words.
    pub summary: String,
}

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
    let mut stmt = store.conn().prepare_cached(
        "SELECT seq, at, actor, action, summary FROM audit_log
         WHERE (?1 IS NULL OR entity_id = ?1 OR entity_id IN (SELECT id FROM agreements WHERE person_id = ?1))
           AND (?2 IS NULL OR instr(lower(actor), lower(?2)) > 0)
           AND (?3 IS NULL OR at >= ?3)
           AND (?4 IS NULL OR at < ?4)
           AND (?5 IS NULL OR action LIKE ?5 || '%')
         ORDER BY seq DESC LIMIT ?6",
    )?;
    let rows = stmt.query_map(
        params![
            filter.person_id.as_deref().filter(|s| !s.is_empty()),
            filter
                .user
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty()),
            from,
            to,
            filter
                .action
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty()),
            filter.limit.map_or(500, i64::from),
        ],
        |r| {
            let at: String = r.get(1)?;
            Ok(AuditRow {
                seq: r.get(0)?,
                at: time::from_stored(&at).map_or(at, time::display_london),
                actor: r.get(2)?,
                action: r.get(3)?,
                summary: r.get(4)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
