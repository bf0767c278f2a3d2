//! The fingerprint of the photo and video choices made in a parent agreement.
//!
//! The agreement's seal covers one fingerprint of its choices, built from a
//! line per child: each line is the digest of that child's answers (purpose,
//! answer, who gave it, the explanation shown and the date). Lines rather than
//! one digest of every answer so that a child's records can be destroyed under
//! the retention rules while the parent's agreement is kept: the purge keeps
//! the destroyed child's line (a digest, no personal data), and the agreement
//! still verifies from the lines of the children whose answers remain plus the
//! lines kept for those whose answers were destroyed.

use std::collections::BTreeMap;

use crate::db::Conn;
use crate::params;

use super::seal::seal;
use crate::{Result, store};

/// Each child's line for the choices recorded with `agreement_id`, by child id.
fn lines(conn: &Conn, agreement_id: &str, only: Option<&str>) -> Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.person_id, p.code, d.answer, coalesce(d.given_by_person_id, ''), d.explanation_id, d.decided_on
         FROM consent_decisions d JOIN consent_purposes p ON p.id = d.purpose_id
         WHERE d.agreement_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR d.person_id = ?2)
         ORDER BY d.person_id, p.code, d.answer, d.id",
    )?;
    let mut answers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let rows = stmt.query_map(params![agreement_id, only], |r| {
        let parts: [String; 6] = [
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ];
        Ok(parts)
    })?;
    for parts in rows {
        let parts = parts?;
        answers
            .entry(parts[0].clone())
            .or_default()
            .push(seal(&parts.each_ref().map(String::as_str)));
    }
    Ok(answers
        .into_iter()
        .map(|(child, answers)| {
            let refs: Vec<&str> = answers.iter().map(String::as_str).collect();
            (child, seal(&refs))
        })
        .collect())
}

/// The lines kept for children whose answers were destroyed.
fn destroyed_lines(conn: &Conn, agreement_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT line_sha256 FROM agreement_choices_destroyed WHERE agreement_id = ?1",
    )?;
    let rows = stmt.query_map([agreement_id], |r| r.get(0))?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// One fingerprint of a set of lines, whatever order they were found in.
fn fingerprint(mut lines: Vec<String>) -> String {
    lines.sort();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    seal(&refs)
}

/// The fingerprint of the choices recorded with an agreement, as it is sealed
/// when the agreement is made.
pub(super) fn seal_of(conn: &Conn, agreement_id: &str) -> Result<String> {
    Ok(fingerprint(
        lines(conn, agreement_id, None)?.into_values().collect(),
    ))
}

/// The fingerprint recomputed from what is stored now, and how many children's
/// answers it takes from the lines kept when their records were destroyed.
pub(super) fn recompute(conn: &Conn, agreement_id: &str) -> Result<(String, usize)> {
    let destroyed = destroyed_lines(conn, agreement_id)?;
    let n = destroyed.len();
    let mut all: Vec<String> = lines(conn, agreement_id, None)?.into_values().collect();
    all.extend(destroyed);
    Ok((fingerprint(all), n))
}

/// Before the retention rules destroy a child's answers, keeps their line for
/// each agreement that recorded them, so those agreements still verify. Runs
/// inside the purge, whose permit is the only way into the kept lines.
pub(crate) fn keep_before_destroying(tx: &Conn, child_id: &str) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT DISTINCT d.agreement_id FROM consent_decisions d
         JOIN agreements a ON a.id = d.agreement_id
         WHERE d.person_id = ?1 AND a.person_id <> ?1",
    )?;
    let agreements: Vec<String> = stmt
        .query_map([child_id], |r| r.get(0))?
        .collect::<crate::db::Result<_>>()?;
    let now = store::now();
    for agreement_id in agreements {
        for line in lines(tx, &agreement_id, Some(child_id))?.into_values() {
            tx.execute(
                "INSERT INTO agreement_choices_destroyed (agreement_id, line_sha256, destroyed_at)
                 VALUES (?1, ?2, ?3)",
                params![agreement_id, line, now],
            )?;
        }
    }
    Ok(())
}
