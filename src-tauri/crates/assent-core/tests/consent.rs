//! Photo and video consent in the demo school.

use crate::common;

use assent_core::consent::{self, ConsentMethod, ConsentState, DecisionInput};
use assent_core::people::{self, Filter};
use assent_core::{Error, Store};
use chrono::NaiveDate;

/// The demo school and a pupil with two contacts who have parental responsibility.
fn school() -> (tempfile::TempDir, Store, String, String, String) {
    let (dir, store) = common::demo_school();
    let pupils = people::list(
        &store,
        &Filter {
            year: Some("Y4".into()),
            ..Filter::default()
        },
    )
    .unwrap();
    for p in pupils {
        let d = people::detail(&store, &p.id).unwrap();
        let pr: Vec<&people::LinkedPerson> = d
            .contacts
            .iter()
            .filter(|c| c.parental_responsibility)
            .collect();
        if pr.len() >= 2 {
            let (a, b) = (pr[0].id.clone(), pr[1].id.clone());
            return (dir, store, p.id, a, b);
        }
    }
    unreachable!("the demo has pupils with two parents")
}

fn decide(
    store: &mut Store,
    pupil: &str,
    purpose: &str,
    yes: bool,
    by: &str,
) -> assent_core::Result<()> {
    consent::set(
        store,
        &DecisionInput {
            person_id: pupil.into(),
            purpose: purpose.into(),
            yes,
            given_by: by.into(),
            method: ConsentMethod::Paper,
            date: None,
        },
    )
}

fn cell(store: &Store, pupil: &str, purpose: &str) -> consent::ConsentCell {
    let grid = consent::grid(store, &[]).unwrap();
    let col = grid
        .purposes
        .iter()
        .position(|(code, _)| code == purpose)
        .unwrap();
    grid.rows
        .into_iter()
        .find(|r| r.person_id == pupil)
        .unwrap()
        .cells[col]
        .clone()
}

#[test]
fn no_choice_counts_as_no_and_the_latest_answer_wins() {
    let (_dir, mut store, pupil, mum, _) = school();
    assert_eq!(consent::purposes(&store).unwrap().len(), 9);
    assert_eq!(cell(&store, &pupil, "website").state, ConsentState::No);
    decide(&mut store, &pupil, "website", true, &mum).unwrap();
    assert_eq!(cell(&store, &pupil, "website").state, ConsentState::Yes);
    decide(&mut store, &pupil, "website", false, &mum).unwrap();
    assert_eq!(cell(&store, &pupil, "website").state, ConsentState::No);
    let history = consent::history(&store, &pupil).unwrap();
    assert_eq!(history.len(), 2, "every decision is kept");
    assert!(
        history[0].explanation.contains("website"),
        "the text the family saw is kept"
    );
    assert!(
        store
            .inspect()
            .execute("UPDATE consent_decisions SET answer = 'yes'", ())
            .is_err()
    );
}

#[test]
fn when_parents_disagree_the_no_applies_and_the_conflict_shows() {
    let (_dir, mut store, pupil, mum, dad) = school();
    decide(&mut store, &pupil, "social", true, &mum).unwrap();
    decide(&mut store, &pupil, "social", false, &dad).unwrap();
    let c = cell(&store, &pupil, "social");
    assert_eq!((c.state, c.conflict), (ConsentState::No, true));
    decide(&mut store, &pupil, "social", true, &dad).unwrap();
    let c = cell(&store, &pupil, "social");
    assert_eq!((c.state, c.conflict), (ConsentState::Yes, false));
}

#[test]
fn a_withdrawal_replaces_every_earlier_yes_and_is_listed_for_the_office() {
    let (_dir, mut store, pupil, mum, dad) = school();
    decide(&mut store, &pupil, "press", true, &mum).unwrap();
    decide(&mut store, &pupil, "press", true, &dad).unwrap();
    consent::withdraw(&mut store, &pupil, "press", Some("Moving away")).unwrap();
    assert_eq!(cell(&store, &pupil, "press").state, ConsentState::No);
    let today = chrono::Utc::now().date_naive();
    let since = consent::withdrawn_since(&store, today).unwrap();
    assert_eq!(since.len(), 1);
    assert_eq!(since[0].reason.as_deref(), Some("Moving away"));
    assert!(
        consent::no_photo(&store, &[])
            .unwrap()
            .iter()
            .any(|r| r.person_id == pupil)
    );
    decide(&mut store, &pupil, "press", true, &mum).unwrap();
    assert_eq!(
        cell(&store, &pupil, "press").state,
        ConsentState::Yes,
        "a new yes after the withdrawal counts"
    );
}

#[test]
fn a_safeguarding_hold_overrides_every_yes() {
    let (_dir, mut store, pupil, mum, _) = school();
    for purpose in ["website", "print", "displays"] {
        decide(&mut store, &pupil, purpose, true, &mum).unwrap();
    }
    let no_reason = consent::hold(&mut store, &pupil, "  ");
    assert!(matches!(no_reason, Err(Error::InvalidInput { ref field, .. }) if field == "reason"));
    consent::hold(&mut store, &pupil, "Court order").unwrap();
    assert!(consent::hold(&mut store, &pupil, "Again").is_err());
    assert_eq!(cell(&store, &pupil, "website").state, ConsentState::Hold);
    let list = consent::no_photo(&store, &[]).unwrap();
    assert!(list.iter().find(|r| r.person_id == pupil).unwrap().hold);
    let audit: String = store
        .inspect()
        .query_row(
            "SELECT summary FROM audit_log ORDER BY seq DESC LIMIT 1",
            (),
            |r| r.get(0),
        )
        .unwrap();
    assert!(!audit.contains("Court order"), "the reason stays private");
    consent::release_hold(&mut store, &pupil, "Order ended").unwrap();
    assert_eq!(cell(&store, &pupil, "website").state, ConsentState::Yes);
}

#[test]
fn only_parents_with_responsibility_decide_and_bad_input_records_nothing() {
    let (_dir, mut store, pupil, mum, _) = school();
    let staff = people::list(
        &store,
        &Filter {
            kind: Some(people::PersonKind::Staff),
            ..Filter::default()
        },
    )
    .unwrap()[0]
        .id
        .clone();
    let refused = decide(&mut store, &pupil, "website", true, &staff);
    assert!(
        matches!(refused, Err(Error::InvalidInput { ref reason, .. }) if reason.contains("parental responsibility"))
    );
    let unknown = decide(&mut store, &pupil, "billboards", true, &mum);
    assert!(
        matches!(unknown, Err(Error::InvalidInput { ref reason, .. }) if reason.contains("not a purpose"))
    );
    let future = consent::set(
        &mut store,
        &DecisionInput {
            person_id: pupil.clone(),
            purpose: "website".into(),
            yes: true,
            given_by: mum.clone(),
            method: ConsentMethod::Email,
            date: NaiveDate::from_ymd_opt(2099, 1, 1),
        },
    );
    assert!(matches!(future, Err(Error::InvalidInput { ref field, .. }) if field == "date"));
    assert!(consent::history(&store, &pupil).unwrap().is_empty());
}

#[test]
fn yearly_renewal_expires_last_years_answers() {
    let (_dir, mut store, pupil, mum, _) = school();
    let year = assent_core::school::academic_year(&store).unwrap();
    consent::set(
        &mut store,
        &DecisionInput {
            person_id: pupil.clone(),
            purpose: "video".into(),
            yes: true,
            given_by: mum.clone(),
            method: ConsentMethod::Agreement,
            date: NaiveDate::from_ymd_opt(year, 6, 30),
        },
    )
    .unwrap();
    assert_eq!(
        cell(&store, &pupil, "video").state,
        ConsentState::Yes,
        "answers last until leaving by default"
    );
    store
        .inspect()
        .execute(
            "UPDATE settings SET value = 'annual' WHERE key = 'consent_renewal'",
            (),
        )
        .unwrap();
    assert_eq!(cell(&store, &pupil, "video").state, ConsentState::Expired);
    decide(&mut store, &pupil, "video", true, &mum).unwrap();
    assert_eq!(cell(&store, &pupil, "video").state, ConsentState::Yes);
}

#[test]
fn the_do_not_photograph_list_is_ordered_by_class_then_surname() {
    let (_dir, store, _, _, _) = school();
    let list = consent::no_photo(&store, &["Oak".to_owned(), "Acorns".to_owned()]).unwrap();
    assert_eq!(
        list.len(),
        60,
        "nobody has consented yet, so everyone is listed"
    );
    assert_eq!(list[0].class.as_deref(), Some("Acorns"));
    assert_eq!(list[59].class.as_deref(), Some("Oak"));
    assert_eq!(list[0].refused.len(), 9);
}

#[test]
fn an_older_form_entered_late_does_not_undo_a_newer_answer_or_a_withdrawal() {
    let (_dir, mut store, pupil, mum, _) = school();
    let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let dated = |store: &mut Store, purpose: &str, yes: bool, date| {
        consent::set(
            store,
            &DecisionInput {
                person_id: pupil.clone(),
                purpose: purpose.into(),
                yes,
                given_by: mum.clone(),
                method: ConsentMethod::Paper,
                date,
            },
        )
        .unwrap();
    };
    dated(&mut store, "website", false, on(2026, 6, 3));
    dated(&mut store, "website", true, on(2026, 5, 20));
    assert_eq!(
        cell(&store, &pupil, "website").state,
        ConsentState::No,
        "the phone call on 3 June is the latest answer"
    );
    consent::withdraw(&mut store, &pupil, "print", None).unwrap();
    dated(&mut store, "print", true, on(2026, 5, 20));
    assert_eq!(
        cell(&store, &pupil, "print").state,
        ConsentState::No,
        "an old form cannot undo today's withdrawal"
    );
}

#[test]
fn an_answer_counts_only_while_its_giver_has_parental_responsibility() {
    let (_dir, mut store, pupil, mum, _) = school();
    decide(&mut store, &pupil, "press", true, &mum).unwrap();
    assert_eq!(cell(&store, &pupil, "press").state, ConsentState::Yes);
    store
        .inspect()
        .execute("UPDATE contact_links SET parental_responsibility = FALSE WHERE pupil_id = ?1 AND contact_id = ?2", [&pupil, &mum])
        .unwrap();
    assert_eq!(cell(&store, &pupil, "press").state, ConsentState::No);
}

#[test]
fn the_head_adds_renames_re_explains_and_retires_purposes_keeping_history() {
    let (_dir, mut store, pupil, parent, _) = school();
    let added = consent::add_purpose(
        &mut store,
        "Trips",
        "School trips",
        "Photos taken on school trips may be shared with the families of the class.",
    )
    .unwrap();
    assert_eq!(added.code, "trips");
    assert!(matches!(
        consent::add_purpose(&mut store, "trips", "Again", "Again."),
        Err(Error::InvalidInput { .. })
    ));
    assert!(matches!(
        consent::add_purpose(&mut store, "no spaces", "Name", "Text."),
        Err(Error::InvalidInput { .. })
    ));
    decide(&mut store, &pupil, "trips", true, &parent).unwrap();
    let before = consent::history(&store, &pupil).unwrap();
    let told = before.last().unwrap().explanation.clone();

    let edited = consent::edit_purpose(
        &mut store,
        "trips",
        Some("Trips and visits"),
        Some("Photos from trips and visits may be shared with the class's families."),
    )
    .unwrap();
    assert_eq!(edited.name, "Trips and visits");
    // The decision keeps the words its family was shown.
    let after = consent::history(&store, &pupil).unwrap();
    assert_eq!(after.last().unwrap().explanation, told);
    assert_eq!(cell(&store, &pupil, "trips").state, ConsentState::Yes);

    consent::retire_purpose(&mut store, "trips").unwrap();
    let all = consent::purposes(&store).unwrap();
    assert!(all.iter().any(|p| p.code == "trips" && p.retired));
    assert!(matches!(
        decide(&mut store, &pupil, "trips", true, &parent),
        Err(Error::InvalidInput { .. })
    ));
    assert_eq!(consent::history(&store, &pupil).unwrap().len(), after.len());
}

#[test]
fn yearly_renewal_follows_the_calendar_not_the_year_the_school_has_moved_to() {
    let (_dir, mut store, pupil, parent, _) = school();
    assent_core::school::set_annual_consent_renewal(&mut store, true).unwrap();
    decide(&mut store, &pupil, "website", true, &parent).unwrap();
    assert_eq!(cell(&store, &pupil, "website").state, ConsentState::Yes);
    // Moving up a year early (as a school may in July) must not expire this term's answers.
    let next = assent_core::school::academic_year(&store).unwrap() + 1;
    assent_core::rollover::apply(&mut store, next).unwrap();
    assert_eq!(cell(&store, &pupil, "website").state, ConsentState::Yes);
}
