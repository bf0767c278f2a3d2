//! Long lists in the real window, on a large primary (700 pupils and their
//! families): the People page and an Accounts tab draw a lot of rows at a time,
//! say how much is shown, and draw the next lot on "Show more", with the focus
//! on the first row added on the People page.

use std::time::{Duration, Instant};

use assent_core::accounts::{self, AccountStatus};
use assent_core::people::{self, Filter};
use assent_e2e::signing::wait_for_contains;
use assent_e2e::{
    Driver, Screens, UI_TIMEOUT, by_test_id, click, present, run_cli, shot, store, wait_for_count,
    wait_for_text,
};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread")]
async fn long_lists_are_drawn_a_lot_at_a_time_with_show_more() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("large.db");
    run_cli(&db, &["demo", "--scale", "large"]);
    let on_roll = people::list(&store(&db), &Filter::default()).unwrap().len();
    assert!(
        on_roll > 2000,
        "the large primary has {on_roll} people on roll"
    );

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("long-lists");
    by_test_id(&client, "page-dashboard").await;

    // People: the first thousand, then a thousand more, then the rest.
    click(&client, "nav-people").await;
    wait_for_count(&client, "[data-testid=\"person-row\"]", 1000).await;
    wait_for_text(&client, "people-count", "Showing 1,000 people").await;
    wait_for_contains(&client, "people-more", "use Show more below the list").await;
    by_test_id(&client, "people-show-more").await;
    shot(&client, &mut shots, "people-first-lot").await;
    click(&client, "people-show-more").await;
    wait_for_count(&client, "[data-testid=\"person-row\"]", 2000).await;
    let focused = client
        .execute(
            "return document.activeElement?.closest('tr')?.rowIndex ?? -1",
            vec![],
        )
        .await
        .unwrap();
    // Row 0 is the header row, so the first row added is row 1,001.
    assert_eq!(focused.as_i64(), Some(1001), "focus on the first row added");
    click(&client, "people-show-more").await;
    wait_for_count(&client, "[data-testid=\"person-row\"]", on_roll).await;
    assert!(
        !present(&client, "people-show-more").await,
        "no Show more once everyone is listed"
    );

    // A search starts again from one lot.
    by_test_id(&client, "people-search")
        .await
        .send_keys("a")
        .await
        .unwrap();
    wait_for_contains(&client, "people-more", "the first 200 matches").await;
    wait_for_count(&client, "[data-testid=\"person-row\"]", 200).await;

    // Accounts: the Ready tab, 500 rows at a time.
    let ready = accounts::status(&store(&db))
        .unwrap()
        .iter()
        .filter(|r| r.status == AccountStatus::Ready)
        .count();
    assert!((501..1000).contains(&ready), "{ready} ready");
    click(&client, "nav-accounts").await;
    click(&client, "accounts-tab-ready").await;
    wait_for_count(&client, "[data-testid=\"account-row\"]", 500).await;
    wait_for_contains(
        &client,
        "accounts-more",
        &format!("Showing the first 500 of {ready}"),
    )
    .await;
    shot(&client, &mut shots, "accounts-first-lot").await;
    click(&client, "accounts-show-more").await;
    wait_for_count(&client, "[data-testid=\"account-row\"]", ready).await;
    let focused = client
        .execute(
            "return document.activeElement?.closest('tr')?.rowIndex ?? -1",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(focused.as_i64(), Some(501), "focus on the first row added");
    assert!(
        !present(&client, "accounts-more").await,
        "nothing more to show"
    );
    // Choosing a class narrows the tab to its ready pupils.
    by_test_id(&client, "accounts-place")
        .await
        .select_by_index(1)
        .await
        .unwrap();
    let deadline = Instant::now() + UI_TIMEOUT;
    loop {
        let class_rows = client
            .find_all(Locator::Css("[data-testid=\"account-row\"]"))
            .await
            .map_or(0, |all| all.len());
        if (1..=40).contains(&class_rows) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "one class shows {class_rows} rows"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    client.close().await.unwrap();
}
