//! Moving the demo school into the next academic year.

use crate::common;

use assent_core::people::{self, Filter, PersonKind};
use assent_core::{Error, Store, rollover, school};

fn count(store: &Store, year: &str) -> usize {
    people::list(
        store,
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
    let (_dir, mut store) = common::demo_school();
    let now = school::academic_year(&store).unwrap();
    let year2_before = count(&store, "Y2");
    let reception_before = count(&store, "R");

    let wrong = rollover::preview(&store, now + 2).unwrap_err();
    assert!(matches!(wrong, Error::InvalidInput { .. }), "{wrong:?}");

    let preview = rollover::preview(&store, now + 1).unwrap();
    assert_eq!(preview.leavers, 30);
    assert_eq!(preview.now_key_stage_2 as usize, year2_before);
    assert_eq!(preview.leaving_date, format!("{}-08-31", now + 1));
    assert_eq!(
        count(&store, "R"),
        reception_before,
        "a preview changes nothing"
    );

    rollover::apply(&mut store, now + 1).unwrap();
    assert_eq!(school::academic_year(&store).unwrap(), now + 1);
    assert_eq!(count(&store, "R"), 0);
    assert_eq!(count(&store, "Y1"), reception_before);
    let year3 = people::list(
        &store,
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
        &store,
        &Filter {
            kind: Some(PersonKind::Pupil),
            include_leavers: true,
            ..Filter::default()
        },
    )
    .unwrap();
    assert_eq!(all.len(), 210, "leavers are kept");
    let leaving = store
        .inspect()
        .query_row(
            "SELECT count(*) FROM people WHERE leaving_date = ?1",
            [preview.leaving_date.as_str()],
            |r| r.get::<_, i64>(0),
        )
        .unwrap();
    assert_eq!(leaving, 30);
    let actor: String = store
        .inspect()
        .query_row(
            "SELECT actor FROM audit_log WHERE action = 'school.rollover'",
            (),
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(actor, common::HEAD_ACTOR);

    // The same rollover cannot be run twice, nor the next one brought forward a year.
    assert!(rollover::apply(&mut store, now + 1).is_err());
    let too_soon = rollover::preview(&store, now + 2).unwrap_err();
    assert!(
        too_soon
            .to_string()
            .contains("can be made from 1 September"),
        "{too_soon}"
    );
}
