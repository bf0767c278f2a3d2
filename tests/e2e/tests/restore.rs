//! The head restores a backup from the window: the file is read and its
//! contents shown first, a wrong password is refused next to its box, and the
//! restore asks in the confirmation dialog, then keeps the replaced data.

use assent_core::{Store, backup, school};
use assent_e2e::signing::wait_for_contains;
use assent_e2e::{
    Driver, PASSWORD, Screens, by_test_id, click, run_cli, scroll_to, shot, wait_for_body_text,
    wait_for_css, wait_until_gone,
};
use fantoccini::Client;

const DEMO_NAME: &str = "Juniper Hill Primary School";
const LATER_NAME: &str = "Juniper Hill Renamed After The Backup";

async fn fill(client: &Client, id: &str, text: &str) {
    let field = by_test_id(client, id).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_head_sees_what_a_backup_holds_and_restores_it_keeping_the_replaced_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    let file = dir.path().join("before.assentbak");
    let mut store = Store::open(&db, "head", PASSWORD).unwrap();
    backup::create(&mut store, &file, false).unwrap();
    school::set_name(&mut store, LATER_NAME).unwrap();
    drop(store);

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("restore");
    wait_for_body_text(&client, LATER_NAME).await;
    click(&client, "nav-settings").await;
    by_test_id(&client, "restore-path").await;
    fill(&client, "restore-path", file.to_str().unwrap()).await;

    // A wrong password is refused next to its box, and the head stays signed in.
    fill(&client, "restore-password", "not my password").await;
    click(&client, "restore-check").await;
    wait_for_css(
        &client,
        "[data-testid=\"restore-password-error\"]",
        "does not open this backup",
    )
    .await;

    fill(&client, "restore-password", PASSWORD).await;
    click(&client, "restore-check").await;
    wait_for_contains(&client, "restore-contents", DEMO_NAME).await;
    let people = assent_e2e::count(&db, "SELECT count(*) FROM people");
    let shown = by_test_id(&client, "restore-people")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(shown, people.to_string(), "the backup's people are counted");
    scroll_to(&client, "[data-testid=\"restore-contents\"]").await;
    shot(&client, &mut shots, "contents").await;

    click(&client, "restore-start").await;
    by_test_id(&client, "restore-dialog").await;
    shot(&client, &mut shots, "dialog").await;
    click(&client, "restore-confirm").await;
    wait_for_contains(&client, "restore-status", "Restored the backup taken on").await;
    wait_until_gone(
        &client,
        "[data-testid=\"restore-dialog\"]",
        "the dialog closes once restored",
    )
    .await;
    // The window shows the restored school at once, still signed in.
    wait_for_css(&client, "header", DEMO_NAME).await;
    shot(&client, &mut shots, "restored").await;
    let status = by_test_id(&client, "restore-status")
        .await
        .text()
        .await
        .unwrap();
    client.close().await.unwrap();
    drop(driver);

    let store = assent_e2e::store(&db);
    assert_eq!(school::name(&store).unwrap(), DEMO_NAME);
    let kept = status
        .split("kept at ")
        .nth(1)
        .map(|k| k.trim_end_matches('.'))
        .expect("the status says where the replaced data is");
    let replaced =
        Store::open(std::path::Path::new(kept), "head", PASSWORD).expect("the replaced data opens");
    assert_eq!(school::name(&replaced).unwrap(), LATER_NAME);
}
