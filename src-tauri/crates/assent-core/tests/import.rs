//! Imports from real files into real, encrypted SQLite databases.

use crate::common;

use std::path::{Path, PathBuf};

use assent_core::db::ValueRef;
use assent_core::import::{self, ImportKind, ImportRequest};
use assent_core::people::{self, Filter, PersonKind};
use assent_core::{Error, Store};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/import")
        .join(name)
}

fn new_school(dir: &tempfile::TempDir) -> (Store, PathBuf) {
    let path = dir.path().join("school.db");
    (common::create(&path, "Brookside Primary"), path)
}

fn import(store: &mut Store, kind: ImportKind, file: &Path) -> assent_core::import::ImportOutcome {
    import::apply(store, &ImportRequest::new(kind, file)).unwrap()
}

/// Every row of every table, so "nothing changed" can be checked exactly.
fn snapshot(store: &Store) -> Vec<String> {
    let conn = store.inspect();
    let tables = conn.table_names().unwrap();
    let mut out = Vec::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1"))
            .unwrap();
        let mut rows = stmt.query(()).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let values: Vec<String> = (0..row.len())
                .map(|i| match row.value(i).unwrap() {
                    ValueRef::Null => "NULL".to_owned(),
                    ValueRef::Integer(v) => v.to_string(),
                    ValueRef::Real(v) => v.to_string(),
                    ValueRef::Text(t) => format!("{t:?}"),
                    ValueRef::Blob(b) => format!("{b:?}"),
                })
                .collect();
            out.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    out
}

/// Audit rows (and the note of the newest one) and the import's own record note
/// every import, even one that changes nothing.
fn is_audit(row: &str) -> bool {
    row.starts_with("audit_log")
        || row.starts_with("settings: \"audit_head\"")
        || row.starts_with("imports: ")
}

fn pupils(store: &Store) -> Vec<people::PersonSummary> {
    people::list(
        store,
        &Filter {
            kind: Some(PersonKind::Pupil),
            include_leavers: true,
            ..Filter::default()
        },
    )
    .unwrap()
}

#[test]
fn preview_writes_nothing_and_apply_adds_everyone_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = new_school(&dir);
    let before = snapshot(&store);
    let preview = import::preview(
        &store,
        &ImportRequest::new(ImportKind::Pupils, fixture("school-pupils.csv")),
    )
    .unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(preview.added.len(), 7);
    assert_eq!(snapshot(&store), before, "a preview writes nothing");

    let done = import(
        &mut store,
        ImportKind::Pupils,
        &fixture("school-pupils.csv"),
    );
    assert_eq!(
        (done.added, done.changed, done.unchanged, done.leaving),
        (7, 0, 0, 0)
    );
    let all = pupils(&store);
    let names: Vec<(&str, &str)> = all
        .iter()
        .map(|p| (p.given_name.as_str(), p.family_name.as_str()))
        .collect();
    for expected in [
        ("Zoë", "O'Brien"),
        ("Thị Hương", "Nguyễn"),
        ("Łukasz", "Łukasiewicz"),
        ("Ingrid", "Ødegård"),
        ("محمد", "الحسيني"),
        ("芳", "王"),
    ] {
        assert!(
            names.contains(&expected),
            "{expected:?} missing from {names:?}"
        );
    }
    let fang = all.iter().find(|p| p.given_name == "芳").unwrap();
    assert_eq!(fang.preferred_given_name.as_deref(), Some("Fang"));
    assert_eq!(fang.year_group.as_deref(), Some("Reception"));
    assert_eq!(
        fang.key_stage.map(assent_core::values::KeyStage::label),
        Some("EYFS")
    );
    let lukasz = all.iter().find(|p| p.given_name == "Łukasz").unwrap();
    assert_eq!(
        lukasz.key_stage.map(assent_core::values::KeyStage::label),
        Some("KS2")
    );
    assert_eq!(lukasz.upn.as_deref(), Some("F999200121003"));
}

#[test]
fn importing_the_same_file_twice_changes_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = new_school(&dir);
    import(
        &mut store,
        ImportKind::Pupils,
        &fixture("school-pupils.csv"),
    );
    import(
        &mut store,
        ImportKind::Contacts,
        &fixture("school-contacts.csv"),
    );
    import(&mut store, ImportKind::Staff, &fixture("school-staff.csv"));
    let before = snapshot(&store);
    for (kind, file, rows) in [
        (ImportKind::Pupils, "school-pupils.csv", 7),
        (ImportKind::Contacts, "school-contacts.csv", 10),
        (ImportKind::Staff, "school-staff.csv", 5),
    ] {
        let preview = import::preview(&store, &ImportRequest::new(kind, fixture(file))).unwrap();
        assert!(
            preview.added.is_empty() && preview.changed.is_empty() && preview.leaving.is_empty(),
            "{file}: {preview:?}"
        );
        assert_eq!(preview.unchanged, rows, "{file}");
    }
    let again = import(
        &mut store,
        ImportKind::Pupils,
        &fixture("school-pupils.csv"),
    );
    assert_eq!((again.added, again.changed, again.leaving), (0, 0, 0));
    let after: Vec<String> = snapshot(&store)
        .into_iter()
        .filter(|r| !is_audit(r))
        .collect();
    let before: Vec<String> = before.into_iter().filter(|r| !is_audit(r)).collect();
    assert_eq!(
        after, before,
        "only the audit log records the second import"
    );
}

/// Files saved on Windows (by Excel, Notepad or the MIS) end their lines with
/// CR LF: they must import exactly as the same file with LF alone, with no
/// carriage return left on the last column of any row.
#[test]
fn windows_line_endings_import_exactly_like_unix_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (mut unix, _) = new_school(&dir);
    let windows_dir = tempfile::tempdir().unwrap();
    let (mut windows, _) = new_school(&windows_dir);
    let files = [
        (ImportKind::Pupils, "school-pupils.csv", 7),
        (ImportKind::Contacts, "school-contacts.csv", 10),
        (ImportKind::Staff, "school-staff.csv", 5),
    ];
    for (kind, name, rows) in files {
        let text = std::fs::read_to_string(fixture(name)).unwrap();
        assert!(!text.contains('\r'), "{name} is the LF original");
        let crlf = dir.path().join(name);
        std::fs::write(&crlf, text.replace('\n', "\r\n")).unwrap();
        let from_unix = import(&mut unix, kind, &fixture(name));
        let from_windows = import(&mut windows, kind, &crlf);
        assert_eq!(
            (
                from_windows.added,
                from_windows.changed,
                from_windows.leaving
            ),
            (from_unix.added, from_unix.changed, from_unix.leaving),
            "{name}"
        );
        // The CR LF file, against what the LF one imported, changes nothing.
        let again = import::preview(&unix, &ImportRequest::new(kind, &crlf)).unwrap();
        assert!(again.problems.is_empty(), "{name}: {:?}", again.problems);
        assert!(
            again.added.is_empty() && again.changed.is_empty() && again.leaving.is_empty(),
            "{name}: {again:?}"
        );
        assert_eq!(again.unchanged, rows, "{name}");
    }
    let stray: Vec<String> = snapshot(&windows)
        .into_iter()
        .filter(|row| !is_audit(row) && row.contains("\\r"))
        .collect();
    assert!(stray.is_empty(), "{stray:#?}");
}

#[test]
fn a_file_with_any_bad_row_is_rejected_whole_with_every_problem_listed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path) = new_school(&dir);
    import(
        &mut store,
        ImportKind::Pupils,
        &fixture("school-pupils.csv"),
    );
    let before = snapshot(&store);
    let req = ImportRequest::new(ImportKind::Pupils, fixture("bad-pupils.csv"));
    let preview = import::preview(&store, &req).unwrap();
    let found = |line: u64, needle: &str| {
        preview
            .problems
            .iter()
            .any(|p| p.line == line && p.to_string().contains(needle))
    };
    let listing: Vec<String> = preview.problems.iter().map(ToString::to_string).collect();
    assert!(found(2, "check letter should be M"), "{listing:#?}");
    assert!(found(3, "31 February 2019"), "{listing:#?}");
    assert!(found(4, "in the future"), "{listing:#?}");
    assert!(found(5, "legal surname is missing"), "{listing:#?}");
    assert!(found(6, "Year 9"), "{listing:#?}");
    assert!(found(7, "also on line 4"), "{listing:#?}");
    assert!(found(8, "already belongs to Zoë O'Brien"), "{listing:#?}");
    assert!(preview.problems.iter().all(|p| !p.reason.is_empty()));
    assert!(
        preview.leaving.is_empty(),
        "a file that cannot be imported proposes no leavers"
    );

    let err = import::apply(&mut store, &req).unwrap_err();
    assert!(
        matches!(err, Error::ImportRejected { ref problems, .. } if problems.len() == preview.problems.len()),
        "{err:?}"
    );
    drop(store);
    assert_eq!(
        snapshot(&common::open(&path)),
        before,
        "a rejected file leaves the database exactly as it was"
    );
}

#[test]
fn an_mis_export_with_other_column_names_matches_by_mis_id() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = new_school(&dir);
    import(
        &mut store,
        ImportKind::Pupils,
        &fixture("school-pupils.csv"),
    );
    let preview = import::preview(
        &store,
        &ImportRequest::new(ImportKind::Pupils, fixture("mis-export.tsv")),
    )
    .unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(
        preview.unmapped_columns,
        vec!["House".to_owned()],
        "unknown columns are reported"
    );
    assert_eq!(preview.unchanged, 7, "{preview:?}");
    let map = preview.columns.unwrap();
    let field = |h: &str| {
        map.columns
            .iter()
            .find(|c| c.header == h)
            .unwrap()
            .field
            .clone()
    };
    assert_eq!(field("Adno").as_deref(), Some("MIS ID"));
    assert_eq!(field("DOB").as_deref(), Some("Date of Birth"));
}

#[test]
fn changes_are_listed_field_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = new_school(&dir);
    import(
        &mut store,
        ImportKind::Pupils,
        &fixture("school-pupils.csv"),
    );
    let moved = dir.path().join("moved.csv");
    let text = std::fs::read_to_string(fixture("school-pupils.csv")).unwrap();
    std::fs::write(
        &moved,
        text.replace(
            "Zoë,O'Brien,,,2019-03-14,F,Year 2,Cedar",
            "Zoë,O'Brien,Zoe,,2019-03-14,F,Year 2,Beech",
        ),
    )
    .unwrap();
    let preview = import::preview(&store, &ImportRequest::new(ImportKind::Pupils, &moved)).unwrap();
    assert_eq!(preview.changed.len(), 1);
    let changes = &preview.changed[0].changes;
    let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, vec!["Preferred forename", "Class"]);
    assert_eq!(changes[1].from.as_deref(), Some("Cedar"));
    assert_eq!(changes[1].to.as_deref(), Some("Beech"));
}

#[test]
fn pupils_missing_from_a_full_roll_are_proposed_as_leavers_and_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = new_school(&dir);
    import(
        &mut store,
        ImportKind::Pupils,
        &fixture("school-pupils.csv"),
    );
    let shorter = dir.path().join("shorter.csv");
    let text = std::fs::read_to_string(fixture("school-pupils.csv")).unwrap();
    let kept: Vec<&str> = text.lines().filter(|l| !l.contains("Oluwaseun")).collect();
    std::fs::write(&shorter, kept.join("\n")).unwrap();

    let mut req = ImportRequest::new(ImportKind::Pupils, &shorter);
    req.full_roll = true;
    req.leaving_date = Some(chrono::NaiveDate::from_ymd_opt(2026, 7, 22).unwrap());
    // One of seven is more than a tenth of the roll.
    req.confirmed_leavers = Some(1);
    let preview = import::preview(&store, &req).unwrap();
    assert_eq!(preview.leaving.len(), 1);
    assert_eq!(preview.leaving[0].name, "Seun Adeyemi");
    let done = import::apply(&mut store, &req).unwrap();
    assert_eq!(done.leaving, 1);
    let all = pupils(&store);
    assert_eq!(all.len(), 7, "nobody is deleted");
    assert!(
        all.iter()
            .find(|p| p.given_name == "Oluwaseun")
            .unwrap()
            .left
    );
    let on_roll = people::list(
        &store,
        &Filter {
            kind: Some(PersonKind::Pupil),
            ..Filter::default()
        },
    )
    .unwrap();
    assert_eq!(on_roll.len(), 6, "leavers are not listed by default");

    // A partial file proposes no leavers; the same short file again proposes none either,
    // even with the default leaving date of today.
    let mut again = ImportRequest::new(ImportKind::Pupils, &shorter);
    again.full_roll = true;
    assert!(import::preview(&store, &again).unwrap().leaving.is_empty());
    let partial = ImportRequest::new(ImportKind::Pupils, &shorter);
    assert!(
        import::preview(&store, &partial)
            .unwrap()
            .leaving
            .is_empty()
    );
    assert!(import::preview(&store, &req).unwrap().leaving.is_empty());
}

#[test]
fn contacts_link_parents_to_pupils_and_a_parent_of_two_is_one_person() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = new_school(&dir);
    import(
        &mut store,
        ImportKind::Pupils,
        &fixture("school-pupils.csv"),
    );
    let done = import(
        &mut store,
        ImportKind::Contacts,
        &fixture("school-contacts.csv"),
    );
    assert_eq!(done.added, 10);
    let parents = people::list(
        &store,
        &Filter {
            kind: Some(PersonKind::Parent),
            ..Filter::default()
        },
    )
    .unwrap();
    assert_eq!(
        parents.len(),
        9,
        "Aoife O'Brien appears twice but is one person"
    );
    let aoife = parents.iter().find(|p| p.given_name == "Aoife").unwrap();
    let detail = people::detail(&store, &aoife.id).unwrap();
    assert_eq!(detail.pupils.len(), 2);
    let zoe = pupils(&store)
        .into_iter()
        .find(|p| p.given_name == "Zoë")
        .unwrap();
    let zoe = people::detail(&store, &zoe.id).unwrap();
    let rels: Vec<(&str, &str, bool)> = zoe
        .contacts
        .iter()
        .map(|c| {
            (
                c.given_name.as_str(),
                c.relationship.as_str(),
                c.parental_responsibility,
            )
        })
        .collect();
    assert_eq!(
        rels,
        vec![("Aoife", "PAM", true), ("Declan", "PAF", true)],
        "words become DfE codes"
    );
    assert_eq!(zoe.contacts[0].relationship_label, "Mother");
    let halina = people::list(
        &store,
        &Filter {
            search: Some("halina".into()),
            ..Filter::default()
        },
    )
    .unwrap();
    let halina = people::detail(&store, &halina[0].id).unwrap();
    assert!(
        !halina.pupils[0].parental_responsibility,
        "a grandparent without PR is recorded as such"
    );
}

#[test]
fn a_contact_for_an_unknown_pupil_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path) = new_school(&dir);
    let before = snapshot(&store);
    let preview = import::preview(
        &store,
        &ImportRequest::new(ImportKind::Contacts, fixture("school-contacts.csv")),
    )
    .unwrap();
    assert_eq!(preview.problems.len(), 10);
    assert!(
        preview.problems[0]
            .reason
            .contains("import the pupils first"),
        "{:?}",
        preview.problems[0]
    );
    assert!(
        import::apply(
            &mut store,
            &ImportRequest::new(ImportKind::Contacts, fixture("school-contacts.csv")),
        )
        .is_err()
    );
    drop(store);
    assert_eq!(snapshot(&common::open(&path)), before);
}

#[test]
fn staff_governors_volunteers_and_visitors_import() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = new_school(&dir);
    let done = import(&mut store, ImportKind::Staff, &fixture("school-staff.csv"));
    assert_eq!(done.added, 5);
    let board = assent_core::dashboard::load(&store).unwrap();
    let count = |k: PersonKind| board.counts.iter().find(|c| c.kind == k).unwrap().count;
    assert_eq!(
        (
            count(PersonKind::Staff),
            count(PersonKind::Governor),
            count(PersonKind::Volunteer),
            count(PersonKind::Visitor)
        ),
        (2, 1, 1, 1)
    );
    let tomasz = people::list(
        &store,
        &Filter {
            search: Some("wisniewski".into()),
            ..Filter::default()
        },
    )
    .unwrap();
    let tomasz = people::detail(&store, &tomasz[0].id).unwrap();
    assert_eq!(
        tomasz.start_date.as_deref(),
        Some("2020-09-01"),
        "UK dates are read day first"
    );
}

#[test]
fn a_staff_import_keeps_details_the_file_does_not_carry() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = new_school(&dir);
    import(&mut store, ImportKind::Staff, &fixture("school-staff.csv"));
    let rhiannon = people::list(
        &store,
        &Filter {
            search: Some("Rhiannon".into()),
            ..Filter::default()
        },
    )
    .unwrap()[0]
        .id
        .clone();
    let mut fields = people::get(store.inspect(), &rhiannon).unwrap().unwrap();
    fields.preferred_given_name = Some("Rhi".into());
    fields.mis_id = Some("S99".into());
    store
        .inspect_write(|tx| people::update(tx, &rhiannon, &fields, "2026-11-22T10:00:00.000Z"))
        .unwrap();
    let short = dir.path().join("short-staff.csv");
    std::fs::write(
        &short,
        "Kind,Forename,Surname,Email\nStaff,Rhiannon,Pryce,r.pryce@example.test\n",
    )
    .unwrap();
    let preview = import::preview(&store, &ImportRequest::new(ImportKind::Staff, &short)).unwrap();
    assert_eq!(preview.unchanged, 1, "{preview:?}");
    import(&mut store, ImportKind::Staff, &short);
    let after = people::get(store.inspect(), &rhiannon).unwrap().unwrap();
    assert_eq!(
        (
            after.preferred_given_name.as_deref(),
            after.mis_id.as_deref()
        ),
        (Some("Rhi"), Some("S99"))
    );
}

#[test]
fn search_finds_legal_and_preferred_names_with_or_without_accents() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = new_school(&dir);
    import(
        &mut store,
        ImportKind::Pupils,
        &fixture("school-pupils.csv"),
    );
    let find = |text: &str| -> Vec<String> {
        people::list(
            &store,
            &Filter {
                search: Some(text.into()),
                ..Filter::default()
            },
        )
        .unwrap()
        .into_iter()
        .map(|p| p.given_name)
        .collect()
    };
    assert_eq!(find("zoe"), vec!["Zoë"]);
    assert_eq!(find("ZOË"), vec!["Zoë"]);
    assert_eq!(
        find("seun"),
        vec!["Oluwaseun"],
        "preferred names are searched"
    );
    assert_eq!(
        find("王"),
        vec!["芳"],
        "non-Latin scripts are searched as written"
    );
    assert_eq!(find("odegard"), vec!["Ingrid"]);
    assert!(find("%").is_empty(), "wildcards are taken literally");
    let first_two = people::list(
        &store,
        &Filter {
            limit: Some(2),
            ..Filter::default()
        },
    )
    .unwrap();
    assert_eq!(first_two.len(), 2, "a limit keeps search-as-you-type quick");
    let cedar = people::list(
        &store,
        &Filter {
            class: Some("Cedar".into()),
            ..Filter::default()
        },
    )
    .unwrap();
    assert_eq!(cedar.len(), 2);
    let year2 = people::list(
        &store,
        &Filter {
            year: Some("Y2".into()),
            ..Filter::default()
        },
    )
    .unwrap();
    assert_eq!(year2.len(), 2);
}

fn ctf(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/ctf")
        .join(name)
}

#[test]
fn a_common_transfer_file_adds_pupils_and_their_contacts_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = new_school(&dir);
    let done = import(&mut store, ImportKind::Ctf, &ctf("transfer-in.xml"));
    assert_eq!(done.leaving, 0, "a CTF is never a full export");
    let all = pupils(&store);
    assert_eq!(all.len(), 4);
    let zofia = all
        .iter()
        .find(|p| p.upn.as_deref() == Some("Z999200125003"))
        .unwrap();
    assert_eq!(zofia.family_name, "Łukasiewicz");
    assert_eq!(zofia.year_group.as_deref(), Some("Year 6"));
    let aoife = all
        .iter()
        .find(|p| p.upn.as_deref() == Some("W999200125001"))
        .unwrap();
    assert_eq!(aoife.family_name, "O'Brien", "entities are unescaped");
    let detail = people::detail(&store, &aoife.id).unwrap();
    assert!(!detail.contacts.is_empty());
    assert!(
        detail
            .contacts
            .iter()
            .all(|c| !c.relationship_label.is_empty())
    );
    assert_eq!(done.added, 4 + 9, "four pupils and nine contact links");

    let before: Vec<String> = snapshot(&store)
        .into_iter()
        .filter(|r| !is_audit(r))
        .collect();
    let again = import(&mut store, ImportKind::Ctf, &ctf("transfer-in.xml"));
    assert_eq!((again.added, again.changed), (0, 0));
    let after: Vec<String> = snapshot(&store)
        .into_iter()
        .filter(|r| !is_audit(r))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn files_that_are_not_what_they_claim_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = new_school(&dir);
    let cases = [
        (
            ImportKind::Ctf,
            ctf("not-ctf.xml"),
            "not a Common Transfer File",
        ),
        (ImportKind::Ctf, ctf("empty.xml"), "empty"),
        (ImportKind::Pupils, fixture("empty.csv"), "empty"),
        (ImportKind::Pupils, fixture("not-csv.xlsx"), "XLSX"),
        (ImportKind::Pupils, fixture("binary.csv"), "not a CSV file"),
    ];
    for (kind, file, needle) in cases {
        match import::preview(&store, &ImportRequest::new(kind, &file)) {
            Err(Error::FileRejected { reason, .. }) => {
                assert!(reason.contains(needle), "{}: {reason}", file.display());
            }
            other => panic!("{}: {other:?}", file.display()),
        }
    }
    let mut full = ImportRequest::new(ImportKind::Pupils, fixture("headers-only-pupils.csv"));
    full.full_roll = true;
    let headers_only = import::preview(&store, &full).unwrap();
    assert!(
        headers_only.problems[0].reason.contains("no pupils"),
        "{:?}",
        headers_only.problems
    );
}

#[test]
fn a_parent_of_two_keeps_changes_given_on_either_childs_row() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = new_school(&dir);
    import(
        &mut store,
        ImportKind::Pupils,
        &fixture("school-pupils.csv"),
    );
    import(
        &mut store,
        ImportKind::Contacts,
        &fixture("school-contacts.csv"),
    );
    // Aoife is linked to Zoë (row with email and mobile) and to Ingrid.
    let original = std::fs::read_to_string(fixture("school-contacts.csv")).unwrap();
    let changed = original
        .replace(
            "Aoife,O'Brien,PAM,Yes,1,aoife.obrien@example.test,07700 900101",
            "Aoife,O'Brien,PAM,Yes,1,aoife.new@example.test,",
        )
        .replace(
            "Aoife,O'Brien,OTH,No,2,aoife.obrien@example.test,",
            "Aoife,O'Brien,OTH,No,2,,07700 900999",
        );
    assert_ne!(changed, original, "the fixture rows were found");
    let file = dir.path().join("contacts-changed.csv");
    std::fs::write(&file, changed).unwrap();
    import(&mut store, ImportKind::Contacts, &file);
    let aoife = people::list(
        &store,
        &Filter {
            search: Some("Aoife".into()),
            kind: Some(PersonKind::Parent),
            ..Filter::default()
        },
    )
    .unwrap();
    let d = people::detail(&store, &aoife[0].id).unwrap();
    assert_eq!(
        (d.email.as_deref(), d.mobile.as_deref()),
        (Some("aoife.new@example.test"), Some("07700 900999"))
    );
    let again = import::preview(&store, &ImportRequest::new(ImportKind::Contacts, &file)).unwrap();
    assert!(
        again.changed.is_empty(),
        "a second import changes nothing: {:?}",
        again.changed
    );
}
