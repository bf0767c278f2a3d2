//! The Consent pages in the real window: a class's grid, withdrawing a yes, the
//! do-not-photograph list, and the pupil's consent history.

use std::path::Path;
use std::time::{Duration, Instant};

use assent_e2e::{
    Driver, Screens, UI_TIMEOUT, by_test_id, click, count, run_cli, scroll_to, store,
    wait_for_text, wait_until_gone,
};
use fantoccini::{Client, Locator};

/// A pupil in Oak, their name as the school shows it, and a contact with parental responsibility.
fn oak_pupil(db: &Path) -> (String, String, String) {
    store(db)
        .inspect()
        .query_row(
            "SELECT p.id, p.given_name || ' ' || p.family_name, l.contact_id
             FROM people p JOIN contact_links l ON l.pupil_id = p.id
             WHERE p.class_name = 'Oak' AND l.parental_responsibility = 1
               AND p.preferred_given_name IS NULL AND p.preferred_family_name IS NULL
             ORDER BY p.family_name, p.given_name LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

/// The CSS for one pupil's cell for one purpose in the grid.
fn cell_css(person: &str, purpose: &str) -> String {
    format!(
        "[data-testid=\"consent-row\"][data-person-id=\"{person}\"] \
         [data-testid=\"consent-cell\"][data-purpose=\"{purpose}\"]"
    )
}

/// Waits until the first element matching `css` shows text containing `needle`.
async fn wait_for_css_text(client: &Client, css: &str, needle: &str) -> String {
    let deadline = Instant::now() + UI_TIMEOUT;
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(el) = client.find(Locator::Css(css)).await {
            last = el.text().await.unwrap_or_default();
            if last.contains(needle) {
                return last;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} never showed {needle:?}; it showed {last:?}");
}

/// Saves a screenshot once the window has painted the last change.
async fn shot(client: &Client, shots: &mut Screens, name: &str) {
    tokio::time::sleep(Duration::from_millis(400)).await;
    shots.save(client, name).await;
}

/// Chooses the option with `value` in the select with `data-testid` = `id`.
async fn choose(client: &Client, id: &str, value: &str) {
    by_test_id(client, id)
        .await
        .select_by_value(value)
        .await
        .unwrap();
}

/// The grid for Oak, and withdrawing the pupil's website yes with a reason.
async fn withdraw_in_the_grid(client: &Client, shots: &mut Screens, pupil: &str, name: &str) {
    // The grid for Oak: the pupil's website cell says yes.
    click(client, "nav-consent").await;
    by_test_id(client, "page-consent").await;
    by_test_id(client, "consent-grid").await;
    choose(client, "consent-class", "Oak").await;
    let website = cell_css(pupil, "website");
    wait_for_css_text(client, &website, "Yes").await;
    wait_for_css_text(client, &cell_css(pupil, "displays"), "Yes").await;
    wait_for_css_text(client, &cell_css(pupil, "press"), "No").await;
    shot(client, shots, "grid-oak").await;

    // Withdraw it, with a reason.
    let withdraw = client
        .find(Locator::Css(&format!(
            "{website} [data-testid=\"consent-withdraw\"]"
        )))
        .await
        .unwrap();
    assert_eq!(
        withdraw.attr("aria-label").await.unwrap().as_deref(),
        Some(format!("Withdraw School website for {name}").as_str())
    );
    withdraw.click().await.unwrap();
    by_test_id(client, "consent-withdraw-reason")
        .await
        .send_keys("Family moved to a new safeguarding arrangement")
        .await
        .unwrap();
    shot(client, shots, "withdraw-panel").await;
    click(client, "consent-withdraw-confirm").await;
    wait_until_gone(
        client,
        "[data-testid=\"consent-withdraw-panel\"]",
        "the confirm panel closes after withdrawing",
    )
    .await;
    wait_for_css_text(client, &website, "No").await;
    let after = wait_for_css_text(client, &website, "No").await;
    assert!(!after.contains("Yes"), "{after}");
    wait_for_css_text(client, &cell_css(pupil, "displays"), "Yes").await;
    by_test_id(client, "consent-notice").await;
    shot(client, shots, "withdrawn").await;
}

/// The do-not-photograph list, for Oak and for the whole school.
async fn do_not_photograph(client: &Client, shots: &mut Screens, pupil: &str, name: &str) {
    // The do-not-photograph list for Oak names the pupil and the website.
    click(client, "consent-tab-no-photo").await;
    by_test_id(client, "no-photo").await;
    let row = format!("[data-testid=\"no-photo-row\"][data-person-id=\"{pupil}\"]");
    let text = wait_for_css_text(client, &row, "School website").await;
    assert!(text.contains(name), "{text}");
    assert!(text.contains("Not for:"), "{text}");
    assert!(
        !text.contains("Displays in school"),
        "displays is still a yes: {text}"
    );
    let oak_rows = client
        .find_all(Locator::Css("[data-testid=\"no-photo-row\"]"))
        .await
        .unwrap()
        .len();
    shot(client, shots, "no-photo-oak").await;
    scroll_to(client, &row).await;
    shot(client, shots, "no-photo-pupil").await;

    // The whole school lists more pupils than one class.
    choose(client, "no-photo-scope", "school").await;
    let deadline = Instant::now() + UI_TIMEOUT;
    loop {
        let n = client
            .find_all(Locator::Css("[data-testid=\"no-photo-row\"]"))
            .await
            .map_or(0, |v| v.len());
        if n > oak_rows {
            break;
        }
        assert!(Instant::now() < deadline, "the whole school shows {n} rows");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    scroll_to(client, "[data-testid=\"page-consent\"]").await;
    shot(client, shots, "no-photo-school").await;
}

/// The pupil's own page lists every decision, the withdrawal included.
async fn person_history(client: &Client, shots: &mut Screens, name: &str) {
    // The pupil's page shows the history: the withdrawal and both yeses.
    click(client, "nav-people").await;
    by_test_id(client, "people-search")
        .await
        .send_keys(name)
        .await
        .unwrap();
    let deadline = Instant::now() + UI_TIMEOUT;
    'found: loop {
        for el in client
            .find_all(Locator::Css("[data-testid=\"person-open\"]"))
            .await
            .unwrap_or_default()
        {
            if el.text().await.unwrap_or_default().contains(name) {
                el.click().await.unwrap();
                break 'found;
            }
        }
        assert!(Instant::now() < deadline, "{name} is never listed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    wait_for_text(client, "person-name", name).await;
    let history = wait_for_css_text(
        client,
        "[data-testid=\"person-consent-history\"]",
        "Withdrawn",
    )
    .await;
    assert!(history.contains("School website"), "{history}");
    assert!(history.contains("Displays in school"), "{history}");
    assert!(history.contains("On paper"), "{history}");
    assert_eq!(
        client
            .find_all(Locator::Css("[data-testid=\"person-consent-decision\"]"))
            .await
            .unwrap()
            .len(),
        3
    );
    scroll_to(client, "[data-testid=\"person-consent-history\"]").await;
    shot(client, shots, "person-history").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_yes_is_withdrawn_from_the_grid_and_the_pupil_goes_on_the_do_not_photograph_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    let (pupil, name, contact) = oak_pupil(&db);
    for purpose in ["website", "displays"] {
        run_cli(
            &db,
            &[
                "consent", "set", &pupil, purpose, "yes", "--by", &contact, "--method", "paper",
            ],
        );
    }

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("consent");
    by_test_id(&client, "page-dashboard").await;

    withdraw_in_the_grid(&client, &mut shots, &pupil, &name).await;
    do_not_photograph(&client, &mut shots, &pupil, &name).await;
    // The database kept the withdrawal.
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM consent_decisions d JOIN consent_purposes p ON p.id = d.purpose_id
                 WHERE d.person_id = '{pupil}' AND p.code = 'website' AND d.withdrawal = 1
                   AND d.reason = 'Family moved to a new safeguarding arrangement'"
            )
        ),
        1
    );

    person_history(&client, &mut shots, &name).await;

    client.close().await.unwrap();
}
