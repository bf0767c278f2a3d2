//! The store against real SQLite files in a temporary folder.

use std::path::Path;

use assent_core::people::{self, PersonFields, PersonKind, YearGroup};
use assent_core::{APPLICATION_ID, Actor, Error, Store, audit, dashboard, demo};
use rusqlite::Connection;

fn actor() -> Actor {
    Actor::local("test")
}

fn sha(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn a_new_database_is_configured_as_promised() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/school.db");
    let store = Store::create(&path, "  Juniper Hill Primary  ", &actor()).unwrap();
    let conn = store.conn();
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
        .query_row("SELECT name FROM school", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Juniper Hill Primary");
    assert_eq!(audit::count(conn).unwrap(), 1);
    let (tables, lax): (i64, i64) = conn
        .query_row(
            "SELECT count(*), count(*) FILTER (WHERE strict = 0) FROM pragma_table_list
             WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(tables >= 8, "{tables} tables");
    assert_eq!(lax, 0, "every table is STRICT");
}

#[test]
fn ids_are_uuid_v7_and_times_are_utc() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("s.db"), "School", &actor()).unwrap();
    let (id, at): (String, String) = store
        .conn()
        .query_row("SELECT id, at FROM audit_log", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(uuid::Uuid::parse_str(&id).unwrap().get_version_num(), 7);
    assert!(at.ends_with('Z'), "stored in UTC: {at}");
}

#[test]
fn create_refuses_an_existing_file_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    std::fs::write(&path, b"precious").unwrap();
    let err = Store::create(&path, "School", &actor()).unwrap_err();
    assert!(matches!(err, Error::AlreadyExists { .. }), "{err:?}");
    assert_eq!(sha(&path), b"precious");
}

#[test]
fn a_bad_school_name_creates_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let err = Store::create(&path, "   ", &actor()).unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    assert!(!path.exists());
}

#[test]
fn reopening_keeps_the_data_and_does_not_rerun_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    drop(Store::create(&path, "School", &actor()).unwrap());
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        assent_core::supported_schema_version()
    );
    assert_eq!(dashboard::load(&store).unwrap().school_name, "School");
}

#[test]
fn missing_files_are_reported_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("none.db");
    assert!(matches!(Store::open(&path), Err(Error::NoDatabase { .. })));
    assert!(!path.exists());
}

#[test]
fn foreign_files_are_refused_and_never_modified() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "Dear parents,\n".repeat(20)).unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let other = dir.path().join("other-app.db");
    {
        let conn = Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    for path in [&text, &empty, &other] {
        let before = sha(path);
        let err = Store::open(path).unwrap_err();
        assert!(
            matches!(err, Error::NotAssentDatabase { .. }),
            "{}: {err:?}",
            path.display()
        );
        assert_eq!(sha(path), before, "{} was modified", path.display());
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        assert!(
            !Path::new(&wal).exists(),
            "no WAL file appears beside {}",
            path.display()
        );
    }
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    drop(Store::create(&path, "School", &actor()).unwrap());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    match Store::open(&path).unwrap_err() {
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
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("s.db"), "School", &actor()).unwrap();
    let conn = store.conn();
    let update = conn.execute("UPDATE audit_log SET actor = 'someone else'", []);
    let delete = conn.execute("DELETE FROM audit_log", []);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    assert!(delete.unwrap_err().to_string().contains("append-only"));
    assert_eq!(audit::count(conn).unwrap(), 1);
}

#[test]
fn strict_tables_and_checks_reject_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("s.db"), "School", &actor()).unwrap();
    let conn = store.conn();
    let bad_kind = conn.execute(
        "INSERT INTO people (id, kind, given_name, family_name, created_at, updated_at)
         VALUES ('x', 'teacher', 'A', 'B', 't', 't')",
        [],
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
}

#[test]
fn names_are_stored_exactly_as_given() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("s.db"), "School", &actor()).unwrap();
    let names = [
        ("Zoë", "O'Brien"),
        ("Thị Hương", "Nguyễn"),
        ("ليلى", "حداد"),
        ("<b>Bold</b>", "&amp; Co"),
    ];
    store
        .write(|tx| {
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
        store.conn(),
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
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("s.db"), "School", &actor()).unwrap();
    let result: assent_core::Result<()> = store.write(|tx| {
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
    assert!(people::is_empty(store.conn()).unwrap());
}

#[test]
fn the_demo_school_is_realistic_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (store_a, summary) = demo::create_or_fill(&dir.path().join("a.db"), &actor()).unwrap();
    let (store_b, _) = demo::create_or_fill(&dir.path().join("b.db"), &actor()).unwrap();
    assert_eq!(summary.pupils, 210);
    assert!((320..=380).contains(&summary.parents), "{summary:?}");
    assert_eq!(summary.staff, 30);
    assert!(summary.governors >= 3 && summary.volunteers >= 2 && summary.visitors >= 2);

    let names = |s: &Store| -> Vec<(String, String, Option<String>)> {
        people::list(s.conn(), &people::Filter::default())
            .unwrap()
            .into_iter()
            .map(|p| (p.given_name, p.family_name, p.class))
            .collect()
    };
    assert_eq!(names(&store_a), names(&store_b), "same seed, same school");

    let conn = store_a.conn();
    let classes: i64 = conn
        .query_row(
            "SELECT count(DISTINCT class_name) FROM people WHERE kind = 'pupil'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(classes, 7);
    let unlinked_pupils: i64 = conn
        .query_row(
            "SELECT count(*) FROM people p WHERE kind = 'pupil' AND NOT EXISTS (
                 SELECT 1 FROM contact_links l WHERE l.pupil_id = p.id AND l.parental_responsibility = 1)",
            [],
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
            [],
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
}

#[test]
fn the_demo_fills_an_empty_database_but_never_one_with_people() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    drop(Store::create(&path, "Our Own School", &actor()).unwrap());
    let (store, _) = demo::create_or_fill(&path, &actor()).unwrap();
    let board = dashboard::load(&store).unwrap();
    assert_eq!(board.school_name, "Our Own School");
    let total = board.total;
    drop(store);
    let err = demo::create_or_fill(&path, &actor()).unwrap_err();
    assert!(matches!(err, Error::NotEmpty { .. }), "{err:?}");
    assert_eq!(
        dashboard::load(&Store::open(&path).unwrap()).unwrap().total,
        total
    );
}

#[test]
fn the_dashboard_counts_what_the_database_holds() {
    let dir = tempfile::tempdir().unwrap();
    let (store, summary) = demo::create_or_fill(&dir.path().join("s.db"), &actor()).unwrap();
    let board = dashboard::load(&store).unwrap();
    let count = |kind: PersonKind| board.counts.iter().find(|c| c.kind == kind).unwrap().count;
    assert_eq!(count(PersonKind::Pupil), summary.pupils);
    assert_eq!(count(PersonKind::Parent), summary.parents);
    assert_eq!(count(PersonKind::Visitor), summary.visitors);
    assert_eq!(board.counts.len(), 6);
    let sql_total: u32 = store
        .conn()
        .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .unwrap();
    assert_eq!(board.total, sql_total);
    assert!(board.last_change.is_some());
}
