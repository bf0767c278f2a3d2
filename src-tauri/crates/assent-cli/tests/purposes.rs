//! `assent consent add-purpose | edit-purpose | retire-purpose`: head users only.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const PASSWORD: &str = "Kestrel-meadow-42";

fn assent(db: &Path, user: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_assent"))
        .env_remove("ASSENT_NEW_PASSWORD")
        .env("ASSENT_DB", db)
        .env("ASSENT_USER", user)
        .env("ASSENT_PASSWORD", PASSWORD)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn the_head_edits_purposes_and_the_office_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert!(assent(&db, "head", &["demo"]).status.success());
    let add = [
        "consent",
        "add-purpose",
        "trips",
        "--name",
        "School trips",
        "--explanation",
        "Photos from school trips may be shared with the class's families.",
    ];
    let refused = assent(&db, "office", &add);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused).contains("does not allow"),
        "{}",
        text(&refused)
    );

    let added = assent(&db, "head", &add);
    assert!(added.status.success(), "{}", text(&added));
    let edited = assent(
        &db,
        "head",
        &[
            "consent",
            "edit-purpose",
            "trips",
            "--name",
            "Trips and visits",
        ],
    );
    assert!(
        text(&edited).contains("Trips and visits (trips)"),
        "{}",
        text(&edited)
    );
    let retired = assent(&db, "head", &["consent", "retire-purpose", "trips"]);
    assert!(retired.status.success(), "{}", text(&retired));
    let list = assent(&db, "head", &["consent", "purposes", "--json"]);
    let all: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let trips = all
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "trips")
        .unwrap();
    assert_eq!(trips["retired"], true);
    assert_eq!(trips["name"], "Trips and visits");
}
