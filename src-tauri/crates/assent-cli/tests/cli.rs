//! The `assent` binary as a technician's script would use it.

// Each test follows one task from start to finish, which reads best as one story.
#![allow(clippy::too_many_lines)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `assent report …` and `assent agreements verify`.
#[path = "cli/reports.rs"]
mod reports;

fn assent(db: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_assent"));
    cmd.env_remove("ASSENT_DB").stdin(Stdio::null());
    if let Some(db) = db {
        cmd.arg("--db").arg(db);
    }
    cmd.args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn init_creates_once_and_then_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("school.db");
    let first = assent(Some(&db), &["init", "--school", "Juniper Hill Primary"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let before = std::fs::read(&db).unwrap();
    let second = assent(Some(&db), &["init", "--school", "Another School"]);
    assert_eq!(second.status.code(), Some(1));
    let message = stderr(&second);
    assert_eq!(message.lines().count(), 1, "one line: {message}");
    assert!(message.contains("already exists"), "{message}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the existing file is untouched"
    );
}

#[test]
fn init_without_a_name_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = assent(Some(&dir.path().join("s.db")), &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("s.db").exists());
}

#[test]
fn init_with_a_blank_name_fails_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = assent(Some(&db), &["init", "--school", "   "]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("school name"), "{}", stderr(&out));
    assert!(!db.exists());
}

#[test]
fn demo_then_people_list_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let demo = assent(Some(&db), &["demo"]);
    assert_eq!(demo.status.code(), Some(0), "{}", stderr(&demo));
    assert!(stdout(&demo).contains("210 pupils"), "{}", stdout(&demo));

    let out = assent(Some(&db), &["people", "list", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(all.len() > 550, "{} people", all.len());
    for person in &all {
        for field in ["id", "kind", "given_name", "family_name"] {
            assert!(person[field].is_string(), "{field} missing in {person}");
        }
    }
    let direct: usize = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .unwrap();
    assert_eq!(all.len(), direct);

    let staff = assent(Some(&db), &["people", "list", "--kind", "staff", "--json"]);
    let staff: Vec<serde_json::Value> = serde_json::from_slice(&staff.stdout).unwrap();
    assert_eq!(staff.len(), 30);
    assert!(staff.iter().all(|p| p["kind"] == "staff"));
}

#[test]
fn demo_refuses_a_database_that_already_has_people() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    assert_eq!(assent(Some(&db), &["demo"]).status.code(), Some(0));
    let again = assent(Some(&db), &["demo"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already holds people"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn demo_fills_a_freshly_initialised_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert_eq!(
        assent(Some(&db), &["init", "--school", "Brookside Primary"])
            .status
            .code(),
        Some(0)
    );
    let out = assent(Some(&db), &["demo"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let name: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT name FROM school", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Brookside Primary");
}

#[test]
fn failures_exit_1_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = assent(Some(&dir.path().join("none.db")), &["people", "list"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("no Assent database"),
        "{}",
        stderr(&missing)
    );
    assert_eq!(stderr(&missing).lines().count(), 1);

    let foreign = dir.path().join("letter.txt");
    std::fs::write(&foreign, "not a database at all, just a letter home").unwrap();
    let out = assent(Some(&foreign), &["people", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not an Assent database"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&foreign).unwrap(),
        "not a database at all, just a letter home"
    );
}

#[test]
fn bad_arguments_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert_eq!(
        assent(Some(&db), &["people", "list", "--kind", "teacher"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(assent(Some(&db), &["frobnicate"]).status.code(), Some(2));
    assert_eq!(assent(Some(&db), &[]).status.code(), Some(2));
}

#[test]
fn the_database_path_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let out = Command::new(env!("CARGO_BIN_EXE_assent"))
        .env("ASSENT_DB", &db)
        .args(["init", "--school", "Env School"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(db.exists());
}

#[test]
fn every_command_has_help_and_there_is_a_version() {
    for args in [
        vec!["--help"],
        vec!["init", "--help"],
        vec!["demo", "--help"],
        vec!["people", "--help"],
        vec!["people", "list", "--help"],
        vec!["report", "--help"],
        vec!["report", "consent-register", "--help"],
        vec!["agreements", "verify", "--help"],
    ] {
        let out = assent(None, &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            stdout(&out).contains("Usage:"),
            "{args:?}: {}",
            stdout(&out)
        );
    }
    let version = assent(None, &["--version"]);
    assert_eq!(
        stdout(&version).trim(),
        format!("assent {}", env!("CARGO_PKG_VERSION"))
    );
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// A new school with the fixture files of these kinds imported.
fn school_from_fixtures(db: &Path, kinds: &[&str]) {
    let init = assent(Some(db), &["init", "--school", "Brookside Primary"]);
    assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
    for kind in kinds {
        let file = fixture(&format!("import/school-{kind}.csv"));
        let out = assent(Some(db), &["import", kind, &file]);
        assert_eq!(out.status.code(), Some(0), "{kind}: {}", stderr(&out));
    }
}

#[test]
fn import_pupils_and_contacts_then_list_and_show_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert_eq!(
        assent(Some(&db), &["init", "--school", "Brookside Primary"])
            .status
            .code(),
        Some(0)
    );
    let pupils = fixture("import/school-pupils.csv");

    let dry = assent(Some(&db), &["import", "pupils", &pupils, "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    assert!(
        stdout(&dry).contains("added 7, changed 0, unchanged 0, leaving 0, errors 0"),
        "{}",
        stdout(&dry)
    );
    let listed = assent(Some(&db), &["people", "list", "--json"]);
    assert_eq!(stdout(&listed).trim(), "[]", "a dry run writes nothing");

    let real = assent(Some(&db), &["import", "pupils", &pupils]);
    assert_eq!(real.status.code(), Some(0), "{}", stderr(&real));
    assert!(stdout(&real).contains("added 7"), "{}", stdout(&real));
    let again = assent(Some(&db), &["import", "pupils", &pupils]);
    assert!(
        stdout(&again).contains("added 0, changed 0, unchanged 7, leaving 0"),
        "{}",
        stdout(&again)
    );
    let contacts = assent(
        Some(&db),
        &["import", "contacts", &fixture("import/school-contacts.csv")],
    );
    assert_eq!(contacts.status.code(), Some(0), "{}", stderr(&contacts));

    let cedar = assent(Some(&db), &["people", "list", "--class", "Cedar", "--json"]);
    let cedar: Vec<serde_json::Value> = serde_json::from_slice(&cedar.stdout).unwrap();
    assert_eq!(cedar.len(), 2);
    for field in [
        "id",
        "kind",
        "given_name",
        "family_name",
        "preferred_given_name",
        "preferred_family_name",
        "year_group",
        "class",
        "upn",
        "key_stage",
        "left",
    ] {
        assert!(
            cedar[0].get(field).is_some(),
            "{field} missing from {}",
            cedar[0]
        );
    }
    assert_eq!(cedar[0]["key_stage"], "ks1");
    let year3 = assent(Some(&db), &["people", "list", "--year", "Year 3", "--json"]);
    let year3: Vec<serde_json::Value> = serde_json::from_slice(&year3.stdout).unwrap();
    assert_eq!(year3[0]["given_name"], "Łukasz");

    let zoe = cedar.iter().find(|p| p["given_name"] == "Zoë").unwrap();
    let show = assent(
        Some(&db),
        &["people", "show", zoe["id"].as_str().unwrap(), "--json"],
    );
    let show: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(show["contacts"][0]["given_name"], "Aoife");
    assert_eq!(show["contacts"][0]["relationship"], "PAM");
    assert_eq!(show["contacts"][0]["parental_responsibility"], true);
    let text = assent(Some(&db), &["people", "show", zoe["id"].as_str().unwrap()]);
    assert!(
        stdout(&text).contains("Contact 1: Aoife O'Brien (Mother, parental responsibility)"),
        "{}",
        stdout(&text)
    );
}

#[test]
fn a_bad_import_lists_every_problem_and_exits_1_writing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert_eq!(
        assent(Some(&db), &["init", "--school", "Brookside Primary"])
            .status
            .code(),
        Some(0)
    );
    let out = assent(
        Some(&db),
        &["import", "pupils", &fixture("import/bad-pupils.csv")],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "line 3, column Date of Birth, value \"31/02/2019\": there is no 31 February 2019"
        ),
        "{err}"
    );
    assert!(
        err.contains("line 6, column Year Group, value \"Year 9\""),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    let listed = assent(Some(&db), &["people", "list", "--json"]);
    assert_eq!(stdout(&listed).trim(), "[]");
}

#[test]
fn columns_can_be_mapped_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert_eq!(
        assent(Some(&db), &["init", "--school", "Brookside Primary"])
            .status
            .code(),
        Some(0)
    );
    let file = dir.path().join("odd.csv");
    std::fs::write(
        &file,
        "Pupil No,Christian Name,Family,Yr,Adno\nN999200122001,Zoë,O'Brien,2,5001\n",
    )
    .unwrap();
    let unmapped = assent(Some(&db), &["import", "pupils", file.to_str().unwrap()]);
    assert_eq!(unmapped.status.code(), Some(1));
    assert!(
        stderr(&unmapped).contains("no column holds the Legal Forename"),
        "{}",
        stderr(&unmapped)
    );
    let mapped = assent(
        Some(&db),
        &[
            "import",
            "pupils",
            file.to_str().unwrap(),
            "--map",
            "Pupil No=UPN",
            "--map",
            "Christian Name=Legal Forename",
            "--map",
            "Family=Legal Surname",
        ],
    );
    assert_eq!(mapped.status.code(), Some(0), "{}", stderr(&mapped));
    assert!(stdout(&mapped).contains("added 1"));
}

#[test]
fn rollover_previews_then_moves_the_school_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    assert_eq!(assent(Some(&db), &["demo"]).status.code(), Some(0));
    let year: i32 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT value FROM settings WHERE key = 'academic_year'",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
        .parse()
        .unwrap();
    let next = (year + 1).to_string();
    let dry = assent(Some(&db), &["rollover", "--to", &next, "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    assert!(
        stdout(&dry).contains("30 Year 6 pupils leave on"),
        "{}",
        stdout(&dry)
    );
    let wrong = assent(Some(&db), &["rollover", "--to", &(year + 3).to_string()]);
    assert_eq!(wrong.status.code(), Some(1));
    let real = assent(Some(&db), &["rollover", "--to", &next]);
    assert_eq!(real.status.code(), Some(0), "{}", stderr(&real));
    let reception = assent(Some(&db), &["people", "list", "--year", "R", "--json"]);
    assert_eq!(stdout(&reception).trim(), "[]");
}

#[test]
fn audit_verify_passes_then_names_a_tampered_entry() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    assert_eq!(assent(Some(&db), &["demo"]).status.code(), Some(0));
    let ok = assent(Some(&db), &["audit", "verify"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert!(stdout(&ok).contains("intact: 2 entries"), "{}", stdout(&ok));
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET summary = 'nothing' WHERE seq = 1;",
    )
    .unwrap();
    drop(conn);
    let bad = assent(Some(&db), &["audit", "verify"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("broken at entry 1"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn templates_list_show_publish_and_diff() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert_eq!(
        assent(Some(&db), &["init", "--school", "Brookside Primary"])
            .status
            .code(),
        Some(0)
    );
    let list = assent(Some(&db), &["templates", "list", "--json"]);
    let list: Vec<serde_json::Value> = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(list.len(), 5);
    for field in [
        "kind",
        "version",
        "title",
        "published_at",
        "sha256",
        "review_due",
        "current",
    ] {
        assert!(
            list[0].get(field).is_some(),
            "{field} missing from {}",
            list[0]
        );
    }
    let file = dir.path().join("staff.md");
    std::fs::write(
        &file,
        "---\nkind: staff\ntitle: Staff agreement\naudience: Staff and volunteers\n---\n## Passwords\n\n- I lock my screen when I leave it.\n",
    )
    .unwrap();
    let minor_without_reason = assent(
        Some(&db),
        &[
            "templates",
            "publish",
            "staff",
            file.to_str().unwrap(),
            "--minor",
        ],
    );
    assert_eq!(
        minor_without_reason.status.code(),
        Some(2),
        "--minor needs --reason"
    );
    let published = assent(
        Some(&db),
        &["templates", "publish", "staff", file.to_str().unwrap()],
    );
    assert_eq!(published.status.code(), Some(0), "{}", stderr(&published));
    assert!(
        stdout(&published).contains("Published version 2 of the staff agreement (material"),
        "{}",
        stdout(&published)
    );
    let wrong = assent(
        Some(&db),
        &["templates", "publish", "ks1", file.to_str().unwrap()],
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        stderr(&wrong).contains("staff agreement, not ks1"),
        "{}",
        stderr(&wrong)
    );
    let show = assent(Some(&db), &["templates", "show", "staff", "--version", "2"]);
    assert!(
        stdout(&show).contains("- I lock my screen when I leave it."),
        "{}",
        stdout(&show)
    );
    let diff = assent(Some(&db), &["templates", "diff", "staff", "1", "2"]);
    assert!(
        stdout(&diff).contains("+ - I lock my screen when I leave it."),
        "{}",
        stdout(&diff)
    );
    let unknown = assent(Some(&db), &["templates", "show", "ks9"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown).contains("'ks9' is not a kind of agreement"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn paper_and_typed_signatures_show_in_status_and_can_be_withdrawn() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    school_from_fixtures(&db, &["pupils", "contacts", "staff"]);
    let list = |args: &[&str]| -> Vec<serde_json::Value> {
        serde_json::from_slice(&assent(Some(&db), args).stdout).unwrap()
    };
    let lukasz = list(&["people", "list", "--search", "Łukasz", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let scan = dir.path().join("form.pdf");
    std::fs::write(&scan, b"%PDF-1.4 scanned form").unwrap();
    let not_pr = assent(
        Some(&db),
        &[
            "sign",
            "paper",
            "--person",
            &lukasz,
            "--kind",
            "ks2",
            "--signer",
            "Łukasz",
            "--role",
            "pupil",
            "--parent-signer",
            "Halina Łukasiewicz",
            "--date",
            "2026-09-10",
        ],
    );
    assert_eq!(not_pr.status.code(), Some(1));
    assert!(
        stderr(&not_pr).contains("not a parent or carer with parental responsibility"),
        "{}",
        stderr(&not_pr)
    );
    let signed = assent(
        Some(&db),
        &[
            "sign",
            "paper",
            "--person",
            &lukasz,
            "--kind",
            "ks2",
            "--signer",
            "Łukasz",
            "--role",
            "pupil",
            "--parent-signer",
            "Marta Łukasiewicz",
            "--date",
            "10/09/2026",
            "--scan",
            scan.to_str().unwrap(),
        ],
    );
    assert_eq!(signed.status.code(), Some(0), "{}", stderr(&signed));
    assert!(
        stdout(&signed).contains("status now: Signed"),
        "{}",
        stdout(&signed)
    );

    let rhiannon = list(&["people", "list", "--search", "Rhiannon", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let typed = assent(
        Some(&db),
        &[
            "sign",
            "typed",
            "--person",
            &rhiannon,
            "--kind",
            "staff",
            "--signer",
            "Rhiannon Pryce",
        ],
    );
    assert_eq!(typed.status.code(), Some(0), "{}", stderr(&typed));

    let status = list(&["status", "--json"]);
    for field in [
        "person_id",
        "name",
        "kind",
        "agreement_kind",
        "status",
        "version",
        "signed_at",
    ] {
        assert!(
            status[0].get(field).is_some(),
            "{field} missing from {}",
            status[0]
        );
    }
    let of = |id: &str| status.iter().find(|r| r["person_id"] == id).unwrap()["status"].clone();
    assert_eq!(of(&lukasz), "signed");
    assert_eq!(of(&rhiannon), "signed");
    assert_eq!(
        status
            .iter()
            .filter(|r| r["status"] == "not_signed")
            .count(),
        status.len() - 2
    );
    let hazel = list(&["status", "--class", "Hazel", "--json"]);
    assert_eq!(hazel.len(), 1);

    let agreements = list(&["agreements", "list", "--person", &rhiannon, "--json"]);
    let id = agreements[0]["id"].as_str().unwrap();
    let withdrawn = assent(
        Some(&db),
        &["agreements", "withdraw", id, "--reason", "Left the school"],
    );
    assert_eq!(withdrawn.status.code(), Some(0), "{}", stderr(&withdrawn));
    let status = list(&["status", "--kind", "staff", "--json"]);
    assert_eq!(
        status
            .iter()
            .find(|r| r["person_id"] == rhiannon.as_str())
            .unwrap()["status"],
        "withdrawn"
    );
}

#[test]
fn consent_set_withdraw_hold_list_history_and_no_photo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    school_from_fixtures(&db, &["pupils", "contacts"]);
    let json = |args: &[&str]| -> serde_json::Value {
        serde_json::from_slice(&assent(Some(&db), args).stdout).unwrap()
    };
    let purposes = json(&["consent", "purposes", "--json"]);
    assert_eq!(purposes.as_array().unwrap().len(), 9);
    let zoe = json(&["people", "list", "--search", "Zoë", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    for purpose in ["website", "displays"] {
        let out = assent(
            Some(&db),
            &[
                "consent",
                "set",
                &zoe,
                purpose,
                "yes",
                "--by",
                "Aoife O'Brien",
                "--method",
                "paper",
                "--date",
                "01/09/2026",
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let declan_no = assent(
        Some(&db),
        &[
            "consent",
            "set",
            &zoe,
            "website",
            "no",
            "--by",
            "Declan O'Brien",
            "--method",
            "phone",
        ],
    );
    assert_eq!(declan_no.status.code(), Some(0), "{}", stderr(&declan_no));
    let stranger = assent(
        Some(&db),
        &[
            "consent",
            "set",
            &zoe,
            "website",
            "yes",
            "--by",
            "Lan Nguyễn",
            "--method",
            "email",
        ],
    );
    assert_eq!(stranger.status.code(), Some(1));
    let unknown = assent(
        Some(&db),
        &[
            "consent",
            "set",
            &zoe,
            "billboards",
            "yes",
            "--by",
            "Aoife O'Brien",
            "--method",
            "email",
        ],
    );
    assert!(
        stderr(&unknown).contains("not a purpose"),
        "{}",
        stderr(&unknown)
    );

    let list = json(&["consent", "list", "--class", "Cedar", "--json"]);
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["person_id"] == zoe.as_str())
        .unwrap();
    for field in ["person_id", "name", "class"] {
        assert!(row.get(field).is_some(), "{field} missing from {row}");
    }
    assert_eq!(
        row["website"], "no",
        "the parents disagree, so the no applies"
    );
    assert_eq!(row["displays"], "yes");
    assert_eq!(row["press"], "no", "no choice counts as no");

    assert_eq!(
        assent(
            Some(&db),
            &[
                "consent",
                "withdraw",
                &zoe,
                "displays",
                "--reason",
                "Changed our minds"
            ]
        )
        .status
        .code(),
        Some(0)
    );
    let history = json(&["consent", "history", &zoe, "--json"]);
    assert_eq!(history.as_array().unwrap().len(), 4);
    assert_eq!(history[3]["withdrawal"], true);

    let hold = assent(
        Some(&db),
        &["consent", "hold", &zoe, "--reason", "Safeguarding"],
    );
    assert_eq!(hold.status.code(), Some(0), "{}", stderr(&hold));
    let no_photo = json(&["consent", "no-photo", "--class", "Cedar", "--json"]);
    let zoe_row = no_photo
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["person_id"] == zoe.as_str())
        .unwrap();
    assert_eq!(zoe_row["hold"], true);
    let text = assent(Some(&db), &["consent", "no-photo"]);
    assert!(
        stdout(&text).contains("NEVER PHOTOGRAPH OR PUBLISH"),
        "{}",
        stdout(&text)
    );
    assert_eq!(
        assent(
            Some(&db),
            &["consent", "hold", &zoe, "--reason", "Ended", "--release"]
        )
        .status
        .code(),
        Some(0)
    );
}
