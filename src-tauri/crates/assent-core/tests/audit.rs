//! The audit chain notices every kind of tampering with the log.

use crate::common;

use std::path::{Path, PathBuf};

use assent_core::{Actor, audit};

/// A demo school (many audit entries once a few changes are made), closed again.
fn school() -> (tempfile::TempDir, PathBuf) {
    let (dir, mut store) = common::demo_school();
    let actor = Actor::user("Harriet Head", common::HEAD);
    for year in 0..3 {
        store
            .inspect_write(|tx| {
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
    let path = common::db_path(&dir);
    (dir, path)
}

/// Raw access to the decrypted file, as someone bypassing Assent would have,
/// with the guard triggers removed.
fn tamper(path: &Path, sql: &str) {
    let mut store = common::open(path);
    store
        .inspect_write(|tx| {
            tx.execute_batch(
                "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;",
            )?;
            tx.execute_batch(sql)?;
            Ok(())
        })
        .unwrap();
}

fn first_broken(path: &Path) -> Option<(i64, String)> {
    let store = common::open(path);
    audit::verify(&store)
        .unwrap()
        .first_broken
        .map(|b| (b.seq, b.reason))
}

#[test]
fn an_untouched_log_verifies() {
    let (_dir, path) = school();
    let store = common::open(&path);
    let report = audit::verify(&store).unwrap();
    assert_eq!(report.entries, 5);
    assert_eq!(report.first_broken, None);
    let actors: Vec<String> = store
        .inspect()
        .prepare("SELECT DISTINCT actor FROM audit_log")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        actors,
        vec![common::HEAD_ACTOR.to_owned()],
        "every entry names the signed-in user"
    );
}

#[test]
fn an_edited_entry_is_named() {
    let (_dir, path) = school();
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
    let (_dir, path) = school();
    tamper(&path, "DELETE FROM audit_log WHERE seq = 2");
    let (seq, reason) = first_broken(&path).unwrap();
    assert_eq!(seq, 3);
    assert!(reason.contains("entry 2 is missing"), "{reason}");
}

#[test]
fn a_deleted_newest_entry_is_noticed() {
    let (_dir, path) = school();
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
    let (_dir, path) = school();
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
    let (_dir, path) = school();
    // Changing an entry's text and its hash without rebuilding the rest of the chain.
    tamper(
        &path,
        "UPDATE audit_log SET summary = 'nothing happened', hash = 'abc' WHERE seq = 2",
    );
    let (seq, _) = first_broken(&path).unwrap();
    assert_eq!(seq, 2);
}
