//! Retention and erasure: leavers' records are destroyed after the retention
//! period, the destruction log keeps no personal data, and the audit chain
//! still verifies with the summaries about them blanked.

use crate::common;

use assent_core::audit::{self, AuditFilter, REDACTED};
use assent_core::auth::Role;
use assent_core::consent::{self, ConsentMethod, DecisionInput};
use assent_core::people::{self, Filter};
use assent_core::{Error, Store, retention};

/// A Year 4 pupil whose parents and carers have no other child at the school.
fn only_child(store: &Store) -> (String, String, Vec<String>) {
    let pupils = people::list(
        store,
        &Filter {
            year: Some("Y4".into()),
            ..Filter::default()
        },
    )
    .unwrap();
    for p in pupils {
        let d = people::detail(store, &p.id).unwrap();
        let contacts: Vec<String> = d.contacts.iter().map(|c| c.id.clone()).collect();
        let alone = contacts
            .iter()
            .all(|c| people::detail(store, c).unwrap().pupils.len() == 1);
        if alone && d.contacts.iter().any(|c| c.parental_responsibility) {
            let name = format!("{} {}", p.given_name, p.family_name);
            return (p.id, name, contacts);
        }
    }
    unreachable!("the demo has only children")
}

fn consent_by_first_parent(store: &mut Store, pupil: &str) {
    let parent = people::detail(store, pupil)
        .unwrap()
        .contacts
        .into_iter()
        .find(|c| c.parental_responsibility)
        .unwrap();
    consent::set(
        store,
        &DecisionInput {
            person_id: pupil.into(),
            purpose: "website".into(),
            yes: true,
            given_by: parent.id,
            method: ConsentMethod::Paper,
            date: None,
        },
    )
    .unwrap();
}

fn set_left(store: &mut Store, id: &str, date: &str) {
    store
        .inspect_write(|tx| {
            tx.execute(
                "UPDATE people SET leaving_date = ?2 WHERE id = ?1",
                [id, date],
            )?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn leavers_past_the_period_are_destroyed_with_their_parents_and_nothing_else() {
    let (_dir, mut store) = common::demo_school();
    let (pupil, name, contacts) = only_child(&store);
    consent_by_first_parent(&mut store, &pupil);
    let before = people::list(
        &store,
        &Filter {
            include_leavers: true,
            ..Filter::default()
        },
    )
    .unwrap()
    .len();

    // Left a year ago: still inside the six-year period.
    set_left(&mut store, &pupil, "2025-07-18");
    assert!(retention::preview(&store).unwrap().people.is_empty());

    set_left(&mut store, &pupil, "2018-07-20");
    let preview = retention::preview(&store).unwrap();
    let mut listed: Vec<&str> = preview
        .people
        .iter()
        .map(|c| c.person_id.as_str())
        .collect();
    listed.sort_unstable();
    let mut expected: Vec<&str> = contacts
        .iter()
        .map(String::as_str)
        .chain([pupil.as_str()])
        .collect();
    expected.sort_unstable();
    assert_eq!(listed, expected, "the pupil and their parents, nobody else");
    let row = preview
        .people
        .iter()
        .find(|c| c.person_id == pupil)
        .unwrap();
    assert_eq!(row.consent_decisions, 1);

    assert_eq!(
        retention::purge(&mut store).unwrap(),
        u32::try_from(expected.len()).unwrap()
    );
    for id in &expected {
        assert!(people::detail(&store, id).is_err(), "{id} is gone");
    }
    let after = people::list(
        &store,
        &Filter {
            include_leavers: true,
            ..Filter::default()
        },
    )
    .unwrap()
    .len();
    assert_eq!(after, before - expected.len());

    // The destruction log says what and when, never who.
    let log = retention::destruction_log(&store).unwrap();
    assert_eq!(log.len(), expected.len());
    for r in &log {
        let text = format!("{r:?}");
        assert!(!text.contains(&name), "{text}");
        assert!(r.reason.starts_with("retention: 6 years"));
        assert_eq!(r.destroyed_by, common::HEAD_ACTOR);
    }
    assert!(
        log.iter()
            .any(|r| r.records.contains("\"consent_decisions\":1"))
    );

    // The chain still verifies, and nothing in the log names the pupil any more.
    assert!(audit::verify(&store).unwrap().first_broken.is_none());
    let all = audit::list(&store, &AuditFilter::default()).unwrap();
    assert!(all.iter().all(|r| !r.summary.contains(&name)));
    let about = audit::list(
        &store,
        &AuditFilter {
            person_id: Some(pupil.clone()),
            ..AuditFilter::default()
        },
    )
    .unwrap();
    assert!(!about.is_empty());
    assert!(about.iter().all(|r| r.summary == REDACTED));
    assert!(all.iter().any(|r| r.action == "retention.purge"));
}

#[test]
fn a_blanked_log_still_refuses_any_other_change() {
    let (_dir, mut store) = common::demo_school();
    let (pupil, _, _) = only_child(&store);
    consent_by_first_parent(&mut store, &pupil);
    set_left(&mut store, &pupil, "2015-07-20");
    // Someone who stays, so the history tables are not empty after the purge.
    let stays = people::list(
        &store,
        &Filter {
            year: Some("Y3".into()),
            ..Filter::default()
        },
    )
    .unwrap()
    .remove(0);
    consent_by_first_parent(&mut store, &stays.id);
    retention::purge(&mut store).unwrap();
    let conn = store.inspect();
    for sql in [
        "UPDATE audit_log SET summary = 'something else' WHERE seq = 1",
        "UPDATE audit_log SET actor = 'someone' WHERE summary = '(removed under the retention policy)'",
        "DELETE FROM audit_log WHERE seq = 2",
        "DELETE FROM destruction_log",
        "DELETE FROM consent_decisions",
    ] {
        assert!(conn.execute(sql, ()).is_err(), "{sql} was allowed");
    }
    assert!(audit::verify(&store).unwrap().first_broken.is_none());
}

#[test]
fn erasure_needs_a_reason_and_keeps_evidence_for_children_still_on_roll() {
    let (_dir, mut store) = common::demo_school();
    let (pupil, _, _) = only_child(&store);
    consent_by_first_parent(&mut store, &pupil);
    let parent = people::detail(&store, &pupil)
        .unwrap()
        .contacts
        .into_iter()
        .find(|c| c.parental_responsibility)
        .unwrap();
    match retention::erase(&mut store, &parent.id, "asked us to") {
        Err(Error::InvalidInput { reason, .. }) => {
            assert!(reason.contains("still on roll"), "{reason}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(matches!(
        retention::erase(&mut store, &pupil, "  "),
        Err(Error::InvalidInput { .. })
    ));
    let visitor = people::list(
        &store,
        &Filter {
            kind: Some(people::PersonKind::Visitor),
            ..Filter::default()
        },
    )
    .unwrap()
    .remove(0);
    retention::erase(&mut store, &visitor.id, "the visit was cancelled").unwrap();
    assert!(people::detail(&store, &visitor.id).is_err());
    let log = retention::destruction_log(&store).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].reason, "erasure request: the visit was cancelled");
    assert_eq!(log[0].person_kind, "visitor");
    assert!(audit::verify(&store).unwrap().first_broken.is_none());
}

#[test]
fn only_head_users_handle_retention() {
    let (dir, mut store) = common::demo_school();
    common::add_user(&mut store, "clerk", Role::Office, &[]);
    drop(store);
    let mut clerk = common::open_as(&common::db_path(&dir), "clerk", common::PASSWORD).unwrap();
    assert!(matches!(
        retention::preview(&clerk),
        Err(Error::Forbidden { .. })
    ));
    assert!(matches!(
        retention::purge(&mut clerk),
        Err(Error::Forbidden { .. })
    ));
    assert!(matches!(
        retention::set_years(&mut clerk, 3),
        Err(Error::Forbidden { .. })
    ));
    let mut head = common::open(&common::db_path(&dir));
    assert!(matches!(
        retention::set_years(&mut head, 0),
        Err(Error::InvalidInput { .. })
    ));
    retention::set_years(&mut head, 3).unwrap();
    assert_eq!(retention::years(&head).unwrap(), 3);
}
