//! The append-only audit log: who changed what, and when.
//!
//! Each entry stores the hash of the entry before it and a SHA-256 hash of
//! its own contents and position, so [`verify`] finds any entry that was
//! edited, deleted, inserted or moved. (Someone able to rewrite the whole
//! file could rebuild the chain; the chain proves the log is internally
//! consistent, and encryption and backups guard the file itself.)

use std::fmt::Write as _;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;
use uuid::Uuid;

use crate::Store;
use crate::auth::Permission;
use crate::{Actor, Result, store, time};

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
            &self.summary,
        ] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part.as_bytes());
        }
        h.finalize()
            .iter()
            .fold(String::with_capacity(64), |mut out, b| {
                let _ = write!(out, "{b:02x}");
                out
            })
    }
}

fn last_hash(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
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
    };
    let hash = entry.hash(&prev_hash);
    conn.prepare_cached(
        "INSERT INTO audit_log (seq, id, at, actor, action, entity, entity_id, summary, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
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
        hash
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
        "SELECT seq, id, at, actor, action, entity, entity_id, summary, prev_hash, hash
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
            },
            r.get(8)?,
            r.get(9)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Hashes entries written before the chain existed (run once, by a migration).
pub(crate) fn hash_unchained(conn: &Connection) -> Result<()> {
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
        if seq > 0 {
            conn.execute(
                "INSERT INTO settings (key, value, updated_at) VALUES ('audit_head', ?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![format!("{seq}:{hash}"), store::now()],
            )?;
        }
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
    let head: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'audit_head'",
            [],
            |r| r.get(0),
        )
        .optional()?;
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
