//! The `assent` binary as a technician's script would use it.

// Each test follows one task from start to finish, which reads best as one story.
#![allow(clippy::too_many_lines)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// `assent report …` and `assent agreements verify`.
#[path = "cli/reports.rs"]
mod reports;

use assent_core::Store;

/// The password every user in these tests has (long enough for the ten-character rule).
const PASSWORD: &str = "Kestrel-meadow-42";

/// The environment variables the CLI reads, all cleared before each run so the
/// caller's own shell cannot leak in.
const ENV_VARS: [&str; 4] = [
    "ASSENT_DB",
    "ASSENT_USER",
    "ASSENT_PASSWORD",
    "ASSENT_NEW_PASSWORD",
];

/// The command, signed in as `head` with [`PASSWORD`], then `env` applied on
/// top (`None` removes a variable). Standard input is never a terminal.
fn command(db: Option<&Path>, args: &[&str], env: &[(&str, Option<&str>)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_assent"));
    for var in ENV_VARS {
        cmd.env_remove(var);
    }
    cmd.env("ASSENT_USER", "head")
        .env("ASSENT_PASSWORD", PASSWORD)
        .stdin(Stdio::null());
    for (var, value) in env {
        match value {
            Some(value) => cmd.env(var, value),
            None => cmd.env_remove(var),
        };
    }
    if let Some(db) = db {
        cmd.arg("--db").arg(db);
    }
    cmd.args(args);
    cmd
}

fn run(db: Option<&Path>, args: &[&str], env: &[(&str, Option<&str>)]) -> Output {
    command(db, args, env).output().unwrap()
}

/// As the head user `head`.
fn assent(db: Option<&Path>, args: &[&str]) -> Output {
    run(db, args, &[])
}

/// As another user, with [`PASSWORD`].
fn assent_as(db: &Path, user: &str, args: &[&str]) -> Output {
    run(Some(db), args, &[("ASSENT_USER", Some(user))])
}

/// As `user` with `password`.
fn assent_with(db: &Path, user: &str, password: &str, args: &[&str]) -> Output {
    run(
        Some(db),
        args,
        &[
            ("ASSENT_USER", Some(user)),
            ("ASSENT_PASSWORD", Some(password)),
        ],
    )
}

/// A new school whose first head user is `head` (shown as Amira Shah).
fn init(db: &Path, school: &str) -> Output {
    assent(
        Some(db),
        &[
            "init",
            "--school",
            school,
            "--admin",
            "head",
            "--admin-name",
            "Amira Shah",
        ],
    )
}

/// The database opened through the core as `head`, for checking stored rows.
fn open(db: &Path) -> Store {
    Store::open(db, "head", PASSWORD).unwrap()
}

/// The key file beside a database.
fn key_file(db: &Path) -> PathBuf {
    let mut path = db.as_os_str().to_owned();
    path.push(".keys");
    PathBuf::from(path)
}

/// Who made each change, oldest first.
fn audit_actors(store: &Store) -> Vec<String> {
    store
        .inspect()
        .prepare("SELECT actor FROM audit_log ORDER BY seq")
        .unwrap()
        .query_map((), |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The names of the files in `dir`, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
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
    let first = init(&db, "Juniper Hill Primary");
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let before = std::fs::read(&db).unwrap();
    let keys = std::fs::read(key_file(&db)).unwrap();
    let second = init(&db, "Another School");
    assert_eq!(second.status.code(), Some(1));
    let message = stderr(&second);
    assert_eq!(message.lines().count(), 1, "one line: {message}");
    assert!(message.contains("already exists"), "{message}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the existing file is untouched"
    );
    assert_eq!(
        std::fs::read(key_file(&db)).unwrap(),
        keys,
        "and so is its key file"
    );
}

#[test]
fn init_without_a_name_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = assent(Some(&dir.path().join("s.db")), &["init"]);
    assert_eq!(out.status.code(), Some(2));
    let no_admin = assent(
        Some(&dir.path().join("s.db")),
        &["init", "--school", "Brookside Primary"],
    );
    assert_eq!(
        no_admin.status.code(),
        Some(2),
        "the first head user is required"
    );
    assert!(
        stderr(&no_admin).contains("--admin"),
        "{}",
        stderr(&no_admin)
    );
    assert!(!dir.path().join("s.db").exists());
    assert!(!dir.path().join("s.db.keys").exists());
}

#[test]
fn init_with_a_blank_name_fails_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = init(&db, "   ");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("school name"), "{}", stderr(&out));
    assert!(!db.exists());
    assert!(!key_file(&db).exists());
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
    let direct: usize = open(&db)
        .inspect()
        .query_row("SELECT count(*) FROM people", (), |r| r.get(0))
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
    assert_eq!(init(&db, "Brookside Primary").status.code(), Some(0));
    let out = assent(Some(&db), &["demo"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let store = open(&db);
    let name: String = store
        .inspect()
        .query_row("SELECT name FROM school", (), |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Brookside Primary");
    let actors = audit_actors(&store);
    assert!(actors.len() >= 2, "{actors:?}");
    assert!(
        actors.iter().all(|a| a == "Amira Shah (head)"),
        "the head user named at init made every change: {actors:?}"
    );
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
    assert!(
        stderr(&missing).contains("create one with `assent init` or `assent demo`"),
        "the CLI adds its own command: {}",
        stderr(&missing)
    );
    assert_eq!(stderr(&missing).lines().count(), 1);

    // Another program's (plain) SQLite database is refused and left as it was.
    let other = dir.path().join("register.sqlite");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE register (name TEXT); INSERT INTO register VALUES ('Zoë');")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&other).unwrap();
    let out = assent(Some(&other), &["people", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not an Assent database"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stderr(&out).lines().count(), 1);
    assert_eq!(std::fs::read(&other).unwrap(), before);
    assert!(!key_file(&other).exists());

    // Any other file is refused and left as it was too.
    let foreign = dir.path().join("letter.txt");
    std::fs::write(&foreign, "not a database at all, just a letter home").unwrap();
    let out = assent(Some(&foreign), &["people", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&foreign).unwrap(),
        "not a database at all, just a letter home"
    );
    assert!(!key_file(&foreign).exists());
}

/// A file that cannot be an encrypted database (a short text file) should be
/// named as not an Assent database, not sent to a restore for a missing key file.
#[test]
fn a_foreign_file_is_named_as_not_an_assent_database() {
    let dir = tempfile::tempdir().unwrap();
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
    let db_text = db.to_str().unwrap();
    let env = [("ASSENT_DB", Some(db_text))];
    let out = run(
        None,
        &["init", "--school", "Env School", "--admin", "head"],
        &env,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(db.exists());
    let listed = run(None, &["people", "list", "--json"], &env);
    assert_eq!(listed.status.code(), Some(0), "{}", stderr(&listed));
    assert_eq!(stdout(&listed).trim(), "[]");
}

#[test]
fn every_command_has_help_and_there_is_a_version() {
    for args in [
        vec!["--help"],
        vec!["init", "--help"],
        vec!["demo", "--help"],
        vec!["people", "--help"],
        vec!["people", "list", "--help"],
        vec!["users", "--help"],
        vec!["users", "add", "--help"],
        vec!["backup", "--help"],
        vec!["restore", "--help"],
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
    let init = init(db, "Brookside Primary");
    assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
    for kind in kinds {
        let file = fixture(&format!("import/school-{kind}.csv"));
        let out = assent(Some(db), &["import", kind, &file]);
        assert_eq!(out.status.code(), Some(0), "{kind}: {}", stderr(&out));
    }
}

/// Pupils on roll (no leaving date), as `people list` shows them.
fn pupils_on_roll(db: &Path) -> usize {
    let out = assent(Some(db), &["people", "list", "--kind", "pupil", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout)
        .unwrap()
        .len()
}

#[test]
fn a_full_roll_is_asked_for_confirmed_when_it_marks_many_leavers_and_can_be_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    school_from_fixtures(&db, &["pupils"]);
    let text = std::fs::read_to_string(fixture("import/school-pupils.csv")).unwrap();
    let short = dir.path().join("two.csv");
    std::fs::write(&short, text.lines().take(3).collect::<Vec<_>>().join("\n")).unwrap();
    let short = short.to_str().unwrap();

    // Without --full-roll the five pupils missing from the file are left alone.
    let partial = assent(Some(&db), &["import", "pupils", short]);
    assert_eq!(partial.status.code(), Some(0), "{}", stderr(&partial));
    assert!(
        stdout(&partial).contains("leaving 0"),
        "{}",
        stdout(&partial)
    );
    assert_eq!(pupils_on_roll(&db), 7);

    // Five of seven is more than a tenth of the roll: listed, then refused until confirmed.
    let refused = assent(Some(&db), &["import", "pupils", short, "--full-roll"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stdout(&refused));
    assert!(
        stdout(&refused).contains("leaving Seun Adeyemi"),
        "{}",
        stdout(&refused)
    );
    let said = stderr(&refused);
    assert!(said.contains("5 of the 7 pupils on roll"), "{said}");
    assert!(said.contains("--confirm-leavers 5"), "{said}");
    assert!(said.contains("nothing was written"), "{said}");
    let wrong = assent(
        Some(&db),
        &[
            "import",
            "pupils",
            short,
            "--full-roll",
            "--confirm-leavers",
            "4",
        ],
    );
    assert_eq!(wrong.status.code(), Some(1), "{}", stdout(&wrong));
    assert_eq!(pupils_on_roll(&db), 7);
    let needs_full = assent(
        Some(&db),
        &["import", "pupils", short, "--confirm-leavers", "5"],
    );
    assert_eq!(
        needs_full.status.code(),
        Some(2),
        "clap refuses it without --full-roll"
    );

    // A leaving date in the past, so that `people list` no longer counts them on roll.
    let done = assent(
        Some(&db),
        &[
            "import",
            "pupils",
            short,
            "--full-roll",
            "--confirm-leavers",
            "5",
            "--leaving-date",
            "2025-07-18",
        ],
    );
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    let out = stdout(&done);
    assert!(out.contains("leaving 5"), "{out}");
    assert_eq!(pupils_on_roll(&db), 2);
    let id = out
        .lines()
        .find_map(|l| {
            l.strip_prefix("To put the 5 pupils back on roll: assent import clear-leavers ")
        })
        .unwrap_or_else(|| panic!("the summary names the import: {out}"))
        .trim()
        .to_owned();

    let cleared = assent(Some(&db), &["import", "clear-leavers", &id]);
    assert_eq!(cleared.status.code(), Some(0), "{}", stderr(&cleared));
    assert!(
        stdout(&cleared).contains("Cleared 5 leaving dates"),
        "{}",
        stdout(&cleared)
    );
    assert_eq!(pupils_on_roll(&db), 7);
    let twice = assent(Some(&db), &["import", "clear-leavers", &id]);
    assert_eq!(twice.status.code(), Some(1));
    assert!(
        stderr(&twice).contains("already cleared"),
        "{}",
        stderr(&twice)
    );
}

#[test]
fn import_pupils_and_contacts_then_list_and_show_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert_eq!(init(&db, "Brookside Primary").status.code(), Some(0));
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
    assert_eq!(init(&db, "Brookside Primary").status.code(), Some(0));
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
    assert_eq!(init(&db, "Brookside Primary").status.code(), Some(0));
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
    let year: i32 = open(&db)
        .inspect()
        .query_row(
            "SELECT value FROM settings WHERE key = 'academic_year'",
            (),
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
    // Created the school, loaded the people, added the office, teacher and IT users.
    assert!(stdout(&ok).contains("intact: 5 entries"), "{}", stdout(&ok));
    let store = open(&db);
    assert_eq!(audit_actors(&store), vec!["Helen Okafor (head)"; 5]);
    store
        .inspect()
        .execute_batch(
            "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET summary = 'nothing' WHERE seq = 1;",
        )
        .unwrap();
    drop(store);
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
    assert_eq!(init(&db, "Brookside Primary").status.code(), Some(0));
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
fn a_parent_agreement_takes_every_choice_before_it_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    school_from_fixtures(&db, &["pupils", "contacts", "staff"]);
    let list = |args: &[&str]| -> Vec<serde_json::Value> {
        serde_json::from_slice(&assent(Some(&db), args).stdout).unwrap()
    };
    let id_of = |search: &str| {
        list(&["people", "list", "--search", search, "--json"])[0]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (marta, lukasz) = (id_of("Marta"), id_of("Łukasz"));
    let purposes: Vec<String> = list(&["consent", "purposes", "--json"])
        .iter()
        .filter(|p| p["retired"] != true)
        .map(|p| p["code"].as_str().unwrap().to_owned())
        .collect();
    assert!(purposes.len() > 1, "{purposes:?}");
    let sign = |choices: &[String]| {
        let mut args = vec![
            "sign",
            "typed",
            "--person",
            marta.as_str(),
            "--kind",
            "parent",
            "--signer",
            "Marta Łukasiewicz",
        ];
        for c in choices {
            args.extend(["--choice", c.as_str()]);
        }
        assent(Some(&db), &args)
    };
    let choice = |purpose: &str, answer: &str| format!("{lukasz}:{purpose}={answer}");
    let agreements = || list(&["agreements", "list", "--person", &marta, "--json"]).len();

    // No choices: refused, naming the first question and how to give it.
    let bare = sign(&[]);
    assert_eq!(bare.status.code(), Some(1));
    let err = stderr(&bare);
    assert!(err.contains("has no answer for"), "{err}");
    assert!(err.contains(&format!("--choice {lukasz}:")), "{err}");
    // A choice written wrongly is named as such.
    let garbled = sign(&[format!("{lukasz}-website-yes")]);
    assert_eq!(garbled.status.code(), Some(1));
    assert!(
        stderr(&garbled).contains("is not a choice"),
        "{}",
        stderr(&garbled)
    );
    // All but one: still refused.
    let most: Vec<String> = purposes[1..].iter().map(|p| choice(p, "yes")).collect();
    assert_eq!(sign(&most).status.code(), Some(1));
    assert_eq!(
        agreements(),
        0,
        "nothing recorded while choices are missing"
    );

    // Every choice: recorded, and its fingerprint checks out.
    let mut all = most.clone();
    all.push(choice(&purposes[0], "no"));
    let signed = sign(&all);
    assert_eq!(signed.status.code(), Some(0), "{}", stderr(&signed));
    let recorded = list(&["agreements", "list", "--person", &marta, "--json"]);
    assert_eq!(recorded.len(), 1);
    let verified = assent(
        Some(&db),
        &["agreements", "verify", recorded[0]["id"].as_str().unwrap()],
    );
    assert_eq!(verified.status.code(), Some(0), "{}", stdout(&verified));
    assert!(
        stdout(&verified).contains("photo and video choices"),
        "{}",
        stdout(&verified)
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

/// Runs the command, failing the test instead of hanging if it waits for input.
fn output_within(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("still running after {limit:?}: it must not wait for a password");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn signing_in_needs_the_right_password_and_never_prompts_without_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert_eq!(init(&db, "Brookside Primary").status.code(), Some(0));
    let before = std::fs::read(&db).unwrap();

    for (user, password) in [("head", "Not-the-password-1"), ("nobody", PASSWORD)] {
        let out = assent_with(&db, user, password, &["people", "list"]);
        assert_eq!(out.status.code(), Some(1), "{user}");
        let err = stderr(&out);
        assert!(err.contains("username or password is not right"), "{err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    }

    let no_password = output_within(
        command(Some(&db), &["people", "list"], &[("ASSENT_PASSWORD", None)]),
        Duration::from_secs(60),
    );
    assert_eq!(no_password.status.code(), Some(1));
    let err = stderr(&no_password);
    assert!(
        err.contains("$ASSENT_PASSWORD") && err.contains("terminal"),
        "says how to give the password: {err}"
    );
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        stdout(&no_password).is_empty(),
        "no prompt: {}",
        stdout(&no_password)
    );

    let no_user = output_within(
        command(Some(&db), &["people", "list"], &[("ASSENT_USER", None)]),
        Duration::from_secs(60),
    );
    assert_eq!(no_user.status.code(), Some(1));
    assert!(
        stderr(&no_user).contains("--user") && stderr(&no_user).contains("$ASSENT_USER"),
        "{}",
        stderr(&no_user)
    );

    let no_init_password = output_within(
        command(
            Some(&dir.path().join("new.db")),
            &["init", "--school", "Brookside Primary", "--admin", "head"],
            &[("ASSENT_PASSWORD", None)],
        ),
        Duration::from_secs(60),
    );
    assert_eq!(no_init_password.status.code(), Some(1));
    assert!(
        stderr(&no_init_password).contains("$ASSENT_PASSWORD"),
        "{}",
        stderr(&no_init_password)
    );
    assert!(!dir.path().join("new.db").exists());

    let short = run(
        Some(&dir.path().join("short.db")),
        &["init", "--school", "Brookside Primary", "--admin", "head"],
        &[("ASSENT_PASSWORD", Some("short"))],
    );
    assert_eq!(short.status.code(), Some(1));
    assert!(
        stderr(&short).contains("at least 10 characters"),
        "{}",
        stderr(&short)
    );
    assert!(!dir.path().join("short.db").exists());

    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "failed sign-ins change nothing in the database"
    );
    let right = assent(Some(&db), &["people", "list", "--json"]);
    assert_eq!(right.status.code(), Some(0), "{}", stderr(&right));
}

#[test]
fn roles_limit_what_each_user_can_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let demo = assent(Some(&db), &["demo"]);
    assert_eq!(demo.status.code(), Some(0), "{}", stderr(&demo));
    let pupils = |user: &str| -> Vec<serde_json::Value> {
        let out = assent_as(&db, user, &["people", "list", "--kind", "pupil", "--json"]);
        assert_eq!(out.status.code(), Some(0), "{user}: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };

    // IT: no consent details, but who has signed what.
    let consent = assent_as(&db, "it", &["consent", "list", "--class", "Oak"]);
    assert_eq!(consent.status.code(), Some(1));
    assert!(
        stderr(&consent).contains(
            "your role (IT technician) does not allow you to see photo and video consent"
        ),
        "{}",
        stderr(&consent)
    );
    assert!(stdout(&consent).is_empty(), "{}", stdout(&consent));
    let status = assent_as(&db, "it", &["status", "--json"]);
    assert_eq!(status.status.code(), Some(0), "{}", stderr(&status));
    let status: Vec<serde_json::Value> = serde_json::from_slice(&status.stdout).unwrap();
    assert!(!status.is_empty());

    // Teacher: only the pupils in Oak and Willow.
    let everyone = pupils("head");
    let in_class = |p: &serde_json::Value| p["class"] == "Oak" || p["class"] == "Willow";
    let theirs: Vec<&serde_json::Value> = everyone.iter().filter(|p| in_class(p)).collect();
    let other = everyone
        .iter()
        .find(|p| !in_class(p))
        .expect("the demo has other classes");
    let seen = pupils("teacher");
    assert!(seen.iter().all(in_class), "only Oak and Willow");
    let mut seen_ids: Vec<&str> = seen.iter().map(|p| p["id"].as_str().unwrap()).collect();
    let mut their_ids: Vec<&str> = theirs.iter().map(|p| p["id"].as_str().unwrap()).collect();
    seen_ids.sort_unstable();
    their_ids.sort_unstable();
    assert_eq!(seen_ids, their_ids, "every pupil in Oak and Willow");
    for class in ["Oak", "Willow"] {
        assert!(seen.iter().any(|p| p["class"] == class), "{class}");
    }
    let own = assent_as(&db, "teacher", &["people", "show", their_ids[0], "--json"]);
    assert_eq!(own.status.code(), Some(0), "{}", stderr(&own));
    let elsewhere = assent_as(
        &db,
        "teacher",
        &["people", "show", other["id"].as_str().unwrap()],
    );
    assert_eq!(elsewhere.status.code(), Some(1));
    assert!(
        stderr(&elsewhere)
            .contains("your role (Teacher) does not allow you to see people outside your classes"),
        "{}",
        stderr(&elsewhere)
    );
    assert!(stdout(&elsewhere).is_empty(), "{}", stdout(&elsewhere));

    // Office: people and paper forms, but not the agreement texts.
    let file = dir.path().join("staff.md");
    std::fs::write(
        &file,
        "---\nkind: staff\ntitle: Staff agreement\naudience: Staff and volunteers\n---\n## Passwords\n\n- I lock my screen when I leave it.\n",
    )
    .unwrap();
    let publish = assent_as(
        &db,
        "office",
        &["templates", "publish", "staff", file.to_str().unwrap()],
    );
    assert_eq!(publish.status.code(), Some(1));
    assert!(
        stderr(&publish).contains(
            "your role (Office) does not allow you to edit or publish agreement templates"
        ),
        "{}",
        stderr(&publish)
    );
    let list = assent_as(&db, "office", &["templates", "list", "--json"]);
    let list: Vec<serde_json::Value> = serde_json::from_slice(&list.stdout).unwrap();
    assert!(
        list.iter().all(|t| t["version"] == 1),
        "nothing was published: {list:?}"
    );
}

#[test]
fn users_are_added_change_their_password_and_lose_access() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    school_from_fixtures(&db, &["pupils"]);
    let new_password = |password: &'static str| [("ASSENT_NEW_PASSWORD", Some(password))];

    let add = |args: &[&str], password: &'static str| {
        let mut all = vec!["users", "add"];
        all.extend_from_slice(args);
        run(Some(&db), &all, &new_password(password))
    };
    let weak = add(
        &[
            "jo", "--name", "Jo Bell", "--role", "teacher", "--class", "Cedar",
        ],
        "short",
    );
    assert_eq!(weak.status.code(), Some(1));
    assert!(
        stderr(&weak).contains("at least 10 characters"),
        "{}",
        stderr(&weak)
    );
    let added = add(
        &[
            "jo", "--name", "Jo Bell", "--role", "teacher", "--class", "Cedar",
        ],
        "Jo-first-password",
    );
    assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
    assert!(
        stdout(&added).contains("Added jo (Jo Bell) as Teacher"),
        "{}",
        stdout(&added)
    );
    let office = add(
        &["sam", "--name", "Sam Achebe", "--role", "office"],
        "Sam-first-password",
    );
    assert_eq!(office.status.code(), Some(0), "{}", stderr(&office));
    let bad_role = add(&["kit", "--name", "Kit", "--role", "caretaker"], PASSWORD);
    assert_eq!(bad_role.status.code(), Some(2));

    let listed = assent(Some(&db), &["users", "list"]);
    assert_eq!(listed.status.code(), Some(0), "{}", stderr(&listed));
    let text = stdout(&listed);
    let line = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} missing from {text}"))
            .to_owned()
    };
    assert!(line("head").contains("Amira Shah"), "{text}");
    assert!(line("head").contains("Headteacher or DSL"), "{text}");
    assert!(line("jo").contains("Jo Bell"), "{text}");
    assert!(line("jo").contains("Teacher — Cedar"), "{text}");
    assert!(line("sam").contains("Office"), "{text}");

    // The new teacher signs in and sees their class; only head users manage users.
    let cedar = assent_with(
        &db,
        "jo",
        "Jo-first-password",
        &["people", "list", "--kind", "pupil", "--json"],
    );
    assert_eq!(cedar.status.code(), Some(0), "{}", stderr(&cedar));
    let cedar: Vec<serde_json::Value> = serde_json::from_slice(&cedar.stdout).unwrap();
    assert_eq!(cedar.len(), 2);
    assert!(cedar.iter().all(|p| p["class"] == "Cedar"));
    let not_theirs = assent_with(&db, "jo", "Jo-first-password", &["users", "list"]);
    assert_eq!(not_theirs.status.code(), Some(1));
    assert!(
        stderr(&not_theirs).contains("does not allow you to manage staff users"),
        "{}",
        stderr(&not_theirs)
    );

    // Jo changes their own password: the old one stops working.
    let changed = run(
        Some(&db),
        &["users", "password"],
        &[
            ("ASSENT_USER", Some("jo")),
            ("ASSENT_PASSWORD", Some("Jo-first-password")),
            ("ASSENT_NEW_PASSWORD", Some("Jo-second-password")),
        ],
    );
    assert_eq!(changed.status.code(), Some(0), "{}", stderr(&changed));
    let old = assent_with(&db, "jo", "Jo-first-password", &["people", "list"]);
    assert_eq!(old.status.code(), Some(1));
    assert!(
        stderr(&old).contains("username or password is not right"),
        "{}",
        stderr(&old)
    );
    let new = assent_with(&db, "jo", "Jo-second-password", &["people", "list"]);
    assert_eq!(new.status.code(), Some(0), "{}", stderr(&new));

    // A head user sets a new password for someone who forgot theirs.
    let reset = run(
        Some(&db),
        &["users", "reset", "sam"],
        &new_password("Sam-reset-password"),
    );
    assert_eq!(reset.status.code(), Some(0), "{}", stderr(&reset));
    let sam = assent_with(&db, "sam", "Sam-reset-password", &["people", "list"]);
    assert_eq!(sam.status.code(), Some(0), "{}", stderr(&sam));
    let sam_old = assent_with(&db, "sam", "Sam-first-password", &["people", "list"]);
    assert_eq!(sam_old.status.code(), Some(1));

    // Removing access: Jo can no longer sign in, and their past actions stay recorded.
    let myself = assent(Some(&db), &["users", "remove", "head"]);
    assert_eq!(myself.status.code(), Some(1), "you cannot remove yourself");
    let removed = assent(Some(&db), &["users", "remove", "jo"]);
    assert_eq!(removed.status.code(), Some(0), "{}", stderr(&removed));
    let gone = assent_with(&db, "jo", "Jo-second-password", &["people", "list"]);
    assert_eq!(gone.status.code(), Some(1));
    assert!(
        stderr(&gone).contains("username or password is not right"),
        "{}",
        stderr(&gone)
    );
    let listed = stdout(&assent(Some(&db), &["users", "list"]));
    let jo = listed.lines().find(|l| l.starts_with("jo ")).unwrap();
    assert!(jo.contains("(access removed)"), "{listed}");

    let store = open(&db);
    let actors = audit_actors(&store);
    assert!(
        actors.iter().any(|a| a == "Jo Bell (jo)"),
        "Jo's password change is recorded as theirs: {actors:?}"
    );
    assert!(
        actors
            .iter()
            .all(|a| a == "Amira Shah (head)" || a == "Jo Bell (jo)"),
        "{actors:?}"
    );
    drop(store);
    let verify = assent(Some(&db), &["audit", "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", stderr(&verify));
}

/// Rhiannon Pryce's staff agreement status.
fn rhiannon_status(db: &Path) -> String {
    let status = assent(Some(db), &["status", "--kind", "staff", "--json"]);
    assert_eq!(status.status.code(), Some(0), "{}", stderr(&status));
    let status: Vec<serde_json::Value> = serde_json::from_slice(&status.stdout).unwrap();
    status
        .iter()
        .find(|r| r["name"].as_str().unwrap().contains("Rhiannon"))
        .unwrap()["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn restore_brings_back_a_backup_and_keeps_the_replaced_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    school_from_fixtures(&db, &["pupils", "contacts", "staff"]);
    let backup = dir.path().join("backup.assent");
    let made = assent(Some(&db), &["backup", backup.to_str().unwrap()]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    assert!(stdout(&made).contains("Backed up to"), "{}", stdout(&made));
    let bytes = std::fs::read(&backup).unwrap();
    assert!(
        !bytes.windows(17).any(|w| w == b"Brookside Primary"),
        "the backup is encrypted"
    );
    // A second backup to the same file is refused and leaves it as it was…
    let again = assent(Some(&db), &["backup", backup.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1), "{}", stdout(&again));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        std::fs::read(&backup).unwrap(),
        bytes,
        "the first backup is untouched"
    );
    // …unless --force says to replace it.
    let forced = assent(Some(&db), &["backup", "--force", backup.to_str().unwrap()]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_ne!(
        std::fs::read(&backup).unwrap(),
        bytes,
        "--force wrote a new backup"
    );

    let rhiannon = stdout(&assent(
        Some(&db),
        &["people", "list", "--search", "Rhiannon", "--json"],
    ));
    let rhiannon: Vec<serde_json::Value> = serde_json::from_str(&rhiannon).unwrap();
    let rhiannon = rhiannon[0]["id"].as_str().unwrap();
    let typed = assent(
        Some(&db),
        &[
            "sign",
            "typed",
            "--person",
            rhiannon,
            "--kind",
            "staff",
            "--signer",
            "Rhiannon Pryce",
        ],
    );
    assert_eq!(typed.status.code(), Some(0), "{}", stderr(&typed));
    assert_eq!(rhiannon_status(&db), "signed");

    let restored = assent(Some(&db), &["restore", backup.to_str().unwrap()]);
    assert_eq!(restored.status.code(), Some(0), "{}", stderr(&restored));
    assert!(
        stdout(&restored).contains("Amira Shah (head)"),
        "says who took the backup: {}",
        stdout(&restored)
    );
    assert_eq!(rhiannon_status(&db), "not_signed", "the signature is gone");

    let kept: Vec<String> = files_in(dir.path())
        .into_iter()
        .filter(|n| n.starts_with("s.db.replaced-") && !n.contains(".keys"))
        .collect();
    assert_eq!(kept.len(), 1, "{:?}", files_in(dir.path()));
    let kept = dir.path().join(&kept[0]);
    assert!(
        stdout(&restored).contains(&kept.display().to_string()),
        "{}",
        stdout(&restored)
    );
    assert!(
        key_file(&kept).exists(),
        "the kept database has its key file"
    );
    assert_eq!(
        rhiannon_status(&kept),
        "signed",
        "the replaced database still holds the signature"
    );
    assert!(
        !files_in(dir.path()).iter().any(|n| n.contains("restoring")),
        "{:?}",
        files_in(dir.path())
    );

    let verify = assent(Some(&db), &["audit", "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", stderr(&verify));
    let store = open(&db);
    let last: (String, String) = store
        .inspect()
        .query_row(
            "SELECT action, actor FROM audit_log ORDER BY seq DESC LIMIT 1",
            (),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        last,
        ("backup.restore".to_owned(), "Amira Shah (head)".to_owned())
    );
}

#[test]
fn a_damaged_backup_or_a_restore_by_someone_else_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    school_from_fixtures(&db, &["pupils"]);
    let office = run(
        Some(&db),
        &[
            "users",
            "add",
            "office",
            "--name",
            "Dana Whitlock",
            "--role",
            "office",
        ],
        &[("ASSENT_NEW_PASSWORD", Some(PASSWORD))],
    );
    assert_eq!(office.status.code(), Some(0), "{}", stderr(&office));
    let backup = dir.path().join("backup.assent");
    let made = assent(Some(&db), &["backup", backup.to_str().unwrap()]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let good = std::fs::read(&backup).unwrap();

    let truncated = dir.path().join("truncated.assent");
    std::fs::write(&truncated, &good[..good.len() - 1000]).unwrap();
    let flipped = dir.path().join("flipped.assent");
    let mut bytes = good.clone();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&flipped, &bytes).unwrap();
    let letter = dir.path().join("letter.txt");
    std::fs::write(&letter, "not a backup, just a letter home").unwrap();

    let before = std::fs::read(&db).unwrap();
    let files_before = files_in(dir.path());
    for (file, user, message) in [
        (&truncated, "head", "it is incomplete"),
        (&flipped, "head", "its checksum does not match"),
        (&letter, "head", "it is not an Assent backup"),
        (&backup, "office", "your role (Office) does not allow"),
    ] {
        let out = assent_as(&db, user, &["restore", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}", file.display());
        let err = stderr(&out);
        assert!(err.contains(message), "{}: {err}", file.display());
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "{}: the database is unchanged",
            file.display()
        );
        assert_eq!(
            files_in(dir.path()),
            files_before,
            "{}: nothing kept or left behind",
            file.display()
        );
    }
    let bad_password = assent_with(
        &db,
        "head",
        "Not-the-password-1",
        &["restore", backup.to_str().unwrap()],
    );
    assert_eq!(bad_password.status.code(), Some(1));
    assert!(
        stderr(&bad_password).contains("username or password is not right"),
        "{}",
        stderr(&bad_password)
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert_eq!(files_in(dir.path()), files_before);

    let other = dir.path().join("other").join("o.db");
    assert_eq!(init(&other, "Another Primary").status.code(), Some(0));
    let foreign = assent(Some(&other), &["restore", backup.to_str().unwrap()]);
    assert_eq!(foreign.status.code(), Some(1));
    assert!(
        stderr(&foreign).contains("another school"),
        "{}",
        stderr(&foreign)
    );

    let ok = assent(Some(&db), &["audit", "verify"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
}

#[test]
fn the_database_is_encrypted_and_needs_its_key_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    school_from_fixtures(&db, &["pupils"]);
    let bytes = std::fs::read(&db).unwrap();
    assert_ne!(
        &bytes[..16],
        b"SQLite format 3\0",
        "not a plain SQLite file"
    );
    for plain in [
        &b"Brookside Primary"[..],
        "Zoë".as_bytes(),
        b"N999200122001",
    ] {
        assert!(
            !bytes.windows(plain.len()).any(|w| w == plain),
            "{} is not readable in the file",
            String::from_utf8_lossy(plain)
        );
    }
    let keys = std::fs::read_to_string(key_file(&db)).unwrap();
    assert!(!keys.contains(PASSWORD), "the key file holds no password");

    let aside = dir.path().join("keys.aside");
    std::fs::rename(key_file(&db), &aside).unwrap();
    let missing = assent(Some(&db), &["people", "list"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("key file")
            && stderr(&missing).contains("missing")
            && stderr(&missing).contains("with `assent restore BACKUP`"),
        "{}",
        stderr(&missing)
    );
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
    std::fs::rename(&aside, key_file(&db)).unwrap();
    let back = assent(Some(&db), &["people", "list", "--json"]);
    assert_eq!(back.status.code(), Some(0), "{}", stderr(&back));
}
