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
    let teacher = common::open_as(&common::db_path(&dir), "oakteacher", common::PASSWORD).unwrap();
    let d = dashboard::load(&teacher).unwrap();
    assert!(d.agreements.iter().all(|c| c.kind == PersonKind::Pupil));
    let counted: u32 = d.agreements.iter().map(|c| c.count).sum();
    assert_eq!(counted as usize, oak);
}

// The bars, the term's trend and what each role is shown.

use assent_core::agreements::SignerRole;
use assent_core::consent::{self, ConsentMethod, DecisionInput};
use assent_core::people::PersonInput;
use assent_core::templates::{self, PublishOptions};
use assent_core::{Store, terms};
use chrono::NaiveDate;

fn audience(o: &dashboard::Overview, kind: PersonKind) -> dashboard::AudienceProgress {
    o.progress
        .audiences
        .iter()
        .find(|a| a.kind == kind)
        .cloned()
        .unwrap_or_else(|| panic!("no {kind:?} in {:?}", o.progress.audiences))
}

fn class<'o>(o: &'o dashboard::Overview, name: &str) -> &'o dashboard::ClassProgress {
    o.progress
        .classes
        .iter()
        .find(|c| c.class == name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", o.progress.classes))
}

/// Every purpose answered yes for `pupil` by `parent`.
fn answer_everything(store: &mut Store, pupil: &str, parent: &str) {
    for p in consent::purposes(store).unwrap() {
        consent::set(
            store,
            &DecisionInput {
                person_id: pupil.to_owned(),
                purpose: p.code.clone(),
                yes: true,
                given_by: parent.to_owned(),
                method: ConsentMethod::Paper,
                date: None,
            },
        )
        .unwrap();
    }
}

#[test]
fn each_class_and_group_counts_agreements_current_and_consent_answered() {
    let (_dir, mut store) = common::demo_school();
    let (signed, parent_id, parent_name) = common::ks2_pupil(&store);
    let class_name = signed.summary.class.clone().unwrap();
    let pupil_name = format!(
        "{} {}",
        signed.summary.given_name, signed.summary.family_name
    );
    common::sign_now(
        &mut store,
        &signed.summary.id,
        assent_core::templates::TemplateKind::Ks2,
        "bars-1",
        vec![
            common::drawn(SignerRole::Pupil, &pupil_name, None),
            common::drawn(SignerRole::Parent, &parent_name, Some(&parent_id)),
        ],
    )
    .unwrap();
    // In the same class: one family answers every purpose, one pupil is held.
    let classmates = assent_core::people::list(
        &store,
        &Filter {
            class: Some(class_name.clone()),
            ..Filter::default()
        },
    )
    .unwrap();
    let mut with_parent = classmates
        .iter()
        .filter(|p| p.id != signed.summary.id)
        .filter_map(|p| {
            let d = assent_core::people::detail(&store, &p.id).unwrap();
            let c = d
                .contacts
                .iter()
                .find(|c| c.parental_responsibility)?
                .id
                .clone();
            Some((p.id.clone(), c))
        });
    let (answered, their_parent) = with_parent.next().unwrap();
    let (held, _) = with_parent.next().unwrap();
    answer_everything(&mut store, &answered, &their_parent);
    consent::hold(&mut store, &held, "Court order").unwrap();

    let o = dashboard::overview(&store).unwrap();
    let oak = class(&o, &class_name);
    assert_eq!(oak.on_roll as usize, classmates.len());
    assert_eq!(oak.current, 1, "only the signed pupil");
    let c = oak.consent.expect("the head sees consent");
    assert_eq!((c.answered, c.held), (1, 1));
    assert_eq!(c.answered + c.held + c.missing, oak.on_roll);
    // Every other class: nobody signed or answered yet.
    for other in o.progress.classes.iter().filter(|c| c.class != class_name) {
        assert_eq!(other.current, 0, "{}", other.class);
        assert_eq!(
            other.consent.unwrap().missing,
            other.on_roll,
            "{}",
            other.class
        );
    }
    let pupils = audience(&o, PersonKind::Pupil);
    assert_eq!(
        pupils.on_roll,
        o.progress.classes.iter().map(|c| c.on_roll).sum::<u32>()
    );
    assert_eq!(pupils.current, 1);
    assert_eq!(pupils.consent.unwrap().answered, 1);
    assert!(
        audience(&o, PersonKind::Staff).consent.is_none(),
        "consent is asked for pupils"
    );
    // The classes come youngest first, as everywhere else.
    assert_eq!(o.progress.classes.first().unwrap().class, "Acorns");

    // Today's point of the trend is the same count, worked out from the records.
    let today = o.trend.points.last().unwrap();
    assert_eq!(today.day, assent_core::time::today().to_string());
    for a in &o.progress.audiences {
        let t = today.counts.iter().find(|c| c.kind == a.kind).unwrap();
        assert_eq!(
            (t.on_roll, t.current),
            (a.on_roll, a.current),
            "{:?}",
            a.kind
        );
    }
    assert_eq!(o.trend.term, terms::term_of(assent_core::time::today()));
}

#[test]
fn a_teacher_sees_the_bars_and_trend_of_their_classes_only_and_it_sees_no_consent() {
    let (dir, mut store) = common::demo_school();
    common::add_user(&mut store, "oakteacher", Role::Teacher, &["Oak"]);
    common::add_user(&mut store, "tech", Role::It, &[]);
    drop(store);
    let path = common::db_path(&dir);
    let teacher = common::open_as(&path, "oakteacher", common::PASSWORD).unwrap();
    let o = dashboard::overview(&teacher).unwrap();
    assert_eq!(
        o.progress
            .classes
            .iter()
            .map(|c| c.class.as_str())
            .collect::<Vec<_>>(),
        ["Oak"]
    );
    assert_eq!(
        o.progress
            .audiences
            .iter()
            .map(|a| a.kind)
            .collect::<Vec<_>>(),
        [PersonKind::Pupil]
    );
    let oak = class(&o, "Oak");
    assert_eq!(oak.consent.unwrap().missing, oak.on_roll);
    for point in &o.trend.points {
        assert!(point.counts.iter().all(|c| c.kind == PersonKind::Pupil));
    }
    assert!(o.checklist.is_none(), "a teacher has nothing to set up");
    drop(teacher);
    let it = common::open_as(&path, "tech", common::PASSWORD).unwrap();
    let o = dashboard::overview(&it).unwrap();
    assert!(o.progress.classes.iter().all(|c| c.consent.is_none()));
    assert!(o.progress.audiences.iter().all(|a| a.consent.is_none()));
    assert!(
        audience(&o, PersonKind::Staff).on_roll > 0,
        "IT sees everyone's agreements"
    );
}

fn staff(store: &mut Store, given: &str, start: &str, leaving: Option<&str>) -> String {
    assent_core::people::add(
        store,
        &PersonInput {
            kind: Some(PersonKind::Staff),
            given_name: given.to_owned(),
            family_name: "Trend".to_owned(),
            role: Some("Teaching assistant".to_owned()),
            start_date: Some(start.to_owned()),
            leaving_date: leaving.map(str::to_owned),
            ..PersonInput::default()
        },
    )
    .unwrap()
    .summary
    .id
}

/// A copy of the agreement `from` (and its signatures) for `person`, recorded at
/// `at`, as a signing on that day would have left it.
fn recorded_at(store: &mut Store, from: &str, person: &str, at: &str) -> String {
    let id = format!("{from}-{person}");
    store
        .inspect_write(|tx| {
            tx.execute(
                "INSERT INTO agreements (id, submission_id, person_id, kind, version, template_sha256,
                     recorded_at, recorded_by, device, evidence_sha256)
                 SELECT ?1, ?1, ?2, kind, version, template_sha256, ?3, recorded_by, device, evidence_sha256
                 FROM agreements WHERE id = ?4",
                assent_core::params![id, person, at, from],
            )?;
            tx.execute(
                "INSERT INTO agreement_signatures (id, agreement_id, role, signer_person_id, signer_name,
                     relationship, method, image_png, strokes_json, image_sha256, signed_at, recorded_at,
                     recorded_by, device, evidence_sha256)
                 SELECT ?1 || '-' || role, ?1, role, signer_person_id, signer_name, relationship, method,
                     image_png, strokes_json, image_sha256, ?2, ?2, recorded_by, device, evidence_sha256
                 FROM agreement_signatures WHERE agreement_id = ?3",
                assent_core::params![id, at, from],
            )?;
            Ok(())
        })
        .unwrap();
    id
}

fn staff_counts(t: &dashboard::Trend) -> Vec<(String, u32, u32)> {
    t.points
        .iter()
        .map(|p| {
            let c = p.counts.iter().find(|c| c.kind == PersonKind::Staff);
            (
                p.day.clone(),
                c.map_or(0, |c| c.on_roll),
                c.map_or(0, |c| c.current),
            )
        })
        .collect()
}

#[test]
fn the_trend_recounts_each_week_from_the_records_as_they_stood() {
    let (_dir, mut store) = common::school();
    let today_signer = staff(&mut store, "Olu", "2025-09-01", None);
    let signed_now = common::sign_now(
        &mut store,
        &today_signer,
        assent_core::templates::TemplateKind::Staff,
        "trend-now",
        vec![common::typed("Olu Trend")],
    )
    .unwrap()
    .id;
    let early = staff(&mut store, "Amara", "2025-09-01", None);
    recorded_at(&mut store, &signed_now, &early, "2026-09-10T10:00:00.000Z");
    let withdrawn = staff(&mut store, "Wen", "2025-09-01", None);
    let w = recorded_at(
        &mut store,
        &signed_now,
        &withdrawn,
        "2026-09-03T09:00:00.000Z",
    );
    store
        .inspect_write(|tx| {
            tx.execute(
                "INSERT INTO agreement_withdrawals (agreement_id, withdrawn_at, withdrawn_by, reason)
                 VALUES (?1, '2026-09-25T12:00:00.000Z', 'Harriet Head (head)', 'Asked to')",
                [&w],
            )?;
            Ok(())
        })
        .unwrap();
    let leaver = staff(&mut store, "Lior", "2025-09-01", Some("2026-09-30"));
    // Signed in the summer, before this term.
    recorded_at(&mut store, &signed_now, &leaver, "2026-07-14T09:00:00.000Z");
    staff(&mut store, "Niamh", "2026-10-01", None);

    let day = NaiveDate::from_ymd_opt(2026, 10, 15).unwrap();
    let trend = dashboard::trend_on(&store, day).unwrap();
    assert_eq!(trend.term.starts, "2026-09-01");
    let expected = [
        ("2026-09-01", 4, 1),
        ("2026-09-08", 4, 2),
        ("2026-09-15", 4, 3),
        ("2026-09-22", 4, 3),
        ("2026-09-29", 4, 2),
        ("2026-10-06", 4, 1),
        ("2026-10-13", 4, 1),
        ("2026-10-15", 4, 1),
    ];
    let expected: Vec<(String, u32, u32)> = expected
        .iter()
        .map(|(d, n, c)| ((*d).to_owned(), *n, *c))
        .collect();
    assert_eq!(staff_counts(&trend), expected);

    // A material change published today sends everyone back to sign, from today:
    // the weeks before are recounted exactly as they were.
    let source = templates::version(&store, assent_core::templates::TemplateKind::Staff, None)
        .unwrap()
        .source;
    templates::publish(
        &mut store,
        assent_core::templates::TemplateKind::Staff,
        &format!("{source}\n- Lock the screen when you leave it.\n"),
        &PublishOptions {
            material: true,
            ..PublishOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        staff_counts(&dashboard::trend_on(&store, day).unwrap()),
        expected
    );
    let now = dashboard::overview(&store).unwrap();
    let last = now.trend.points.last().unwrap();
    let staff_now = last
        .counts
        .iter()
        .find(|c| c.kind == PersonKind::Staff)
        .unwrap();
    assert_eq!(staff_now.current, 0, "everyone signs the new text");
    assert_eq!(audience(&now, PersonKind::Staff).current, 0);
}

#[test]
fn the_trend_starts_when_the_school_started_using_assent() {
    let (_dir, store) = common::school();
    let today = assent_core::time::today();
    let trend = dashboard::trend_on(&store, today).unwrap();
    // Nothing was recorded before today, so there is one point: today.
    assert_eq!(trend.points.len(), 1);
    assert_eq!(trend.points[0].day, today.to_string());
    assert!(trend.points[0].counts.is_empty(), "nobody on roll yet");
}
