//! Signing in and out in the real window, and what each role is offered.

use std::path::Path;
use std::time::{Duration, Instant};

use assent_e2e::{
    DEMO_HEAD_NAME, Driver, ENTER, PASSWORD, Screens, UI_TIMEOUT, USER, by_test_id, click, count,
    invoke_in_window, present, run_cli, shot, wait_for_body_text, wait_for_text, wait_until_gone,
};
use fantoccini::{Client, Locator};
use serde_json::json;

/// Types a username and password into the sign-in form and presses Enter.
async fn try_sign_in(client: &Client, user: &str, password: &str) {
    let username = by_test_id(client, "sign-in-username").await;
    username.clear().await.unwrap();
    username.send_keys(user).await.unwrap();
    let field = by_test_id(client, "sign-in-password").await;
    field.clear().await.unwrap();
    field
        .send_keys(&format!("{password}{ENTER}"))
        .await
        .unwrap();
}

/// The `value` of every option of the select with `data-testid` = `id`.
async fn options(client: &Client, id: &str) -> Vec<String> {
    by_test_id(client, id).await;
    let mut out = Vec::new();
    for option in client
        .find_all(Locator::Css(&format!("[data-testid=\"{id}\"] option")))
        .await
        .unwrap()
    {
        out.push(option.attr("value").await.unwrap().unwrap_or_default());
    }
    out
}

/// The error kind a refused command gave.
fn kind_of(answer: &Result<serde_json::Value, serde_json::Value>) -> String {
    match answer {
        Ok(v) => panic!("the command was not refused: {v}"),
        Err(e) => e["kind"].as_str().unwrap_or_default().to_owned(),
    }
}

fn demo(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    db
}

/// Waits until the people table shows `n` rows and returns their text.
async fn wait_for_rows(client: &Client, n: usize) -> Vec<String> {
    let deadline = Instant::now() + UI_TIMEOUT;
    let mut last = Vec::new();
    while Instant::now() < deadline {
        last.clear();
        for row in client
            .find_all(Locator::Css("[data-testid=\"person-row\"]"))
            .await
            .unwrap_or_default()
        {
            last.push(row.text().await.unwrap_or_default());
        }
        let busy = client
            .find(Locator::Css(".results[aria-busy=\"true\"]"))
            .await
            .is_ok();
        if !busy && last.len() == n {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the people list showed {} rows, not {n}", last.len());
}

/// Pupils on roll in `classes`, counted in the file.
fn pupils_in(db: &Path, classes: &str) -> i64 {
    count(
        db,
        &format!(
            "SELECT count(*) FROM people WHERE kind = 'pupil' AND class_name IN ({classes})
               AND (leaving_date IS NULL OR leaving_date >= date('now'))"
        ),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_password_is_refused_and_the_right_one_opens_the_dashboard_until_sign_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir);
    let driver = Driver::start();
    let client = driver.launch_signed_out(&db).await;
    let mut shots = Screens::new("sign-in");

    // The sign-in screen: the database's path in small print, the focus in the username.
    by_test_id(&client, "sign-in").await;
    wait_for_text(&client, "sign-in-db-path", &db.display().to_string()).await;
    let focused = client.active_element().await.unwrap();
    assert_eq!(
        focused.attr("id").await.unwrap().as_deref(),
        Some("sign-in-username")
    );
    assert!(
        !present(&client, "nav-people").await,
        "no menu before sign-in"
    );
    shot(&client, &mut shots, "empty").await;

    // A wrong password: refused in plain words, announced, and still on sign-in.
    try_sign_in(&client, USER, "juniper-e2e-wrong").await;
    let alert = by_test_id(&client, "error").await;
    assert_eq!(alert.attr("role").await.unwrap().as_deref(), Some("alert"));
    let message = alert.text().await.unwrap();
    assert!(
        message.contains("The username or password is not right."),
        "{message}"
    );
    by_test_id(&client, "sign-in").await;
    assert!(!present(&client, "page-dashboard").await);
    let typed = by_test_id(&client, "sign-in-password")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(typed.as_deref(), Some(""), "the password is not kept");
    shot(&client, &mut shots, "wrong-password").await;

    // A username nobody has gets the very same answer.
    try_sign_in(&client, "nobody", PASSWORD).await;
    wait_for_text(
        &client,
        "error",
        "The username or password is not right. Please check them and try again.",
    )
    .await;
    assert!(!present(&client, "page-dashboard").await);

    // The right password opens the dashboard, showing who is signed in.
    try_sign_in(&client, USER, PASSWORD).await;
    by_test_id(&client, "page-dashboard").await;
    wait_for_text(&client, "signed-in-name", DEMO_HEAD_NAME).await;
    wait_for_text(&client, "signed-in-role", "Headteacher or DSL").await;
    assert!(
        invoke_in_window(&client, "dashboard", json!({}))
            .await
            .is_ok()
    );
    shot(&client, &mut shots, "dashboard").await;

    // Sign out: back to sign-in, nothing of the school left on screen.
    click(&client, "sign-out").await;
    by_test_id(&client, "sign-in").await;
    wait_until_gone(
        &client,
        "[data-testid=\"page-dashboard\"]",
        "the dashboard stays after signing out",
    )
    .await;
    wait_for_text(&client, "sign-in-notice", "You have signed out.").await;
    let body = client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!body.contains(DEMO_HEAD_NAME), "{body}");
    assert!(!body.contains("Juniper Hill"), "{body}");
    shot(&client, &mut shots, "signed-out").await;

    // Every command is refused now, whatever asks.
    for command in ["dashboard", "list_classes", "current_user"] {
        let answer = invoke_in_window(&client, command, json!({})).await;
        assert_eq!(kind_of(&answer), "not_signed_in", "{command}");
    }
    // A refusal from the backend keeps the sign-in screen, with no second notice.
    by_test_id(&client, "sign-in").await;
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_teacher_sees_only_their_own_classes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir);
    let theirs = pupils_in(&db, "'Oak', 'Willow'");
    let everyone = pupils_in(&db, "SELECT class_name FROM people");
    assert!(
        theirs > 0 && everyone > theirs,
        "the demo has pupils in and outside Oak and Willow"
    );

    let driver = Driver::start();
    let client = driver.launch_as(&db, "teacher").await;
    let mut shots = Screens::new("sign-in-teacher");
    wait_for_text(&client, "signed-in-name", "Owen Marsh").await;
    wait_for_text(&client, "signed-in-role", "Teacher").await;
    for (section, offered) in [
        ("people", true),
        ("consent", true),
        ("agreements", true),
        ("settings", true),
        ("incidents", true),
        ("accounts", false),
    ] {
        assert_eq!(
            present(&client, &format!("nav-{section}")).await,
            offered,
            "{section}"
        );
    }
    shot(&client, &mut shots, "dashboard").await;

    // People: only their pupils, and no adding or importing.
    click(&client, "nav-people").await;
    by_test_id(&client, "page-people").await;
    assert_eq!(
        options(&client, "people-class").await,
        ["", "Oak", "Willow"]
    );
    by_test_id(&client, "people-kind")
        .await
        .select_by_value("pupil")
        .await
        .unwrap();
    let rows = wait_for_rows(&client, usize::try_from(theirs).unwrap()).await;
    for row in &rows {
        assert!(
            row.contains("Oak") || row.contains("Willow"),
            "only Oak and Willow: {row}"
        );
    }
    assert!(!present(&client, "people-add").await);
    assert!(!present(&client, "people-import").await);
    shot(&client, &mut shots, "people").await;

    // Consent: only their classes to choose from.
    click(&client, "nav-consent").await;
    by_test_id(&client, "consent-grid").await;
    // (and both together, the last choice).
    assert_eq!(
        options(&client, "consent-class").await,
        ["Oak", "Willow", ""]
    );
    shot(&client, &mut shots, "consent").await;

    // The core refuses what the window does not offer.
    let answer = invoke_in_window(&client, "rollover_preview", json!({ "to": 2040 })).await;
    assert_eq!(kind_of(&answer), "forbidden");
    assert_eq!(answer.unwrap_err()["role"], "Teacher");
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_it_technician_has_no_consent_section() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir);
    let driver = Driver::start();
    let client = driver.launch_as(&db, "it").await;
    let mut shots = Screens::new("sign-in-it");
    wait_for_text(&client, "signed-in-name", "Priya Lane").await;
    wait_for_text(&client, "signed-in-role", "IT technician").await;
    assert!(!present(&client, "nav-consent").await, "no Consent section");
    assert!(!present(&client, "nav-reports").await, "no Reports section");
    assert!(present(&client, "nav-accounts").await);
    assert!(present(&client, "nav-people").await);
    assert!(
        present(&client, "nav-incidents").await,
        "the access removals"
    );
    shot(&client, &mut shots, "dashboard").await;

    // A pupil's page shows no consent history to IT.
    click(&client, "nav-people").await;
    by_test_id(&client, "people-kind")
        .await
        .select_by_value("pupil")
        .await
        .unwrap();
    let deadline = Instant::now() + UI_TIMEOUT;
    loop {
        let rows = client
            .find_all(Locator::Css("[data-testid=\"person-row\"]"))
            .await
            .unwrap_or_default();
        let mut all_pupils = !rows.is_empty();
        for row in &rows {
            all_pupils &= row.text().await.unwrap_or_default().contains("Pupil");
        }
        if all_pupils {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the list never showed only pupils"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    click(&client, "person-open").await;
    by_test_id(&client, "page-person").await;
    wait_for_body_text(&client, "Key stage").await;
    assert!(!present(&client, "person-consent-history").await);
    assert!(
        !present(&client, "error").await,
        "nothing refused on the way"
    );
    shot(&client, &mut shots, "pupil").await;

    let answer = invoke_in_window(&client, "consent_grid", json!({ "classes": [] })).await;
    assert_eq!(kind_of(&answer), "forbidden");
    assert_eq!(answer.unwrap_err()["role"], "IT technician");
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_next_person_to_sign_in_starts_from_their_own_signing_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir);
    let driver = Driver::start();
    let client = driver.launch_as(&db, "teacher").await;
    let mut shots = Screens::new("sign-in-next-user");
    wait_for_text(&client, "signed-in-name", "Owen Marsh").await;

    // The teacher moves the Signing page on to their second class…
    click(&client, "nav-signing").await;
    wait_for_text(&client, "signing-title", "Oak").await;
    by_test_id(&client, "signing-group")
        .await
        .select_by_value("class:Willow")
        .await
        .unwrap();
    wait_for_text(&client, "signing-title", "Willow").await;
    shot(&client, &mut shots, "teacher-willow").await;

    // …and signs out. The head signs in on the same window.
    click(&client, "sign-out").await;
    by_test_id(&client, "sign-in-username").await;
    assent_e2e::sign_in(&client, USER, PASSWORD).await;
    wait_for_text(&client, "signed-in-name", DEMO_HEAD_NAME).await;
    click(&client, "nav-signing").await;
    let first = options(&client, "signing-group").await;
    let first = first.first().cloned().unwrap_or_default();
    let chosen = by_test_id(&client, "signing-group")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_ne!(
        chosen, "class:Willow",
        "the teacher's class is not kept for the head"
    );
    assert_eq!(chosen, first, "the head starts from their own first class");
    shot(&client, &mut shots, "head-own-default").await;
    client.close().await.unwrap();
}
