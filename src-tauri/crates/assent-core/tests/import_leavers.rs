//! Full-roll imports and their leavers: never assumed, confirmed when they are
//! many, recorded with the import, and cleared again in one action.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assent_core::Error;
use assent_core::import::{self, ImportKind, ImportRequest};

use crate::common;

const GIVEN: [&str; 6] = ["Ada", "Bryn", "Cerys", "Dev", "Esme", "Finn"];
const FAMILY: [&str; 5] = ["Quill", "Rowe", "Sallow", "Thorne", "Usk"];

/// A pupils file of the first `count` of 30 made-up pupils, matched by MIS ID.
fn roll_file(dir: &Path, name: &str, count: usize) -> PathBuf {
    let mut text =
        String::from("MIS ID,Legal Forename,Legal Surname,Date of Birth,Year Group,Reg Group\n");
    for i in 0..count {
        let _ = writeln!(
            text,
            "{},{},{},2018-0{}-1{},Year 3,Hazel",
            7000 + i,
            GIVEN[i % GIVEN.len()],
            FAMILY[i / GIVEN.len()],
            1 + i % 9,
            i % 10
        );
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn on_roll(store: &assent_core::Store) -> u32 {
    store
        .inspect()
        .query_row(
            "SELECT count(*) FROM people WHERE kind = 'pupil' AND leaving_date IS NULL",
            (),
            |r| r.get(0),
        )
        .unwrap()
}

fn full_roll(file: &Path) -> ImportRequest {
    let mut req = ImportRequest::new(ImportKind::Pupils, file);
    req.full_roll = true;
    req
}

#[test]
fn a_file_of_a_few_pupils_marks_nobody_as_leaving_unless_it_is_said_to_be_the_full_roll() {
    let dir = tempfile::tempdir().unwrap();
    let (_db, mut store) = common::school();
    let all = roll_file(dir.path(), "all.csv", 30);
    import::apply(&mut store, &ImportRequest::new(ImportKind::Pupils, &all)).unwrap();
    assert_eq!(on_roll(&store), 30);

    // The default is partial: three new starters' worth of rows leaves the rest alone.
    let few = roll_file(dir.path(), "few.csv", 3);
    let req = ImportRequest::new(ImportKind::Pupils, &few);
    assert!(!req.full_roll);
    let preview = import::preview(&store, &req).unwrap();
    assert!(preview.leaving.is_empty());
    assert!(!preview.leavers_need_confirmation);
    let done = import::apply(&mut store, &req).unwrap();
    assert_eq!(done.leaving, 0);
    assert_eq!(on_roll(&store), 30);
}

#[test]
fn leavers_beyond_a_tenth_of_the_roll_need_their_number_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let (_db, mut store) = common::school();
    import::apply(
        &mut store,
        &ImportRequest::new(ImportKind::Pupils, roll_file(dir.path(), "all.csv", 30)),
    )
    .unwrap();

    // Three of thirty is a tenth exactly: shown with names, no confirmation needed.
    let most = roll_file(dir.path(), "most.csv", 27);
    let preview = import::preview(&store, &full_roll(&most)).unwrap();
    assert_eq!((preview.leaving.len(), preview.roll), (3, 30));
    assert!(!preview.leavers_need_confirmation);
    let names: Vec<&str> = preview.leaving.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Dev Usk", "Esme Usk", "Finn Usk"]);

    // Twenty-seven of thirty: refused whole until the number is confirmed.
    let few = roll_file(dir.path(), "few.csv", 3);
    let preview = import::preview(&store, &full_roll(&few)).unwrap();
    assert_eq!((preview.leaving.len(), preview.roll), (27, 30));
    assert!(preview.leavers_need_confirmation);
    let err = import::apply(&mut store, &full_roll(&few)).unwrap_err();
    assert!(
        matches!(
            err,
            Error::LeaversNotConfirmed {
                leavers: 27,
                roll: 30,
                confirmed: None
            }
        ),
        "{err:?}"
    );
    let mut wrong = full_roll(&few);
    wrong.confirmed_leavers = Some(26);
    let err = import::apply(&mut store, &wrong).unwrap_err();
    assert!(
        matches!(
            err,
            Error::LeaversNotConfirmed {
                confirmed: Some(26),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        !err.to_string().contains("--"),
        "no CLI words in the core: {err}"
    );
    assert_eq!(on_roll(&store), 30, "nothing was written");
    let imports: u32 = store
        .inspect()
        .query_row("SELECT count(*) FROM imports", (), |r| r.get(0))
        .unwrap();
    assert_eq!(imports, 1, "only the first import is recorded");

    let mut confirmed = full_roll(&few);
    confirmed.confirmed_leavers = Some(27);
    let done = import::apply(&mut store, &confirmed).unwrap();
    assert_eq!(done.leaving, 27);
    assert_eq!(on_roll(&store), 3);
    let recorded: u32 = store
        .inspect()
        .query_row(
            "SELECT count(*) FROM import_leavers WHERE import_id = ?1",
            [&done.import_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(recorded, 27);
}

#[test]
fn an_imports_leaving_dates_are_cleared_in_one_action_once() {
    let dir = tempfile::tempdir().unwrap();
    let (_db, mut store) = common::school();
    import::apply(
        &mut store,
        &ImportRequest::new(ImportKind::Pupils, roll_file(dir.path(), "all.csv", 30)),
    )
    .unwrap();
    let mut req = full_roll(&roll_file(dir.path(), "few.csv", 5));
    req.confirmed_leavers = Some(25);
    let done = import::apply(&mut store, &req).unwrap();
    assert_eq!(on_roll(&store), 5);

    // One leaver's date is moved by hand meanwhile: clearing leaves that one alone.
    let moved: String = store
        .inspect()
        .query_row(
            "SELECT person_id FROM import_leavers WHERE import_id = ?1 ORDER BY person_id LIMIT 1",
            [&done.import_id],
            |r| r.get(0),
        )
        .unwrap();
    store
        .inspect_write(|tx| {
            tx.execute(
                "UPDATE people SET leaving_date = '2027-07-23' WHERE id = ?1",
                [&moved],
            )?;
            Ok(())
        })
        .unwrap();

    let cleared = import::clear_leavers(&mut store, &done.import_id).unwrap();
    assert_eq!((cleared.cleared, cleared.kept), (24, 1));
    assert_eq!(on_roll(&store), 29);
    let entries: u32 = store
        .inspect()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE summary LIKE 'Cleared the leaving date %'",
            (),
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        entries, 24,
        "each pupil put back on roll has an audit entry"
    );

    let again = import::clear_leavers(&mut store, &done.import_id).unwrap_err();
    assert!(again.to_string().contains("already cleared"), "{again}");
    let first = store
        .inspect()
        .query_row(
            "SELECT id FROM imports ORDER BY applied_at LIMIT 1",
            (),
            |r| r.get::<_, String>(0),
        )
        .unwrap();
    let none = import::clear_leavers(&mut store, &first).unwrap_err();
    assert!(
        none.to_string().contains("marked nobody as leaving"),
        "{none}"
    );
    let unknown = import::clear_leavers(&mut store, "no-such-import").unwrap_err();
    assert!(unknown.to_string().contains("no such import"), "{unknown}");
}

#[test]
fn the_record_of_an_import_is_append_only() {
    let dir = tempfile::tempdir().unwrap();
    let (_db, mut store) = common::school();
    let all = roll_file(dir.path(), "all.csv", 30);
    import::apply(&mut store, &ImportRequest::new(ImportKind::Pupils, &all)).unwrap();
    let done = import::apply(
        &mut store,
        &full_roll(&roll_file(dir.path(), "most.csv", 28)),
    )
    .unwrap();
    let conn = store.inspect();
    for sql in [
        "UPDATE imports SET leaving = 0",
        "DELETE FROM imports",
        "UPDATE import_leavers SET leaving_date = '2020-01-01'",
        "DELETE FROM import_leavers",
    ] {
        let err = conn.execute(sql, ()).unwrap_err();
        assert!(err.to_string().contains("can never be"), "{sql}: {err}");
    }
    assert_eq!(done.leaving, 2);
}
