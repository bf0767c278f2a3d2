//! Account settings as a form sees them: the usernames a pattern would make,
//! tried on real people before it is saved; every problem named by its field,
//! with nothing saved; and the password style and slip options each group's
//! settings choose.

use crate::common;

use assent_core::accounts::{
    self, AccountGroup, AccountSettings, ExportFormat, PREVIEW_SIZE, PasswordStyle,
};
use assent_core::agreements::SignerRole;
use assent_core::auth::Role;
use assent_core::people::{self, PersonInput, PersonKind};
use assent_core::templates::TemplateKind;
use assent_core::{Error, Store};

fn pupil(given: &str, family: &str) -> PersonInput {
    PersonInput {
        kind: Some(PersonKind::Pupil),
        given_name: given.into(),
        family_name: family.into(),
        year_group: Some("Year 5".into()),
        class: Some("Rowan".into()),
        admission_date: Some("2021-09-06".into()),
        ..PersonInput::default()
    }
}

fn staff(given: &str, family: &str) -> PersonInput {
    PersonInput {
        kind: Some(PersonKind::Staff),
        given_name: given.into(),
        family_name: family.into(),
        role: Some("Teacher".into()),
        start_date: Some("2019-09-02".into()),
        ..PersonInput::default()
    }
}

fn add(store: &mut Store, input: &PersonInput) -> String {
    people::add(store, input).unwrap().summary.id
}

/// The problems' fields, for an error that should list them.
fn fields(err: &Error) -> Vec<&str> {
    match err {
        Error::InvalidFields { problems } => problems.iter().map(|p| p.field.as_str()).collect(),
        other => panic!("expected field problems, got {other:?}"),
    }
}

#[test]
fn a_pattern_is_tried_on_five_people_on_roll_before_it_is_saved() {
    let (_dir, mut store) = common::school();
    // Seven pupils on roll, one who has left, and a member of staff.
    for (given, family) in [
        ("Ayesha", "Begum"),
        ("Zoë", "Abbott"),
        ("Tomasz", "Nowak"),
        ("Ola", "Carter"),
        ("Ola", "Carver"),
        ("芳", "王"),
        ("Erin", "Yates"),
    ] {
        add(&mut store, &pupil(given, family));
    }
    let mut left = pupil("Aaron", "Aardvark");
    left.leaving_date = Some("2020-07-22".into());
    add(&mut store, &left);
    add(&mut store, &staff("Priya", "Raman"));

    let before = accounts::settings(&store).unwrap();
    let examples = accounts::preview_usernames(
        &store,
        AccountGroup::Pupils,
        " {Forename}.{surname_initial}{yy} ",
    )
    .unwrap();
    assert_eq!(examples.len(), PREVIEW_SIZE);
    let shown: Vec<(&str, &str)> = examples
        .iter()
        .map(|e| (e.name.as_str(), e.username.as_str()))
        .collect();
    // In the school's order, by family name; the leaver and the staff are not pupils on roll.
    assert_eq!(
        shown,
        [
            ("Zoë Abbott", "zoe.a21"),
            ("Ayesha Begum", "ayesha.b21"),
            ("Ola Carter", "ola.c21"),
            ("Ola Carver", "ola.c21-2"),
            ("Tomasz Nowak", "tomasz.n21"),
        ],
        "two Olas get different usernames, as their accounts would"
    );
    assert!(examples.iter().all(|e| !e.placeholder));
    assert_eq!(
        accounts::settings(&store).unwrap(),
        before,
        "trying a pattern saves nothing"
    );

    let mut all =
        accounts::preview_usernames(&store, AccountGroup::Staff, "{initial}{surname}").unwrap();
    assert_eq!(all.len(), 1);
    let priya = all.remove(0);
    assert_eq!(
        (priya.name.as_str(), priya.username.as_str()),
        ("Priya Raman", "praman")
    );

    // A name without Latin letters gets a placeholder, flagged as such.
    let (_dir2, mut other) = common::school();
    add(&mut other, &pupil("芳", "王"));
    add(&mut other, &pupil("Erin", "Yates"));
    let few = accounts::preview_usernames(&other, AccountGroup::Pupils, "{forename}{yy}").unwrap();
    let flags: Vec<(&str, bool)> = few
        .iter()
        .map(|e| (e.username.as_str(), e.placeholder))
        .collect();
    // Latin names sort before others, as the school's lists have them.
    assert_eq!(flags, [("erin21", false), ("pupil-1", true)]);

    // Nobody in a group: nothing to show, and no error.
    assert!(
        accounts::preview_usernames(&store, AccountGroup::Governors, "{initial}.{surname}")
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_preview_avoids_usernames_someone_else_already_has() {
    let (_dir, mut store) = common::school();
    let first = add(&mut store, &staff("Sam", "Okoro"));
    let second = add(&mut store, &staff("Sian", "Okoro"));
    // Sam's username is kept (typed by hand) as s.okoro; Sian's pattern result must differ.
    accounts::set_username(&mut store, &first, "s.okoro").unwrap();
    let shown =
        accounts::preview_usernames(&store, AccountGroup::Staff, "{initial}.{surname}").unwrap();
    let names: Vec<(&str, &str)> = shown
        .iter()
        .map(|e| (e.person_id.as_str(), e.username.as_str()))
        .collect();
    // Sam is shown with what the pattern makes of his own name (not clashing with himself);
    // Sian, after him, gets the next free one.
    assert_eq!(
        names,
        [(first.as_str(), "s.okoro"), (second.as_str(), "s.okoro2")]
    );
}

#[test]
fn a_pattern_that_cannot_be_used_is_refused_under_its_field() {
    let (_dir, store) = common::school();
    for bad in [
        "",
        "{yy}",
        "{forename}{dob}",
        "{forename} {surname}",
        "{forename",
    ] {
        let err = accounts::preview_usernames(&store, AccountGroup::Visitors, bad).unwrap_err();
        assert_eq!(fields(&err), ["visitors.pattern"], "{bad:?}");
        assert!(!err.to_string().contains("--"), "no CLI flag: {err}");
    }
}

#[test]
fn only_those_who_manage_accounts_may_preview() {
    let (dir, mut store) = common::school();
    common::add_user(&mut store, "office", Role::Office, &[]);
    common::add_user(&mut store, "it", Role::It, &[]);
    let path = common::db_path(&dir);
    drop(store);
    let office = common::open_as(&path, "office", common::PASSWORD).unwrap();
    assert!(matches!(
        accounts::preview_usernames(&office, AccountGroup::Pupils, "{forename}"),
        Err(Error::Forbidden { .. })
    ));
    drop(office);
    let it = common::open_as(&path, "it", common::PASSWORD).unwrap();
    assert!(accounts::preview_usernames(&it, AccountGroup::Pupils, "{forename}").is_ok());
}

#[test]
fn every_problem_is_named_and_nothing_is_saved() {
    let (_dir, mut store) = common::school();
    let mut wrong = AccountSettings::default();
    wrong.pupils.domain = "pupils".into();
    wrong.staff.pattern = "{initial}.{surname}!".into();
    wrong.staff.domain = "staff.example.sch.uk".into();
    wrong.governors.org_unit = "Governors".into();
    let err = accounts::set_settings(&mut store, &wrong).unwrap_err();
    assert_eq!(
        fields(&err),
        ["pupils.domain", "staff.pattern", "governors.org_unit"]
    );
    assert!(!err.to_string().contains("--"), "no CLI flag: {err}");
    assert_eq!(
        accounts::settings(&store).unwrap(),
        AccountSettings::default(),
        "nothing was saved, not even the good domain"
    );
}

#[test]
fn each_group_gets_the_password_style_its_settings_choose() {
    let (dir, mut store) = common::demo_school();
    let mut s = AccountSettings::default();
    s.pupils.domain = "pupils.juniper.sch.uk".into();
    s.staff.domain = "juniper.sch.uk".into();
    s.volunteers.domain = "volunteers.juniper.sch.uk".into();
    s.governors.domain = "governors.juniper.sch.uk".into();
    s.visitors.domain = "guests.juniper.sch.uk".into();
    // The other way round from the defaults.
    s.pupils.password = PasswordStyle::Characters;
    s.staff.password = PasswordStyle::Words;
    s.slips.sign_in_at = "  classroom.google.com ".into();
    let saved = accounts::set_settings(&mut store, &s).unwrap();
    assert_eq!(saved.slips.sign_in_at, "classroom.google.com");
    assert_eq!(accounts::settings(&store).unwrap(), saved);
    // A KS2 pupil and a member of staff sign, so both have new accounts.
    let (pupil, parent, parent_name) = common::ks2_pupil(&store);
    common::sign_now(
        &mut store,
        &pupil.summary.id,
        TemplateKind::Ks2,
        "sub-pupil",
        vec![
            common::drawn(SignerRole::Pupil, "Me", None),
            common::drawn(SignerRole::Parent, &parent_name, Some(&parent)),
        ],
    )
    .unwrap();
    accounts::set_username(&mut store, &pupil.summary.id, "test.pupil").unwrap();
    let member = common::first(
        &store,
        &people::Filter {
            kind: Some(PersonKind::Staff),
            ..people::Filter::default()
        },
    );
    common::sign_now(
        &mut store,
        &member.id,
        TemplateKind::Staff,
        "sub-staff",
        vec![common::typed("Staff Member")],
    )
    .unwrap();
    accounts::set_username(&mut store, &member.id, "test.staff").unwrap();
    let out = dir.path().join("new.csv");
    let done = accounts::export(&mut store, ExportFormat::Csv, &out, false).unwrap();
    let words = |p: &str| p.split('-').count() == 3 && p.len() < 19;
    let mut seen = (0, 0);
    for a in &done.accounts {
        let Some(p) = &a.password else { continue };
        match a.group {
            AccountGroup::Pupils => {
                assert_eq!(p.reveal().len(), 19, "{}", p.reveal());
                seen.0 += 1;
            }
            AccountGroup::Staff => {
                assert!(words(p.reveal()), "{}", p.reveal());
                seen.1 += 1;
            }
            _ => {}
        }
    }
    assert!(
        seen.0 > 0 && seen.1 > 0,
        "both groups were exported: {seen:?}"
    );
}
