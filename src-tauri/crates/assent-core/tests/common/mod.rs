//! Helpers shared by the signing tests: the demo school, signatures of each
//! kind, and requests for the current text.
#![allow(dead_code)]

use assent_core::agreements::{
    self, AgreementStatus, Method, Point, SignRequest, SignatureInput, SignerRole,
};
use assent_core::people::{self, Filter};
use assent_core::templates::{self, TemplateKind};
use assent_core::{Actor, Error, Store, demo};

pub fn actor() -> Actor {
    Actor::local("Ms Teacher")
}

pub fn demo_school() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo::create_or_fill(&dir.path().join("s.db"), &actor()).unwrap();
    (dir, store)
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
        store.conn(),
        &Filter {
            year: Some("Y5".into()),
            ..Filter::default()
        },
    )
    .unwrap();
    for p in year5 {
        let d = people::detail(store.conn(), &p.id).unwrap();
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
    let current = templates::version(store.conn(), kind, None).unwrap();
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
    agreements::sign(store, &req, &actor())
}

pub fn status_of(store: &Store, person: &str) -> AgreementStatus {
    agreements::status_for(store.conn(), person)
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
    people::list(store.conn(), filter).unwrap().remove(0)
}
