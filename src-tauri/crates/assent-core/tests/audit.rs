//! The audit chain notices every kind of tampering with the log.

use crate::common;

use std::path::{Path, PathBuf};

use assent_core::audit::{AuditCategory, AuditFilter};
use assent_core::auth::Role;
use assent_core::consent::{self, ConsentMethod, DecisionInput};
use assent_core::people::{self, Filter, PersonKind};
use assent_core::{Actor, audit, retention};

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
            common::drop_triggers(
                tx,
                &[
                    ("audit_log_no_update", "audit_log"),
                    ("audit_log_no_delete", "audit_log"),
                ],
            );
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
        .query_map((), |r| r.get(0))
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

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A literal shaped like an action code: "family.what".
fn is_code(literal: &str) -> bool {
    let mut parts = literal.split('.');
    let word = |w: Option<&str>| {
        w.is_some_and(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
    };
    word(parts.next()) && word(parts.next()) && parts.next().is_none()
}

/// The text of the call that opens at `start` (just after its `(`), up to its `)`.
fn call_text(text: &str, start: usize) -> &str {
    let mut depth = 1;
    let mut in_string = false;
    for (i, c) in text[start..].char_indices() {
        match c {
            '"' => in_string = !in_string,
            '(' if !in_string => depth += 1,
            ')' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    return &text[start..start + i];
                }
            }
            _ => {}
        }
    }
    &text[start..]
}

/// Every action code the core's sources write: the code literals in each call
/// of `audit::record` and of the incidents' `record_change`, which passes its
/// code on. A call whose code is not a literal must be one of those helpers.
fn codes_the_core_writes() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut codes = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for callee in ["audit::record(", "record_change("] {
            for (at, _) in text.match_indices(callee) {
                let before = &text[..at];
                if before.ends_with("fn ")
                    || before.ends_with("crate::") && callee == "record_change("
                {
                    continue;
                }
                let args = call_text(&text, at + callee.len());
                let found: Vec<String> = args
                    .split('"')
                    .skip(1)
                    .step_by(2)
                    .filter(|l| is_code(l))
                    .map(str::to_owned)
                    .collect();
                if found.is_empty() {
                    // Only the helper that passes on its caller's code may do this.
                    let third = args.split(',').nth(2).map(str::trim);
                    assert!(
                        file.ends_with("incidents/actions.rs") && third == Some("action"),
                        "{}: an audit entry whose action code this test cannot read: {args}",
                        file.display()
                    );
                }
                codes.extend(found);
            }
        }
    }
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn every_action_code_the_core_writes_has_a_category() {
    let codes = codes_the_core_writes();
    assert!(codes.len() > 40, "the codes were found: {codes:?}");
    for code in [
        "consent.hold",
        "incident.status",
        "settings.school_name",
        "user.add",
    ] {
        assert!(codes.iter().any(|c| c == code), "{code} in {codes:?}");
    }
    let missing: Vec<&String> = codes
        .iter()
        .filter(|c| AuditCategory::of(c).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "action codes with no category (add them to audit.rs PREFIXES): {missing:?}"
    );
    // Every category is offered with a name, and each holds something.
    let offered = audit::categories();
    assert_eq!(offered.len(), AuditCategory::ALL.len());
    for option in &offered {
        assert!(!option.label.is_empty());
        assert!(
            codes
                .iter()
                .any(|c| AuditCategory::of(c) == Some(option.category)),
            "{:?} holds no action code",
            option.category
        );
    }
    let mut labels: Vec<&str> = offered.iter().map(|o| o.label.as_str()).collect();
    labels.sort_unstable();
    labels.dedup();
    assert_eq!(labels.len(), offered.len(), "the names differ");
}

#[test]
fn categories_follow_the_longest_prefix() {
    assert_eq!(AuditCategory::of("person.add"), Some(AuditCategory::People));
    assert_eq!(
        AuditCategory::of("person.erase"),
        Some(AuditCategory::DataProtection)
    );
    assert_eq!(
        AuditCategory::of("person.subject_access"),
        Some(AuditCategory::DataProtection)
    );
    assert_eq!(
        AuditCategory::of("backup.create"),
        Some(AuditCategory::DataProtection)
    );
    assert_eq!(
        AuditCategory::of("user.password"),
        Some(AuditCategory::Users)
    );
    assert_eq!(AuditCategory::of("test.note"), None);
}

/// A demo pupil, their name, and a parent with parental responsibility.
fn pupil_and_parent(store: &assent_core::Store) -> (String, String, String) {
    let pupil = people::list(
        store,
        &Filter {
            year: Some("Y4".into()),
            ..Filter::default()
        },
    )
    .unwrap()
    .remove(0);
    let parent = people::detail(store, &pupil.id)
        .unwrap()
        .contacts
        .into_iter()
        .find(|c| c.parental_responsibility)
        .unwrap();
    let name = format!("{} {}", pupil.given_name, pupil.family_name);
    (pupil.id, name, parent.id)
}

fn consent_for(store: &mut assent_core::Store, pupil: &str, parent: &str) {
    consent::set(
        store,
        &DecisionInput {
            person_id: pupil.into(),
            purpose: "website".into(),
            yes: true,
            given_by: parent.into(),
            method: ConsentMethod::Paper,
            date: None,
        },
    )
    .unwrap();
}

#[test]
fn entries_name_the_person_and_the_user_and_narrow_by_type() {
    let (_dir, mut store) = common::demo_school();
    let (pupil, name, parent) = pupil_and_parent(&store);
    consent_for(&mut store, &pupil, &parent);

    let consent_rows = audit::list(
        &store,
        &AuditFilter {
            category: Some(AuditCategory::Consent),
            ..AuditFilter::default()
        },
    )
    .unwrap();
    assert_eq!(consent_rows.len(), 1, "{consent_rows:?}");
    let row = &consent_rows[0];
    assert_eq!(row.action, "consent.set");
    assert_eq!(row.category, Some(AuditCategory::Consent));
    assert_eq!(row.entity, "person");
    assert_eq!(row.entity_id.as_deref(), Some(pupil.as_str()));
    assert_eq!(row.actor_name, "Harriet Head");
    assert_eq!(row.actor_role, Some(Role::Head));
    let about = row.about.as_ref().unwrap();
    assert_eq!(about.id.as_deref(), Some(pupil.as_str()));
    assert_eq!(about.name.as_deref(), Some(name.as_str()));
    assert_eq!(about.kind, Some(PersonKind::Pupil));
    assert_eq!(
        row.sentence,
        format!("Recorded a photo and video consent decision for {name}.")
    );

    // The demo's people are in another category, and the rest stays out.
    let people_rows = audit::list(
        &store,
        &AuditFilter {
            category: Some(AuditCategory::People),
            ..AuditFilter::default()
        },
    )
    .unwrap();
    assert!(
        people_rows
            .iter()
            .all(|r| r.category == Some(AuditCategory::People))
    );
    let school_rows = audit::list(
        &store,
        &AuditFilter {
            category: Some(AuditCategory::School),
            ..AuditFilter::default()
        },
    )
    .unwrap();
    let actions: Vec<&str> = school_rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["demo.load", "school.create"]);
    // Entries about no one read as their summary.
    assert!(
        school_rows
            .iter()
            .all(|r| r.about.is_none() && r.sentence == r.summary)
    );

    // The type combines with the person filter.
    let about_pupil = audit::list(
        &store,
        &AuditFilter {
            person_id: Some(pupil.clone()),
            category: Some(AuditCategory::Settings),
            ..AuditFilter::default()
        },
    )
    .unwrap();
    assert!(about_pupil.is_empty());
}

#[test]
fn a_name_changed_since_is_shown_as_it_is_now() {
    let (_dir, mut store) = common::demo_school();
    let (pupil, _, parent) = pupil_and_parent(&store);
    consent_for(&mut store, &pupil, &parent);
    store
        .inspect_write(|tx| {
            tx.execute(
                "UPDATE people SET preferred_given_name = 'Sunny' WHERE id = ?1",
                [&pupil],
            )?;
            Ok(())
        })
        .unwrap();
    let rows = audit::list(
        &store,
        &AuditFilter {
            person_id: Some(pupil.clone()),
            ..AuditFilter::default()
        },
    )
    .unwrap();
    let name = rows[0].about.as_ref().unwrap().name.clone().unwrap();
    assert!(name.starts_with("Sunny "), "{name}");
    assert!(rows[0].sentence.contains(&name), "{}", rows[0].sentence);
}

#[test]
fn a_person_whose_records_were_destroyed_is_described_in_words() {
    let (_dir, mut store) = common::demo_school();
    let (pupil, name, parent) = pupil_and_parent(&store);
    consent_for(&mut store, &pupil, &parent);
    retention::erase(&mut store, &pupil, "Asked by the family").unwrap();

    let rows = audit::list(
        &store,
        &AuditFilter {
            category: Some(AuditCategory::Consent),
            ..AuditFilter::default()
        },
    )
    .unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    let about = row.about.as_ref().unwrap();
    assert_eq!(about.name, None);
    assert_eq!(about.kind, None);
    assert!(!row.sentence.contains(&name), "{}", row.sentence);
    assert_eq!(
        row.sentence,
        "Recorded a photo and video consent decision for someone whose records have since been destroyed. \
         Its details were removed under the retention policy."
    );
    let erased = audit::list(
        &store,
        &AuditFilter {
            category: Some(AuditCategory::DataProtection),
            ..AuditFilter::default()
        },
    )
    .unwrap();
    assert!(erased.iter().any(|r| r.action == "person.erase"));
}
