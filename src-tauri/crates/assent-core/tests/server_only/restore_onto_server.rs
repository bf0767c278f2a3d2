//! A backup restored onto a school's database on a server: a single PC's
//! school moves onto a new, empty server database with everything in it; a
//! server's own backup replaces what it holds, which is kept as a backup of
//! its own; and a restore that is refused, at any check, leaves the server,
//! its key file and its folder exactly as they were.

use assent_core::agreements::{self, SignerRole};
use assent_core::auth::Role;
use assent_core::templates::TemplateKind;
use assent_core::{Error, Store, audit, backup, demo, users};

use crate::common;

fn usernames(store: &Store) -> Vec<String> {
    users::list(store)
        .unwrap()
        .into_iter()
        .map(|u| u.username)
        .collect()
}

fn files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A KS2 agreement signed by a pupil and their parent, with drawn signatures.
fn sign_ks2(store: &mut Store, submission: &str) -> String {
    let (pupil, parent, parent_name) = common::ks2_pupil(store);
    common::sign_now(
        store,
        &pupil.summary.id,
        TemplateKind::Ks2,
        submission,
        vec![
            common::drawn(SignerRole::Pupil, &pupil.summary.given_name, None),
            common::drawn(SignerRole::Parent, &parent_name, Some(&parent)),
        ],
    )
    .unwrap()
    .id
}

#[test]
fn a_single_pcs_school_moves_onto_an_empty_server_database_with_everything_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("office.db");
    let mut school = Store::create(&file, "Brookside Primary", &common::admin()).unwrap();
    demo::fill(&mut school).unwrap();
    let signed = sign_ks2(&mut school, "on-the-office-pc");
    // As a file from before sealing holds them: the signatures' pictures plain.
    common::drop_triggers(
        school.inspect(),
        &[("signatures_kept", "agreement_signatures")],
    );
    school
        .inspect_write(|tx| {
            tx.execute(
                "UPDATE agreement_signatures SET image_png = ?2 WHERE agreement_id = ?1",
                assent_core::params![signed, common::PNG],
            )?;
            Ok(())
        })
        .unwrap();
    common::add_user(&mut school, "office", Role::Office, &[]);
    let mut before = common::row_counts(&school);
    let out = dir.path().join("office.assentbak");
    backup::create(&mut school, &out, false).unwrap();
    drop(school);

    let url = assent_core::db::scratch_database("assent_test").unwrap();
    let keys = dir.path().join("server");
    let done =
        backup::restore_on_server(&out, &url, &keys, common::HEAD, common::PASSWORD).unwrap();
    assert_eq!(done.kept, None, "an empty database had nothing to keep");

    let server = Store::open_on_server(&url, &keys, common::HEAD, common::PASSWORD).unwrap();
    // Every row came across; the audit log also says the restore happened.
    for (table, n) in &mut before {
        if table == "audit_log" {
            *n += 1;
        }
    }
    assert_eq!(common::row_counts(&server), before);
    let chain = audit::verify(&server).unwrap();
    assert!(chain.first_broken.is_none(), "{chain:?}");
    assert!(
        agreements::verify(&server, &signed)
            .unwrap()
            .checks
            .iter()
            .all(agreements::HashCheck::matches),
        "the agreement signed on the PC verifies on the server"
    );
    // The plain pictures were sealed on their way in: a dump shows none.
    let dump = common::every_stored_value(&server);
    assert!(
        !dump.windows(common::PNG.len()).any(|w| w == common::PNG),
        "a signature's picture reached the server unsealed"
    );
    drop(server);
    // The key file came with it: every user of the school can sign in.
    Store::open_on_server(&url, &keys, "office", common::PASSWORD).unwrap();
}

#[test]
fn a_servers_backup_replaces_what_it_holds_and_what_it_held_is_kept() {
    let (dir, mut store) = common::demo_school();
    let path = common::db_path(&dir);
    let out = dir.path().join("before.assentbak");
    backup::create(&mut store, &out, false).unwrap();
    let at_backup = common::row_counts(&store);
    let after = sign_ks2(&mut store, "after-the-backup");
    common::add_user(&mut store, "later", Role::Office, &[]);
    drop(store);

    let done = common::restore(&out, &path, common::HEAD, common::PASSWORD).unwrap();
    let kept = std::path::PathBuf::from(done.kept.expect("what the server held is kept"));
    let store = common::open(&path);
    assert!(!usernames(&store).contains(&"later".to_owned()));
    assert!(
        agreements::verify(&store, &after).is_err(),
        "signed after the backup"
    );
    // Every table as it was when the backup was taken. (The backup's copy of
    // the audit log ends before the entry recording the backup itself; the
    // restore's own entry takes that place.)
    assert_eq!(common::row_counts(&store), at_backup);
    assert!(audit::verify(&store).unwrap().first_broken.is_none());
    drop(store);

    // The kept file undoes the restore.
    assert_eq!(
        backup::inspect_file(&kept).unwrap().school_id,
        backup::inspect_file(&out).unwrap().school_id
    );
    common::restore(&kept, &path, common::HEAD, common::PASSWORD).unwrap();
    let store = common::open(&path);
    assert!(usernames(&store).contains(&"later".to_owned()));
    assert!(
        agreements::verify(&store, &after)
            .unwrap()
            .checks
            .iter()
            .all(agreements::HashCheck::matches)
    );
}

#[test]
fn a_refused_restore_leaves_the_server_its_key_file_and_its_folder_as_they_were() {
    let (dir, mut store) = common::demo_school();
    let path = common::db_path(&dir);
    common::add_user(&mut store, "office", Role::Office, &[]);
    let out = dir.path().join("before.assentbak");
    backup::create(&mut store, &out, false).unwrap();
    common::add_user(&mut store, "later", Role::Office, &[]);

    // Another school's backup.
    let other_dir = tempfile::tempdir().unwrap();
    let other_path = other_dir.path().join("other.db");
    let mut other = common::create(&other_path, "Another Primary");
    let other_out = other_dir.path().join("other.assentbak");
    backup::create(&mut other, &other_out, false).unwrap();
    drop(other);

    // This school's backup with a row that refers to nothing, as a damaged
    // copy might hold: restored as a file, broken there, backed up again.
    let file = other_dir.path().join("copy.db");
    backup::restore(&out, &file, common::HEAD, common::PASSWORD).unwrap();
    let mut copy = Store::open(&file, common::HEAD, common::PASSWORD).unwrap();
    copy.inspect_sqlite()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO user_classes (user_id, class_name) VALUES ('nobody', '3B');",
        )
        .unwrap();
    let damaged = other_dir.path().join("damaged.assentbak");
    backup::create(&mut copy, &damaged, false).unwrap();
    drop(copy);

    let counts = common::row_counts(&store);
    drop(store);
    let key_file = std::fs::read(assent_core::keys::key_path(&path)).unwrap();
    let folder = files(dir.path());
    let unchanged = |why: &str| {
        assert_eq!(
            files(dir.path()),
            folder,
            "{why}: nothing left in the folder"
        );
        assert_eq!(
            std::fs::read(assent_core::keys::key_path(&path)).unwrap(),
            key_file,
            "{why}: the key file"
        );
        let store = common::open(&path);
        assert_eq!(common::row_counts(&store), counts, "{why}: every table");
        assert!(usernames(&store).contains(&"later".to_owned()), "{why}");
    };

    let err = common::restore(&out, &path, common::HEAD, "not the password").unwrap_err();
    assert!(matches!(err, Error::SignInFailed), "{err:?}");
    unchanged("a wrong password");

    let err = common::restore(&out, &path, "office", common::PASSWORD).unwrap_err();
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
    unchanged("an office user");

    let err = common::restore(&other_out, &path, common::HEAD, common::PASSWORD).unwrap_err();
    assert!(matches!(err, Error::FileRejected { .. }), "{err:?}");
    assert!(err.to_string().contains("another school"), "{err}");
    unchanged("another school's backup");

    let err = common::restore(&damaged, &path, common::HEAD, common::PASSWORD).unwrap_err();
    assert!(matches!(err, Error::FileRejected { .. }), "{err:?}");
    assert!(err.to_string().contains("damaged"), "{err}");
    unchanged("a damaged backup");

    // Another school's backup from a PC with no key file yet: the server's
    // own school is what refuses it.
    let url = common::server_url(&path).expect("the school is on the server");
    let new_pc = tempfile::tempdir().unwrap();
    let err = backup::restore_on_server(
        &other_out,
        &url,
        &new_pc.path().join("school"),
        common::HEAD,
        common::PASSWORD,
    )
    .unwrap_err();
    assert!(matches!(err, Error::FileRejected { .. }), "{err:?}");
    assert!(err.to_string().contains("another school"), "{err}");
    assert!(
        files(new_pc.path()).is_empty(),
        "{:?}",
        files(new_pc.path())
    );
    unchanged("another school's backup on a new PC");

    // A backup the server refuses only once its tables have been emptied (a
    // name with a NUL character in it, which SQLite stores and PostgreSQL
    // does not): everything is rolled back and the kept copy removed.
    let file = other_dir.path().join("copy-nul.db");
    backup::restore(&out, &file, common::HEAD, common::PASSWORD).unwrap();
    let mut copy = Store::open(&file, common::HEAD, common::PASSWORD).unwrap();
    copy.inspect_sqlite()
        .execute_batch(
            "UPDATE people SET given_name = 'Ad' || char(0) || 'a'
             WHERE id = (SELECT min(id) FROM people)",
        )
        .unwrap();
    let refused_late = other_dir.path().join("nul.assentbak");
    backup::create(&mut copy, &refused_late, false).unwrap();
    drop(copy);
    let err = common::restore(&refused_late, &path, common::HEAD, common::PASSWORD).unwrap_err();
    assert!(matches!(err, Error::Database { .. }), "{err:?}");
    unchanged("a backup the server refuses halfway");
}
