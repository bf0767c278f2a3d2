//! Set-up shared by the core's integration tests: real, encrypted database
//! files in temporary folders, opened as a real signed-in user.
#![allow(dead_code)]

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

/// A new school at `path`, signed in as the head user.
pub fn create(path: &Path, name: &str) -> Store {
    Store::create(path, name, &admin()).expect("create the test school")
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
    Store::open(path, HEAD, PASSWORD).expect("open the test school")
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
