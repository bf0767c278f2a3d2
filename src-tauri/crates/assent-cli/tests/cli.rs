//! The `assent` binary as a technician's script would use it.

use std::path::Path;
use std::process::{Command, Output, Stdio};

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
