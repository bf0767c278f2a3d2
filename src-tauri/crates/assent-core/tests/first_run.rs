//! The first-run checklist: each step done as the school's records say.

use crate::common;

use std::path::Path;

use assent_core::accounts::{self, AccountSettings};
use assent_core::auth::Role;
use assent_core::backup::{self, AutomaticBackups};
use assent_core::dashboard::{self, Checklist, SetupStep};
use assent_core::import::{self, ImportKind, ImportRequest};
use assent_core::templates::{self, PublishOptions, TemplateKind};
use assent_core::{Error, Store};

fn checklist(store: &Store) -> Checklist {
    dashboard::checklist(store).unwrap().expect("a checklist")
}

fn done(store: &Store) -> Vec<(SetupStep, bool)> {
    checklist(store)
        .steps
        .iter()
        .map(|s| (s.step, s.done))
        .collect()
}

fn is_done(store: &Store, step: SetupStep) -> bool {
    done(store)
        .into_iter()
        .find(|(s, _)| *s == step)
        .unwrap_or_else(|| panic!("{step:?} is on the list"))
        .1
}

#[test]
fn a_new_school_starts_with_only_its_name_and_each_step_is_done_by_doing_it() {
    let (dir, mut store) = common::school();
    let list = checklist(&store);
    assert!(!list.dismissed && list.may_dismiss);
    assert_eq!(
        done(&store),
        [
            (SetupStep::SchoolDetails, true),
            (SetupStep::Staff, false),
            (SetupStep::Import, false),
            (SetupStep::Templates, false),
            (SetupStep::AccountSettings, false),
            (SetupStep::Backups, false),
        ]
    );
    let templates_step = &list.steps[3];
    assert_eq!(
        (templates_step.parts_done, templates_step.parts),
        (Some(0), Some(5))
    );

    common::add_user(&mut store, "office", Role::Office, &[]);
    assert!(is_done(&store, SetupStep::Staff));

    let pupils = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/import/school-pupils.csv");
    import::apply(&mut store, &ImportRequest::new(ImportKind::Pupils, &pupils)).unwrap();
    assert!(is_done(&store, SetupStep::Import));

    // Publishing the school's own text counts; so does adopting Assent's as it is.
    let source = templates::version(&store, TemplateKind::Ks1, None)
        .unwrap()
        .source;
    templates::publish(
        &mut store,
        TemplateKind::Ks1,
        &format!("{source}\n- We tell a grown-up if something online upsets us.\n"),
        &PublishOptions {
            material: true,
            ..PublishOptions::default()
        },
    )
    .unwrap();
    let err = templates::adopt_default(&mut store, TemplateKind::Ks1).unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    for kind in [
        TemplateKind::Ks2,
        TemplateKind::Staff,
        TemplateKind::GovernorVisitor,
    ] {
        let review = templates::adopt_default(&mut store, kind).unwrap();
        assert_eq!(review.adopted_by.as_deref(), Some(common::HEAD_ACTOR));
    }
    let list = checklist(&store);
    assert_eq!(
        (list.steps[3].done, list.steps[3].parts_done),
        (false, Some(4))
    );
    templates::adopt_default(&mut store, TemplateKind::Parent).unwrap();
    assert!(is_done(&store, SetupStep::Templates));
    let reviews = templates::reviews(&store).unwrap();
    assert!(reviews.iter().all(templates::TemplateReview::reviewed));
    assert!(
        reviews
            .iter()
            .find(|r| r.kind == TemplateKind::Ks1)
            .unwrap()
            .by_school
    );

    let mut settings: AccountSettings = accounts::settings(&store).unwrap();
    settings.pupils.domain = "pupils.brookside.sch.uk".to_owned();
    accounts::set_settings(&mut store, &settings).unwrap();
    assert!(is_done(&store, SetupStep::AccountSettings));

    assert!(!is_done(&store, SetupStep::Backups));
    backup::set_automatic(
        &mut store,
        &AutomaticBackups {
            folder: Some(dir.path().join("backups").display().to_string()),
            keep: 10,
        },
    )
    .unwrap();
    assert!(done(&store).iter().all(|(_, d)| *d), "{:?}", done(&store));
}

#[test]
fn a_domain_for_a_group_without_accounts_does_not_count() {
    let (_dir, mut store) = common::school();
    let mut settings = accounts::settings(&store).unwrap();
    settings.visitors.domain = "visitors.brookside.sch.uk".to_owned();
    settings.visitors.enabled = false;
    accounts::set_settings(&mut store, &settings).unwrap();
    assert!(!is_done(&store, SetupStep::AccountSettings));
}

#[test]
fn each_role_sees_its_own_steps_and_only_the_head_puts_the_list_away() {
    let (dir, mut store) = common::school();
    common::add_user(&mut store, "office", Role::Office, &[]);
    common::add_user(&mut store, "teacher", Role::Teacher, &["Oak"]);
    common::add_user(&mut store, "it", Role::It, &[]);
    drop(store);
    let path = common::db_path(&dir);
    let open = |user: &str| common::open_as(&path, user, common::PASSWORD).unwrap();
    let steps = |store: &Store| -> Vec<SetupStep> {
        checklist(store).steps.iter().map(|s| s.step).collect()
    };
    let mut office = open("office");
    assert_eq!(steps(&office), [SetupStep::Staff, SetupStep::Import]);
    assert!(!checklist(&office).may_dismiss);
    let err = dashboard::set_checklist_dismissed(&mut office, true).unwrap_err();
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
    drop(office);
    assert!(dashboard::checklist(&open("teacher")).unwrap().is_none());
    assert_eq!(steps(&open("it")), [SetupStep::AccountSettings]);

    let mut head = common::open(&path);
    let list = dashboard::set_checklist_dismissed(&mut head, true)
        .unwrap()
        .unwrap();
    assert!(list.dismissed);
    drop(head);
    // Put away for everyone, and back with one call.
    assert!(checklist(&open("office")).dismissed);
    let mut head = common::open(&path);
    assert!(
        !dashboard::set_checklist_dismissed(&mut head, false)
            .unwrap()
            .unwrap()
            .dismissed
    );
}

#[test]
fn the_demo_school_is_not_new_so_its_list_starts_put_away() {
    let (_dir, store) = common::demo_school();
    let list = checklist(&store);
    assert!(list.dismissed);
    assert!(list.steps.iter().any(|s| s.done) && list.steps.iter().any(|s| !s.done));
}
