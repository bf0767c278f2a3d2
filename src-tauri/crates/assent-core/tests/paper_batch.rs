//! A class's returned paper forms: what the batch screen reads in one call, and
//! that it follows each form recorded with the ordinary signing calls.

use crate::common;

use crate::common::{HEAD, PASSWORD, demo_school, paper, request};
use assent_core::agreements::{self, AgreementStatus, ConsentChoice, SignerRole};
use assent_core::auth::Role;
use assent_core::templates::TemplateKind;
use assent_core::{Error, people};

const CLASS: &str = "Oak";

#[test]
fn the_batch_holds_every_pupil_their_signers_and_the_questions_asked() {
    let (_dir, store) = demo_school();
    let batch = agreements::paper_batch(&store, CLASS).unwrap();
    let status = agreements::status(
        &store,
        &agreements::StatusFilter {
            class: Some(CLASS.into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(batch.class, CLASS);
    // The register, in its order.
    let ids: Vec<&str> = batch.pupils.iter().map(|p| p.person_id.as_str()).collect();
    let expected: Vec<&str> = status.iter().map(|r| r.person_id.as_str()).collect();
    assert_eq!(ids, expected);
    assert!(batch.pupils.len() > 10);
    for p in &batch.pupils {
        let plan = agreements::plan(&store, &p.person_id).unwrap();
        assert_eq!(p.kind, plan.kind);
        assert_eq!(p.name, plan.name);
        assert_eq!(p.first_name, plan.first_name);
        assert_eq!(p.parents, plan.parents, "{}", p.name);
        let detail = people::detail(&store, &p.person_id).unwrap();
        assert_eq!(p.admission_number, detail.mis_id);
    }
    // Every parent who may sign for one of them, once, with all their children on roll.
    let mut listed: Vec<&str> = batch
        .pupils
        .iter()
        .flat_map(|p| p.parents.iter().map(|c| c.id.as_str()))
        .collect();
    listed.sort_unstable();
    listed.dedup();
    let mut parents: Vec<&str> = batch.parents.iter().map(|p| p.person_id.as_str()).collect();
    parents.sort_unstable();
    assert_eq!(parents, listed);
    for parent in &batch.parents {
        let plan = agreements::plan(&store, &parent.person_id).unwrap();
        assert_eq!(parent.children, plan.children);
        assert_eq!(parent.name, plan.name);
        assert_eq!(parent.status, plan.status.status);
    }
    assert!(
        batch.parents.iter().any(|p| p
            .children
            .iter()
            .any(|c| c.detail.as_deref() != Some(CLASS))),
        "a sibling in another class is asked about too"
    );
    // The texts in use now, and the questions the parent agreement asks now.
    for kind in [TemplateKind::Ks2, TemplateKind::Parent] {
        let t = batch.templates.iter().find(|t| t.kind == kind).unwrap();
        let current = assent_core::templates::version(&store, kind, None).unwrap();
        assert_eq!((t.version, &t.sha256), (current.version, &current.sha256));
    }
    let asked: Vec<String> = assent_core::consent::purposes(&store)
        .unwrap()
        .into_iter()
        .filter(|p| !p.retired)
        .map(|p| p.code)
        .collect();
    let codes: Vec<String> = batch.purposes.iter().map(|p| p.code.clone()).collect();
    assert_eq!(codes, asked);
}

#[test]
fn the_batch_follows_the_forms_recorded() {
    let (_dir, mut store) = demo_school();
    let batch = agreements::paper_batch(&store, CLASS).unwrap();
    let [a, b] = [&batch.pupils[0], &batch.pupils[1]];
    // A date written on the forms a few days ago.
    let day = assent_core::time::today() - chrono::Days::new(3);
    let on = day.format("%d/%m/%Y").to_string();
    let on = on.as_str();
    let parent_a = a.parents.first().expect("a parent").clone();
    // A complete KS2 form, and one the pupil signed with no parent yet.
    let full = request(
        &store,
        &a.person_id,
        a.kind,
        "batch-1",
        vec![
            paper(SignerRole::Pupil, &a.name, None, on),
            paper(SignerRole::Parent, &parent_a.name, Some(&parent_a.id), on),
        ],
    );
    agreements::sign(&mut store, &full).unwrap();
    let half = request(
        &store,
        &b.person_id,
        b.kind,
        "batch-2",
        vec![paper(SignerRole::Pupil, &b.name, None, on)],
    );
    let waiting = agreements::sign(&mut store, &half).unwrap();
    // The parent agreement, with an answer to every question for every child.
    let parent = batch
        .parents
        .iter()
        .find(|p| p.person_id == parent_a.id)
        .unwrap();
    let mut form = request(
        &store,
        &parent.person_id,
        TemplateKind::Parent,
        "batch-3",
        vec![paper(SignerRole::Themselves, &parent.name, None, on)],
    );
    form.consents = parent
        .children
        .iter()
        .flat_map(|c| {
            batch.purposes.iter().map(|p| ConsentChoice {
                pupil_id: c.id.clone(),
                purpose: p.code.clone(),
                yes: p.code != "press",
            })
        })
        .collect();
    agreements::sign(&mut store, &form).unwrap();

    let after = agreements::paper_batch(&store, CLASS).unwrap();
    let pupil = |id: &str| after.pupils.iter().find(|p| p.person_id == id).unwrap();
    assert_eq!(pupil(&a.person_id).status, AgreementStatus::Signed);
    assert_eq!(
        pupil(&a.person_id).signed_at.as_deref(),
        Some(day.format("%-d %B %Y").to_string().as_str())
    );
    assert_eq!(pupil(&b.person_id).status, AgreementStatus::AwaitingParent);
    assert_eq!(
        pupil(&b.person_id).awaiting_parent.as_deref(),
        Some(waiting.id.as_str())
    );
    assert_eq!(pupil(&a.person_id).awaiting_parent, None);
    let signed = after
        .parents
        .iter()
        .find(|p| p.person_id == parent_a.id)
        .unwrap();
    assert_eq!(signed.status, AgreementStatus::Signed);
}

#[test]
fn only_those_who_record_paper_forms_read_a_batch() {
    let (dir, mut store) = demo_school();
    common::add_user(&mut store, "office", Role::Office, &[]);
    common::add_user(&mut store, "teacher", Role::Teacher, &[CLASS]);
    common::add_user(&mut store, "it", Role::It, &[]);
    drop(store);
    let path = common::db_path(&dir);
    for (user, allowed) in [
        (HEAD, true),
        ("office", true),
        ("teacher", false),
        ("it", false),
    ] {
        let store = common::open_as(&path, user, PASSWORD).unwrap();
        match agreements::paper_batch(&store, CLASS) {
            Ok(batch) => assert!(allowed && !batch.pupils.is_empty(), "{user}"),
            Err(Error::Forbidden { .. }) => assert!(!allowed, "{user}"),
            Err(e) => panic!("{user}: {e}"),
        }
    }
}
