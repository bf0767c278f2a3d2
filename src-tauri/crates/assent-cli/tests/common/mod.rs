//! Running the real `assent` binary as a signed-in user, for the CLI's story
//! tests: each test file takes what it needs.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The password every user in these tests has.
pub const PASSWORD: &str = "Kestrel-meadow-42";

/// Runs `assent --db DB ARGS…` as `user`, with `env` on top; nothing from the
/// caller's own environment leaks in. New users get [`PASSWORD`].
pub fn run_with(db: &Path, user: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_assent"));
    for var in [
        "ASSENT_DB",
        "ASSENT_USER",
        "ASSENT_PASSWORD",
        "ASSENT_NEW_PASSWORD",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("ASSENT_USER", user)
        .env("ASSENT_PASSWORD", PASSWORD)
        .env("ASSENT_NEW_PASSWORD", PASSWORD)
        .stdin(Stdio::null())
        .arg("--db")
        .arg(db)
        .args(args);
    for (var, value) in env {
        cmd.env(var, value);
    }
    cmd.output().unwrap()
}

/// Runs `assent --db DB ARGS…` as `user`.
pub fn run(db: &Path, user: &str, args: &[&str]) -> Output {
    run_with(db, user, args, &[])
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs as `user`, expects success, and returns what it printed.
pub fn ok(db: &Path, user: &str, args: &[&str]) -> String {
    let out = run(db, user, args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Runs as `user`, expects success, and reads what it printed as JSON.
pub fn json(db: &Path, user: &str, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, user, args)).unwrap()
}

/// Expects exit 1 with a message containing `words`.
pub fn refused(db: &Path, user: &str, args: &[&str], words: &str) {
    let out = run(db, user, args);
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    assert!(stderr(&out).contains(words), "{args:?}: {}", stderr(&out));
}

/// A file under `tests/fixtures/import`.
pub fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

/// The PDF's text, read by pdftotext.
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Brookside Primary from the fixture files, with an IT technician, an office
/// user and a teacher of Hazel.
pub fn school(dir: &Path) -> PathBuf {
    let db = dir.join("s.db");
    ok(
        &db,
        "head",
        &["init", "--school", "Brookside Primary", "--admin", "head"],
    );
    for kind in ["pupils", "contacts", "staff"] {
        ok(
            &db,
            "head",
            &["import", kind, &fixture(&format!("school-{kind}.csv"))],
        );
    }
    for (user, role) in [("it", "it"), ("office", "office"), ("teacher", "teacher")] {
        let mut args = vec!["users", "add", user, "--name", "Test User", "--role", role];
        if role == "teacher" {
            args.extend(["--class", "Hazel"]);
        }
        ok(&db, "head", &args);
    }
    db
}

/// The id of the first person the People search finds for `search`.
pub fn person(db: &Path, search: &str) -> String {
    let found = json(
        db,
        "head",
        &["people", "list", "--search", search, "--json"],
    );
    found[0]["id"].as_str().unwrap().to_owned()
}

/// Everyone's account status, as the IT technician lists it, by person id.
pub fn account_statuses(db: &Path) -> HashMap<String, Value> {
    json(db, "it", &["accounts", "status", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["person_id"].as_str().unwrap().to_owned(), r.clone()))
        .collect()
}
