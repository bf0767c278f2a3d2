//! Automatic backups kept to a number, restores through the core, and the
//! subject access export on the demo school.

use crate::common;

use crate::common::{PNG, drawn};

use assent_core::agreements::{self, SignRequest, SignerRole};
use assent_core::auth::Role;
use assent_core::backup::{self, AutomaticBackups};
use assent_core::people::{self, Filter};
use assent_core::templates::{self, TemplateKind};
use assent_core::{Error, IoProblem, Store, sar};

fn automatic_files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn automatic_backups_run_for_any_role_or_nobody_and_keep_the_newest() {
    let (dir, mut store) = common::school();
    let folder = dir.path().join("backups");
    assert_eq!(
        backup::automatic(&mut store).unwrap(),
        None,
        "off by default"
    );
    assert!(matches!(
        backup::set_automatic(
            &mut store,
            &AutomaticBackups {
                folder: Some("relative/folder".into()),
                keep: 2
            }
        ),
        Err(Error::InvalidInput { .. })
    ));
    backup::set_automatic(
        &mut store,
        &AutomaticBackups {
            folder: Some(folder.display().to_string()),
            keep: 2,
        },
    )
    .unwrap();
    common::add_user(&mut store, "oakteacher", Role::Teacher, &["Oak"]);
    let first = backup::automatic(&mut store).unwrap().unwrap();
    store.sign_in("oakteacher", common::PASSWORD).unwrap();
    backup::automatic(&mut store).unwrap().unwrap();
    assert_eq!(
        store.session().unwrap().username,
        "oakteacher",
        "the session is unchanged"
    );
    store.sign_out();
    let last = backup::automatic(&mut store).unwrap().unwrap();
    assert!(matches!(store.session(), Err(Error::NotSignedIn)));
    let kept = automatic_files(&folder);
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(!first.exists(), "the oldest was removed");
    assert!(last.exists());
    let info = backup::inspect_file(&last).unwrap();
    assert_eq!(info.taken_by, "Assent (automatic backup) (assent)");
}

#[test]
fn a_restore_brings_back_the_backed_up_state_and_keeps_the_replaced_file() {
    let (dir, mut store) = common::demo_school();
    let db = common::db_path(&dir);
    let out = dir.path().join("before.assentbak");
    backup::create(&mut store, &out, false).unwrap();
    let staff = people::list(
        &store,
        &Filter {
            kind: Some(people::PersonKind::Staff),
            ..Filter::default()
        },
    )
    .unwrap()
    .remove(0);
    let current = templates::version(&store, TemplateKind::Staff, None).unwrap();
    let name = format!("{} {}", staff.given_name, staff.family_name);
    agreements::sign(
        &mut store,
        &SignRequest {
            submission_id: "after-the-backup".into(),
            person_id: staff.id.clone(),
            kind: TemplateKind::Staff,
            version: current.version,
            template_sha256: current.sha256,
            signatures: vec![drawn(SignerRole::Themselves, &name, Some(&staff.id))],
            scan: None,
            device: "Office PC".into(),
            consents: Vec::new(),
        },
    )
    .unwrap();
    drop(store);
    let done = common::restore(&out, &db, common::HEAD, common::PASSWORD).unwrap();
    assert!(std::path::Path::new(done.kept.as_deref().unwrap()).exists());
    let store = common::open(&db);
    assert!(
        agreements::agreements_for(&store, Some(&staff.id))
            .unwrap()
            .is_empty()
    );
    assert!(
        assent_core::audit::verify(&store)
            .unwrap()
            .first_broken
            .is_none()
    );
}

#[test]
fn a_restore_that_fails_part_way_puts_the_old_database_back_and_leaves_nothing_staged() {
    let dir = tempfile::tempdir().unwrap();
    // A name so long that the replaced database can be kept beside it
    // (`.replaced-<time>` adds 26 characters, to 253) but its key file cannot
    // (31 more, past the 255 a file name may have): the database has already
    // been moved aside when the next step fails, and must be moved back. On a
    // server, keeping what it held (`.replaced-<time>.assentbak`, 36 more)
    // fails the same way, before a row is replaced.
    let db = dir.path().join(format!("{}.db", "s".repeat(224)));
    let mut store = common::create(&db, "Brookside Primary");
    // Backups, like every file saved, make the folders they need.
    let out = dir.path().join("new folder").join("b.assentbak");
    backup::create(&mut store, &out, false).unwrap();
    common::add_user(&mut store, "office", Role::Office, &[]);
    drop(store);
    let files = || automatic_files(dir.path());
    let before = files();

    let err = common::restore(&out, &db, common::HEAD, common::PASSWORD).unwrap_err();
    // Linux names the problem exactly; Windows (and Wine) report a name too
    // long in several ways.
    let expected = if cfg!(target_os = "linux") {
        Some(IoProblem::BadName)
    } else {
        None
    };
    assert!(
        matches!(err, Error::Io { problem, .. } if expected.is_none_or(|p| p == problem)),
        "{err:?}"
    );
    assert!(!err.to_string().contains("os error"), "{err}");
    assert_eq!(files(), before, "no .restoring or .replaced files are left");
    let store = common::open(&db);
    assert!(
        store
            .inspect()
            .query_row(
                "SELECT COUNT(*) FROM users WHERE username = 'office'",
                (),
                |r| r.get::<_, i64>(0)
            )
            .unwrap()
            == 1,
        "the database is the one from before the restore"
    );
    drop(store);

    // Refused once staged (the password is wrong): the same.
    let err = common::restore(&out, &db, common::HEAD, "not the password").unwrap_err();
    assert!(matches!(err, Error::SignInFailed), "{err:?}");
    assert_eq!(files(), before);
    common::open(&db);

    // Onto a new computer, where the data folder does not exist yet.
    let fresh = dir.path().join("Local").join("Assent").join("assent.db");
    common::restore(&out, &fresh, common::HEAD, common::PASSWORD).unwrap();
    common::open(&fresh);
    // On a server the school goes into a new database and only its key file
    // is on this computer.
    let expected: &[&str] = if common::on_server() {
        &["assent.db.keys"]
    } else {
        &["assent.db", "assent.db.keys"]
    };
    assert_eq!(automatic_files(fresh.parent().unwrap()), expected);
}

/// Windows will not move a file another program has open without letting it
/// be deleted, which is how SQLite opens a database: the restore is refused
/// in plain words and nothing is left behind. (Linux moves an open file, so
/// this is for Windows only; it runs under Wine too.)
#[cfg(windows)]
#[test]
fn a_restore_while_the_database_is_open_elsewhere_is_refused_and_changes_nothing() {
    let (dir, mut store) = common::school();
    let db = common::db_path(&dir);
    let out = dir.path().join("b.assentbak");
    backup::create(&mut store, &out, false).unwrap();
    let before = automatic_files(dir.path());

    let err = backup::restore(&out, &db, common::HEAD, common::PASSWORD).unwrap_err();
    assert!(matches!(err, Error::DatabaseInUse { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("open in another program"), "{text}");
    assert!(text.contains("Nothing has been changed"), "{text}");
    assert!(!text.contains("os error"), "{text}");
    assert_eq!(automatic_files(dir.path()), before);
    drop(store);
    let last: String = common::open(&db)
        .inspect()
        .query_row(
            "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1",
            (),
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(last, "backup.create", "the database was not replaced");
}

#[test]
fn subject_access_exports_details_agreements_pictures_and_history() {
    let (dir, mut store) = common::demo_school();
    let pupil = people::list(
        &store,
        &Filter {
            year: Some("Y5".into()),
            ..Filter::default()
        },
    )
    .unwrap()
    .into_iter()
    .find(|p| {
        people::detail(&store, &p.id)
            .unwrap()
            .contacts
            .iter()
            .any(|c| c.parental_responsibility)
    })
    .unwrap();
    let parent = people::detail(&store, &pupil.id)
        .unwrap()
        .contacts
        .into_iter()
        .find(|c| c.parental_responsibility)
        .unwrap();
    let current = templates::version(&store, TemplateKind::Ks2, None).unwrap();
    let pupil_name = format!("{} {}", pupil.given_name, pupil.family_name);
    agreements::sign(
        &mut store,
        &SignRequest {
            submission_id: "sar-test".into(),
            person_id: pupil.id.clone(),
            kind: TemplateKind::Ks2,
            version: current.version,
            template_sha256: current.sha256.clone(),
            signatures: vec![
                drawn(SignerRole::Pupil, &pupil_name, Some(&pupil.id)),
                drawn(
                    SignerRole::Parent,
                    &format!("{} {}", parent.given_name, parent.family_name),
                    Some(&parent.id),
                ),
            ],
            scan: None,
            device: "Class 5 laptop".into(),
            consents: Vec::new(),
        },
    )
    .unwrap();
    let out = dir.path().join("sar");
    let files = sar::export(&mut store, &pupil.id, &out).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names[0], "subject-access.json");
    assert_eq!(
        names
            .iter()
            .filter(|n| std::path::Path::new(n)
                .extension()
                .is_some_and(|e| e == "png"))
            .count(),
        2,
        "{names:?}"
    );
    for f in &files[1..] {
        assert_eq!(std::fs::read(f).unwrap(), PNG);
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    assert_eq!(json["person"]["summary"]["id"], pupil.id.as_str());
    assert!(json["person"]["contacts"][0]["id"].as_str().is_some());
    let agreement = &json["agreements"][0];
    assert_eq!(agreement["text"], current.rendered.as_str());
    assert_eq!(
        agreement["record"]["signatures"].as_array().unwrap().len(),
        2
    );
    assert!(
        json["audit"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["action"] == "agreement.sign")
    );
    // A second export into the same folder is refused rather than mixed in.
    assert!(matches!(
        sar::export(&mut store, &pupil.id, &out),
        Err(Error::InvalidInput { .. })
    ));
    // Only head users answer access requests.
    common::add_user(&mut store, "clerk", Role::Office, &[]);
    let mut clerk = common::open_as(&common::db_path(&dir), "clerk", common::PASSWORD).unwrap();
    assert!(matches!(
        sar::export(&mut clerk, &pupil.id, &dir.path().join("sar2")),
        Err(Error::Forbidden { .. })
    ));
}

fn everyone(store: &Store) -> u32 {
    let all = people::list(
        store,
        &Filter {
            include_leavers: true,
            ..Filter::default()
        },
    )
    .unwrap();
    u32::try_from(all.len()).unwrap()
}

#[test]
fn a_backups_contents_are_counted_from_the_backup_not_the_database_in_use() {
    let (dir, mut store) = common::demo_school();
    let out = dir.path().join("term.assentbak");
    let taken = backup::create(&mut store, &out, false).unwrap();
    let people_then = everyone(&store);
    let users_then = assent_core::users::list(&store).unwrap().len();
    common::add_user(&mut store, "later", Role::Office, &[]);

    let held = backup::contents(&store, &out, common::PASSWORD).unwrap();
    assert_eq!(held.info, taken);
    assert_eq!(held.school_name, "School");
    assert_eq!(held.people, people_then);
    assert_eq!(usize::try_from(held.users).unwrap(), users_then);
    assert!(held.audit_entries > 0);
    assert_eq!(
        assent_core::users::list(&store).unwrap().len(),
        users_then + 1,
        "the database in use is untouched"
    );
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".checking"))
        .collect();
    assert!(leftovers.is_empty(), "the copy is removed: {leftovers:?}");

    assert!(matches!(
        backup::contents(&store, &out, "not the password"),
        Err(Error::SignInFailed)
    ));
    let other = tempfile::tempdir().unwrap();
    let elsewhere = common::create(&other.path().join("o.db"), "Another School");
    assert!(matches!(
        backup::contents(&elsewhere, &out, common::PASSWORD),
        Err(Error::FileRejected { .. })
    ));
}

#[test]
fn a_restore_in_the_window_reopens_the_backup_for_the_head_and_a_refusal_changes_nothing() {
    let (dir, mut store) = common::demo_school();
    let out = dir.path().join("before.assentbak");
    backup::create(&mut store, &out, false).unwrap();
    common::add_user(&mut store, "later", Role::Office, &[]);
    let mut slot = Some(store);

    // A slip of the password is refused with the database still open and signed in.
    assert!(matches!(
        backup::restore_open(&mut slot, &out, "not the password"),
        Err(Error::SignInFailed)
    ));
    let open = slot.as_ref().expect("still open");
    assert_eq!(open.session().unwrap().username, common::HEAD);
    assert!(
        assent_core::users::list(open)
            .unwrap()
            .iter()
            .any(|u| u.username == "later")
    );

    // Another role may not restore, and nothing is closed for it.
    let office = common::add_user(slot.as_mut().unwrap(), "clerk", Role::Office, &[]);
    let mut as_office =
        Some(common::open_as(&common::db_path(&dir), &office, common::PASSWORD).unwrap());
    assert!(matches!(
        backup::restore_open(&mut as_office, &out, common::PASSWORD),
        Err(Error::Forbidden { .. })
    ));
    assert!(as_office.is_some());
    drop(as_office);

    let done = backup::restore_open(&mut slot, &out, common::PASSWORD).unwrap();
    assert!(std::path::Path::new(done.kept.as_deref().unwrap()).exists());
    let restored = slot.as_ref().expect("the backup is open");
    assert_eq!(restored.session().unwrap().username, common::HEAD);
    assert!(
        !assent_core::users::list(restored)
            .unwrap()
            .iter()
            .any(|u| u.username == "later"),
        "the user added after the backup has gone with the restore"
    );
}
