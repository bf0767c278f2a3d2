//! Moving the demo school into the next academic year.

use assent_core::people::{self, Filter, PersonKind};
use assent_core::{Actor, Error, Store, demo, rollover, school};

fn count(store: &Store, year: &str) -> usize {
    people::list(
        store.conn(),
        &Filter {
            year: Some(year.into()),
            ..Filter::default()
        },
    )
    .unwrap()
    .len()
}

#[test]
fn everyone_moves_up_and_year_6_leave_on_31_august() {
    let dir = tempfile::tempdir().unwrap();
    let actor = Actor::local("test");
    let (mut store, _) = demo::create_or_fill(&dir.path().join("s.db"), &actor).unwrap();
    let now = school::academic_year(store.conn()).unwrap();
    let year2_before = count(&store, "Y2");
    let reception_before = count(&store, "R");

    let wrong = rollover::preview(store.conn(), now + 2).unwrap_err();
    assert!(matches!(wrong, Error::InvalidInput { .. }), "{wrong:?}");

    let preview = rollover::preview(store.conn(), now + 1).unwrap();
    assert_eq!(preview.leavers, 30);
    assert_eq!(preview.now_key_stage_2 as usize, year2_before);
    assert_eq!(preview.leaving_date, format!("{}-08-31", now + 1));
    assert_eq!(
        count(&store, "R"),
        reception_before,
        "a preview changes nothing"
    );

    rollover::apply(&mut store, now + 1, &actor).unwrap();
    assert_eq!(school::academic_year(store.conn()).unwrap(), now + 1);
    assert_eq!(count(&store, "R"), 0);
    assert_eq!(count(&store, "Y1"), reception_before);
    let year3 = people::list(
        store.conn(),
        &Filter {
            year: Some("Y3".into()),
            ..Filter::default()
        },
    )
    .unwrap();
    assert_eq!(year3.len(), year2_before);
    assert!(
        year3
            .iter()
            .all(|p| p.key_stage.map(assent_core::values::KeyStage::label) == Some("KS2"))
    );

    let all = people::list(
        store.conn(),
        &Filter {
            kind: Some(PersonKind::Pupil),
            include_leavers: true,
            ..Filter::default()
        },
    )
    .unwrap();
    assert_eq!(all.len(), 210, "leavers are kept");
    let leaving = store
        .conn()
        .query_row(
            "SELECT count(*) FROM people WHERE leaving_date = ?1",
            [preview.leaving_date.as_str()],
            |r| r.get::<_, i64>(0),
        )
        .unwrap();
    assert_eq!(leaving, 30);

    // The same rollover cannot be run twice, nor the next one brought forward a year.
    assert!(rollover::apply(&mut store, now + 1, &actor).is_err());
    let too_soon = rollover::preview(store.conn(), now + 2).unwrap_err();
    assert!(
        too_soon
            .to_string()
            .contains("can be made from 1 September"),
        "{too_soon}"
    );
}
