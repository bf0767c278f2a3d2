//! Set-up shared by the core's integration tests: real, encrypted database
//! files in temporary folders, or real databases on a PostgreSQL server,
//! opened as a real signed-in user.
//!
//! The suite runs twice: on SQLite files, and with `ASSENT_TEST_ENGINE=postgres`
//! on a throwaway PostgreSQL cluster that `make test` starts (`pg_virtualenv`
//! gives its address in the `PG*` variables). Each test school is then a
//! database of its own on that server; its key file stays in the test's
//! temporary folder. The tests do not know which engine they run on.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use assent_core::Error;
use assent_core::agreements::{
    self, AgreementStatus, Method, Point, SignRequest, SignatureInput, SignerRole,
};
use assent_core::people::{self, Filter};
use assent_core::templates::{self, TemplateKind};
use std::path::{Path, PathBuf};

use assent_core::auth::Role;
use assent_core::users::{self, NewUser};
use assent_core::{Admin, Store, demo};

/// The first head user of every test school.
pub const HEAD: &str = "head";
/// Every test user's password.
pub const PASSWORD: &str = "correct horse battery";

/// The first head user.
pub fn admin() -> Admin {
    Admin {
        username: HEAD.to_owned(),
        display_name: "Harriet Head".to_owned(),
        password: PASSWORD.to_owned(),
    }
}

/// Whether this run is on a PostgreSQL server (`ASSENT_TEST_ENGINE=postgres`).
fn server() -> bool {
    static SERVER: OnceLock<bool> = OnceLock::new();
    *SERVER.get_or_init(|| {
        match std::env::var("ASSENT_TEST_ENGINE")
            .unwrap_or_default()
            .as_str()
        {
            "" | "sqlite" => false,
            "postgres" => true,
            other => panic!("ASSENT_TEST_ENGINE is {other:?}: it must be sqlite or postgres"),
        }
    })
}

/// Which test school lives in which server database, by its path.
fn server_databases() -> &'static Mutex<HashMap<PathBuf, String>> {
    static DATABASES: OnceLock<Mutex<HashMap<PathBuf, String>>> = OnceLock::new();
    DATABASES.get_or_init(|| Mutex::new(HashMap::new()))
}

/// A new, empty database on the test server, for the school at `path`.
fn new_server_database(path: &Path) -> String {
    let url = assent_core::db::scratch_database("assent_test").expect("create a test database");
    server_databases()
        .lock()
        .unwrap()
        .insert(path.to_owned(), url.clone());
    url
}

/// Removes guard triggers, `(trigger, table)`, as someone with direct access
/// to the database could (PostgreSQL names a trigger with its table).
pub fn drop_triggers(conn: &assent_core::db::Conn, triggers: &[(&str, &str)]) {
    let sql: String = triggers
        .iter()
        .map(|(trigger, table)| match conn.engine() {
            assent_core::db::Engine::Sqlite => format!("DROP TRIGGER {trigger};"),
            assent_core::db::Engine::Postgres => format!("DROP TRIGGER {trigger} ON {table};"),
        })
        .collect();
    conn.execute_batch(&sql).expect("drop the guard triggers");
}

/// Whether this run is on a PostgreSQL server.
pub fn on_server() -> bool {
    server()
}

/// A new school at `path`, signed in as the head user.
pub fn create(path: &Path, name: &str) -> Store {
    create_as(path, name, &admin()).expect("create the test school")
}

/// A new school at `path` with `first` as its head user, on this run's engine.
pub fn create_as(path: &Path, name: &str, first: &Admin) -> assent_core::Result<Store> {
    if server() {
        let url = new_server_database(path);
        Store::create_on_server(&url, path, name, first)
    } else {
        Store::create(path, name, first)
    }
}

/// Opens the test school at `path` as `username`, on the engine it was made on.
pub fn open_as(path: &Path, username: &str, password: &str) -> assent_core::Result<Store> {
    let url = server_databases().lock().unwrap().get(path).cloned();
    match url {
        None => Store::open(path, username, password),
        Some(url) => Store::open_on_server(&url, path, username, password),
    }
}

/// Restores `backup` over the test school at `path` as `username`, on the
/// engine the school is on: its file, or its database on the server. A path
/// with no school yet gets a new empty database when the run is on a server.
pub fn restore(
    backup: &Path,
    path: &Path,
    username: &str,
    password: &str,
) -> assent_core::Result<assent_core::backup::RestoreOutcome> {
    let url = server_databases().lock().unwrap().get(path).cloned();
    match url {
        Some(url) => assent_core::backup::restore_on_server(backup, &url, path, username, password),
        None if server() => {
            let url = new_server_database(path);
            assent_core::backup::restore_on_server(backup, &url, path, username, password)
        }
        None => assent_core::backup::restore(backup, path, username, password),
    }
}

/// The connection string of the server database the test school at `path`
/// is in, if the run is on a server.
pub fn server_url(path: &Path) -> Option<String> {
    server_databases().lock().unwrap().get(path).cloned()
}

/// How many rows each table holds, by table name: what a refused restore
/// must leave exactly as it was, on either engine.
pub fn row_counts(store: &Store) -> Vec<(String, i64)> {
    let conn = store.inspect();
    conn.table_names()
        .unwrap()
        .into_iter()
        .map(|table| {
            let n = conn
                .query_row(&format!("SELECT count(*) FROM \"{table}\""), (), |r| {
                    r.get(0)
                })
                .unwrap();
            (table, n)
        })
        .collect()
}

/// A new school in a fresh temporary folder, signed in as the head user.
pub fn school() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = create(&dir.path().join("s.db"), "School");
    (dir, store)
}

/// The fictional demo school in a fresh temporary folder (people only, no
/// extra staff users), signed in as the head user.
pub fn demo_school() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = school();
    demo::fill(&mut store).expect("load the demo people");
    (dir, store)
}

/// The name the audit log records for changes made by the head user.
pub const HEAD_ACTOR: &str = "Harriet Head (head)";

/// The path of the database in `dir` that [`school`] made.
pub fn db_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("s.db")
}

/// Opens an existing test school as the head user.
pub fn open(path: &Path) -> Store {
    open_as(path, HEAD, PASSWORD).expect("open the test school")
}

/// Adds a user with `role` (teachers get `classes`) and returns their username.
pub fn add_user(store: &mut Store, username: &str, role: Role, classes: &[&str]) -> String {
    users::add(
        store,
        &NewUser {
            username: username.to_owned(),
            display_name: format!("Test {username}"),
            role,
            password: PASSWORD.to_owned(),
            classes: classes.iter().map(|c| (*c).to_owned()).collect(),
        },
    )
    .expect("add a test user");
    username.to_owned()
}

/// A tiny valid PNG (1×1), standing in for the canvas picture.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82";

pub fn stroke() -> Vec<Vec<Point>> {
    vec![
        (0..20)
            .map(|i| Point {
                x: 10.0 + f64::from(i) * 6.0,
                y: 40.0 + f64::from(i % 5) * 4.0,
            })
            .collect(),
    ]
}

pub fn drawn(role: SignerRole, name: &str, signer: Option<&str>) -> SignatureInput {
    SignatureInput {
        role,
        signer_person_id: signer.map(str::to_owned),
        signer_name: name.to_owned(),
        method: Method::Drawn,
        agreed: false,
        image_png: Some(PNG.to_vec()),
        strokes: Some(stroke()),
        signed_on: None,
    }
}

/// A KS2 pupil and their first contact with parental responsibility.
pub fn ks2_pupil(store: &Store) -> (people::PersonDetail, String, String) {
    let year5 = people::list(
        store,
        &Filter {
            year: Some("Y5".into()),
            ..Filter::default()
        },
    )
    .unwrap();
    for p in year5 {
        let d = people::detail(store, &p.id).unwrap();
        if let Some(c) = d.contacts.iter().find(|c| c.parental_responsibility) {
            let (id, name) = (c.id.clone(), format!("{} {}", c.given_name, c.family_name));
            return (d, id, name);
        }
    }
    unreachable!("the demo has KS2 pupils with parents")
}

pub fn request(
    store: &Store,
    person: &str,
    kind: TemplateKind,
    submission: &str,
    signatures: Vec<SignatureInput>,
) -> SignRequest {
    let current = templates::version(store, kind, None).unwrap();
    SignRequest {
        submission_id: submission.to_owned(),
        person_id: person.to_owned(),
        kind,
        version: current.version,
        template_sha256: current.sha256,
        signatures,
        scan: None,
        device: "Class 5 laptop".to_owned(),
        consents: Vec::new(),
    }
}

pub fn sign_now(
    store: &mut Store,
    person: &str,
    kind: TemplateKind,
    submission: &str,
    signatures: Vec<SignatureInput>,
) -> assent_core::Result<agreements::AgreementRecord> {
    let req = request(store, person, kind, submission, signatures);
    agreements::sign(store, &req)
}

pub fn status_of(store: &Store, person: &str) -> AgreementStatus {
    agreements::status_for(store, person)
        .unwrap()
        .unwrap()
        .status
}

pub fn refused(result: assent_core::Result<agreements::AgreementRecord>, needle: &str) {
    match result {
        Err(Error::InvalidInput { reason, .. }) => assert!(reason.contains(needle), "{reason}"),
        other => panic!("expected a refusal mentioning {needle:?}, got {other:?}"),
    }
}

pub fn typed(name: &str) -> SignatureInput {
    SignatureInput {
        role: SignerRole::Themselves,
        signer_person_id: None,
        signer_name: name.to_owned(),
        method: Method::Typed,
        agreed: true,
        image_png: None,
        strokes: None,
        signed_on: None,
    }
}

pub fn paper(role: SignerRole, name: &str, signer: Option<&str>, date: &str) -> SignatureInput {
    SignatureInput {
        method: Method::Paper,
        image_png: None,
        strokes: None,
        signed_on: Some(date.to_owned()),
        ..drawn(role, name, signer)
    }
}

/// The first person the demo lists matching `filter`.
pub fn first(store: &Store, filter: &Filter) -> people::PersonSummary {
    people::list(store, filter).unwrap().remove(0)
}

/// Every text and blob value in every table, as bytes: what a copy of the
/// database (a dump of a server's) shows to someone without the data key.
pub fn every_stored_value(store: &Store) -> Vec<u8> {
    use assent_core::db::ValueRef;
    let conn = store.inspect();
    let tables = conn.table_names().unwrap();
    for table in ["account_export_rows", "agreement_signatures", "incidents"] {
        assert!(tables.iter().any(|t| t == table), "{table} is read");
    }
    let mut haystack: Vec<u8> = Vec::new();
    for table in &tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let mut rows = stmt.query(()).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..r.len() {
                match r.value(i).unwrap() {
                    ValueRef::Text(t) => {
                        haystack.extend_from_slice(t.as_bytes());
                        haystack.push(0);
                    }
                    ValueRef::Blob(b) => {
                        haystack.extend_from_slice(b);
                        haystack.push(0);
                    }
                    _ => {}
                }
            }
        }
    }
    assert!(haystack.len() > 10_000, "the tables were read");
    haystack
}

/// Whether `needle` occurs anywhere in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
