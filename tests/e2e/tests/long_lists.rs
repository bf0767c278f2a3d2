//! Long lists in the real window, on a large primary (700 pupils and their
//! families): the People page and an Accounts tab draw a lot of rows at a time,
//! say that there are more, and draw the next lot on "Show more" with the focus
//! on the first row added; the People list keeps its length when someone comes
//! back from a person's page, and a search or a class starts again at one lot.

use std::path::Path;
use std::time::{Duration, Instant};

use assent_core::accounts::{self, AccountStatus};
use assent_core::people::{self, Filter};
use assent_e2e::signing::wait_for_contains;
use assent_e2e::{
    Driver, Screens, UI_TIMEOUT, by_test_id, click, fail, present, run_cli, shot, store,
    wait_for_count, wait_for_text,
};
use fantoccini::{Client, Locator};

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

    people_page(&client, &mut shots, on_roll).await;
    accounts_page(&client, &mut shots, &db).await;
    client.close().await.unwrap();
}

/// The index in its table of the row holding the focus (the header row is 0), or -1.
async fn focused_row(client: &Client) -> i64 {
    client
        .execute(
            "return document.activeElement?.closest('tr')?.rowIndex ?? -1",
            vec![],
        )
        .await
        .unwrap()
        .as_i64()
        .unwrap_or(-1)
}

/// The People page: 1,000 at a time, the way back from a person, and a search.
async fn people_page(client: &Client, shots: &mut Screens, on_roll: usize) {
    // People: the first thousand, then a thousand more, then the rest.
    click(client, "nav-people").await;
    wait_for_count(client, "[data-testid=\"person-row\"]", 1000).await;
    wait_for_text(client, "people-count", "Showing 1,000 people").await;
    wait_for_contains(client, "people-more", "use Show more below the list").await;
    by_test_id(client, "people-show-more").await;
    shot(client, shots, "people-first-lot").await;
    click(client, "people-show-more").await;
    wait_for_count(client, "[data-testid=\"person-row\"]", 2000).await;
    // Row 0 is the header row, so the first row added is row 1,001.
    assert_eq!(
        focused_row(client).await,
        1001,
        "focus on the first row added"
    );
    click(client, "people-show-more").await;
    wait_for_count(client, "[data-testid=\"person-row\"]", on_roll).await;
    assert!(
        !present(client, "people-show-more").await,
        "no Show more once everyone is listed"
    );

    // Back from someone beyond the first lot, the list is as long as it was,
    // with the focus on their row.
    let opens = client
        .find_all(Locator::Css("[data-testid=\"person-open\"]"))
        .await
        .unwrap();
    let far = &opens[on_roll - 10];
    let far_id = far.attr("data-person-id").await.unwrap().unwrap();
    far.click().await.unwrap();
    by_test_id(client, "page-person").await;
    click(client, "person-back").await;
    wait_for_count(client, "[data-testid=\"person-row\"]", on_roll).await;
    let focused = client
        .execute(
            "return document.activeElement?.dataset?.personId ?? ''",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        focused.as_str(),
        Some(far_id.as_str()),
        "focus back on their row"
    );

    // A search starts again from one lot.
    by_test_id(client, "people-search")
        .await
        .send_keys("a")
        .await
        .unwrap();
    wait_for_contains(client, "people-more", "the first 200 matches").await;
    wait_for_count(client, "[data-testid=\"person-row\"]", 200).await;
}

/// The Accounts page's Ready tab: 500 at a time, and one class.
async fn accounts_page(client: &Client, shots: &mut Screens, db: &Path) {
    // Accounts: the Ready tab, 500 rows at a time.
    let ready = accounts::status(&store(db))
        .unwrap()
        .iter()
        .filter(|r| r.status == AccountStatus::Ready)
        .count();
    assert!((501..1000).contains(&ready), "{ready} ready");
    click(client, "nav-accounts").await;
    click(client, "accounts-tab-ready").await;
    wait_for_count(client, "[data-testid=\"account-row\"]", 500).await;
    wait_for_contains(
        client,
        "accounts-more",
        &format!("Showing the first 500 of {ready}"),
    )
    .await;
    shot(client, shots, "accounts-first-lot").await;
    click(client, "accounts-show-more").await;
    wait_for_count(client, "[data-testid=\"account-row\"]", ready).await;
    assert_eq!(
        focused_row(client).await,
        501,
        "focus on the first row added"
    );
    assert!(
        !present(client, "accounts-more").await,
        "nothing more to show"
    );
    // Choosing a class narrows the tab to its ready pupils.
    let place = by_test_id(client, "accounts-place").await;
    place.select_by_index(1).await.unwrap();
    let class = place.prop("value").await.unwrap().unwrap_or_default();
    let deadline = Instant::now() + UI_TIMEOUT;
    loop {
        let mut texts = Vec::new();
        for row in client
            .find_all(Locator::Css("[data-testid=\"account-row\"]"))
            .await
            .unwrap_or_default()
        {
            texts.push(row.text().await.unwrap_or_default());
        }
        if (1..=40).contains(&texts.len())
            && texts
                .iter()
                .all(|t| t.contains(&format!("{class} (pupils)")))
        {
            break;
        }
        if Instant::now() >= deadline {
            fail(
                client,
                &format!("only {class}'s ready pupils expected: {texts:?}"),
            )
            .await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
