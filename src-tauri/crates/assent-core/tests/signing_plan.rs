//! What the signing screen is told to collect for each person, and the photo
//! choices a parent makes inside their own agreement.

use crate::common;

use crate::common::{demo_school, drawn, ks2_pupil, refused, request, status_of};
use assent_core::Error;
use assent_core::agreements::{self, AgreementStatus, ConsentChoice, SignerRole};
use assent_core::consent::{self, ConsentState};
use assent_core::people::{self, Filter, PersonKind};
use assent_core::templates::TemplateKind;

fn roles(plan: &agreements::SigningPlan) -> Vec<(SignerRole, bool)> {
    plan.signers.iter().map(|s| (s.role, s.optional)).collect()
}

#[test]
fn each_person_is_given_their_current_text_and_signers_in_order() {
    let (_dir, store) = demo_school();
    let (pupil, parent, _) = ks2_pupil(&store);
    let plan = agreements::plan(&store, &pupil.summary.id).unwrap();
    assert_eq!(plan.kind, TemplateKind::Ks2);
    assert!(plan.template.current);
    assert_eq!(plan.template.sha256.len(), 64);
    assert_eq!(
        roles(&plan),
        [(SignerRole::Pupil, false), (SignerRole::Parent, false)]
    );
    assert_eq!(plan.status.status, AgreementStatus::NotSigned);
    // Only contacts with parental responsibility are offered.
    let with_pr: Vec<String> = pupil
        .contacts
        .iter()
        .filter(|c| c.parental_responsibility)
        .map(|c| c.id.clone())
        .collect();
    assert!(plan.parents.iter().any(|p| p.id == parent));
    assert_eq!(
        plan.parents
            .iter()
            .map(|p| p.id.clone())
            .collect::<Vec<_>>(),
        with_pr
    );
    assert!(plan.parents.iter().all(|p| p.detail.is_some()));
    assert!(plan.children.is_empty());

    let year1 = common::first(
        &store,
        &Filter {
            year: Some("Y1".into()),
            ..Filter::default()
        },
    );
    let ks1 = agreements::plan(&store, &year1.id).unwrap();
    assert_eq!(ks1.kind, TemplateKind::Ks1);
    assert_eq!(
        roles(&ks1),
        [(SignerRole::Parent, false), (SignerRole::ChildMark, true)]
    );

    let staff = common::first(
        &store,
        &Filter {
            kind: Some(PersonKind::Governor),
            ..Filter::default()
        },
    );
    let adult = agreements::plan(&store, &staff.id).unwrap();
    assert_eq!(adult.kind, TemplateKind::GovernorVisitor);
    assert_eq!(roles(&adult), [(SignerRole::Themselves, false)]);
    assert!(adult.parents.is_empty());
}

/// The codes of the purposes the parent agreement asks about (those not retired).
fn shown_purposes(store: &assent_core::Store) -> Vec<String> {
    consent::purposes(store)
        .unwrap()
        .into_iter()
        .filter(|p| !p.retired)
        .map(|p| p.code)
        .collect()
}

/// An answer to every question shown, for each of `kids`: no to the local
/// press, `yes_website` to the website, yes to the rest.
fn every_choice(
    store: &assent_core::Store,
    kids: &[String],
    yes_website: bool,
) -> Vec<ConsentChoice> {
    let purposes = shown_purposes(store);
    assert!(purposes.iter().any(|p| p == "website") && purposes.iter().any(|p| p == "press"));
    kids.iter()
        .flat_map(|k| {
            purposes.iter().map(move |p| ConsentChoice {
                pupil_id: k.clone(),
                purpose: p.clone(),
                yes: match p.as_str() {
                    "website" => yes_website,
                    "press" => false,
                    _ => true,
                },
            })
        })
        .collect()
}

/// A parent and the children they have parental responsibility for.
fn parent_with_children(store: &assent_core::Store) -> (people::PersonSummary, Vec<String>) {
    for p in people::list(
        store,
        &Filter {
            kind: Some(PersonKind::Parent),
            ..Filter::default()
        },
    )
    .unwrap()
    {
        let d = people::detail(store, &p.id).unwrap();
        let kids: Vec<String> = d
            .pupils
            .iter()
            .filter(|c| c.parental_responsibility)
            .map(|c| c.id.clone())
            .collect();
        if kids.len() >= 2 {
            return (p, kids);
        }
    }
    unreachable!("the demo has a parent of two")
}

#[test]
fn a_parent_gives_photo_consent_for_each_child_in_their_agreement() {
    let (_dir, mut store) = demo_school();
    let (parent, kids) = parent_with_children(&store);
    let plan = agreements::plan(&store, &parent.id).unwrap();
    assert_eq!(plan.kind, TemplateKind::Parent);
    assert_eq!(roles(&plan), [(SignerRole::Themselves, false)]);
    let mut offered: Vec<String> = plan.children.iter().map(|c| c.id.clone()).collect();
    let mut expected = kids.clone();
    offered.sort();
    expected.sort();
    assert_eq!(offered, expected);

    let all_yes = every_choice(&store, &kids, true);

    // Choices for a child who is not theirs are refused, and nothing is recorded.
    let (stranger_child, _, _) = ks2_pupil(&store);
    let mut bad = request(
        &store,
        &parent.id,
        TemplateKind::Parent,
        "p1",
        vec![common::typed(&parent.given_name)],
    );
    bad.consents = all_yes.clone();
    assert!(!kids.contains(&stranger_child.summary.id));
    bad.consents.push(ConsentChoice {
        pupil_id: stranger_child.summary.id.clone(),
        purpose: "website".into(),
        yes: true,
    });
    refused(
        agreements::sign(&mut store, &bad),
        "parental responsibility",
    );
    assert_eq!(status_of(&store, &parent.id), AgreementStatus::NotSigned);
    assert!(consent::history(&store, &kids[0]).unwrap().is_empty());

    // Choices belong in the parent agreement only.
    let (pupil, contact, name) = ks2_pupil(&store);
    let mut wrong = request(
        &store,
        &pupil.summary.id,
        TemplateKind::Ks2,
        "p2",
        vec![
            drawn(SignerRole::Pupil, "Me", None),
            drawn(SignerRole::Parent, &name, Some(&contact)),
        ],
    );
    wrong.consents = all_yes.clone();
    refused(
        agreements::sign(&mut store, &wrong),
        "parent agreement only",
    );

    let mut good = request(
        &store,
        &parent.id,
        TemplateKind::Parent,
        "p3",
        vec![common::typed(&parent.given_name)],
    );
    good.consents = all_yes.clone();
    agreements::sign(&mut store, &good).unwrap();
    assert_eq!(status_of(&store, &parent.id), AgreementStatus::Signed);
    let asked = shown_purposes(&store).len();
    for kid in &kids {
        let history = consent::history(&store, kid).unwrap();
        assert_eq!(history.len(), asked);
        assert!(history.iter().all(|d| d.method == "agreement"));
        let grid = consent::grid(&store, &[]).unwrap();
        let row = grid.rows.iter().find(|r| &r.person_id == kid).unwrap();
        let col = |code: &str| grid.purposes.iter().position(|(c, _)| c == code).unwrap();
        assert_eq!(row.cells[col("website")].state, ConsentState::Yes);
        assert_eq!(row.cells[col("press")].state, ConsentState::No);
    }
}

#[test]
fn a_parent_agreement_cannot_be_signed_before_every_choice_is_made() {
    let (_dir, mut store) = demo_school();
    let (parent, kids) = parent_with_children(&store);
    let purposes = shown_purposes(&store);
    let plan = agreements::plan(&store, &parent.id).unwrap();
    let nothing_written = |store: &assent_core::Store| {
        assert_eq!(status_of(store, &parent.id), AgreementStatus::NotSigned);
        assert!(
            agreements::agreements_for(store, Some(&parent.id))
                .unwrap()
                .is_empty()
        );
        for kid in &kids {
            assert!(consent::history(store, kid).unwrap().is_empty());
        }
    };

    // A signature with no choices at all is refused, naming the first question unanswered.
    let bare = request(
        &store,
        &parent.id,
        TemplateKind::Parent,
        "c1",
        vec![common::typed(&parent.given_name)],
    );
    match agreements::sign(&mut store, &bare) {
        Err(Error::ChoicesUnanswered {
            child_id,
            child,
            purpose,
            purpose_name,
            unanswered,
        }) => {
            let first = &plan.children[0];
            assert_eq!(
                (child_id.as_str(), child.as_str()),
                (first.id.as_str(), first.name.as_str())
            );
            assert_eq!(purpose, purposes[0]);
            assert!(!purpose_name.is_empty());
            assert_eq!(unanswered as usize, kids.len() * purposes.len());
        }
        other => panic!("expected the choices to be asked for first, got {other:?}"),
    }
    nothing_written(&store);

    // Every question for the first child but one for the second: still refused, for that one.
    let mut partial = bare.clone();
    partial.submission_id = "c2".into();
    partial.consents = every_choice(&store, &kids, true);
    let second = plan.children[1].id.clone();
    let dropped = partial
        .consents
        .iter()
        .position(|c| c.pupil_id == second && c.purpose == "press")
        .unwrap();
    partial.consents.remove(dropped);
    match agreements::sign(&mut store, &partial) {
        Err(err @ Error::ChoicesUnanswered { .. }) => {
            let Error::ChoicesUnanswered {
                child_id,
                purpose,
                unanswered,
                ..
            } = &err
            else {
                unreachable!()
            };
            assert_eq!(
                (child_id, purpose.as_str(), *unanswered),
                (&second, "press", 1)
            );
            assert!(err.to_string().contains("has no answer for"), "{err}");
        }
        other => panic!("expected the press question to be asked for, got {other:?}"),
    }
    nothing_written(&store);

    // Yes and no to the same question is not an answer.
    let mut both = bare.clone();
    both.submission_id = "c3".into();
    both.consents = every_choice(&store, &kids, true);
    both.consents.push(ConsentChoice {
        pupil_id: kids[0].clone(),
        purpose: "website".into(),
        yes: false,
    });
    refused(agreements::sign(&mut store, &both), "both yes and no");
    nothing_written(&store);
}

#[test]
fn the_signature_covers_the_choices_made_with_it() {
    let (_dir, mut store) = demo_school();
    let (parent, kids) = parent_with_children(&store);
    // With every choice made it is recorded, and its seal covers them.
    let mut full = request(
        &store,
        &parent.id,
        TemplateKind::Parent,
        "c4",
        vec![common::typed(&parent.given_name)],
    );
    full.consents = every_choice(&store, &kids, true);
    let a = agreements::sign(&mut store, &full).unwrap();
    assert_eq!(status_of(&store, &parent.id), AgreementStatus::Signed);
    let check = agreements::verify(&store, &a.id).unwrap();
    assert!(check.matches(), "{check:?}");
    assert!(
        check
            .checks
            .iter()
            .any(|c| c.what == "the photo and video choices made with it"),
        "{check:?}"
    );
    assert!(
        agreements::evidence(&store, &a.id)
            .unwrap()
            .choices_sha256
            .is_some()
    );

    // A choice changed afterwards, even directly in the database file, is found.
    let conn = store.inspect();
    common::drop_triggers(conn, &[("consent_decisions_kept", "consent_decisions")]);
    conn.execute(
        "UPDATE consent_decisions SET answer = 'yes'
         WHERE agreement_id = ?1 AND purpose_id = (SELECT id FROM consent_purposes WHERE code = 'press')
           AND person_id = ?2",
        [&a.id, &kids[0]],
    )
    .unwrap();
    let failed: Vec<String> = agreements::verify(&store, &a.id)
        .unwrap()
        .checks
        .into_iter()
        .filter(|c| !c.matches())
        .map(|c| c.what)
        .collect();
    assert_eq!(failed, ["the photo and video choices made with it"]);

    // And so is a fingerprint of other choices put in its place.
    common::drop_triggers(conn, &[("agreements_kept", "agreements")]);
    conn.execute(
        "UPDATE agreements SET choices_sha256 = ?2 WHERE id = ?1",
        [&a.id, &"0".repeat(64)],
    )
    .unwrap();
    let failed: Vec<String> = agreements::verify(&store, &a.id)
        .unwrap()
        .checks
        .into_iter()
        .filter(|c| !c.matches())
        .map(|c| c.what)
        .collect();
    assert!(
        failed.iter().any(|f| f == "the agreement record"),
        "{failed:?}"
    );
}

#[test]
fn a_parent_agreement_still_verifies_after_a_childs_records_are_destroyed() {
    let (_dir, mut store) = demo_school();
    let (parent, kids) = parent_with_children(&store);
    let mut full = request(
        &store,
        &parent.id,
        TemplateKind::Parent,
        "c6",
        vec![common::typed(&parent.given_name)],
    );
    full.consents = every_choice(&store, &kids, false);
    let a = agreements::sign(&mut store, &full).unwrap();

    // One child's records go on a justified request; the parent and the other child stay.
    assent_core::retention::erase(&mut store, &kids[0], "The family asked for it").unwrap();
    let check = agreements::verify(&store, &a.id).unwrap();
    assert!(check.matches(), "{check:?}");
    let choices = check
        .checks
        .iter()
        .find(|c| {
            c.what
                .starts_with("the photo and video choices made with it")
        })
        .expect("the choices are still checked");
    assert!(
        choices.what.contains("one child's answers were destroyed"),
        "{}",
        choices.what
    );

    // Only the purge may keep such a digest: a forged one is refused, and
    // so would be a change of the remaining child's answers.
    let conn = store.inspect();
    let forged = conn.execute(
        "INSERT INTO agreement_choices_destroyed (agreement_id, line_sha256, destroyed_at)
         VALUES (?1, ?2, '2026-01-01T00:00:00Z')",
        [&a.id, &"0".repeat(64)],
    );
    assert!(forged.is_err(), "{forged:?}");
    for sql in [
        "UPDATE agreement_choices_destroyed SET line_sha256 = line_sha256",
        "DELETE FROM agreement_choices_destroyed",
    ] {
        assert!(conn.execute(sql, ()).is_err(), "{sql}");
    }
}
