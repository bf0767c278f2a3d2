//! A school's file written by an earlier release opens in this one and is
//! brought up to date without losing or changing anything it held (SQLite
//! only: the fixture is a single-PC file). The
//! fixture (`tests/fixtures/upgrade/`) was written by the schema-10 release;
//! see its README for what it holds.

use crate::common;

use std::path::{Path, PathBuf};

use assent_core::people::{self, Filter, PersonKind};
use assent_core::supported_schema_version;
use assent_core::{Store, agreements, audit, consent};

fn fixture_copy(dir: &Path) -> PathBuf {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/upgrade");
    let db = dir.join("Hawthorn Lane.db");
    std::fs::copy(fixtures.join("schema-10.db"), &db).unwrap();
    std::fs::copy(
        fixtures.join("schema-10.db.keys"),
        assent_core::keys::key_path(&db),
    )
    .unwrap();
    db
}

fn count(store: &Store, kind: PersonKind) -> usize {
    people::list(
        store,
        &Filter {
            kind: Some(kind),
            ..Filter::default()
        },
    )
    .unwrap()
    .len()
}

#[test]
fn a_schema_10_school_file_is_brought_up_to_date_with_everything_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture_copy(dir.path());

    let store = Store::open(&db, common::HEAD, common::PASSWORD).expect("the old file opens");
    assert_eq!(store.schema_version().unwrap(), supported_schema_version());
    assert!(supported_schema_version() > 10, "the fixture must be older");

    assert_eq!(count(&store, PersonKind::Pupil), 7);
    assert_eq!(count(&store, PersonKind::Parent), 9);
    assert_eq!(count(&store, PersonKind::Staff), 2);
    let lukasz = people::list(
        &store,
        &Filter {
            search: Some("Łukasz".to_owned()),
            kind: Some(PersonKind::Pupil),
            ..Filter::default()
        },
    )
    .unwrap();
    assert_eq!(lukasz.len(), 1);
    assert_eq!(lukasz[0].family_name, "Łukasiewicz");

    // Both agreements survive, and the hashes sealed at signing still match.
    let signed = agreements::agreements_for(&store, None).unwrap();
    assert_eq!(signed.len(), 2);
    for record in &signed {
        let check = agreements::verify(&store, &record.id).unwrap();
        assert!(check.matches(), "{record:?} no longer verifies: {check:?}");
    }
    let ks2 = signed
        .iter()
        .find(|r| r.person_id == lukasz[0].id)
        .expect("Łukasz's paper form");
    assert_eq!(ks2.version, 1);

    // Marta's answers, with what she was told.
    let history = consent::history(&store, &lukasz[0].id).unwrap();
    let answers: Vec<(&str, &str)> = history
        .iter()
        .map(|d| (d.purpose.as_str(), d.answer.as_str()))
        .collect();
    assert_eq!(answers.len(), 2, "{answers:?}");
    assert!(answers.contains(&("School website", "yes")), "{answers:?}");
    assert!(answers.contains(&("Local press", "no")), "{answers:?}");

    // The audit chain written by the old release is intact, with nothing lost.
    let chain = audit::verify(&store).unwrap();
    assert_eq!(chain.first_broken, None);
    assert!(chain.entries >= 39, "{} entries", chain.entries);
    drop(store);

    // Opening again changes nothing further.
    let again = Store::open(&db, common::HEAD, common::PASSWORD).unwrap();
    assert_eq!(again.schema_version().unwrap(), supported_schema_version());
    assert_eq!(audit::verify(&again).unwrap().entries, chain.entries);
}
