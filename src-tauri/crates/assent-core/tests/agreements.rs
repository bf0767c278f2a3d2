//! Signing agreements in the demo school, and the statuses that follow.

use crate::common;

use crate::common::{demo_school, drawn, ks2_pupil, refused, request, sign_now, status_of};
use assent_core::agreements::{
    self, AgreementStatus, Method, Point, SignatureInput, SignerRole, StatusFilter,
};
use assent_core::people::{self, Filter, PersonKind};
use assent_core::templates::{self, PublishOptions, TemplateKind};
use assent_core::{Error, rollover, school};

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
            .execute("UPDATE agreements SET version = 9", ())
            .is_err()
    );
    assert!(
        store
            .inspect()
            .execute("DELETE FROM agreement_signatures", ())
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

#[test]
fn ks1_needs_a_parent_and_takes_the_childs_mark_if_given() {
    let (_dir, mut store) = demo_school();
    let pupil = common::first(
        &store,
        &Filter {
            year: Some("Y1".into()),
            ..Filter::default()
        },
    );
    let contact = people::detail(&store, &pupil.id)
        .unwrap()
        .contacts
        .into_iter()
        .find(|c| c.parental_responsibility)
        .unwrap();
    // A KS1 child does not sign as a pupil, and the KS2 text is not theirs.
    refused(
        sign_now(
            &mut store,
            &pupil.id,
            TemplateKind::Ks1,
            "k1",
            vec![drawn(SignerRole::Pupil, "Me", None)],
        ),
        "not signed by a pupil",
    );
    refused(
        sign_now(
            &mut store,
            &pupil.id,
            TemplateKind::Ks2,
            "k2",
            vec![drawn(SignerRole::Pupil, "Me", None)],
        ),
        "signs the ks1 agreement, not ks2",
    );
    // The child's mark alone leaves it waiting for the parent.
    sign_now(
        &mut store,
        &pupil.id,
        TemplateKind::Ks1,
        "k3",
        vec![drawn(SignerRole::ChildMark, &pupil.given_name, None)],
    )
    .unwrap();
    assert_eq!(
        status_of(&store, &pupil.id),
        AgreementStatus::AwaitingParent
    );
    // A parent and the child's mark, in that order, sign it.
    let name = format!("{} {}", contact.given_name, contact.family_name);
    let a = sign_now(
        &mut store,
        &pupil.id,
        TemplateKind::Ks1,
        "k4",
        vec![
            drawn(SignerRole::Parent, &name, Some(&contact.id)),
            drawn(SignerRole::ChildMark, &pupil.given_name, None),
        ],
    )
    .unwrap();
    assert_eq!(a.signatures[0].role, SignerRole::Parent);
    assert_eq!(status_of(&store, &pupil.id), AgreementStatus::Signed);
    // The mark is optional.
    let other = people::list(
        &store,
        &Filter {
            year: Some("R".into()),
            ..Filter::default()
        },
    )
    .unwrap();
    let (child, parent) = other
        .iter()
        .find_map(|p| {
            let d = people::detail(&store, &p.id).unwrap();
            d.contacts
                .into_iter()
                .find(|c| c.parental_responsibility)
                .map(|c| (p.id.clone(), c))
        })
        .unwrap();
    sign_now(
        &mut store,
        &child,
        TemplateKind::Ks1,
        "k5",
        vec![drawn(
            SignerRole::Parent,
            &parent.given_name,
            Some(&parent.id),
        )],
    )
    .unwrap();
    assert_eq!(status_of(&store, &child), AgreementStatus::Signed);
}

#[test]
fn a_pupil_who_has_left_cannot_sign() {
    let (_dir, mut store) = demo_school();
    let (pupil, _, _) = ks2_pupil(&store);
    let id = pupil.summary.id.clone();
    let mut input = people::PersonInput {
        kind: Some(PersonKind::Pupil),
        given_name: pupil.summary.given_name.clone(),
        family_name: pupil.summary.family_name.clone(),
        year_group: pupil.summary.year_group.clone(),
        class: pupil.summary.class.clone(),
        upn: pupil.summary.upn.clone(),
        leaving_date: Some("2020-07-20".into()),
        ..people::PersonInput::default()
    };
    input.date_of_birth.clone_from(&pupil.date_of_birth);
    people::edit(&mut store, &id, &input).unwrap();
    refused(
        sign_now(
            &mut store,
            &id,
            TemplateKind::Ks2,
            "left",
            vec![drawn(SignerRole::Pupil, "Me", None)],
        ),
        "has left the school",
    );
    refused(
        agreements::plan(&store, &id).map(|_| unreachable!()),
        "has left the school",
    );
    assert!(agreements::status_for(&store, &id).unwrap().is_none());
}

#[test]
fn a_visitors_agreement_expires_when_the_visit_ends() {
    let (_dir, mut store) = demo_school();
    let visitor = people::add(
        &mut store,
        &people::PersonInput {
            kind: Some(PersonKind::Visitor),
            given_name: "Ines".into(),
            family_name: "Oyelaran".into(),
            start_date: Some("2020-01-06".into()),
            end_date: Some("2020-01-10".into()),
            ..people::PersonInput::default()
        },
    )
    .unwrap();
    let id = visitor.summary.id;
    sign_now(
        &mut store,
        &id,
        TemplateKind::GovernorVisitor,
        "v",
        vec![common::typed("Ines Oyelaran")],
    )
    .unwrap();
    assert_eq!(status_of(&store, &id), AgreementStatus::Expired);
    let row = agreements::status_for(&store, &id).unwrap().unwrap();
    assert!(row.signed_at.is_some(), "when it was signed is still shown");
}

#[test]
fn a_half_signed_agreement_on_a_changed_text_needs_signing_again() {
    let (_dir, mut store) = demo_school();
    let (pupil, parent, name) = ks2_pupil(&store);
    let id = pupil.summary.id.clone();
    let a = sign_now(
        &mut store,
        &id,
        TemplateKind::Ks2,
        "h",
        vec![drawn(SignerRole::Pupil, "Me", None)],
    )
    .unwrap();
    assert_eq!(
        agreements::plan(&store, &id).unwrap().awaiting_parent,
        Some(a.id.clone())
    );
    let v1 = templates::version(&store, TemplateKind::Ks2, None).unwrap();
    templates::publish(
        &mut store,
        TemplateKind::Ks2,
        &(v1.source + "\n- I will not share my screen with strangers.\n"),
        &PublishOptions {
            material: true,
            ..PublishOptions::default()
        },
    )
    .unwrap();
    assert_eq!(status_of(&store, &id), AgreementStatus::NeedsResigning);
    assert_eq!(agreements::plan(&store, &id).unwrap().awaiting_parent, None);
    refused(
        agreements::add_signature(
            &mut store,
            &a.id,
            &drawn(SignerRole::Parent, &name, Some(&parent)),
            "Office PC",
        ),
        "everyone signs the new version",
    );
}

#[test]
fn with_annual_renewal_an_agreement_from_before_september_has_expired() {
    use chrono::NaiveDate;
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(
        agreements::renewal_cutoff(day(2026, 8, 31)),
        day(2025, 9, 1)
    );
    assert_eq!(agreements::renewal_cutoff(day(2026, 9, 1)), day(2026, 9, 1));
    assert_eq!(
        agreements::renewal_cutoff(day(2027, 1, 15)),
        day(2026, 9, 1)
    );

    let (_dir, mut store) = demo_school();
    let staff = people::list(
        &store,
        &Filter {
            kind: Some(PersonKind::Staff),
            ..Filter::default()
        },
    )
    .unwrap();
    let today = assent_core::time::today();
    let cutoff = agreements::renewal_cutoff(today);
    let before = (cutoff - chrono::Duration::days(1))
        .format("%d/%m/%Y")
        .to_string();
    let on_cutoff = cutoff.format("%d/%m/%Y").to_string();
    // Paper forms carry the date they were signed, so old signatures can be recorded today.
    for (i, date) in [before, on_cutoff].iter().enumerate() {
        sign_now(
            &mut store,
            &staff[i].id,
            TemplateKind::Staff,
            &format!("r{i}"),
            vec![common::paper(
                SignerRole::Themselves,
                &staff[i].given_name,
                None,
                date,
            )],
        )
        .unwrap();
    }
    sign_now(
        &mut store,
        &staff[2].id,
        TemplateKind::Staff,
        "r2",
        vec![common::typed(&staff[2].given_name)],
    )
    .unwrap();
    assert!(
        !school::annual_agreement_renewal(&store).unwrap(),
        "off by default"
    );
    for p in staff.iter().take(3) {
        assert_eq!(status_of(&store, &p.id), AgreementStatus::Signed);
    }
    assert!(school::set_annual_agreement_renewal(&mut store, true).unwrap());
    assert_eq!(status_of(&store, &staff[0].id), AgreementStatus::Expired);
    assert_eq!(status_of(&store, &staff[1].id), AgreementStatus::Signed);
    assert_eq!(status_of(&store, &staff[2].id), AgreementStatus::Signed);
    assert!(!school::set_annual_agreement_renewal(&mut store, false).unwrap());
    assert_eq!(status_of(&store, &staff[0].id), AgreementStatus::Signed);
}

#[test]
fn the_status_of_a_paper_form_gives_the_date_written_on_it() {
    let (_dir, mut store) = demo_school();
    let staff = common::first(
        &store,
        &Filter {
            kind: Some(PersonKind::Staff),
            ..Filter::default()
        },
    );
    let name = format!("{} {}", staff.given_name, staff.family_name);
    sign_now(
        &mut store,
        &staff.id,
        TemplateKind::Staff,
        "paper-date",
        vec![common::paper(
            SignerRole::Themselves,
            &name,
            None,
            "14/10/2026",
        )],
    )
    .unwrap();
    let row = agreements::status_for(&store, &staff.id).unwrap().unwrap();
    assert_eq!(
        row.signed_at.as_deref(),
        Some("14 October 2026"),
        "not the day it was typed in"
    );
}
