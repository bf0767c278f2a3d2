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

#[test]
fn withdrawals_since_a_date_are_listed_for_the_office() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert!(assent(&db, "head", &["demo"]).status.success());
    let oak = assent(
        &db,
        "head",
        &["consent", "list", "--class", "Oak", "--json"],
    );
    let rows: serde_json::Value = serde_json::from_slice(&oak.stdout).unwrap();
    let pupil = rows[0]["person_id"].as_str().unwrap().to_owned();
    let show = assent(&db, "head", &["people", "show", &pupil, "--json"]);
    let detail: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    let parent = detail["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["parental_responsibility"] == true)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let set = assent(
        &db,
        "office",
        &[
            "consent", "set", &pupil, "website", "yes", "--by", &parent, "--method", "paper",
        ],
    );
    assert!(set.status.success(), "{}", text(&set));
    let none = assent(
        &db,
        "office",
        &["consent", "withdrawn", "--since", "2020-01-01"],
    );
    assert!(
        text(&none).contains("Nothing has been withdrawn"),
        "{}",
        text(&none)
    );
    let gone = assent(
        &db,
        "office",
        &[
            "consent",
            "withdraw",
            &pupil,
            "website",
            "--reason",
            "Moved to a new home",
        ],
    );
    assert!(gone.status.success(), "{}", text(&gone));
    let listed = assent(
        &db,
        "office",
        &["consent", "withdrawn", "--since", "2020-01-01", "--json"],
    );
    let rows: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["person_id"], pupil.as_str());
    assert_eq!(rows[0]["reason"], "Moved to a new home");
    let bad = assent(
        &db,
        "office",
        &["consent", "withdrawn", "--since", "yesterday"],
    );
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn settings_are_shown_and_only_the_head_changes_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert!(assent(&db, "head", &["demo"]).status.success());
    let shown = assent(&db, "office", &["settings", "show"]);
    assert!(
        text(&shown).contains("Photo and video consents: last"),
        "{}",
        text(&shown)
    );
    assert!(
        text(&shown).contains("locks after 15 minutes"),
        "{}",
        text(&shown)
    );
    let refused = assent(&db, "office", &["settings", "idle-lock", "5"]);
    assert_eq!(refused.status.code(), Some(1));
    let bad = assent(&db, "head", &["settings", "idle-lock", "0"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        assent(&db, "head", &["settings", "idle-lock", "5"])
            .status
            .success()
    );
    assert!(
        assent(&db, "head", &["settings", "consent-renewal", "annual"])
            .status
            .success()
    );
    let after = assent(&db, "head", &["settings", "show"]);
    assert!(
        text(&after).contains("consents: expire each school year"),
        "{}",
        text(&after)
    );
    assert!(
        text(&after).contains("locks after 5 minutes"),
        "{}",
        text(&after)
    );
}
