//! The e-safety incident log: access removals feed the account gate both
//! ways, each role sees exactly its part of the log, child-protection details
//! stay with the head, bad input writes nothing, and closed incidents are kept
//! until their retention period has passed.

// Each test follows one situation from start to finish, which reads best as one story.
#![allow(clippy::too_many_lines)]

use crate::common;

use crate::common::PASSWORD;
use assent_core::accounts::{
    self, AccountAction, AccountSettings, AccountStatus, Blocker, ExportFormat,
};
use assent_core::agreements::{self, SignRequest};
use assent_core::auth::Role;
use assent_core::incidents::{
    self, ActionInput, ActionKind, AttachmentInput, IncidentCategory, IncidentFilter,
    IncidentInput, IncidentStatus, InvolvedInput, InvolvedRole,
};
use assent_core::people::{self, Filter, PersonInput, PersonKind};
use assent_core::templates::{self, TemplateKind};
use assent_core::{Error, Store, retention};

fn today() -> chrono::NaiveDate {
    assent_core::time::today()
}

fn day(offset: i64) -> String {
    (today() + chrono::Duration::days(offset)).to_string()
}

/// The demo school with account domains set and a teacher for Oak, another
/// for Willow, the office and IT; signed in as the head.
fn school() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = common::demo_school();
    let mut s = AccountSettings::default();
    for g in [
        &mut s.pupils,
        &mut s.staff,
        &mut s.volunteers,
        &mut s.governors,
        &mut s.visitors,
    ] {
        g.domain = "juniper.sch.uk".into();
    }
    accounts::set_settings(&mut store, &s).unwrap();
    common::add_user(&mut store, "teacher", Role::Teacher, &["Oak"]);
    common::add_user(&mut store, "willow", Role::Teacher, &["Willow"]);
    common::add_user(&mut store, "office", Role::Office, &[]);
    common::add_user(&mut store, "it", Role::It, &[]);
    (dir, store)
}

/// A member of staff who has signed the staff agreement.
fn signed_staff(store: &mut Store, given: &str, family: &str) -> String {
    let input = PersonInput {
        kind: Some(PersonKind::Staff),
        given_name: given.into(),
        family_name: family.into(),
        role: Some("Teaching assistant".into()),
        ..PersonInput::default()
    };
    let id = people::add(store, &input).unwrap().summary.id;
    let current = templates::version(store, TemplateKind::Staff, None).unwrap();
    agreements::sign(
        store,
        &SignRequest {
            submission_id: format!("sub-{}", fastrand::u64(..)),
            person_id: id.clone(),
            kind: TemplateKind::Staff,
            version: current.version,
            template_sha256: current.sha256,
            signatures: vec![common::typed(&format!("{given} {family}"))],
            scan: None,
            device: "Office PC".into(),
            consents: Vec::new(),
        },
    )
    .unwrap();
    id
}

fn oak_pupil(store: &Store) -> String {
    people::list(
        store,
        &Filter {
            class: Some("Oak".into()),
            ..Filter::default()
        },
    )
    .unwrap()[0]
        .id
        .clone()
}

fn involving(ids: &[&str]) -> IncidentInput {
    IncidentInput {
        date: day(-1),
        time: Some("10:15".into()),
        reported_by: "Mrs Example".into(),
        people: ids
            .iter()
            .map(|id| InvolvedInput {
                person_id: Some((*id).to_owned()),
                ..InvolvedInput::default()
            })
            .collect(),
        category: IncidentCategory::BypassingFiltering,
        description: "Used a proxy site to reach a games site in a lesson.".into(),
        urls: vec!["https://proxy.example.com/".into()],
        attachments: vec![AttachmentInput {
            file_name: "screen.png".into(),
            bytes: common::PNG.to_vec(),
        }],
        child_protection: false,
    }
}

fn removal(person: &str, until: Option<String>) -> ActionInput {
    ActionInput {
        kind: ActionKind::AccessRemoved,
        done_by: "Mr Head".into(),
        date: None,
        note: None,
        person_id: Some(person.to_owned()),
        until,
    }
}

fn account(store: &Store, person: &str) -> accounts::AccountRow {
    accounts::status(store)
        .unwrap()
        .into_iter()
        .find(|r| r.person_id == person)
        .expect("listed")
}

fn export_actions(
    store: &mut Store,
    dir: &std::path::Path,
) -> (Option<String>, Vec<(String, AccountAction)>) {
    let out = dir.join(format!("export-{}.csv", fastrand::u32(..)));
    let done = accounts::export(store, ExportFormat::Csv, &out, false).unwrap();
    let actions = done
        .accounts
        .iter()
        .map(|a| (a.person_id.clone(), a.action))
        .collect();
    (done.export_id, actions)
}

#[test]
fn an_access_removal_blocks_a_new_account_and_lifting_it_restores() {
    let (_dir, mut store) = school();
    let staff = signed_staff(&mut store, "Nia", "Fenwick");
    assert_eq!(account(&store, &staff).status, AccountStatus::Ready);

    let incident = incidents::record(&mut store, &involving(&[&staff])).unwrap();
    let until = day(20);
    let detail = incidents::add_action(
        &mut store,
        &incident.summary.id,
        &removal(&staff, Some(until.clone())),
    )
    .unwrap();
    let action = detail.actions.last().unwrap();
    assert!(action.in_force);

    let row = account(&store, &staff);
    assert_eq!(row.status, AccountStatus::Blocked);
    assert_eq!(row.blockers, vec![Blocker::Sanction]);
    let words = chrono::NaiveDate::parse_from_str(&until, "%Y-%m-%d")
        .unwrap()
        .format("%-d %B %Y")
        .to_string();
    assert_eq!(
        row.reasons,
        vec![format!(
            "Access removed until {words} (e-safety incident {})",
            incident.summary.number
        )]
    );

    let lifted = incidents::lift_sanction(&mut store, &action.id, Some("Reviewed")).unwrap();
    assert!(!lifted.actions.last().unwrap().in_force);
    assert_eq!(account(&store, &staff).status, AccountStatus::Ready);
    let again = incidents::lift_sanction(&mut store, &action.id, None).unwrap_err();
    assert!(matches!(again, Error::InvalidInput { .. }), "{again:?}");
}

#[test]
fn a_provisioned_account_moves_to_suspend_and_back_with_the_exports() {
    let (dir, mut store) = school();
    let staff = signed_staff(&mut store, "Idris", "Calloway");
    let (id, _) = export_actions(&mut store, dir.path());
    accounts::mark_provisioned(&mut store, &id.unwrap()).unwrap();
    assert_eq!(account(&store, &staff).status, AccountStatus::Provisioned);

    let incident = incidents::record(&mut store, &involving(&[&staff])).unwrap();
    let detail =
        incidents::add_action(&mut store, &incident.summary.id, &removal(&staff, None)).unwrap();
    let row = account(&store, &staff);
    assert_eq!(row.status, AccountStatus::ToSuspend);
    assert_eq!(
        row.reasons,
        vec![format!(
            "Access removed until review (e-safety incident {})",
            incident.summary.number
        )]
    );
    // IT sees the removal, and nothing of what happened.
    store.sign_in("it", PASSWORD).unwrap();
    let seen = incidents::sanctions(&store).unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].person_id, staff);
    assert_eq!(seen[0].until, None);
    assert_eq!(account(&store, &staff).status, AccountStatus::ToSuspend);

    let (id, actions) = export_actions(&mut store, dir.path());
    assert_eq!(actions, vec![(staff.clone(), AccountAction::Suspend)]);
    accounts::mark_provisioned(&mut store, &id.unwrap()).unwrap();
    assert_eq!(account(&store, &staff).status, AccountStatus::Suspended);

    store.sign_in(common::HEAD, PASSWORD).unwrap();
    let action = detail.actions.last().unwrap().id.clone();
    incidents::lift_sanction(&mut store, &action, None).unwrap();
    assert_eq!(account(&store, &staff).status, AccountStatus::Ready);
    let (id, actions) = export_actions(&mut store, dir.path());
    assert_eq!(actions, vec![(staff.clone(), AccountAction::Reactivate)]);
    accounts::mark_provisioned(&mut store, &id.unwrap()).unwrap();
    assert_eq!(account(&store, &staff).status, AccountStatus::Provisioned);
    assert!(incidents::sanctions(&store).unwrap().is_empty());
}

#[test]
fn a_removal_ends_by_itself_after_its_last_day() {
    let (_dir, mut store) = school();
    let staff = signed_staff(&mut store, "Tomos", "Reeve");
    let incident = incidents::record(&mut store, &involving(&[&staff])).unwrap();
    incidents::add_action(
        &mut store,
        &incident.summary.id,
        &removal(&staff, Some(day(0))),
    )
    .unwrap();
    assert_eq!(
        account(&store, &staff).status,
        AccountStatus::Blocked,
        "in force today"
    );
    // A removal recorded in the past whose last day was yesterday.
    store
        .inspect_write(|tx| {
            tx.execute(
                "INSERT INTO incident_actions (id, incident_id, action, done_by, done_on, person_id,
                     until, recorded_at, recorded_by)
                 VALUES ('old', ?1, 'access_removed', 'Mr Head', ?2, ?3, ?2, '2026-01-01T00:00:00.000Z', 'x')",
                assent_core::params![incident.summary.id, day(-1), staff],
            )?;
            Ok(())
        })
        .unwrap();
    let row = account(&store, &staff);
    assert_eq!(
        row.blockers,
        vec![Blocker::Sanction],
        "only today's removal counts"
    );
    assert!(row.reasons[0].contains("until "), "{:?}", row.reasons);
}

fn counts(store: &Store) -> Vec<i64> {
    [
        "incidents",
        "incident_people",
        "incident_attachments",
        "incident_actions",
        "incident_sanction_lifts",
        "incident_status",
        "incident_protection",
        "audit_log",
    ]
    .iter()
    .map(|t| {
        store
            .inspect()
            .query_row(&format!("SELECT count(*) FROM {t}"), (), |r| r.get(0))
            .unwrap()
    })
    .collect()
}

#[test]
fn bad_input_is_refused_clearly_and_writes_nothing() {
    let (_dir, mut store) = school();
    let staff = signed_staff(&mut store, "Rhian", "Oakes");
    let pupil = oak_pupil(&store);
    let incident = incidents::record(&mut store, &involving(&[&staff])).unwrap();
    let id = incident.summary.id.clone();
    let before = counts(&store);

    let bad_inputs: Vec<(&str, IncidentInput)> = vec![
        (
            "date",
            IncidentInput {
                date: day(1),
                ..involving(&[&staff])
            },
        ),
        (
            "date",
            IncidentInput {
                date: "31/02/2026".into(),
                ..involving(&[&staff])
            },
        ),
        (
            "time",
            IncidentInput {
                time: Some("quarter past".into()),
                ..involving(&[&staff])
            },
        ),
        (
            "description",
            IncidentInput {
                description: "  ".into(),
                ..involving(&[&staff])
            },
        ),
        (
            "reported by",
            IncidentInput {
                reported_by: String::new(),
                ..involving(&[&staff])
            },
        ),
        (
            "urls",
            IncidentInput {
                urls: vec!["not a web address".into()],
                ..involving(&[&staff])
            },
        ),
        ("people", involving(&["no-such-person"])),
        ("people", involving(&[&staff, &staff])),
        (
            "people",
            IncidentInput {
                people: vec![InvolvedInput {
                    name: Some(" ".into()),
                    ..InvolvedInput::default()
                }],
                ..involving(&[])
            },
        ),
        (
            "attachments",
            IncidentInput {
                attachments: vec![AttachmentInput {
                    file_name: "virus.exe".into(),
                    bytes: b"MZ\x90\x00".to_vec(),
                }],
                ..involving(&[&staff])
            },
        ),
    ];
    for (field, input) in bad_inputs {
        match incidents::record(&mut store, &input) {
            Err(Error::InvalidInput { field: f, reason }) => {
                assert_eq!(f, field, "{reason}");
                assert!(!reason.is_empty());
            }
            other => panic!("{field}: {other:?}"),
        }
    }
    let bad_actions = vec![
        ("until", removal(&staff, Some(day(-1)))),
        ("person", removal(&pupil, None)),
        (
            "person",
            ActionInput {
                person_id: None,
                ..removal(&staff, None)
            },
        ),
        (
            "done by",
            ActionInput {
                done_by: " ".into(),
                ..removal(&staff, None)
            },
        ),
        (
            "date",
            ActionInput {
                date: Some(day(3)),
                ..removal(&staff, None)
            },
        ),
        (
            "person",
            ActionInput {
                kind: ActionKind::Warning,
                ..removal(&staff, None)
            },
        ),
    ];
    for (field, input) in bad_actions {
        match incidents::add_action(&mut store, &id, &input) {
            Err(Error::InvalidInput { field: f, reason }) => assert_eq!(f, field, "{reason}"),
            other => panic!("{field}: {other:?}"),
        }
    }
    let no_outcome = incidents::set_status(&mut store, &id, IncidentStatus::Closed, Some(" "));
    assert!(matches!(no_outcome, Err(Error::InvalidInput { ref field, .. }) if field == "outcome"));
    let same = incidents::set_status(&mut store, &id, IncidentStatus::Open, None);
    assert!(matches!(same, Err(Error::InvalidInput { .. })));
    assert!(incidents::lift_sanction(&mut store, "no-such-action", None).is_err());
    assert!(incidents::find(&store, "999").is_err());
    assert_eq!(counts(&store), before, "nothing was written");

    // A second removal for the same person under the same incident is refused while one is in force.
    incidents::add_action(&mut store, &id, &removal(&staff, None)).unwrap();
    let twice = incidents::add_action(&mut store, &id, &removal(&staff, None)).unwrap_err();
    assert!(matches!(twice, Error::InvalidInput { .. }), "{twice:?}");
    // Once closed, nothing more is added until it is reopened.
    incidents::set_status(
        &mut store,
        &id,
        IncidentStatus::Closed,
        Some("Warning given; access back after review"),
    )
    .unwrap();
    let closed = incidents::add_action(
        &mut store,
        &id,
        &ActionInput {
            kind: ActionKind::Warning,
            person_id: None,
            until: None,
            ..removal(&staff, None)
        },
    );
    assert!(
        matches!(closed, Err(Error::InvalidInput { .. })),
        "{closed:?}"
    );
}

#[test]
fn each_role_sees_its_part_of_the_log() {
    let (_dir, mut store) = school();
    let staff = signed_staff(&mut store, "Cerys", "Wyn");
    let pupil = oak_pupil(&store);
    let by_head = incidents::record(&mut store, &involving(&[&staff])).unwrap();

    store.sign_in("teacher", PASSWORD).unwrap();
    let mut input = involving(&[&pupil]);
    input.people.push(InvolvedInput {
        person_id: None,
        name: Some("An older cousin".into()),
        role: Some(InvolvedRole::Other),
    });
    input.category = IncidentCategory::Cyberbullying;
    let mine = incidents::record(&mut store, &input).unwrap();
    assert_eq!(mine.people.len(), 2);
    assert!(!mine.can_manage);
    let listed = incidents::list(&store, &IncidentFilter::default()).unwrap();
    assert_eq!(
        listed.iter().map(|i| &i.id).collect::<Vec<_>>(),
        vec![&mine.summary.id]
    );
    assert!(matches!(
        incidents::detail(&store, &by_head.summary.id),
        Err(Error::Forbidden { .. })
    ));
    assert!(matches!(
        incidents::add_action(&mut store, &mine.summary.id, &removal(&pupil, None)),
        Err(Error::Forbidden { .. })
    ));
    assert!(matches!(
        incidents::set_status(
            &mut store,
            &mine.summary.id,
            IncidentStatus::UnderReview,
            None
        ),
        Err(Error::Forbidden { .. })
    ));
    let cp = IncidentInput {
        child_protection: true,
        ..involving(&[&pupil])
    };
    assert!(matches!(
        incidents::record(&mut store, &cp),
        Err(Error::Forbidden { .. })
    ));
    // A teacher names people from their own classes only.
    let willow = people::list(&store, &Filter::default()).unwrap();
    assert!(willow.iter().all(|p| p.class.as_deref() != Some("Willow")));
    assert!(matches!(
        incidents::record(&mut store, &involving(&[&staff])),
        Err(Error::Forbidden { .. })
    ));

    // Another teacher and the office see none of it.
    for user in ["willow", "office"] {
        store.sign_in(user, PASSWORD).unwrap();
        assert!(
            incidents::list(&store, &IncidentFilter::default())
                .unwrap()
                .is_empty(),
            "{user}"
        );
        assert!(matches!(
            incidents::detail(&store, &mine.summary.id),
            Err(Error::Forbidden { .. })
        ));
        assert!(matches!(
            incidents::sanctions(&store),
            Err(Error::Forbidden { .. })
        ));
    }
    // IT sees no incident at all.
    store.sign_in("it", PASSWORD).unwrap();
    assert!(matches!(
        incidents::list(&store, &IncidentFilter::default()),
        Err(Error::Forbidden { .. })
    ));
    assert!(matches!(
        incidents::detail(&store, &mine.summary.id),
        Err(Error::Forbidden { .. })
    ));
    assert!(matches!(
        incidents::record(&mut store, &involving(&[])),
        Err(Error::Forbidden { .. })
    ));

    // The head sees both and filters them.
    store.sign_in(common::HEAD, PASSWORD).unwrap();
    assert_eq!(
        incidents::list(&store, &IncidentFilter::default())
            .unwrap()
            .len(),
        2
    );
    let filtered = |f: IncidentFilter| incidents::list(&store, &f).unwrap().len();
    assert_eq!(
        filtered(IncidentFilter {
            category: Some(IncidentCategory::Cyberbullying),
            ..IncidentFilter::default()
        }),
        1
    );
    assert_eq!(
        filtered(IncidentFilter {
            person_id: Some(staff.clone()),
            ..IncidentFilter::default()
        }),
        1
    );
    assert_eq!(
        filtered(IncidentFilter {
            class: Some("Oak".into()),
            ..IncidentFilter::default()
        }),
        1
    );
    assert_eq!(
        filtered(IncidentFilter {
            status: Some(IncidentStatus::Closed),
            ..IncidentFilter::default()
        }),
        0
    );
    assert_eq!(
        filtered(IncidentFilter {
            from: Some(day(0)),
            ..IncidentFilter::default()
        }),
        0
    );
    assert_eq!(
        filtered(IncidentFilter {
            to: Some(day(-1)),
            ..IncidentFilter::default()
        }),
        2
    );
    assert!(
        incidents::list(
            &store,
            &IncidentFilter {
                from: Some(day(0)),
                to: Some(day(-2)),
                ..IncidentFilter::default()
            }
        )
        .is_err()
    );

    // Marked a child-protection matter: the reporting teacher sees only that it exists.
    incidents::set_child_protection(&mut store, &mine.summary.id, true).unwrap();
    store.sign_in("teacher", PASSWORD).unwrap();
    let seen = incidents::detail(&store, &mine.summary.id).unwrap();
    assert!(seen.summary.restricted && seen.summary.child_protection);
    assert!(seen.description.is_empty() && seen.people.is_empty() && seen.urls.is_empty());
    assert!(seen.attachments.is_empty() && seen.summary.people.is_empty());
    let listed = incidents::list(&store, &IncidentFilter::default()).unwrap();
    assert!(listed[0].restricted && listed[0].people.is_empty());
    let file = &mine.attachments[0].id;
    assert!(matches!(
        incidents::attachment(&store, &mine.summary.id, file),
        Err(Error::Forbidden { .. })
    ));
    store.sign_in(common::HEAD, PASSWORD).unwrap();
    let full = incidents::detail(&store, &mine.summary.id).unwrap();
    assert!(!full.summary.restricted);
    assert!(full.description.contains("proxy"));
    assert_eq!(
        incidents::attachment(&store, &mine.summary.id, file)
            .unwrap()
            .1,
        common::PNG
    );
}

#[test]
fn every_change_is_audited_without_names_and_history_is_append_only() {
    let (_dir, mut store) = school();
    let staff = signed_staff(&mut store, "Gwen", "Pryce");
    let i = incidents::record(&mut store, &involving(&[&staff])).unwrap();
    let id = i.summary.id.clone();
    incidents::add_action(
        &mut store,
        &id,
        &ActionInput {
            kind: ActionKind::ParentsInformed,
            person_id: None,
            ..removal(&staff, None)
        },
    )
    .unwrap();
    let d = incidents::add_action(&mut store, &id, &removal(&staff, None)).unwrap();
    incidents::lift_sanction(&mut store, &d.actions[1].id, None).unwrap();
    incidents::set_status(&mut store, &id, IncidentStatus::UnderReview, None).unwrap();
    incidents::set_child_protection(&mut store, &id, true).unwrap();
    incidents::add_attachment(
        &mut store,
        &id,
        &AttachmentInput {
            file_name: "b.png".into(),
            bytes: common::PNG.to_vec(),
        },
    )
    .unwrap();
    let d = incidents::set_status(
        &mut store,
        &id,
        IncidentStatus::Closed,
        Some("Resolved with a warning"),
    )
    .unwrap();
    assert_eq!(d.outcome.as_deref(), Some("Resolved with a warning"));
    assert_eq!(d.history.len(), 3);

    let entries: Vec<(String, String)> = {
        let mut stmt = store
            .inspect()
            .prepare("SELECT action, summary FROM audit_log WHERE entity_id = ?1 ORDER BY seq")
            .unwrap();
        stmt.query_map([&id], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let actions: Vec<&str> = entries.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        actions,
        vec![
            "incident.record",
            "incident.action",
            "incident.action",
            "incident.access_restored",
            "incident.status",
            "incident.child_protection",
            "incident.attach",
            "incident.status",
        ]
    );
    assert!(
        entries
            .iter()
            .all(|(_, s)| !s.contains("Gwen") && !s.contains("Pryce")),
        "{entries:?}"
    );
    let about_person: u32 = store
        .inspect()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity_id = ?1 AND action LIKE 'incident.%'",
            [&staff],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        about_person, 2,
        "the removal and its lifting are in the person's history"
    );

    for sql in [
        "UPDATE incidents SET description = 'changed'",
        "DELETE FROM incidents",
        "UPDATE incident_actions SET done_by = 'someone else'",
        "DELETE FROM incident_actions",
        "DELETE FROM incident_status",
        "UPDATE incident_status SET outcome = 'changed'",
        "DELETE FROM incident_sanction_lifts",
        "DELETE FROM incident_people",
        "DELETE FROM incident_attachments",
        "DELETE FROM incident_protection",
    ] {
        let result = store.inspect_write(|tx| Ok(tx.execute(sql, ())?));
        assert!(result.is_err(), "{sql} was allowed");
    }
}

#[test]
fn the_summary_counts_by_category_and_month_without_names() {
    let (_dir, mut store) = school();
    let staff = signed_staff(&mut store, "Alys", "Morgan");
    let first = incidents::record(&mut store, &involving(&[&staff])).unwrap();
    let mut other = involving(&[]);
    other.category = IncidentCategory::Damage;
    other.date = day(-40);
    let second = incidents::record(&mut store, &other).unwrap();
    incidents::set_status(
        &mut store,
        &second.summary.id,
        IncidentStatus::Closed,
        Some("Repaired"),
    )
    .unwrap();

    let report = incidents::summary(&store, &day(-60), &day(0)).unwrap();
    assert_eq!(report.total, 2);
    assert_eq!(report.closed, 1);
    assert_eq!(report.categories.len(), IncidentCategory::ALL.len());
    let count = |label: &str| {
        report
            .categories
            .iter()
            .find(|c| c.category == label)
            .unwrap()
            .total
    };
    assert_eq!(count(IncidentCategory::BypassingFiltering.label()), 1);
    assert_eq!(count(IncidentCategory::Damage.label()), 1);
    assert_eq!(report.month_totals.iter().sum::<u32>(), 2);
    assert_eq!(report.months.len(), report.month_totals.len());
    assert_eq!(report.open.len(), 1);
    assert_eq!(report.open[0].number, first.summary.number);
    assert_eq!(report.open[0].people, vec!["Alys Morgan".to_owned()]);
    // Everything but the head's open list is counts and labels only.
    let counts_only =
        serde_json::to_string(&(&report.categories, &report.months, &report.actions)).unwrap();
    assert!(!counts_only.contains("Alys") && !counts_only.contains("Morgan"));
    assert!(incidents::summary(&store, &day(0), &day(-1)).is_err());
    store.sign_in("teacher", PASSWORD).unwrap();
    assert!(matches!(
        incidents::summary(&store, &day(-60), &day(0)),
        Err(Error::Forbidden { .. })
    ));
}

#[test]
fn closed_incidents_are_kept_until_their_retention_period_has_passed() {
    let (_dir, mut store) = school();
    let leaver = {
        let input = PersonInput {
            kind: Some(PersonKind::Volunteer),
            given_name: "Long".into(),
            family_name: "Gone".into(),
            start_date: Some("2010-09-01".into()),
            end_date: Some("2012-07-20".into()),
            ..PersonInput::default()
        };
        people::add(&mut store, &input).unwrap().summary.id
    };
    let preview = retention::preview(&store).unwrap();
    assert!(
        preview.people.iter().any(|p| p.person_id == leaver),
        "a leaver long gone"
    );

    let i = incidents::record(&mut store, &involving(&[&leaver])).unwrap();
    let id = i.summary.id.clone();
    let preview = retention::preview(&store).unwrap();
    assert!(
        preview.people.iter().all(|p| p.person_id != leaver),
        "kept with the open incident"
    );
    assert_eq!(preview.incidents, 0);
    assert!(retention::erase(&mut store, &leaver, "Asked").is_err());

    incidents::set_status(&mut store, &id, IncidentStatus::Closed, Some("Dealt with")).unwrap();
    retention::purge(&mut store).unwrap();
    assert!(
        incidents::detail(&store, &id).is_ok(),
        "closed today, so kept"
    );
    assert!(people::detail(&store, &leaver).is_ok());

    // Closed long ago: the purge destroys the incident, then the person.
    store
        .inspect_write(|tx| {
            tx.execute(
                "INSERT INTO incident_status (id, incident_id, status, outcome, at, by)
                 VALUES ('old-close', ?1, 'closed', 'Dealt with', '2013-01-01T00:00:00.000Z', 'x')",
                [&id],
            )?;
            // The latest row must be the old one for this test: drop today's by the purge permit.
            tx.execute("INSERT INTO purge_permit (id) VALUES (1)", ())?;
            tx.execute(
                "DELETE FROM incident_status WHERE incident_id = ?1 AND id <> 'old-close'",
                [&id],
            )?;
            tx.execute("DELETE FROM purge_permit", ())?;
            Ok(())
        })
        .unwrap();
    let preview = retention::preview(&store).unwrap();
    assert_eq!(preview.incidents, 1);
    assert!(preview.people.iter().any(|p| p.person_id == leaver));
    retention::purge(&mut store).unwrap();
    assert!(incidents::detail(&store, &id).is_err());
    assert!(people::detail(&store, &leaver).is_err());
    let left: i64 = store
        .inspect()
        .query_row("SELECT count(*) FROM incident_attachments", (), |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(left, 0);
    let log = retention::destruction_log(&store).unwrap();
    assert!(log.iter().any(|r| r.person_kind == "e-safety incidents"));
}

#[test]
fn a_subject_access_export_lists_the_incidents_and_removals() {
    let (dir, mut store) = school();
    let staff = signed_staff(&mut store, "Elin", "Bowen");
    let i = incidents::record(&mut store, &involving(&[&staff])).unwrap();
    incidents::add_action(&mut store, &i.summary.id, &removal(&staff, None)).unwrap();
    let out = dir.path().join("sar");
    assent_core::sar::export(&mut store, &staff, &out).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("subject-access.json")).unwrap()).unwrap();
    let listed = &json["incidents"][0];
    assert_eq!(listed["number"], i.summary.number);
    assert_eq!(listed["category"], "Getting round the filtering");
    assert_eq!(
        listed["access_removals"][0]["until"],
        serde_json::Value::Null
    );
    assert!(
        json["audit"]
            .to_string()
            .contains("Access removed until review")
    );
}
