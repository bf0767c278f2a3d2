//! Encryption at rest and signing in: the file on disk gives nothing away,
//! and only staff users with their own password get in.
//!
//! SQLite only: the encryption here is SQLCipher's, of the single-PC file.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::{HEAD, PASSWORD};
use assent_core::auth::Role;
use assent_core::keys::key_path;
use assent_core::people::{self, Filter, PersonInput, PersonKind};
use assent_core::users::{self, NewUser};
use assent_core::{Error, Store, audit, consent, dashboard, school, templates};

fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// The database file and its write-ahead log, as someone who copied them would see them.
fn raw_files(path: &Path) -> Vec<u8> {
    let mut all = std::fs::read(path).unwrap();
    if let Ok(wal) = std::fs::read(beside(path, "-wal")) {
        all.extend(wal);
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Names of a few demo pupils, long enough (six bytes or more) that random
/// bytes never contain them by chance, plus the demo's accented and
/// non-Latin names.
fn pupil_names(store: &Store) -> Vec<String> {
    let pupils = people::list(
        store,
        &Filter {
            kind: Some(PersonKind::Pupil),
            ..Filter::default()
        },
    )
    .unwrap();
    let mut names: Vec<String> = pupils
        .iter()
        .flat_map(|p| [p.given_name.clone(), p.family_name.clone()])
        .filter(|n| n.len() >= 6)
        .take(8)
        .collect();
    for special in ["Łukasz", "Nguyễn"] {
        assert!(
            pupils
                .iter()
                .any(|p| p.given_name == special || p.family_name == special),
            "{special} is a demo pupil"
        );
        names.push(special.to_owned());
    }
    let non_latin = pupils
        .iter()
        .flat_map(|p| [&p.given_name, &p.family_name])
        .find(|n| n.len() >= 6 && !n.is_ascii() && n.chars().all(|c| !c.is_ascii()))
        .expect("a demo pupil's name in another script");
    names.push(non_latin.clone());
    assert!(names.len() >= 8, "{names:?}");
    names
}

#[test]
fn the_database_file_is_encrypted_and_no_pupil_name_appears_in_it() {
    let (dir, store) = common::demo_school();
    let path = common::db_path(&dir);
    let names = pupil_names(&store);

    // While open (recent changes may still be in the write-ahead log) and after closing.
    let open_bytes = raw_files(&path);
    let plain = dir.path().join("plain.db");
    store
        .inspect()
        .execute(
            "ATTACH DATABASE ?1 AS plaintext KEY ''",
            [plain.to_str().unwrap()],
        )
        .unwrap();
    store
        .inspect()
        .query_row("SELECT sqlcipher_export('plaintext')", (), |_| Ok(()))
        .unwrap();
    store
        .inspect()
        .execute_batch("DETACH DATABASE plaintext")
        .unwrap();
    drop(store);
    let closed_bytes = raw_files(&path);

    assert_ne!(&closed_bytes[..16], b"SQLite format 3\0");
    let keys = std::fs::read(key_path(&path)).unwrap();
    // The same search finds every name in an unencrypted copy, so it would notice them.
    let control = std::fs::read(&plain).unwrap();
    assert_eq!(&control[..16], b"SQLite format 3\0");
    for name in &names {
        assert!(contains(&control, name), "the control copy holds {name}");
        assert!(
            !contains(&open_bytes, name),
            "{name} readable in the open file"
        );
        assert!(
            !contains(&closed_bytes, name),
            "{name} readable in the file"
        );
        assert!(!contains(&keys, name), "{name} readable in the key file");
    }
    assert!(
        !contains(&keys, PASSWORD),
        "the password is not in the key file"
    );
    assert!(!contains(&closed_bytes, "Harriet Head"), "nor staff names");
}

#[test]
fn a_wrong_password_and_an_unknown_user_fail_alike() {
    let (dir, mut store) = common::school();
    let path = common::db_path(&dir);
    let wrong = Store::open(&path, HEAD, "not the right password").unwrap_err();
    let unknown = Store::open(&path, "nobody", PASSWORD).unwrap_err();
    assert!(matches!(wrong, Error::SignInFailed), "{wrong:?}");
    assert!(matches!(unknown, Error::SignInFailed), "{unknown:?}");
    assert_eq!(
        wrong.to_string(),
        unknown.to_string(),
        "which was wrong is not said"
    );

    // The same on an open database, and nobody is left signed in.
    let err = store.sign_in(HEAD, "not the right password").unwrap_err();
    assert!(matches!(err, Error::SignInFailed), "{err:?}");
    assert!(matches!(store.session(), Err(Error::NotSignedIn)));
    let err = people::list(&store, &Filter::default()).unwrap_err();
    assert!(matches!(err, Error::NotSignedIn), "{err:?}");
    store.sign_in("HEAD ", PASSWORD).unwrap();
    assert_eq!(
        store.session().unwrap().username,
        HEAD,
        "usernames are trimmed and any case"
    );
}

#[test]
fn repeated_wrong_passwords_slow_down_and_a_right_one_resets_the_count() {
    let (dir, store) = common::school();
    drop(store);
    let path = common::db_path(&dir);
    let attempt = |password: &str| {
        let start = Instant::now();
        let result = Store::open(&path, HEAD, password).map(drop);
        (result, start.elapsed())
    };
    for _ in 0..3 {
        let (result, took) = attempt("not the right password");
        assert!(matches!(result, Err(Error::SignInFailed)), "{result:?}");
        assert!(
            took < Duration::from_secs(1),
            "the first three are not delayed: {took:?}"
        );
    }
    let (result, took) = attempt(PASSWORD);
    result.unwrap();
    assert!(took >= Duration::from_secs(1), "the fourth waits: {took:?}");
    let (result, took) = attempt("not the right password");
    assert!(matches!(result, Err(Error::SignInFailed)), "{result:?}");
    assert!(
        took < Duration::from_secs(1),
        "the right password reset the count: {took:?}"
    );
}

#[test]
fn another_user_opens_with_their_own_password_until_removed() {
    let (dir, mut store) = common::school();
    let path = common::db_path(&dir);
    users::add(
        &mut store,
        &NewUser {
            username: "dana".to_owned(),
            display_name: "Dana Whitlock".to_owned(),
            role: Role::Office,
            password: "dana's own passphrase".to_owned(),
            classes: Vec::new(),
        },
    )
    .unwrap();
    drop(store);

    let dana = Store::open(&path, "dana", "dana's own passphrase").unwrap();
    let session = dana.session().unwrap();
    assert_eq!(
        (session.username.as_str(), session.role),
        ("dana", Role::Office)
    );
    drop(dana);
    let err = Store::open(&path, "dana", PASSWORD).unwrap_err();
    assert!(
        matches!(err, Error::SignInFailed),
        "the head's password is not hers: {err:?}"
    );

    let mut store = common::open(&path);
    users::deactivate(&mut store, "dana").unwrap();
    let err = store.sign_in("dana", "dana's own passphrase").unwrap_err();
    assert!(matches!(err, Error::SignInFailed), "{err:?}");
    drop(store);
    let err = Store::open(&path, "dana", "dana's own passphrase").unwrap_err();
    assert!(matches!(err, Error::SignInFailed), "{err:?}");
    let keys: serde_json::Value =
        serde_json::from_slice(&std::fs::read(key_path(&path)).unwrap()).unwrap();
    let sealed_for: Vec<&str> = keys["users"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["username"].as_str())
        .collect();
    assert_eq!(
        sealed_for,
        vec![HEAD],
        "her copy of the key is gone from the key file"
    );
    let store = common::open(&path);
    let listed = users::list(&store).unwrap();
    let dana = listed.iter().find(|u| u.username == "dana").unwrap();
    assert!(
        !dana.active,
        "she stays listed, inactive, for the audit log"
    );
}

#[test]
fn changing_your_own_password_needs_the_old_one() {
    let (dir, mut store) = common::school();
    let path = common::db_path(&dir);
    let new = "a brand new passphrase";
    let err = users::change_own_password(&mut store, "not the old one", new).unwrap_err();
    assert!(matches!(err, Error::SignInFailed), "{err:?}");
    let err = users::change_own_password(&mut store, PASSWORD, "short").unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { ref field, .. } if field == "password"),
        "{err:?}"
    );
    users::change_own_password(&mut store, PASSWORD, new).unwrap();
    let action: String = store
        .inspect()
        .query_row(
            "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1",
            (),
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(action, "user.password");
    drop(store);

    let err = Store::open(&path, HEAD, PASSWORD).unwrap_err();
    assert!(matches!(err, Error::SignInFailed), "{err:?}");
    let store = Store::open(&path, HEAD, new).unwrap();
    assert_eq!(store.session().unwrap().username, HEAD);
}

#[test]
fn after_signing_out_nothing_works_until_someone_signs_in() {
    let (_dir, mut store) = common::school();
    store.sign_out();
    let not_signed_in = |what: &str, result: assent_core::Result<()>| {
        assert!(
            matches!(result, Err(Error::NotSignedIn)),
            "{what}: {result:?}"
        );
    };
    not_signed_in("session", store.session().map(drop));
    not_signed_in(
        "list people",
        people::list(&store, &Filter::default()).map(drop),
    );
    not_signed_in("dashboard", dashboard::load(&store).map(drop));
    not_signed_in("school name", school::name(&store).map(drop));
    not_signed_in("templates", templates::list(&store).map(drop));
    not_signed_in("consent", consent::grid(&store, &[]).map(drop));
    not_signed_in("users", users::list(&store).map(drop));
    not_signed_in("audit", audit::verify(&store).map(drop));
    not_signed_in(
        "add a person",
        people::add(
            &mut store,
            &PersonInput {
                kind: Some(PersonKind::Staff),
                given_name: "Ada".into(),
                family_name: "Lovelace".into(),
                ..PersonInput::default()
            },
        )
        .map(drop),
    );
    not_signed_in(
        "change password",
        users::change_own_password(&mut store, PASSWORD, "a brand new passphrase"),
    );
    let people: i64 = store
        .inspect()
        .query_row("SELECT count(*) FROM people", (), |r| r.get(0))
        .unwrap();
    assert_eq!(people, 0, "nothing was written");

    store.sign_in(HEAD, PASSWORD).unwrap();
    assert_eq!(school::name(&store).unwrap(), "School");
}

#[test]
fn signing_in_as_another_user_switches_the_session() {
    let (_dir, mut store) = common::school();
    users::add(
        &mut store,
        &NewUser {
            username: "dana".to_owned(),
            display_name: "Dana Whitlock".to_owned(),
            role: Role::Office,
            password: "dana's own passphrase".to_owned(),
            classes: Vec::new(),
        },
    )
    .unwrap();

    // Someone else's password is not yours.
    let err = store.sign_in(HEAD, "dana's own passphrase").unwrap_err();
    assert!(matches!(err, Error::SignInFailed), "{err:?}");

    let session = store.sign_in("dana", "dana's own passphrase").unwrap();
    assert_eq!(
        (session.username.as_str(), session.role),
        ("dana", Role::Office)
    );
    people::add(
        &mut store,
        &PersonInput {
            kind: Some(PersonKind::Staff),
            given_name: "Ada".into(),
            family_name: "Lovelace".into(),
            ..PersonInput::default()
        },
    )
    .unwrap();
    let actor: String = store
        .inspect()
        .query_row(
            "SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1",
            (),
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(actor, "Dana Whitlock (dana)", "changes are Dana's now");
    let err = users::list(&store).unwrap_err();
    assert!(
        matches!(err, Error::Forbidden { .. }),
        "with Dana's role: {err:?}"
    );

    store.sign_in(HEAD, PASSWORD).unwrap();
    assert_eq!(store.session().unwrap().role, Role::Head);
    assert_eq!(users::list(&store).unwrap().len(), 2);
}
