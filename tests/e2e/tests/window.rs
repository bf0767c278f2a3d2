//! The real Assent window, driven over WebDriver under Xvfb.

use assent_e2e::{
    DEMO_HEAD_NAME, Driver, PASSWORD, Screens, USER, by_test_id, cli, store, wait_for_body_text,
    wait_for_text,
};
use fantoccini::{Client, Locator};
use rusqlite::Connection;

const PAGES: [&str; 9] = [
    "dashboard",
    "people",
    "signing",
    "agreements",
    "consent",
    "accounts",
    "incidents",
    "reports",
    "settings",
];

/// The number of people of each kind, read from the encrypted file through the core.
fn counts_in(db: &std::path::Path) -> Vec<(String, i64)> {
    let store = store(db);
    let mut stmt = store
        .inspect()
        .prepare("SELECT kind, count(*) FROM people GROUP BY kind")
        .unwrap();
    stmt.query_map((), |r| Ok((r.get(0)?, r.get(1)?)))
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
        let store = store(&db);
        let conn = store.inspect();
        let school = conn
            .query_row("SELECT name FROM school", (), |r| r.get(0))
            .unwrap();
        // A pupil whose name is written in a non-Latin script.
        let (given, family): (String, String) = conn
            .query_row(
                "SELECT given_name, family_name FROM people
                 WHERE kind = 'pupil' AND unicode(given_name) > 1023 ORDER BY family_name LIMIT 1",
                (),
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        (school, given, family)
    };

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("demo");

    wait_for_text(&client, "dashboard-school", &school).await;
    wait_for_text(&client, "signed-in-name", DEMO_HEAD_NAME).await;
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

/// Types `text` into the input with `data-testid` = `id`, replacing what it held.
async fn fill(client: &Client, id: &str, text: &str) {
    let input = by_test_id(client, id).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

/// The text of the field problem shown next to the input with `data-testid` = `id`.
async fn problem_of(client: &Client, id: &str) -> String {
    by_test_id(client, &format!("{id}-error"))
        .await
        .text()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_welcome_screen_creates_a_school_and_its_first_user() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new-school.db");
    let driver = Driver::start();
    let client = driver.launch_signed_out(&db).await;
    let mut shots = Screens::new("welcome");

    by_test_id(&client, "welcome").await;
    shots.save(&client, "welcome").await;

    // An empty form is refused field by field, in plain words, and nothing is created.
    by_test_id(&client, "create-school")
        .await
        .click()
        .await
        .unwrap();
    for id in [
        "school-name-input",
        "admin-name-input",
        "admin-username-input",
        "admin-password-input",
    ] {
        let problem = problem_of(&client, id).await;
        assert!(
            !problem.trim().is_empty() && !problem.contains('{'),
            "plain words next to {id}: {problem}"
        );
    }
    let focused = client.active_element().await.unwrap();
    assert_eq!(
        focused.attr("id").await.unwrap().as_deref(),
        Some("school-name"),
        "the first field with a problem has the focus"
    );
    assert!(!db.exists());
    shots.save(&client, "welcome-error").await;

    // Markup in a name is shown as text, never interpreted.
    let name = "St Aidan's <b>C of E</b> & Ysgol Dôl";
    fill(&client, "school-name-input", name).await;
    fill(&client, "admin-name-input", "Harriet Head").await;
    fill(&client, "admin-username-input", USER).await;

    // Two passwords that differ are caught before anything is made.
    fill(&client, "admin-password-input", PASSWORD).await;
    fill(&client, "admin-password-again-input", "juniper-e2e-pasS").await;
    by_test_id(&client, "create-school")
        .await
        .click()
        .await
        .unwrap();
    let differ = problem_of(&client, "admin-password-again-input").await;
    assert!(differ.contains("not the same"), "{differ}");
    assert!(!db.exists());

    // The core's own rule: a password shorter than 10 characters.
    fill(&client, "admin-password-input", "short").await;
    fill(&client, "admin-password-again-input", "short").await;
    by_test_id(&client, "create-school")
        .await
        .click()
        .await
        .unwrap();
    let short = problem_of(&client, "admin-password-input").await;
    assert!(short.contains("10 characters"), "{short}");
    assert!(!db.exists());
    assert_eq!(
        by_test_id(&client, "admin-password-input")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some(""),
        "the password typed is not kept after it was sent"
    );
    shots.save(&client, "welcome-password-error").await;

    fill(&client, "admin-password-input", PASSWORD).await;
    fill(&client, "admin-password-again-input", PASSWORD).await;
    by_test_id(&client, "create-school")
        .await
        .click()
        .await
        .unwrap();
    wait_for_text(&client, "dashboard-school", name).await;
    wait_for_text(&client, "count-total", "0").await;
    wait_for_text(&client, "signed-in-name", "Harriet Head").await;
    wait_for_text(&client, "signed-in-role", "Headteacher or DSL").await;
    assert!(
        client.find(Locator::Css("b")).await.is_err(),
        "no <b> element was made from the name"
    );
    shots.save(&client, "new-school-dashboard").await;
    client.close().await.unwrap();

    let stored: String = store(&db)
        .inspect()
        .query_row("SELECT name FROM school", (), |r| r.get(0))
        .unwrap();
    assert_eq!(stored, name);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_button_opens_the_demo_school() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo-from-button.db");
    let driver = Driver::start();
    let client = driver.launch_signed_out(&db).await;
    let mut shots = Screens::new("welcome-demo");
    let username = by_test_id(&client, "demo-username-input")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(username.as_deref(), Some(USER), "the username offered");
    fill(&client, "demo-password-input", PASSWORD).await;
    shots.save(&client, "demo-form").await;
    by_test_id(&client, "open-demo")
        .await
        .click()
        .await
        .unwrap();
    by_test_id(&client, "dashboard-school").await;
    wait_for_text(&client, "signed-in-name", DEMO_HEAD_NAME).await;
    let pupils = counts_in(&db)
        .into_iter()
        .find(|(k, _)| k == "pupil")
        .unwrap()
        .1;
    wait_for_text(&client, "count-pupil", &pupils.to_string()).await;
    client.close().await.unwrap();

    // The other demo users share the password given.
    for user in ["office", "teacher", "it"] {
        assert!(
            assent_core::Store::open(&db, user, PASSWORD).is_ok(),
            "{user} signs in with the demo password"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_that_is_not_an_assent_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other-program.db");
    // Another program's (unencrypted) SQLite database.
    {
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TABLE pupils (name TEXT, class TEXT);
             INSERT INTO pupils VALUES ('Pretend Pupil', 'Oak');",
        )
        .unwrap();
    }
    let content = std::fs::read(&db).unwrap();
    let driver = Driver::start();
    let client = driver.launch_signed_out(&db).await;
    let mut shots = Screens::new("foreign-file");
    by_test_id(&client, "sign-in").await;
    by_test_id(&client, "sign-in-username")
        .await
        .send_keys(USER)
        .await
        .unwrap();
    by_test_id(&client, "sign-in-password")
        .await
        .send_keys(&format!("{PASSWORD}{}", assent_e2e::ENTER))
        .await
        .unwrap();
    let alert = by_test_id(&client, "error").await.text().await.unwrap();
    assert!(alert.contains("not an Assent database"), "{alert}");
    by_test_id(&client, "sign-in").await;
    shots.save(&client, "refused").await;
    client.close().await.unwrap();
    assert_eq!(std::fs::read(&db).unwrap(), content);
}
