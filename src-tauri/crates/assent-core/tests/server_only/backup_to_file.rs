//! A school on a server is backed up to the same encrypted file as a single
//! PC's, and that backup restores as an ordinary school file: every row, the
//! same audit chain, agreements that still verify.

use assent_core::agreements::{self, SignerRole};
use assent_core::templates::TemplateKind;
use assent_core::{Store, audit, backup};

use crate::common;

fn counts(store: &Store) -> Vec<i64> {
    [
        "SELECT count(*) FROM people",
        "SELECT count(*) FROM contact_links",
        "SELECT count(*) FROM agreements",
        "SELECT count(*) FROM agreement_signatures",
        "SELECT count(*) FROM consent_decisions",
        "SELECT count(*) FROM template_versions",
        "SELECT count(*) FROM audit_log",
        "SELECT count(*) FROM users",
    ]
    .iter()
    .map(|sql| store.inspect().query_row(sql, (), |r| r.get(0)).unwrap())
    .collect()
}

#[test]
fn a_server_schools_backup_restores_as_a_school_file() {
    let (dir, mut server) = common::demo_school();
    let (pupil, parent, parent_name) = common::ks2_pupil(&server);
    let signed = common::sign_now(
        &mut server,
        &pupil.summary.id,
        TemplateKind::Ks2,
        "to-back-up",
        vec![
            common::drawn(SignerRole::Pupil, &pupil.summary.given_name, None),
            common::drawn(SignerRole::Parent, &parent_name, Some(&parent)),
        ],
    )
    .unwrap();
    let out = dir.path().join("server.assentbak");
    backup::create(&mut server, &out, false).unwrap();
    let on_server = counts(&server);

    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("restored.db");
    backup::restore(&out, &file, common::HEAD, common::PASSWORD).unwrap();
    let restored = Store::open(&file, common::HEAD, common::PASSWORD).unwrap();
    assert_eq!(counts(&restored), on_server, "every row is in the file");
    assert_eq!(
        restored.schema_version().unwrap(),
        server.schema_version().unwrap()
    );
    let chain = audit::verify(&restored).unwrap();
    assert!(chain.first_broken.is_none(), "{chain:?}");
    assert!(
        agreements::verify(&restored, &signed.id)
            .unwrap()
            .checks
            .iter()
            .all(agreements::HashCheck::matches),
        "the agreement signed on the server verifies in the file"
    );
}
