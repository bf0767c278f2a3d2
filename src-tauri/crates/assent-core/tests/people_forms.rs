//! Adding and editing people by hand, and the lists the People page uses.

use crate::common;

use assent_core::import::{ImportInput, ImportKind, apply_with_progress, preview};
use assent_core::people::{self, PersonInput, PersonKind};
use assent_core::{Error, Store};

fn problems(err: Error) -> Vec<(String, String)> {
    match err {
        Error::InvalidFields { problems } => {
            problems.into_iter().map(|p| (p.field, p.reason)).collect()
        }
        other => panic!("expected field problems, got {other:?}"),
    }
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .inspect()
        .query_row(&format!("SELECT count(*) FROM {table}"), (), |r| r.get(0))
        .unwrap()
}

#[test]
fn the_form_lists_every_bad_field_and_saves_nothing() {
    let (_dir, mut store) = common::school();
    let entries = count(&store, "audit_log");
    let input = PersonInput {
        kind: Some(PersonKind::Pupil),
        given_name: "Zoë".into(),
        family_name: "  ".into(),
        date_of_birth: Some("31/02/2019".into()),
        upn: Some("A999200122010".into()),
        year_group: Some("Year 9".into()),
        ..PersonInput::default()
    };
    let found = problems(people::add(&mut store, &input).unwrap_err());
    let fields: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        vec!["family_name", "year_group", "upn", "date_of_birth"],
        "{found:?}"
    );
    assert!(found.iter().any(|(_, r)| r.contains("31 February 2019")));
    assert_eq!(count(&store, "people"), 0);
    assert_eq!(count(&store, "audit_log"), entries);
}

#[test]
fn a_visitor_needs_visit_dates_in_order() {
    let (_dir, mut store) = common::school();
    let mut visitor = PersonInput {
        kind: Some(PersonKind::Visitor),
        given_name: "Noor".into(),
        family_name: "Siddiqui".into(),
        role: Some("Visiting author".into()),
        ..PersonInput::default()
    };
    assert_eq!(
        problems(people::add(&mut store, &visitor).unwrap_err())[0].0,
        "start_date"
    );
    visitor.start_date = Some("05/12/2026".into());
    visitor.end_date = Some("04/12/2026".into());
    assert_eq!(
        problems(people::add(&mut store, &visitor).unwrap_err())[0].0,
        "end_date"
    );
    visitor.end_date = Some("05/12/2026".into());
    let saved = people::add(&mut store, &visitor).unwrap();
    assert_eq!(saved.start_date.as_deref(), Some("2026-12-05"));
    assert_eq!(saved.summary.kind, PersonKind::Visitor);
}

#[test]
fn editing_keeps_the_id_records_the_change_and_refuses_a_taken_upn() {
    let (_dir, mut store) = common::demo_school();
    let pupils = people::list(
        &store,
        &people::Filter {
            kind: Some(PersonKind::Pupil),
            ..Default::default()
        },
    )
    .unwrap();
    let (first, second) = (&pupils[0], &pupils[1]);
    let d = people::detail(&store, &first.id).unwrap();
    let mut input = PersonInput {
        kind: Some(PersonKind::Pupil),
        given_name: d.summary.given_name.clone(),
        family_name: d.summary.family_name.clone(),
        preferred_given_name: Some("Bee".into()),
        upn: d.summary.upn.clone(),
        mis_id: d.mis_id.clone(),
        year_group: d.summary.year_group.clone(),
        class: d.summary.class.clone(),
        date_of_birth: d.date_of_birth.clone(),
        ..PersonInput::default()
    };
    let saved = people::edit(&mut store, &first.id, &input).unwrap();
    assert_eq!(saved.summary.id, first.id);
    assert_eq!(saved.summary.preferred_given_name.as_deref(), Some("Bee"));
    let (last, actor): (String, String) = store
        .inspect()
        .query_row(
            "SELECT summary, actor FROM audit_log ORDER BY seq DESC LIMIT 1",
            (),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(last.contains("Preferred forename: (blank) → Bee"), "{last}");
    assert_eq!(actor, common::HEAD_ACTOR);

    input.upn = second.upn.clone();
    let found = problems(people::edit(&mut store, &first.id, &input).unwrap_err());
    assert_eq!(found[0].0, "upn");
    assert!(found[0].1.contains("already belongs to"));
}

#[test]
fn classes_are_listed_youngest_first_with_their_size() {
    let (_dir, store) = common::demo_school();
    let classes = people::classes(&store).unwrap();
    let names: Vec<&str> = classes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Acorns", "Beech", "Cedar", "Hazel", "Maple", "Oak", "Willow"
        ]
    );
    assert!(classes.iter().all(|c| c.pupils == 30));
    assert_eq!(classes[0].year_group.as_deref(), Some("Reception"));
}

#[test]
fn the_app_imports_file_contents_with_progress() {
    let (_dir, mut store) = common::school();
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../tests/fixtures/import/school-pupils.csv"
    ))
    .unwrap();
    let input = ImportInput {
        kind: ImportKind::Pupils,
        file_name: "school-pupils.csv".into(),
        bytes,
        encoding: None,
        choices: Vec::new(),
        full_roll: true,
        leaving_date: None,
        confirmed_leavers: None,
    };
    let request = input.into_request().unwrap();
    let shown = preview(&store, &request).unwrap();
    assert_eq!(shown.file, "school-pupils.csv");
    assert_eq!(shown.added.len(), 7);
    let mut reports = Vec::new();
    let done = apply_with_progress(&mut store, &request, &mut |d, t| {
        reports.push((d, t));
    })
    .unwrap();
    assert_eq!(done.added, 7);
    assert_eq!(reports.first(), Some(&(0, 7)));
    assert_eq!(reports.last(), Some(&(7, 7)));
}
