//! The store against real, encrypted SQLite files in a temporary folder.
//!
//! SQLite only: these are about the single-PC file itself (where it is made,
//! its header, its pragmas, what is left when creating it fails).

use crate::common;

use std::path::{Path, PathBuf};

use crate::common::{HEAD, PASSWORD};
use assent_core::keys::key_path;
use assent_core::people::{self, PersonFields, PersonKind, YearGroup};
use assent_core::{APPLICATION_ID, Admin, Error, Store, dashboard, demo};
use rusqlite::Connection;

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

fn audit_entries(store: &Store) -> i64 {
    store
        .inspect()
        .query_row("SELECT count(*) FROM audit_log", (), |r| r.get(0))
        .unwrap()
}

fn people_count(store: &Store) -> i64 {
    store
        .inspect()
        .query_row("SELECT count(*) FROM people", (), |r| r.get(0))
        .unwrap()
}

/// Opening `path` is refused with an error `expected` accepts, and nothing
/// about the file changes: same bytes, no WAL or shared-memory file beside it.
fn refused_untouched(path: &Path, expected: impl Fn(&Error) -> bool) {
    let before = bytes(path);
    let keys_before = std::fs::read(key_path(path)).ok();
    let err = Store::open(path, HEAD, PASSWORD).unwrap_err();
    assert!(expected(&err), "{}: {err:?}", path.display());
    assert_eq!(bytes(path), before, "{} was modified", path.display());
    if let Some(keys) = keys_before {
        assert_eq!(
            bytes(&key_path(path)),
            keys,
            "the key file beside {} was modified",
            path.display()
        );
    }
    for suffix in ["-wal", "-journal"] {
        let extra = beside(path, suffix);
        let untouched = !extra.exists() || std::fs::metadata(&extra).unwrap().len() == 0;
        assert!(untouched, "{} was written", extra.display());
    }
}

/// A plain, unencrypted SQLite file like another program's, optionally
/// claiming to be Assent's through its application id.
fn plain_sqlite(path: &Path, application_id: Option<u32>) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    if let Some(id) = application_id {
        conn.pragma_update(None, "application_id", id).unwrap();
    }
}

#[test]
fn a_new_database_is_configured_as_promised() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/school.db");
    let store = common::create(&path, "  Juniper Hill Primary  ");
    assert!(key_path(&path).exists(), "the key file sits beside it");
    let conn = store.inspect_sqlite();
    let journal: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    let fks: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    let app_id: u32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    assert_eq!(fks, 1);
    assert_eq!(app_id, APPLICATION_ID);
    assert_eq!(
        store.schema_version().unwrap(),
        assent_core::supported_schema_version()
    );
    let name: String = conn
        .query_row("SELECT name FROM school", (), |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Juniper Hill Primary");
    assert_eq!(audit_entries(&store), 1);
    let (tables, lax): (i64, i64) = conn
        .query_row(
            "SELECT count(*), count(*) FILTER (WHERE strict = 0) FROM pragma_table_list
             WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'",
            (),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(tables >= 8, "{tables} tables");
    assert_eq!(lax, 0, "every table is STRICT");
    let session = store.session().unwrap();
    assert_eq!(
        (session.username.as_str(), session.role),
        (HEAD, assent_core::auth::Role::Head),
        "the first user is signed in as head"
    );
}

#[test]
fn ids_are_uuid_v7_and_times_are_utc() {
    let (_dir, store) = common::school();
    let (id, at, actor): (String, String, String) = store
        .inspect()
        .query_row("SELECT id, at, actor FROM audit_log", (), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(uuid::Uuid::parse_str(&id).unwrap().get_version_num(), 7);
    assert!(at.ends_with('Z'), "stored in UTC: {at}");
    assert_eq!(actor, common::HEAD_ACTOR);
}

#[test]
fn create_refuses_an_existing_file_or_key_file_and_leaves_them_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    std::fs::write(&path, b"precious").unwrap();
    let err = Store::create(&path, "School", &common::admin()).unwrap_err();
    assert!(matches!(err, Error::AlreadyExists { .. }), "{err:?}");
    assert_eq!(bytes(&path), b"precious");
    assert!(!key_path(&path).exists());

    let other = dir.path().join("t.db");
    std::fs::write(key_path(&other), b"precious keys").unwrap();
    let err = Store::create(&other, "School", &common::admin()).unwrap_err();
    assert!(matches!(err, Error::AlreadyExists { .. }), "{err:?}");
    assert_eq!(bytes(&key_path(&other)), b"precious keys");
    assert!(!other.exists());
}

#[test]
fn a_bad_school_name_or_short_password_creates_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let err = Store::create(&path, "   ", &common::admin()).unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    let short = Admin {
        password: "too short".to_owned(),
        ..common::admin()
    };
    let err = Store::create(&path, "School", &short).unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { ref field, .. } if field == "password"),
        "{err:?}"
    );
    assert!(!path.exists());
    assert!(!key_path(&path).exists());
}

#[test]
fn reopening_keeps_the_data_and_does_not_rerun_migrations() {
    let (dir, store) = common::school();
    drop(store);
    let store = common::open(&common::db_path(&dir));
    assert_eq!(
        store.schema_version().unwrap(),
        assent_core::supported_schema_version()
    );
    assert_eq!(dashboard::load(&store).unwrap().school_name, "School");
    assert_eq!(audit_entries(&store), 1, "opening records nothing");
}

#[test]
fn missing_files_are_reported_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("none.db");
    let err = Store::open(&path, HEAD, PASSWORD).unwrap_err();
    assert!(matches!(err, Error::NoDatabase { .. }), "{err:?}");
    assert!(!path.exists());
    assert!(!key_path(&path).exists());
}

#[test]
fn plain_sqlite_files_are_refused_and_never_modified() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other-app.db");
    plain_sqlite(&other, None);
    let lookalike = dir.path().join("lookalike.db");
    plain_sqlite(&lookalike, Some(APPLICATION_ID));
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let not_ours = |e: &Error| matches!(e, Error::NotAssentDatabase { .. });
    for path in [&other, &lookalike, &empty] {
        refused_untouched(path, not_ours);
    }
    // Even with a real key file beside them, they are not opened.
    let (school_dir, store) = common::school();
    drop(store);
    let keys = bytes(&key_path(&common::db_path(&school_dir)));
    for path in [&other, &lookalike, &empty] {
        std::fs::write(key_path(path), &keys).unwrap();
        refused_untouched(path, not_ours);
    }
}

#[test]
fn a_missing_key_file_is_reported_and_the_database_left_alone() {
    let (dir, store) = common::school();
    drop(store);
    let path = common::db_path(&dir);
    std::fs::remove_file(key_path(&path)).unwrap();
    refused_untouched(&path, |e| matches!(e, Error::KeysMissing { .. }));
    assert!(!key_path(&path).exists(), "no key file is made up");
}

#[test]
fn a_damaged_key_file_is_reported() {
    let (dir, store) = common::school();
    drop(store);
    let path = common::db_path(&dir);
    std::fs::write(key_path(&path), b"{ not a key file").unwrap();
    refused_untouched(&path, |e| matches!(e, Error::KeysDamaged { .. }));
}

/// Two schools whose head users happen to share a username and password:
/// putting one school's key file beside the other's database does not open it.
///
/// Ignored until the core can tell a foreign key file apart: today the foreign
/// key opens its own seal, fails to decrypt the database, and is reported as
/// [`Error::Damaged`] (advice: restore the database) instead of
/// [`Error::KeysDamaged`] (advice: restore the key file).
#[test]
fn a_key_file_from_another_school_does_not_open_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("ours.db");
    let theirs = dir.path().join("theirs.db");
    drop(common::create(&ours, "Our School"));
    drop(common::create(&theirs, "Their School"));
    std::fs::copy(key_path(&theirs), key_path(&ours)).unwrap();
    refused_untouched(&ours, |e| {
        matches!(e, Error::Damaged { .. }) && e.to_string().contains("belong to different schools")
    });
}

#[test]
fn garbage_or_truncated_databases_are_refused_and_never_modified() {
    let (dir, store) = common::school();
    drop(store);
    let path = common::db_path(&dir);
    let real = bytes(&path);
    let damaged = |e: &Error| matches!(e, Error::Damaged { .. } | Error::NotAssentDatabase { .. });

    // Not a database at all, with the school's real key file beside it.
    std::fs::write(&path, "Dear parents,\n".repeat(400)).unwrap();
    refused_untouched(&path, damaged);

    // The first bytes only, and then half of the real file.
    for len in [100, real.len() / 2] {
        std::fs::write(&path, &real[..len]).unwrap();
        refused_untouched(&path, damaged);
    }

    // The first page overwritten with random bytes, the rest real.
    let mut scrambled = real.clone();
    let mut rng = fastrand::Rng::with_seed(3);
    for b in &mut scrambled[..4096] {
        *b = rng.u8(..);
    }
    std::fs::write(&path, &scrambled).unwrap();
    refused_untouched(&path, damaged);

    // Put back, it opens again.
    std::fs::write(&path, &real).unwrap();
    drop(common::open(&path));
}

#[test]
fn a_newer_schema_is_refused() {
    let (dir, store) = common::school();
    store
        .inspect_sqlite()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    drop(store);
    match Store::open(&common::db_path(&dir), HEAD, PASSWORD).unwrap_err() {
        Error::NewerSchema {
            found, supported, ..
        } => {
            assert_eq!(
                (found, supported),
                (99, assent_core::supported_schema_version())
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_audit_log_cannot_be_changed_or_deleted() {
    let (_dir, store) = common::school();
    let conn = store.inspect();
    let update = conn.execute("UPDATE audit_log SET actor = 'someone else'", ());
    let delete = conn.execute("DELETE FROM audit_log", ());
    assert!(update.unwrap_err().to_string().contains("append-only"));
    assert!(delete.unwrap_err().to_string().contains("append-only"));
    assert_eq!(audit_entries(&store), 1);
}

#[test]
fn strict_tables_and_checks_reject_bad_rows() {
    let (_dir, store) = common::school();
    let conn = store.inspect();
    let bad_kind = conn.execute(
        "INSERT INTO people (id, kind, given_name, family_name, created_at, updated_at)
         VALUES ('x', 'teacher', 'A', 'B', 't', 't')",
        (),
    );
    assert!(bad_kind.is_err());
    let adult_with_year = people::insert(
        conn,
        &PersonFields {
            kind: Some(PersonKind::Staff),
            given_name: "Ada".into(),
            family_name: "Lovelace".into(),
            year_group: Some(YearGroup::Year(3)),
            ..PersonFields::default()
        },
        "2026-11-22T10:00:00.000Z",
    );
    assert!(matches!(adult_with_year, Err(Error::InvalidInput { .. })));
    let dangling = people::link_contact(conn, "no-such-pupil", "no-such-parent", "Mother", 1, true);
    assert!(dangling.is_err(), "foreign keys are enforced");
    let upper = conn.execute(
        "INSERT INTO users (id, username, display_name, role, created_at, updated_at)
         VALUES ('u', 'Head2', 'Someone', 'head', 't', 't')",
        (),
    );
    assert!(upper.is_err(), "usernames are stored in lower case");
}

#[test]
fn names_are_stored_exactly_as_given() {
    let (_dir, mut store) = common::school();
    let names = [
        ("Zoë", "O'Brien"),
        ("Thị Hương", "Nguyễn"),
        ("ليلى", "حداد"),
        ("<b>Bold</b>", "&amp; Co"),
    ];
    store
        .inspect_write(|tx| {
            for (given, family) in names {
                people::insert(
                    tx,
                    &PersonFields {
                        kind: Some(PersonKind::Parent),
                        given_name: given.into(),
                        family_name: family.into(),
                        ..PersonFields::default()
                    },
                    "2026-11-22T10:00:00.000Z",
                )?;
            }
            Ok(())
        })
        .unwrap();
    let listed = people::list(
        &store,
        &people::Filter {
            kind: Some(PersonKind::Parent),
            ..people::Filter::default()
        },
    )
    .unwrap();
    for (given, family) in names {
        assert!(
            listed
                .iter()
                .any(|p| p.given_name == given && p.family_name == family),
            "{given} {family} came back changed"
        );
    }
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let (_dir, mut store) = common::school();
    let result: assent_core::Result<()> = store.inspect_write(|tx| {
        people::insert(
            tx,
            &PersonFields {
                kind: Some(PersonKind::Staff),
                given_name: "Ada".into(),
                family_name: "Lovelace".into(),
                ..PersonFields::default()
            },
            "2026-11-22T10:00:00.000Z",
        )?;
        Err(Error::invalid("test", "stop half-way"))
    });
    assert!(result.is_err());
    assert_eq!(people_count(&store), 0);
}

#[test]
fn the_demo_school_is_realistic_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (store_a, summary) =
        demo::create_or_fill(&dir.path().join("a.db"), &common::admin()).unwrap();
    let (store_b, _) = demo::create_or_fill(&dir.path().join("b.db"), &common::admin()).unwrap();
    assert_eq!(summary.pupils, 210);
    assert!((320..=380).contains(&summary.parents), "{summary:?}");
    assert_eq!(summary.staff, 30);
    assert!(summary.governors >= 3 && summary.volunteers >= 2 && summary.visitors >= 2);

    let names = |s: &Store| -> Vec<(String, String, Option<String>)> {
        people::list(s, &people::Filter::default())
            .unwrap()
            .into_iter()
            .map(|p| (p.given_name, p.family_name, p.class))
            .collect()
    };
    assert_eq!(names(&store_a), names(&store_b), "same seed, same school");

    let conn = store_a.inspect();
    let classes: i64 = conn
        .query_row(
            "SELECT count(DISTINCT class_name) FROM people WHERE kind = 'pupil'",
            (),
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(classes, 7);
    let unlinked_pupils: i64 = conn
        .query_row(
            "SELECT count(*) FROM people p WHERE kind = 'pupil' AND NOT EXISTS (
                 SELECT 1 FROM contact_links l WHERE l.pupil_id = p.id AND l.parental_responsibility = TRUE)",
            (),
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        unlinked_pupils, 0,
        "every pupil has a contact with parental responsibility"
    );
    let shared_parents: i64 = conn
        .query_row(
            "SELECT count(*) FROM (SELECT contact_id FROM contact_links GROUP BY contact_id HAVING count(*) > 1)",
            (),
            |r| r.get(0),
        )
        .unwrap();
    assert!(shared_parents > 10, "siblings share their parents");
    let all = names(&store_a);
    for needle in ["Zoë", "Łukasz"] {
        assert!(all.iter().any(|(g, _, _)| g == needle), "{needle} missing");
    }
    assert!(all.iter().any(|(_, f, _)| f == "Nguyễn"));
    assert!(
        all.iter()
            .any(|(g, _, _)| g.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))),
        "a name in Arabic script"
    );
    assert!(
        all.iter()
            .any(|(g, _, _)| g.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))),
        "a name in Chinese script"
    );

    // One staff user per other role, each able to sign in with the head's password.
    let users: Vec<(String, assent_core::auth::Role)> = assent_core::users::list(&store_a)
        .unwrap()
        .into_iter()
        .map(|u| (u.username, u.role))
        .collect();
    for (username, _, role, _) in demo::DEMO_USERS {
        assert!(
            users.contains(&(username.to_owned(), role)),
            "{username} missing from {users:?}"
        );
    }
    let mut store_a = store_a;
    store_a.sign_in("teacher", PASSWORD).unwrap();
    assert_eq!(
        store_a.session().unwrap().classes,
        vec!["Oak".to_owned(), "Willow".to_owned()]
    );
}

#[test]
fn the_demo_school_has_a_pupil_named_in_every_script_the_window_draws() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo::create_or_fill(&dir.path().join("a.db"), &common::admin()).unwrap();
    let pupils: Vec<String> = people::list(&store, &people::Filter::default())
        .unwrap()
        .into_iter()
        .filter(|p| p.kind == PersonKind::Pupil)
        .map(|p| format!("{} {}", p.given_name, p.family_name))
        .collect();
    for (script, lo, hi) in [
        ("Greek", '\u{0370}', '\u{03FF}'),
        ("Cyrillic", '\u{0400}', '\u{04FF}'),
        ("Hebrew", '\u{0590}', '\u{05FF}'),
        ("Arabic", '\u{0600}', '\u{06FF}'),
        ("Devanagari", '\u{0900}', '\u{097F}'),
        ("Bengali", '\u{0980}', '\u{09FF}'),
        ("Vietnamese", '\u{1EA0}', '\u{1EF9}'),
        ("Japanese kana", '\u{3040}', '\u{30FF}'),
        ("Han", '\u{4E00}', '\u{9FFF}'),
        ("Hangul", '\u{AC00}', '\u{D7A3}'),
    ] {
        assert!(
            pupils
                .iter()
                .any(|n| n.chars().any(|c| (lo..=hi).contains(&c))),
            "no pupil's name in {script} script"
        );
    }
}

#[test]
fn the_demo_fills_an_empty_database_but_never_one_with_people() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    drop(common::create(&path, "Our Own School"));
    let (store, _) = demo::create_or_fill(&path, &common::admin()).unwrap();
    let board = dashboard::load(&store).unwrap();
    assert_eq!(board.school_name, "Our Own School");
    let total = board.total;
    drop(store);
    let err = demo::create_or_fill(&path, &common::admin()).unwrap_err();
    assert!(matches!(err, Error::NotEmpty { .. }), "{err:?}");
    assert_eq!(dashboard::load(&common::open(&path)).unwrap().total, total);
}

#[test]
fn the_dashboard_counts_what_the_database_holds() {
    let (_dir, mut store) = common::school();
    let summary = demo::fill(&mut store).unwrap();
    let board = dashboard::load(&store).unwrap();
    let count = |kind: PersonKind| board.counts.iter().find(|c| c.kind == kind).unwrap().count;
    assert_eq!(count(PersonKind::Pupil), summary.pupils);
    assert_eq!(count(PersonKind::Parent), summary.parents);
    assert_eq!(count(PersonKind::Visitor), summary.visitors);
    assert_eq!(board.counts.len(), 6);
    let sql_total = people_count(&store);
    assert_eq!(i64::from(board.total), sql_total);
    assert!(board.last_change.is_some());
}
