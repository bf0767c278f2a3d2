//! Signing agreements in the demo school, and the statuses that follow.

mod common;

use assent_core::agreements::{
    self, AgreementStatus, Method, Point, SignRequest, SignatureInput, SignerRole, StatusFilter,
};
use assent_core::people::{self, Filter, PersonKind};
use assent_core::templates::{self, PublishOptions, TemplateKind};
use assent_core::{Error, Store, rollover, school};
use common::demo_school;

/// A tiny valid PNG (1×1), standing in for the canvas picture.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82";

fn stroke() -> Vec<Vec<Point>> {
    vec![
        (0..20)
            .map(|i| Point {
                x: 10.0 + f64::from(i) * 6.0,
                y: 40.0 + f64::from(i % 5) * 4.0,
            })
            .collect(),
    ]
}

fn drawn(role: SignerRole, name: &str, signer: Option<&str>) -> SignatureInput {
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
fn ks2_pupil(store: &Store) -> (people::PersonDetail, String, String) {
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

fn request(
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
    }
}

fn sign_now(
    store: &mut Store,
    person: &str,
    kind: TemplateKind,
    submission: &str,
    signatures: Vec<SignatureInput>,
) -> assent_core::Result<agreements::AgreementRecord> {
    let req = request(store, person, kind, submission, signatures);
    agreements::sign(store, &req)
}

fn status_of(store: &Store, person: &str) -> AgreementStatus {
    agreements::status_for(store, person)
        .unwrap()
        .unwrap()
        .status
}

fn refused(result: assent_core::Result<agreements::AgreementRecord>, needle: &str) {
    match result {
        Err(Error::InvalidInput { reason, .. }) => assert!(reason.contains(needle), "{reason}"),
        other => panic!("expected a refusal mentioning {needle:?}, got {other:?}"),
    }
}

#[test]
fn a_ks2_pupil_and_parent_sign_and_the_record_is_sealed() {
    let (_dir, mut store) = demo_school();
    let (pupil, parent, parent_name) = ks2_pupil(&store);
    assert_eq!(
        status_of(&store, &pupil.summary.id),
        AgreementStatus::NotSigned
    );
    let req = request(
        &store,
        &pupil.summary.id,
        TemplateKind::Ks2,
        "sub-1",
        vec![
            drawn(SignerRole::Pupil, &pupil.summary.given_name, None),
            drawn(SignerRole::Parent, &parent_name, Some(&parent)),
        ],
    );
    let a = agreements::sign(&mut store, &req).unwrap();
    assert_eq!(a.signatures.len(), 2);
    assert_eq!(a.evidence_sha256.len(), 64);
    assert_ne!(
        a.signatures[0].evidence_sha256,
        a.signatures[1].evidence_sha256
    );
    assert!(a.signatures[1].relationship.is_some());
    assert_eq!(a.recorded_by, common::HEAD_ACTOR);
    assert_eq!(a.signatures[0].recorded_by, common::HEAD_ACTOR);
    assert_eq!(a.device, "Class 5 laptop");
    let row = agreements::status_for(&store, &pupil.summary.id)
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.status, row.version, row.agreement_kind),
        (AgreementStatus::Signed, Some(1), TemplateKind::Ks2)
    );
    assert!(row.signed_at.is_some());

    // The same submission again (a double click) records nothing new.
    let again = agreements::sign(&mut store, &req).unwrap();
    assert_eq!(again.id, a.id);
    assert_eq!(
        agreements::agreements_for(&store, Some(&pupil.summary.id))
            .unwrap()
            .len(),
        1
    );

    // Evidence can never be edited or deleted.
    assert!(
        store
            .inspect()
            .execute("UPDATE agreements SET version = 9", [])
            .is_err()
    );
    assert!(
        store
            .inspect()
            .execute("DELETE FROM agreement_signatures", [])
            .is_err()
    );
}

#[test]
fn a_parent_who_is_not_there_signs_later() {
    let (_dir, mut store) = demo_school();
    let (pupil, parent, parent_name) = ks2_pupil(&store);
    let req = request(
        &store,
        &pupil.summary.id,
        TemplateKind::Ks2,
        "sub-2",
        vec![drawn(SignerRole::Pupil, "Me", None)],
    );
    let a = agreements::sign(&mut store, &req).unwrap();
    assert_eq!(
        status_of(&store, &pupil.summary.id),
        AgreementStatus::AwaitingParent
    );
    agreements::add_signature(
        &mut store,
        &a.id,
        &drawn(SignerRole::Parent, &parent_name, Some(&parent)),
        "Office PC",
    )
    .unwrap();
    assert_eq!(
        status_of(&store, &pupil.summary.id),
        AgreementStatus::Signed
    );
    let twice = agreements::add_signature(
        &mut store,
        &a.id,
        &drawn(SignerRole::Parent, &parent_name, Some(&parent)),
        "Office PC",
    );
    refused(twice, "already has a parent signature");
}

#[test]
fn only_a_contact_with_parental_responsibility_signs_for_a_pupil() {
    let (_dir, mut store) = demo_school();
    let (pupil, _, _) = ks2_pupil(&store);
    let stranger = people::list(
        &store,
        &Filter {
            kind: Some(PersonKind::Staff),
            ..Filter::default()
        },
    )
    .unwrap()[0]
        .id
        .clone();
    let req = request(
        &store,
        &pupil.summary.id,
        TemplateKind::Ks2,
        "sub-3",
        vec![
            drawn(SignerRole::Pupil, "Me", None),
            drawn(SignerRole::Parent, "Not a parent", Some(&stranger)),
        ],
    );
    refused(
        agreements::sign(&mut store, &req),
        "parental responsibility",
    );
    assert_eq!(
        status_of(&store, &pupil.summary.id),
        AgreementStatus::NotSigned,
        "nothing half-written"
    );
}

#[test]
fn empty_drawings_bad_scans_and_stale_versions_are_refused() {
    let (_dir, mut store) = demo_school();
    let (pupil, parent, name) = ks2_pupil(&store);
    let id = pupil.summary.id.clone();
    let mut dot = drawn(SignerRole::Pupil, "Me", None);
    dot.strokes = Some(vec![vec![
        Point { x: 5.0, y: 5.0 },
        Point { x: 6.0, y: 5.0 },
    ]]);
    refused(
        sign_now(&mut store, &id, TemplateKind::Ks2, "a", vec![dot]),
        "only a dot",
    );
    let mut empty = drawn(SignerRole::Pupil, "Me", None);
    empty.strokes = Some(Vec::new());
    refused(
        sign_now(&mut store, &id, TemplateKind::Ks2, "b", vec![empty]),
        "empty",
    );

    let paper = |date: &str| SignatureInput {
        method: Method::Paper,
        image_png: None,
        strokes: None,
        signed_on: Some(date.to_owned()),
        ..drawn(SignerRole::Pupil, "Me", None)
    };
    let mut req = request(
        &store,
        &id,
        TemplateKind::Ks2,
        "c",
        vec![
            paper("01/09/2026"),
            SignatureInput {
                role: SignerRole::Parent,
                signer_person_id: Some(parent.clone()),
                signer_name: name.clone(),
                ..paper("01/09/2026")
            },
        ],
    );
    req.scan = Some(b"GIF89a not allowed".to_vec());
    refused(
        agreements::sign(&mut store, &req),
        "PNG or JPEG picture or a PDF",
    );
    req.scan = Some([b"%PDF-".as_slice(), &vec![0u8; 10 * 1024 * 1024]].concat());
    refused(agreements::sign(&mut store, &req), "larger than 10 MB");
    let future = request(
        &store,
        &id,
        TemplateKind::Ks2,
        "d",
        vec![paper("01/01/2099")],
    );
    refused(agreements::sign(&mut store, &future), "in the future");
    req.scan = Some(b"%PDF-1.4 a scanned form".to_vec());
    let a = agreements::sign(&mut store, &req).unwrap();
    assert!(a.has_scan);
    assert_eq!(
        a.signatures[0].signed_at, "2026-09-01T00:00:00.000Z",
        "the date on the form"
    );
}

#[test]
fn stale_versions_and_unticked_typed_signatures_are_refused() {
    let (_dir, mut store) = demo_school();
    // A version published while the screen was open is not signed unread.
    let staff = people::list(
        &store,
        &Filter {
            kind: Some(PersonKind::Staff),
            ..Filter::default()
        },
    )
    .unwrap()[0]
        .clone();
    let typed = SignatureInput {
        method: Method::Typed,
        agreed: true,
        image_png: None,
        strokes: None,
        ..drawn(SignerRole::Themselves, &staff.given_name, None)
    };
    let stale = request(
        &store,
        &staff.id,
        TemplateKind::Staff,
        "e",
        vec![typed.clone()],
    );
    let text =
        "---\nkind: staff\ntitle: Staff agreement\naudience: Staff\n---\n- I lock my screen.\n";
    templates::publish(
        &mut store,
        TemplateKind::Staff,
        text,
        &PublishOptions {
            material: true,
            ..PublishOptions::default()
        },
    )
    .unwrap();
    refused(
        agreements::sign(&mut store, &stale),
        "updated while this screen was open",
    );
    let mut unticked = typed.clone();
    unticked.agreed = false;
    refused(
        sign_now(
            &mut store,
            &staff.id,
            TemplateKind::Staff,
            "f",
            vec![unticked],
        ),
        "I agree",
    );
    sign_now(&mut store, &staff.id, TemplateKind::Staff, "g", vec![typed]).unwrap();
    assert_eq!(status_of(&store, &staff.id), AgreementStatus::Signed);
}

#[test]
fn material_changes_need_re_signing_and_minor_ones_do_not() {
    let (_dir, mut store) = demo_school();
    let staff = people::list(
        &store,
        &Filter {
            kind: Some(PersonKind::Staff),
            ..Filter::default()
        },
    )
    .unwrap();
    let typed = |name: &str| SignatureInput {
        role: SignerRole::Themselves,
        signer_person_id: None,
        signer_name: name.to_owned(),
        method: Method::Typed,
        agreed: true,
        image_png: None,
        strokes: None,
        signed_on: None,
    };
    for (i, p) in staff.iter().take(3).enumerate() {
        sign_now(
            &mut store,
            &p.id,
            TemplateKind::Staff,
            &format!("s{i}"),
            vec![typed(&p.given_name)],
        )
        .unwrap();
    }
    assert_eq!(
        agreements::affected_by_change(&store, TemplateKind::Staff).unwrap(),
        3
    );
    assert_eq!(
        agreements::affected_by_change(&store, TemplateKind::Ks2).unwrap(),
        0
    );
    let v1 = templates::version(&store, TemplateKind::Staff, None).unwrap();
    let minor = v1.source.clone() + "\nWith thanks.\n";
    templates::publish(
        &mut store,
        TemplateKind::Staff,
        &minor,
        &PublishOptions {
            summary: Some("A closing line".into()),
            ..PublishOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        status_of(&store, &staff[0].id),
        AgreementStatus::Signed,
        "a minor change keeps agreements valid"
    );
    let material = minor + "\n- I never share pupils' photos on my own phone.\n";
    templates::publish(
        &mut store,
        TemplateKind::Staff,
        &material,
        &PublishOptions {
            material: true,
            ..PublishOptions::default()
        },
    )
    .unwrap();
    let rows = agreements::status(
        &store,
        &StatusFilter {
            kind: Some(PersonKind::Staff),
            ..StatusFilter::default()
        },
    )
    .unwrap();
    let resign = rows
        .iter()
        .filter(|r| r.status == AgreementStatus::NeedsResigning)
        .count();
    let unsigned = rows
        .iter()
        .filter(|r| r.status == AgreementStatus::NotSigned)
        .count();
    assert_eq!((resign, unsigned), (3, staff.len() - 3));
}

#[test]
fn withdrawn_left_expired_and_moved_up_pupils() {
    let (_dir, mut store) = demo_school();
    let staff = people::list(
        &store,
        &Filter {
            kind: Some(PersonKind::Volunteer),
            ..Filter::default()
        },
    )
    .unwrap()[0]
        .clone();
    let typed = SignatureInput {
        role: SignerRole::Themselves,
        signer_person_id: None,
        signer_name: staff.given_name.clone(),
        method: Method::Typed,
        agreed: true,
        image_png: None,
        strokes: None,
        signed_on: None,
    };
    let a = sign_now(&mut store, &staff.id, TemplateKind::Staff, "w", vec![typed]).unwrap();
    let no_reason = agreements::withdraw(&mut store, &a.id, " ");
    assert!(
        matches!(no_reason, Err(Error::InvalidInput { ref field, .. }) if field == "reason"),
        "{no_reason:?}"
    );
    let w = agreements::withdraw(&mut store, &a.id, "No longer volunteering").unwrap();
    assert!(w.withdrawn.unwrap().contains("No longer volunteering"));
    assert_eq!(status_of(&store, &staff.id), AgreementStatus::Withdrawn);

    // Year 2 pupils become KS2 after the rollover and need the KS2 agreement.
    let year2 = people::list(
        &store,
        &Filter {
            year: Some("Y2".into()),
            ..Filter::default()
        },
    )
    .unwrap()[0]
        .clone();
    let row = agreements::status_for(&store, &year2.id).unwrap().unwrap();
    assert_eq!(row.agreement_kind, TemplateKind::Ks1);
    let next = school::academic_year(&store).unwrap() + 1;
    rollover::apply(&mut store, next).unwrap();
    let row = agreements::status_for(&store, &year2.id).unwrap().unwrap();
    assert_eq!(row.agreement_kind, TemplateKind::Ks2);

    // A class list shows everyone in the class.
    let class = agreements::status(
        &store,
        &StatusFilter {
            class: Some("Oak".into()),
            ..StatusFilter::default()
        },
    )
    .unwrap();
    assert_eq!(class.len(), 30);
    assert!(
        class.iter().all(
            |r| r.status == AgreementStatus::NotSigned && r.agreement_kind == TemplateKind::Ks2
        )
    );
}
