//! The real Assent window, driven over WebDriver under Xvfb.

use assent_e2e::{Driver, Screens, by_test_id, cli, wait_for_body_text, wait_for_text};
use fantoccini::Locator;
use rusqlite::Connection;

const PAGES: [&str; 8] = [
    "dashboard",
    "people",
    "signing",
    "agreements",
    "consent",
    "accounts",
    "reports",
    "settings",
];

/// The number of people of each kind, read straight from the SQLite file.
fn counts_in(db: &std::path::Path) -> Vec<(String, i64)> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT kind, count(*) FROM people GROUP BY kind")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dashboard_shows_the_counts_the_database_holds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let made = cli(&db, &["demo"]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let counts = counts_in(&db);
    assert_eq!(
        counts.len(),
        6,
        "the demo has every kind of person: {counts:?}"
    );
    let (school, pupil, script_name): (String, String, String) = {
        let conn = Connection::open(&db).unwrap();
        let school = conn
            .query_row("SELECT name FROM school", [], |r| r.get(0))
            .unwrap();
        // A pupil whose name is written in a non-Latin script.
        let (given, family): (String, String) = conn
            .query_row(
                "SELECT given_name, family_name FROM people
                 WHERE kind = 'pupil' AND unicode(given_name) > 1023 ORDER BY family_name LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        (school, given, family)
    };

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("demo");

    wait_for_text(&client, "dashboard-school", &school).await;
    let mut total = 0;
    for (kind, count) in &counts {
        wait_for_text(&client, &format!("count-{kind}"), &count.to_string()).await;
        total += count;
    }
    wait_for_text(&client, "count-total", &total.to_string()).await;
    let last_change = by_test_id(&client, "last-change")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        last_change.contains(" at "),
        "last change shown in words: {last_change}"
    );
    shots.save(&client, "dashboard").await;

    for page in PAGES {
        by_test_id(&client, &format!("nav-{page}"))
            .await
            .click()
            .await
            .unwrap();
        let root = by_test_id(&client, &format!("page-{page}")).await;
        assert!(root.is_displayed().await.unwrap(), "{page} page is shown");
        if page == "people" {
            wait_for_body_text(&client, &pupil).await;
            wait_for_body_text(&client, &script_name).await;
            let rows = client
                .find_all(Locator::Css("[data-testid=\"person-row\"]"))
                .await
                .unwrap();
            assert_eq!(
                i64::try_from(rows.len()).unwrap(),
                total,
                "one row per person"
            );
        }
        shots.save(&client, page).await;
    }
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_welcome_screen_creates_a_school() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new-school.db");
    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("welcome");

    by_test_id(&client, "welcome").await;
    shots.save(&client, "welcome").await;

    // An empty name is refused in plain words and nothing is created.
    by_test_id(&client, "create-school")
        .await
        .click()
        .await
        .unwrap();
    let alert = by_test_id(&client, "error").await.text().await.unwrap();
    assert!(
        !alert.trim().is_empty() && !alert.contains('{'),
        "plain words: {alert}"
    );
    assert!(!db.exists());
    shots.save(&client, "welcome-error").await;

    // Markup in a name is shown as text, never interpreted.
    let name = "St Aidan's <b>C of E</b> & Ysgol Dôl";
    by_test_id(&client, "school-name-input")
        .await
        .send_keys(name)
        .await
        .unwrap();
    by_test_id(&client, "create-school")
        .await
        .click()
        .await
        .unwrap();
    wait_for_text(&client, "dashboard-school", name).await;
    wait_for_text(&client, "count-total", "0").await;
    assert!(
        client.find(Locator::Css("b")).await.is_err(),
        "no <b> element was made from the name"
    );
    shots.save(&client, "new-school-dashboard").await;
    client.close().await.unwrap();

    let stored: String = Connection::open(&db)
        .unwrap()
        .query_row("SELECT name FROM school", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, name);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_button_opens_the_demo_school() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo-from-button.db");
    let driver = Driver::start();
    let client = driver.launch(&db).await;
    by_test_id(&client, "open-demo")
        .await
        .click()
        .await
        .unwrap();
    by_test_id(&client, "dashboard-school").await;
    let pupils = counts_in(&db)
        .into_iter()
        .find(|(k, _)| k == "pupil")
        .unwrap()
        .1;
    wait_for_text(&client, "count-pupil", &pupils.to_string()).await;
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_that_is_not_an_assent_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("spreadsheet.db");
    let content = "Name,Class\nPretend Pupil,Oak\n";
    std::fs::write(&db, content).unwrap();
    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("foreign-file");
    let alert = by_test_id(&client, "error").await.text().await.unwrap();
    assert!(alert.contains("not an Assent database"), "{alert}");
    shots.save(&client, "refused").await;
    client.close().await.unwrap();
    assert_eq!(std::fs::read_to_string(&db).unwrap(), content);
}
