//! What the signing screen is told to collect for each person, and the photo
//! choices a parent makes inside their own agreement.

use crate::common;

use crate::common::{demo_school, drawn, ks2_pupil, refused, request, status_of};
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

    let choices = |yes_website: bool| {
        kids.iter()
            .flat_map(|k| {
                [("website", yes_website), ("press", false)].map(|(p, yes)| ConsentChoice {
                    pupil_id: k.clone(),
                    purpose: p.to_owned(),
                    yes,
                })
            })
            .collect::<Vec<_>>()
    };

    // Choices for a child who is not theirs are refused, and nothing is recorded.
    let (stranger_child, _, _) = ks2_pupil(&store);
    let mut bad = request(
        &store,
        &parent.id,
        TemplateKind::Parent,
        "p1",
        vec![common::typed(&parent.given_name)],
    );
    bad.consents = choices(true);
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
    wrong.consents = choices(true);
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
    good.consents = choices(true);
    agreements::sign(&mut store, &good).unwrap();
    assert_eq!(status_of(&store, &parent.id), AgreementStatus::Signed);
    for kid in &kids {
        let history = consent::history(&store, kid).unwrap();
        assert_eq!(history.len(), 2);
        assert!(history.iter().all(|d| d.method == "agreement"));
        let grid = consent::grid(&store, &[]).unwrap();
        let row = grid.rows.iter().find(|r| &r.person_id == kid).unwrap();
        let col = |code: &str| grid.purposes.iter().position(|(c, _)| c == code).unwrap();
        assert_eq!(row.cells[col("website")].state, ConsentState::Yes);
        assert_eq!(row.cells[col("press")].state, ConsentState::No);
    }
}
