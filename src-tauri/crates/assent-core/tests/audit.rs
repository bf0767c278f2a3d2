//! The audit chain notices every kind of tampering with the log.

use std::path::Path;

use assent_core::{Actor, Store, audit, demo};
use rusqlite::Connection;

/// A demo school (many audit entries once a few changes are made), closed again.
fn school(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("s.db");
    let actor = Actor::local("test");
    let (mut store, _) = demo::create_or_fill(&path, &actor).unwrap();
    for year in 0..3 {
        store
            .write(|tx| {
                audit::record(
                    tx,
                    &actor,
                    "test.note",
                    "school",
                    None,
                    &format!("note {year}"),
                )
            })
            .unwrap();
    }
    path
}

/// Raw access to the file, as someone bypassing Assent would have, with the guard triggers removed.
fn tamper(path: &Path, sql: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
        .unwrap();
    conn.execute_batch(sql).unwrap();
}

fn first_broken(path: &Path) -> Option<(i64, String)> {
    let store = Store::open(path).unwrap();
    audit::verify(store.conn())
        .unwrap()
        .first_broken
        .map(|b| (b.seq, b.reason))
}

#[test]
fn an_untouched_log_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let path = school(dir.path());
    let store = Store::open(&path).unwrap();
    let report = audit::verify(store.conn()).unwrap();
    assert_eq!(report.entries, 5);
    assert_eq!(report.first_broken, None);
}

#[test]
fn an_edited_entry_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = school(dir.path());
    tamper(
        &path,
        "UPDATE audit_log SET actor = 'someone else' WHERE seq = 3",
    );
    let (seq, reason) = first_broken(&path).unwrap();
    assert_eq!(seq, 3);
    assert!(reason.contains("changed"), "{reason}");
}

#[test]
fn a_deleted_entry_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = school(dir.path());
    tamper(&path, "DELETE FROM audit_log WHERE seq = 2");
    let (seq, reason) = first_broken(&path).unwrap();
    assert_eq!(seq, 3);
    assert!(reason.contains("entry 2 is missing"), "{reason}");
}

#[test]
fn a_deleted_newest_entry_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let path = school(dir.path());
    tamper(
        &path,
        "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)",
    );
    let (seq, reason) = first_broken(&path).unwrap();
    assert_eq!(seq, 5);
    assert!(reason.contains("newest entries"), "{reason}");
}

#[test]
fn reordered_entries_are_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let path = school(dir.path());
    tamper(
        &path,
        "UPDATE audit_log SET seq = 100 WHERE seq = 3;
         UPDATE audit_log SET seq = 3 WHERE seq = 4;
         UPDATE audit_log SET seq = 4 WHERE seq = 100;",
    );
    let (seq, reason) = first_broken(&path).unwrap();
    assert_eq!(seq, 3);
    assert!(
        reason.contains("does not follow") || reason.contains("changed"),
        "{reason}"
    );
}

#[test]
fn a_rewritten_entry_with_a_recomputed_hash_still_breaks_the_next_link() {
    let dir = tempfile::tempdir().unwrap();
    let path = school(dir.path());
    // Changing an entry's text and its hash without rebuilding the rest of the chain.
    tamper(
        &path,
        "UPDATE audit_log SET summary = 'nothing happened', hash = 'abc' WHERE seq = 2",
    );
    let (seq, _) = first_broken(&path).unwrap();
    assert_eq!(seq, 2);
}
