//! An agreement's evidence, and the check that recomputes its fingerprints.

use crate::common;

use crate::common::{PNG, drawn};

use assent_core::agreements::{self, SignRequest, SignerRole, drawn_signatures};
use assent_core::people::{self, Filter};
use assent_core::templates::{self, TemplateKind};
use assent_core::{Error, Store};

/// The demo school with one KS2 pupil's agreement signed by them and a parent.
fn signed_ks2() -> (tempfile::TempDir, Store, String) {
    let (dir, mut store) = common::demo_school();
    let year5 = people::list(
        &store,
        &Filter {
            year: Some("Y5".into()),
            ..Filter::default()
        },
    )
    .unwrap();
    let (pupil, parent) = year5
        .iter()
        .find_map(|p| {
            let d = people::detail(&store, &p.id).unwrap();
            let c = d.contacts.iter().find(|c| c.parental_responsibility)?;
            Some((d.clone(), c.clone()))
        })
        .unwrap();
    let current = templates::version(&store, TemplateKind::Ks2, None).unwrap();
    let req = SignRequest {
        submission_id: "evidence-1".to_owned(),
        person_id: pupil.summary.id.clone(),
        kind: TemplateKind::Ks2,
        version: current.version,
        template_sha256: current.sha256,
        signatures: vec![
            drawn(SignerRole::Pupil, &pupil.summary.given_name, None),
            drawn(
                SignerRole::Parent,
                &format!("{} {}", parent.given_name, parent.family_name),
                Some(&parent.id),
            ),
        ],
        scan: Some(PNG.to_vec()),
        device: "Class 5 laptop".to_owned(),
        consents: Vec::new(),
    };
    let a = agreements::sign(&mut store, &req).unwrap();
    (dir, store, a.id)
}

#[test]
fn a_fresh_agreement_verifies_and_its_evidence_is_complete() {
    let (_dir, store, id) = signed_ks2();
    let check = agreements::verify(&store, &id).unwrap();
    assert!(check.matches(), "{check:?}");
    // Text, template, record, two pictures, two signatures, the scan.
    assert_eq!(check.checks.len(), 8, "{check:?}");
    let e = agreements::evidence(&store, &id).unwrap();
    assert_eq!(e.signatures.len(), 2);
    assert_eq!(e.signatures[0].image_png.as_deref(), Some(PNG));
    assert_eq!(e.signatures[1].device, "Class 5 laptop");
    assert!(e.scan_sha256.is_some());
    let pictures = drawn_signatures(&store, &[id.as_str(), "no-such-agreement"]).unwrap();
    assert_eq!(pictures.len(), 1);
    assert_eq!(pictures[&id].len(), 2);
    assert_eq!(pictures[&id][0].0, SignerRole::Pupil);
}

#[test]
fn any_change_after_signing_is_found() {
    let (_dir, store, id) = signed_ks2();
    let conn = store.inspect();
    // Someone with the database file bypasses Assent: the guards are removed first.
    common::drop_triggers(
        conn,
        &[
            ("signatures_kept", "agreement_signatures"),
            ("agreements_kept", "agreements"),
            ("template_versions_immutable", "template_versions"),
        ],
    );
    conn.execute(
        "UPDATE agreement_signatures SET signer_name = 'Someone Else' WHERE agreement_id = ?1 AND role = 'parent'",
        [&id],
    )
    .unwrap();
    let check = agreements::verify(&store, &id).unwrap();
    assert!(!check.matches());
    let failed: Vec<&str> = check
        .checks
        .iter()
        .filter(|c| !c.matches())
        .map(|c| c.what.as_str())
        .collect();
    assert_eq!(failed, ["the parent's or carer's signature"]);

    conn.execute(
        "UPDATE agreement_signatures SET image_png = ?2 WHERE agreement_id = ?1 AND role = 'pupil'",
        assent_core::params![id, vec![0u8]],
    )
    .unwrap();
    conn.execute(
        "UPDATE agreements SET recorded_at = '2020-01-01T00:00:00.000Z' WHERE id = ?1",
        [&id],
    )
    .unwrap();
    conn.execute(
        "UPDATE template_versions SET rendered = rendered || ' ' WHERE kind = 'ks2'",
        (),
    )
    .unwrap();
    let failed: Vec<String> = agreements::verify(&store, &id)
        .unwrap()
        .checks
        .into_iter()
        .filter(|c| !c.matches())
        .map(|c| c.what)
        .collect();
    for needle in [
        "the text of the ks2 agreement",
        "the published template",
        "the agreement record",
        "the picture of the pupil's signature",
    ] {
        assert!(
            failed.iter().any(|f| f.starts_with(needle)),
            "{needle} in {failed:?}"
        );
    }
}

#[test]
fn an_unknown_agreement_is_a_clear_error() {
    let (_dir, store, _) = signed_ks2();
    match agreements::verify(&store, "nope") {
        Err(Error::InvalidInput { reason, .. }) => {
            assert!(reason.contains("no agreement with id nope"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}
