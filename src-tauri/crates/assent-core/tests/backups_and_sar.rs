//! Automatic backups kept to a number, restores through the core, and the
//! subject access export on the demo school.

mod common;

use common::{PNG, drawn};

use assent_core::agreements::{self, SignRequest, SignerRole};
use assent_core::auth::Role;
use assent_core::backup::{self, AutomaticBackups};
use assent_core::people::{self, Filter};
use assent_core::templates::{self, TemplateKind};
use assent_core::{Error, Store, sar};

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
    backup::create(&mut store, &out).unwrap();
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
    let done = backup::restore(&out, &db, common::HEAD, common::PASSWORD).unwrap();
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
    let mut clerk = Store::open(&common::db_path(&dir), "clerk", common::PASSWORD).unwrap();
    assert!(matches!(
        sar::export(&mut clerk, &pupil.id, &dir.path().join("sar2")),
        Err(Error::Forbidden { .. })
    ));
}
