//! Agreement templates: defaults, immutable versions, hashes, material and minor changes.

use crate::common;

use crate::common::school;
use assent_core::Error;
use assent_core::templates::{self, PublishOptions, TemplateKind, sha256_hex};
use chrono::NaiveDate;

const KS2_V2: &str = "---\nkind: ks2\ntitle: Our rules for computers and the internet\naudience: Pupils in Years 3 to 6\n---\n## Keeping safe\n\n- I keep my password to myself.\n- I tell an adult if something online worries me.\n";

#[test]
fn a_new_database_has_a_default_version_of_every_kind() {
    let (_dir, store) = school();
    let all = templates::list(&store).unwrap();
    assert_eq!(all.len(), 5);
    for kind in TemplateKind::ALL {
        let v = templates::version(&store, kind, None).unwrap();
        assert_eq!(v.version, 1);
        assert!(v.current && v.material);
        assert!(!v.blocks.is_empty(), "{} has text", kind.code());
        assert_eq!(v.sha256, sha256_hex(&v.rendered));
        assert_eq!(v.published_by, "Assent (default text)");
    }
}

#[test]
fn a_published_version_can_never_be_changed_or_deleted() {
    let (_dir, store) = school();
    let conn = store.inspect();
    let update = conn.execute(
        "UPDATE template_versions SET rendered = 'something else' WHERE kind = 'ks2'",
        (),
    );
    assert!(
        update
            .unwrap_err()
            .to_string()
            .contains("can never be changed")
    );
    let delete = conn.execute("DELETE FROM template_versions WHERE kind = 'ks2'", ());
    assert!(
        delete
            .unwrap_err()
            .to_string()
            .contains("can never be deleted")
    );
}

#[test]
fn publishing_keeps_every_version_and_shows_old_ones_exactly() {
    let (_dir, mut store) = school();
    let v1 = templates::version(&store, TemplateKind::Ks2, None).unwrap();
    let options = PublishOptions {
        material: true,
        summary: Some("Shorter rules".into()),
        ..PublishOptions::default()
    };
    let v2 = templates::publish(&mut store, TemplateKind::Ks2, KS2_V2, &options).unwrap();
    assert_eq!(v2.version, 2);
    assert!(v2.current && v2.material);
    assert_eq!(v2.change_summary, "Shorter rules");
    assert_eq!(v2.published_by, common::HEAD_ACTOR);
    assert_ne!(v1.sha256, v2.sha256);
    let old = templates::version(&store, TemplateKind::Ks2, Some(1)).unwrap();
    assert_eq!(
        old.rendered, v1.rendered,
        "the old version is shown exactly as it was"
    );
    assert_eq!(sha256_hex(&old.rendered), v1.sha256);
    assert!(!old.current);

    // Publishing the same text again is refused; so is a minor change without a reason.
    let same = templates::publish(&mut store, TemplateKind::Ks2, KS2_V2, &options);
    assert!(
        matches!(same, Err(Error::InvalidInput { ref reason, .. }) if reason.contains("exactly version 2"))
    );
    let typo = KS2_V2.replace("worries me", "worries or upsets me");
    let minor = PublishOptions::default();
    let refused = templates::publish(&mut store, TemplateKind::Ks2, &typo, &minor);
    assert!(matches!(refused, Err(Error::InvalidInput { ref field, .. }) if field == "reason"));
    let minor = PublishOptions {
        summary: Some("Clearer wording, same rule".into()),
        ..PublishOptions::default()
    };
    let v3 = templates::publish(&mut store, TemplateKind::Ks2, &typo, &minor).unwrap();
    assert!(!v3.material);
    assert_eq!(v3.change_summary, "Clearer wording, same rule");

    let history = templates::history(&store, TemplateKind::Ks2).unwrap();
    let numbers: Vec<(u32, bool)> = history.iter().map(|v| (v.version, v.current)).collect();
    assert_eq!(numbers, vec![(3, true), (2, false), (1, false)]);
    assert_eq!(history[2].rendered, v1.rendered);

    let diff = templates::diff(&store, TemplateKind::Ks2, 2, 3).unwrap();
    let changed: Vec<(&str, &str)> = diff
        .iter()
        .filter(|d| d.change != "same")
        .map(|d| (d.change.as_str(), d.text.as_str()))
        .collect();
    assert_eq!(
        changed,
        vec![
            (
                "removed",
                "- I tell an adult if something online worries me."
            ),
            (
                "added",
                "- I tell an adult if something online worries or upsets me."
            ),
        ]
    );
}

#[test]
fn bad_templates_and_wrong_kinds_are_refused() {
    let (_dir, mut store) = school();
    let options = PublishOptions {
        material: true,
        ..PublishOptions::default()
    };
    let wrong = templates::publish(&mut store, TemplateKind::Staff, KS2_V2, &options);
    assert!(
        matches!(wrong, Err(Error::InvalidInput { ref reason, .. }) if reason.contains("ks2 agreement, not staff"))
    );
    let script = KS2_V2.replace(
        "I keep my password",
        "<script>alert('x')</script> I keep my password",
    );
    let html = templates::publish(&mut store, TemplateKind::Ks2, &script, &options);
    assert!(
        matches!(html, Err(Error::InvalidInput { ref reason, .. }) if reason.contains("cannot contain HTML"))
    );
    assert_eq!(
        templates::version(&store, TemplateKind::Ks2, None)
            .unwrap()
            .version,
        1,
        "nothing was published"
    );
}

#[test]
fn reviews_due_within_30_days_or_overdue_are_listed() {
    let (_dir, mut store) = school();
    let today = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    assert!(
        templates::review_due(&store, today, 30).unwrap().is_empty(),
        "defaults are reviewed a year after publishing"
    );
    let options = PublishOptions {
        material: true,
        summary: Some("Reviewed".into()),
        effective_date: NaiveDate::from_ymd_opt(2026, 3, 10),
        review_due: NaiveDate::from_ymd_opt(2027, 3, 20),
    };
    templates::publish(&mut store, TemplateKind::Ks2, KS2_V2, &options).unwrap();
    let due = templates::review_due(&store, today, 30).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(
        (due[0].kind, due[0].version, due[0].overdue),
        (TemplateKind::Ks2, 2, false)
    );
    let later =
        templates::review_due(&store, NaiveDate::from_ymd_opt(2027, 4, 1).unwrap(), 30).unwrap();
    assert!(later[0].overdue);
}

#[test]
fn drafts_are_checked_and_kept_until_published() {
    let (_dir, mut store) = school();
    let blocks = templates::save_draft(&mut store, TemplateKind::Ks2, KS2_V2).unwrap();
    assert_eq!(blocks.len(), 2);
    assert_eq!(
        templates::draft(&store, TemplateKind::Ks2)
            .unwrap()
            .as_deref(),
        Some(KS2_V2)
    );
    assert!(templates::save_draft(&mut store, TemplateKind::Ks1, KS2_V2).is_err());
    let options = PublishOptions {
        material: true,
        ..PublishOptions::default()
    };
    templates::publish(&mut store, TemplateKind::Ks2, KS2_V2, &options).unwrap();
    assert_eq!(
        templates::draft(&store, TemplateKind::Ks2).unwrap(),
        None,
        "publishing clears the draft"
    );
}
