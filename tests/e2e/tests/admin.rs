//! Staff users, backups and the audit log in Settings, in the real window.

use std::path::PathBuf;

use assent_core::Store;
use assent_e2e::signing::wait_for_contains;
use assent_e2e::{
    Driver, PASSWORD, Screens, by_test_id, choose, click, present, run_cli, scroll_to, shot,
    wait_for_body_text, wait_for_css, wait_until_gone,
};
use fantoccini::{Client, Locator};

/// Types `text` into the field with `data-testid` = `id`, replacing what was there.
async fn fill(client: &Client, id: &str, text: &str) {
    let field = by_test_id(client, id).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

fn demo(dir: &tempfile::TempDir) -> PathBuf {
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    db
}

/// The audit log names the change in words, keeps its codes behind the
/// details, and its chain is intact.
async fn read_and_check_the_audit_log(client: &Client, shots: &mut Screens) {
    scroll_to(client, "[data-testid=\"panel-audit\"]").await;
    choose(client, "audit-action", "users").await;
    wait_for_contains(client, "audit-table", "Added user clerk").await;
    // Each entry reads as a sentence; its codes stay behind a closed "Details".
    let sentence = by_test_id(client, "audit-sentence")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !sentence.contains("user."),
        "a sentence, not a code: {sentence}"
    );
    let open = || async {
        client
            .execute(
                "return document.querySelector('[data-testid=\"audit-details\"]').open;",
                vec![],
            )
            .await
            .unwrap()
    };
    assert_eq!(
        open().await,
        serde_json::Value::Bool(false),
        "details closed"
    );
    by_test_id(client, "audit-details")
        .await
        .find(Locator::Css("summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(open().await, serde_json::Value::Bool(true), "details open");
    wait_for_contains(client, "audit-table", "user.").await;
    click(client, "audit-verify").await;
    wait_for_contains(client, "audit-verify-result", "The log is intact").await;
    scroll_to(client, "[data-testid=\"panel-audit\"]").await;
    shot(client, shots, "audit").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_head_adds_a_user_reads_and_checks_the_audit_log_and_backs_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir);
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("admin");

    click(&client, "nav-settings").await;
    by_test_id(&client, "panel-users").await;
    wait_for_contains(&client, "users-table", "office").await;
    shot(&client, &mut shots, "users").await;

    // Add the school clerk as an office user, with the demo password.
    click(&client, "user-add").await;
    fill(&client, "new-user-name", "Clara Clerk").await;
    fill(&client, "new-user-username", "clerk").await;
    by_test_id(&client, "new-user-role")
        .await
        .select_by_value("office")
        .await
        .unwrap();
    fill(&client, "new-user-password", PASSWORD).await;
    fill(&client, "new-user-again", PASSWORD).await;
    scroll_to(&client, "[data-testid=\"panel-users\"]").await;
    shot(&client, &mut shots, "add-user").await;
    click(&client, "new-user-save").await;
    wait_for_contains(&client, "users-status", "can now sign in as clerk").await;
    wait_for_contains(&client, "users-table", "Clara Clerk").await;
    shot(&client, &mut shots, "user-added").await;

    remove_access_after_asking(&client, &mut shots, &db).await;

    read_and_check_the_audit_log(&client, &mut shots).await;

    // Automatic backups on closing into a folder, then a backup now beside them.
    scroll_to(&client, "[data-testid=\"panel-backups\"]").await;
    let automatic = by_test_id(&client, "backup-automatic").await;
    if !automatic.is_selected().await.unwrap() {
        automatic.click().await.unwrap();
    }
    fill(&client, "backup-folder", backups.to_str().unwrap()).await;
    fill(&client, "backup-keep", "5").await;
    click(&client, "backup-settings-save").await;
    wait_for_contains(&client, "backups-status", "keep the last 5").await;
    let stored = Store::open(&db, "head", PASSWORD).unwrap();
    let settings = assent_core::backup::automatic_settings(&stored).unwrap();
    assert_eq!(
        settings.folder.as_deref(),
        Some(backups.to_str().unwrap()),
        "the folder is saved"
    );
    assert_eq!(settings.keep, 5);
    drop(stored);

    // The backup file's path is suggested in the chosen folder.
    let suggested = by_test_id(&client, "backup-path")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        suggested.starts_with(backups.to_str().unwrap()) && suggested.ends_with(".assentbak"),
        "suggested {suggested}"
    );
    click(&client, "backup-now").await;
    wait_for_contains(&client, "backups-status", "Backed up to").await;
    let checksum = by_test_id(&client, "backup-result-checksum")
        .await
        .text()
        .await
        .unwrap();
    scroll_to(&client, "[data-testid=\"panel-backups\"]").await;
    shot(&client, &mut shots, "backed-up").await;
    let file = PathBuf::from(&suggested);
    assert!(file.is_file(), "{} was written", file.display());
    let info = assent_core::backup::inspect_file(&file).expect("the backup checks out");
    assert_eq!(
        info.sha256,
        checksum.trim(),
        "the window shows the file's checksum"
    );

    // The same file again is refused: a backup is never replaced from the window.
    let before = std::fs::read(&file).unwrap();
    let path = by_test_id(&client, "backup-path").await;
    path.clear().await.unwrap();
    path.send_keys(&suggested).await.unwrap();
    click(&client, "backup-now").await;
    wait_for_css(
        &client,
        "[data-testid=\"panel-backups\"] [role=\"alert\"]",
        "already exists",
    )
    .await;
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the earlier backup is untouched"
    );
    shot(&client, &mut shots, "backup-exists").await;

    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_office_is_not_offered_users_or_the_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir);
    let driver = Driver::start();
    let client = driver.launch_as(&db, "office").await;
    let mut shots = Screens::new("admin-office");

    click(&client, "nav-settings").await;
    by_test_id(&client, "panel-backups").await;
    by_test_id(&client, "panel-own-password").await;
    wait_for_body_text(&client, "Back up now").await;
    assert!(!present(&client, "panel-users").await, "no users panel");
    assert!(!present(&client, "panel-audit").await, "no audit log");
    assert!(!present(&client, "panel-retention").await, "no retention");
    // Backing up is allowed; changing the automatic backups is not.
    assert!(!present(&client, "backup-settings-save").await);
    shot(&client, &mut shots, "settings").await;

    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_head_corrects_the_schools_name_in_settings() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir);
    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("school-name");
    click(&client, "nav-settings").await;
    by_test_id(&client, "page-settings").await;

    // A blank name is refused next to the box, in the app's words.
    let field = by_test_id(&client, "school-name").await;
    field.clear().await.unwrap();
    field.send_keys(" ").await.unwrap();
    click(&client, "school-name-save").await;
    wait_for_css(
        &client,
        "[data-testid=\"school-name-error\"]",
        "Enter the school",
    )
    .await;

    field.clear().await.unwrap();
    field
        .send_keys("Juniper Hill Primary Academy")
        .await
        .unwrap();
    click(&client, "school-name-save").await;
    wait_for_contains(
        &client,
        "school-name-status",
        "The school is now called Juniper Hill Primary Academy.",
    )
    .await;
    wait_for_body_text(&client, "Juniper Hill Primary Academy").await;
    shot(&client, &mut shots, "renamed").await;
    client.close().await.unwrap();

    let store = assent_e2e::store(&db);
    assert_eq!(
        assent_core::school::name(&store).unwrap(),
        "Juniper Hill Primary Academy"
    );
}

/// The clerk really can open the database with her password. Removing her
/// access asks first, in the app's one confirmation dialog; cancelling leaves
/// her as she was.
async fn remove_access_after_asking(client: &Client, shots: &mut Screens, db: &std::path::Path) {
    drop(Store::open(db, "clerk", PASSWORD).expect("clerk signs in"));
    let remove = "[data-testid=\"user-remove\"][aria-label=\"Remove Clara Clerk's access\"]";
    scroll_to(client, "[data-testid=\"users-table\"]").await;
    client
        .find(Locator::Css(remove))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    by_test_id(client, "user-remove-dialog").await;
    shot(client, shots, "user-remove-dialog").await;
    client
        .find(Locator::Css(
            "[data-testid=\"user-remove-dialog\"] button.secondary",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_until_gone(
        client,
        "[data-testid=\"user-remove-dialog\"]",
        "the dialog closes on Cancel",
    )
    .await;
    Store::open(db, "clerk", PASSWORD).expect("cancelling keeps her access");
    client
        .find(Locator::Css(remove))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click(client, "user-remove-confirm").await;
    wait_for_contains(client, "users-status", "Clara Clerk can no longer sign in").await;
    wait_until_gone(
        client,
        "[data-testid=\"user-remove-dialog\"]",
        "the dialog closes once done",
    )
    .await;
    assert!(
        Store::open(db, "clerk", PASSWORD).is_err(),
        "a removed user cannot sign in"
    );
}
