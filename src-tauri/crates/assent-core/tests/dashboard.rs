//! The dashboard's agreement counts per group, and what a teacher's dashboard counts.

use crate::common;

use assent_core::agreements::{AgreementStatus, StatusFilter};
use assent_core::auth::Role;
use assent_core::people::{Filter, PersonKind};
use assent_core::templates::TemplateKind;
use assent_core::{agreements, dashboard};

fn count(d: &dashboard::Dashboard, kind: PersonKind, status: AgreementStatus) -> u32 {
    d.agreements
        .iter()
        .find(|c| c.kind == kind && c.status == status)
        .map_or(0, |c| c.count)
}

#[test]
fn statuses_are_counted_per_group_and_add_up_to_everyone_on_roll() {
    let (_dir, mut store) = common::demo_school();
    let staff = common::first(
        &store,
        &Filter {
            kind: Some(PersonKind::Staff),
            ..Filter::default()
        },
    );
    let name = format!("{} {}", staff.given_name, staff.family_name);
    common::sign_now(
        &mut store,
        &staff.id,
        TemplateKind::Staff,
        "dashboard-staff",
        vec![common::typed(&name)],
    )
    .unwrap();
    let d = dashboard::load(&store).unwrap();
    assert_eq!(count(&d, PersonKind::Staff, AgreementStatus::Signed), 1);
    let rows = agreements::status(&store, &StatusFilter::default()).unwrap();
    let staff_total = rows.iter().filter(|r| r.kind == PersonKind::Staff).count();
    assert_eq!(
        count(&d, PersonKind::Staff, AgreementStatus::NotSigned) as usize,
        staff_total - 1
    );
    let counted: u32 = d.agreements.iter().map(|c| c.count).sum();
    assert_eq!(counted as usize, rows.len());
    // Groups come in the usual order, pupils first.
    assert_eq!(d.agreements[0].kind, PersonKind::Pupil);
}

#[test]
fn a_teachers_dashboard_counts_only_their_classes() {
    let (dir, mut store) = common::demo_school();
    common::add_user(&mut store, "oakteacher", Role::Teacher, &["Oak"]);
    let oak = assent_core::people::list(
        &store,
        &Filter {
            class: Some("Oak".into()),
            ..Filter::default()
        },
    )
    .unwrap()
    .len();
    drop(store);
    let teacher =
        assent_core::Store::open(&common::db_path(&dir), "oakteacher", common::PASSWORD).unwrap();
    let d = dashboard::load(&teacher).unwrap();
    assert!(d.agreements.iter().all(|c| c.kind == PersonKind::Pupil));
    let counted: u32 = d.agreements.iter().map(|c| c.count).sum();
    assert_eq!(counted as usize, oak);
}
