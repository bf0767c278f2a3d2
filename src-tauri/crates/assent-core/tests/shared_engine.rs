//! What only a database shared by several PCs shows: many connections writing
//! at once lose nothing and keep one audit chain, the same import run twice at
//! once does not make anyone twice, and a connection lost halfway through an
//! operation leaves nothing of it behind.
//!
//! Each "PC" is a connection of its own, on a thread of its own, to the same
//! school. These run on both engines: on SQLite the connections share one file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use assent_core::consent::{self, ConsentMethod, ConsentState, DecisionInput};
use assent_core::import::{self, ImportKind, ImportRequest};
use assent_core::people::{self, Filter, PersonKind};
use assent_core::templates::TemplateKind;
use assent_core::{Store, audit};

use crate::common;

const PCS: usize = 8;
const EACH: usize = 100;
/// Pupils each PC changes the consent of: its own, so the last answer for each is known.
const PUPILS_EACH: usize = 5;

fn count(store: &Store, sql: &str) -> i64 {
    store.inspect().query_row(sql, (), |r| r.get(0)).unwrap()
}

/// Pupils of the demo school with a parent who may answer for them.
fn pupils_with_parents(store: &Store, wanted: usize) -> Vec<(String, String)> {
    let pupils = people::list(
        store,
        &Filter {
            kind: Some(PersonKind::Pupil),
            ..Filter::default()
        },
    )
    .unwrap();
    pupils
        .iter()
        .filter_map(|p| {
            let detail = people::detail(store, &p.id).unwrap();
            let parent = detail.contacts.iter().find(|c| c.parental_responsibility)?;
            Some((p.id.clone(), parent.id.clone()))
        })
        .take(wanted)
        .collect()
}

#[test]
fn eight_pcs_signing_and_answering_at_once_lose_nothing_and_keep_one_chain() {
    let (dir, store) = common::demo_school();
    let path = common::db_path(&dir);
    let staff: Vec<(String, String)> = people::list(
        &store,
        &Filter {
            kind: Some(PersonKind::Staff),
            ..Filter::default()
        },
    )
    .unwrap()
    .into_iter()
    .map(|p| (p.id, format!("{} {}", p.given_name, p.family_name)))
    .collect();
    let pupils = pupils_with_parents(&store, PCS * PUPILS_EACH);
    assert_eq!(
        pupils.len(),
        PCS * PUPILS_EACH,
        "the demo has enough families"
    );
    let agreements_before = count(&store, "SELECT count(*) FROM agreements");
    drop(store);

    let threads: Vec<_> = (0..PCS)
        .map(|pc| {
            let path = path.clone();
            let staff = staff.clone();
            let mine = pupils[pc * PUPILS_EACH..(pc + 1) * PUPILS_EACH].to_vec();
            std::thread::spawn(move || run_pc(&path, pc, &staff, &mine))
        })
        .collect();
    let mut expected: HashMap<String, bool> = HashMap::new();
    for thread in threads {
        expected.extend(thread.join().expect("every PC finished"));
    }

    let store = common::open(&path);
    let signed = i64::try_from(PCS * EACH / 2).unwrap();
    assert_eq!(
        count(&store, "SELECT count(*) FROM agreements") - agreements_before,
        signed,
        "every signing was kept"
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(DISTINCT submission_id) FROM agreements WHERE submission_id LIKE 'pc%'"
        ),
        signed,
        "each once"
    );
    let grid = consent::grid(&store, &[]).unwrap();
    let press = grid
        .purposes
        .iter()
        .position(|(code, _)| code == "press")
        .unwrap();
    for (pupil, yes) in &expected {
        let row = grid.rows.iter().find(|r| &r.person_id == pupil).unwrap();
        let want = if *yes {
            ConsentState::Yes
        } else {
            ConsentState::No
        };
        assert_eq!(
            row.cells[press].state, want,
            "the last answer for {pupil} stands"
        );
    }
    let chain = audit::verify(&store).unwrap();
    assert!(
        chain.first_broken.is_none(),
        "the audit chain is whole: {chain:?}"
    );
    assert!(
        count(&store, "SELECT count(*) FROM audit_log") > i64::try_from(PCS * EACH).unwrap(),
        "every change is in the log"
    );
}

/// One PC's work: signings by staff and consent answers for its own pupils,
/// interleaved. Returns the last answer it gave for each of its pupils.
fn run_pc(
    path: &Path,
    pc: usize,
    staff: &[(String, String)],
    pupils: &[(String, String)],
) -> HashMap<String, bool> {
    let mut store = common::open(path);
    let mut last = HashMap::new();
    for i in 0..EACH {
        if i % 2 == 0 {
            let (id, name) = &staff[(pc * 7 + i) % staff.len()];
            common::sign_now(
                &mut store,
                id,
                TemplateKind::Staff,
                &format!("pc{pc}-{i}"),
                vec![common::typed(name)],
            )
            .expect("a signing");
        } else {
            let (pupil, parent) = &pupils[(i / 2) % pupils.len()];
            let yes = (i / 2 / pupils.len()) % 2 == 0;
            consent::set(
                &mut store,
                &DecisionInput {
                    person_id: pupil.clone(),
                    purpose: "press".into(),
                    yes,
                    given_by: parent.clone(),
                    method: ConsentMethod::Paper,
                    date: None,
                },
            )
            .expect("a consent answer");
            last.insert(pupil.clone(), yes);
        }
    }
    last
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/import")
        .join(name)
}

#[test]
fn the_same_import_run_twice_at_once_adds_each_pupil_once() {
    let (dir, store) = common::school();
    let path = common::db_path(&dir);
    drop(store);
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
    let runs: Vec<_> = (0..2)
        .map(|_| {
            let (path, barrier) = (path.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut store = common::open(&path);
                barrier.wait();
                import::apply(
                    &mut store,
                    &ImportRequest::new(ImportKind::Pupils, fixture("school-pupils.csv")),
                )
            })
        })
        .collect();
    let outcomes: Vec<_> = runs.into_iter().map(|r| r.join().unwrap()).collect();
    let added: Vec<u32> = outcomes
        .iter()
        .map(|o| o.as_ref().map_or(0, |o| o.added))
        .collect();
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    assert_eq!(
        added.iter().sum::<u32>(),
        7,
        "one run adds them, the other finds them: {added:?}"
    );
    let store = common::open(&path);
    assert_eq!(
        count(&store, "SELECT count(*) FROM people WHERE kind = 'pupil'"),
        7
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM (SELECT upn FROM people GROUP BY upn HAVING count(*) > 1) AS twice"
        ),
        0,
        "nobody twice"
    );
    assert!(audit::verify(&store).unwrap().first_broken.is_none());
}
