//! Generated schools of any size: the same size and seed give the same school,
//! and the three years of history hold every status a real school sees.

use crate::common;

use assent_core::agreements::{self, AgreementStatus, StatusFilter};
use assent_core::consent;
use assent_core::demo::{self, Scale};
use assent_core::people::{self, Filter, PersonKind};

fn generated(scale: &Scale) -> (tempfile::TempDir, assent_core::Store, demo::ScaleSummary) {
    let (dir, mut store) = common::school();
    let summary = demo::fill_scaled(&mut store, scale).unwrap();
    (dir, store, summary)
}

/// Everyone's names, classes and agreement statuses, in list order.
fn fingerprint(store: &assent_core::Store) -> Vec<(String, Option<String>, AgreementStatus)> {
    agreements::status(store, &StatusFilter::default())
        .unwrap()
        .into_iter()
        .map(|r| (r.name, r.class, r.status))
        .collect()
}

#[test]
fn a_one_form_primary_has_its_sizes_and_three_years_of_history() {
    let (_dir, store, s) = generated(&Scale::primary());
    assert_eq!(s.pupils, 210);
    assert_eq!(s.classes, 7);
    assert!(
        (360..=368).contains(&s.contacts),
        "about 7 contacts to 4 pupils: {s:?}"
    );
    assert_eq!(s.staff, 21);
    let pupils = people::list(
        &store,
        &Filter {
            kind: Some(PersonKind::Pupil),
            ..Filter::default()
        },
    )
    .unwrap();
    assert_eq!(pupils.len(), 210);
    let classes = people::classes(&store).unwrap();
    assert_eq!(classes.len(), 7);
    assert!(classes.iter().all(|c| c.pupils == 30), "{classes:?}");
    // Three years: older pupils signed in earlier years too.
    assert!(s.agreements > s.pupils * 2, "{s:?}");
    assert!(s.withdrawals > 0, "{s:?}");
    assert!(s.consent_decisions > s.pupils * 9, "{s:?}");

    let rows = agreements::status(&store, &StatusFilter::default()).unwrap();
    for status in [
        AgreementStatus::Signed,
        AgreementStatus::AwaitingParent,
        AgreementStatus::NotSigned,
    ] {
        assert!(
            rows.iter().any(|r| r.status == status),
            "nobody is {status:?}"
        );
    }
    // The consent grid shows refusals and withdrawals as well as yeses.
    let grid = consent::grid(&store, &[]).unwrap();
    assert_eq!(grid.rows.len(), 210);
    let mut states: Vec<String> = grid
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| format!("{:?}", c.state)))
        .collect();
    states.sort();
    states.dedup();
    assert!(states.len() >= 2, "{states:?}");
    // The generated history is sealed like real signing: its evidence checks out.
    let one = rows
        .iter()
        .find(|r| r.status == AgreementStatus::Signed)
        .and_then(|r| r.agreement_id.clone())
        .unwrap();
    assert!(agreements::verify(&store, &one).unwrap().matches());
    // One summary entry in the audit log, as for the demo school.
    assert!(assent_core::audit::verify(&store).is_ok());
}

#[test]
fn the_same_size_and_seed_give_the_same_school_and_another_seed_another() {
    let scale = Scale::pupils(60);
    let (_a, first, s1) = generated(&scale);
    let (_b, second, s2) = generated(&scale);
    assert_eq!(s1, s2);
    assert_eq!(fingerprint(&first), fingerprint(&second));
    let (_c, other, _) = generated(&scale.with_seed(99));
    assert_ne!(fingerprint(&first), fingerprint(&other));
}

#[test]
fn a_large_school_numbers_its_forms() {
    let (_dir, store, s) = generated(&Scale::pupils(700));
    assert_eq!(s.classes, 24);
    let classes = people::classes(&store).unwrap();
    assert!(classes.iter().any(|c| c.name == "Oak 2"), "{classes:?}");
}
