//! The Agreements pages in the real window: the template library, a template as
//! signers see it, editing with a live preview, publishing and comparing versions.

use std::path::Path;

use assent_e2e::signing::wait_for_contains;
use assent_e2e::{
    Driver, Screens, by_test_id, click, count, run_cli, scroll_to, shot, store, wait_for_count,
    wait_for_text, wait_until_gone,
};
use fantoccini::{Client, Locator};

/// The bullet the test adds to the KS2 agreement.
const NEW_RULE: &str = "I will tell an adult if a pop-up asks for my password.";
/// The rule it goes after.
const AFTER_RULE: &str = "- I will log off when I have finished.";

async fn text_of(client: &Client, id: &str) -> String {
    by_test_id(client, id)
        .await
        .text()
        .await
        .unwrap_or_default()
}

/// Replaces the editor's text the way typing does: the value, then an input event.
async fn set_source(client: &Client, text: &str) {
    by_test_id(client, "template-source").await;
    client
        .execute(
            "const t = document.querySelector('[data-testid=\"template-source\"]');
             t.value = arguments[0];
             t.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::Value::String(text.to_owned())],
        )
        .await
        .unwrap();
}

/// The library, and KS2 and KS1 as signers see them.
async fn library_and_texts(client: &Client, shots: &mut Screens) {
    click(client, "nav-agreements").await;
    by_test_id(client, "page-agreements").await;
    for kind in ["ks1", "ks2", "staff", "governor-visitor", "parent"] {
        by_test_id(client, &format!("template-{kind}")).await;
    }
    wait_for_text(client, "template-version-ks2", "1").await;
    shot(client, shots, "library").await;

    click(client, "template-open-ks2").await;
    by_test_id(client, "page-template").await;
    let text = wait_for_contains(client, "template-text", "My passwords").await;
    assert!(text.contains(AFTER_RULE.trim_start_matches("- ")), "{text}");
    let classes = by_test_id(client, "template-text")
        .await
        .attr("class")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(!classes.contains("large"), "KS2 is in ordinary type");
    wait_for_count(client, "[data-testid=\"template-history-row\"]", 1).await;
    shot(client, shots, "ks2").await;
    scroll_to(client, "[data-testid=\"template-text\"]").await;
    shot(client, shots, "ks2-text").await;

    click(client, "template-back").await;
    click(client, "template-open-ks1").await;
    wait_for_contains(client, "template-title", "Nursery").await;
    by_test_id(client, "template-text").await;
    let classes = by_test_id(client, "template-text")
        .await
        .attr("class")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(classes.contains("large"), "KS1 is in large type: {classes}");
    scroll_to(client, "[data-testid=\"template-text\"]").await;
    shot(client, shots, "ks1-large-type").await;
    click(client, "template-back").await;
}

/// Edits KS2 with the live preview, and sees HTML refused. Returns the edited text.
async fn edit_with_preview(client: &Client, db: &Path, shots: &mut Screens) -> String {
    click(client, "template-open-ks2").await;
    by_test_id(client, "page-template").await;
    click(client, "template-edit").await;
    by_test_id(client, "template-editor").await;
    let original = by_test_id(client, "template-source")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(original.contains("kind: ks2"), "{original}");
    wait_for_contains(client, "template-preview", "My passwords").await;

    let edited = original.replacen(AFTER_RULE, &format!("{AFTER_RULE}\n- {NEW_RULE}"), 1);
    assert_ne!(edited, original, "the rule to add after is in the text");
    set_source(client, &edited).await;
    wait_for_contains(client, "template-preview", NEW_RULE).await;
    scroll_to(
        client,
        "[data-testid=\"template-preview\"] h3:nth-of-type(2)",
    )
    .await;
    shot(client, shots, "editor-preview").await;

    let script = edited.replacen(
        "## My passwords",
        "<script>alert('hi')</script>\n\n## My passwords",
        1,
    );
    set_source(client, &script).await;
    let problem = wait_for_contains(client, "template-preview-error", "HTML").await;
    assert!(
        problem.contains("cannot contain HTML"),
        "the reason in plain words: {problem}"
    );
    shot(client, shots, "editor-html-refused").await;

    set_source(client, &edited).await;
    wait_until_gone(
        client,
        "[data-testid=\"template-preview-error\"]",
        "the preview error stays after the text is fixed",
    )
    .await;

    click(client, "template-save-draft").await;
    wait_for_contains(client, "template-draft-status", "Draft saved").await;
    assert_eq!(
        count(
            db,
            "SELECT count(*) FROM template_drafts WHERE kind = 'ks2'"
        ),
        1
    );
    edited
}

/// Publishes the edit: a minor change with no reason is stopped, a material one goes through.
async fn publish(client: &Client, db: &Path, shots: &mut Screens) {
    click(client, "template-publish").await;
    by_test_id(client, "publish-dialog").await;
    wait_for_contains(client, "publish-affected", "sign again").await;
    click(client, "publish-minor").await;
    click(client, "publish-confirm").await;
    wait_for_contains(client, "publish-summary-error", "minor").await;
    let label = client
        .find(Locator::Css("label[for=\"publish-summary\"]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(label.contains("Why is this change minor?"), "{label}");
    shot(client, shots, "publish-minor-needs-reason").await;
    assert_eq!(
        count(
            db,
            "SELECT count(*) FROM template_versions WHERE kind = 'ks2'"
        ),
        1,
        "nothing was published"
    );

    click(client, "publish-material").await;
    by_test_id(client, "publish-summary")
        .await
        .send_keys("New rule about pop-ups asking for passwords")
        .await
        .unwrap();
    shot(client, shots, "publish-material").await;
    click(client, "publish-confirm").await;

    wait_for_text(client, "template-version", "2").await;
    wait_for_contains(client, "template-notice", "Version 2 is published").await;
    wait_for_contains(client, "template-text", NEW_RULE).await;
    wait_for_count(client, "[data-testid=\"template-history-row\"]", 2).await;
    shot(client, shots, "published-version-2").await;
    scroll_to(client, "[data-testid=\"template-history\"]").await;
    shot(client, shots, "history").await;
}

/// Compares versions 1 and 2: the new rule is marked as added.
async fn compare(client: &Client, shots: &mut Screens) {
    by_test_id(client, "diff-from")
        .await
        .select_by_value("1")
        .await
        .unwrap();
    by_test_id(client, "diff-to")
        .await
        .select_by_value("2")
        .await
        .unwrap();
    click(client, "diff-show").await;
    by_test_id(client, "template-diff").await;
    let added = client
        .find_all(Locator::Css(
            "[data-testid=\"template-diff\"] [data-change=\"added\"]",
        ))
        .await
        .unwrap();
    let mut texts = Vec::new();
    for line in added {
        texts.push(line.text().await.unwrap_or_default());
    }
    assert_eq!(texts.len(), 1, "one line added: {texts:?}");
    assert!(texts[0].contains(NEW_RULE), "{texts:?}");
    wait_for_contains(client, "diff-summary", "1 line added, 0 lines removed").await;
    scroll_to(client, "[data-testid=\"template-diff\"]").await;
    shot(client, shots, "diff").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_template_is_edited_with_a_live_preview_published_and_compared() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM template_versions WHERE kind = 'ks2'"
        ),
        1
    );

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("templates");
    by_test_id(&client, "page-dashboard").await;

    library_and_texts(&client, &mut shots).await;
    let edited = edit_with_preview(&client, &db, &mut shots).await;
    publish(&client, &db, &mut shots).await;
    compare(&client, &mut shots).await;

    let store = store(&db);
    let conn = store.inspect();
    let (material, sha, source): (bool, String, String) = conn
        .query_row(
            "SELECT material, sha256, source FROM template_versions WHERE kind = 'ks2' AND version = 2",
            (),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert!(material, "version 2 is a material change");
    assert_eq!(source, edited, "the text published is the text typed");
    assert_eq!(text_of(&client, "template-sha").await.trim(), sha);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM template_drafts WHERE kind = 'ks2'"
        ),
        0,
        "publishing clears the draft"
    );

    client.close().await.unwrap();
}
