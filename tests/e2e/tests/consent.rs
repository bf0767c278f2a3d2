//! Photo and video consent in the real window, from start to finish: a parent
//! gives their choices while signing the parent agreement, the head withdraws
//! one from the class grid and another from the pupil's page, the pupil is on
//! the do-not-photograph list for both, and the head edits the purposes.

use std::path::Path;
use std::time::{Duration, Instant};

use assent_e2e::signing::{
    open_person, parent_of_two, parent_signs_with_photo_choices, wait_for_contains,
};
use assent_e2e::{
    Driver, Screens, UI_TIMEOUT, by_test_id, choose, click, count, run_cli, scroll_to, shot, store,
    wait_for_css, wait_for_text, wait_until_gone,
};
use fantoccini::{Client, Locator};

/// The parent's first child: id, name as the school shows it, and class.
fn first_child(db: &Path, parent: &str) -> (String, String, String) {
    store(db)
        .inspect()
        .query_row(
            "SELECT p.id,
                    coalesce(p.preferred_given_name, p.given_name) || ' ' || coalesce(p.preferred_family_name, p.family_name),
                    p.class_name
             FROM people p JOIN contact_links l ON l.pupil_id = p.id
             WHERE l.contact_id = ?1 AND l.parental_responsibility = 1
             ORDER BY p.family_name, p.given_name LIMIT 1",
            [parent],
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

/// The class grid, and withdrawing the pupil's website yes with a reason.
async fn withdraw_in_the_grid(
    client: &Client,
    shots: &mut Screens,
    class: &str,
    pupil: &str,
    name: &str,
) {
    // The grid for the class: the parent's answers are there.
    click(client, "nav-consent").await;
    by_test_id(client, "page-consent").await;
    by_test_id(client, "consent-grid").await;
    choose(client, "consent-class", class).await;
    let website = cell_css(pupil, "website");
    wait_for_css(client, &website, "Yes").await;
    wait_for_css(client, &cell_css(pupil, "displays"), "Yes").await;
    wait_for_css(client, &cell_css(pupil, "press"), "No").await;
    shot(client, shots, "grid").await;

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
        "the confirm dialog closes after withdrawing",
    )
    .await;
    wait_for_css(client, &website, "No").await;
    let after = wait_for_css(client, &website, "No").await;
    assert!(!after.contains("Yes"), "{after}");
    wait_for_css(client, &cell_css(pupil, "displays"), "Yes").await;
    by_test_id(client, "consent-notice").await;
    shot(client, shots, "withdrawn").await;
}

/// The do-not-photograph list, for the class and for the whole school.
async fn do_not_photograph(client: &Client, shots: &mut Screens, pupil: &str, name: &str) {
    // The do-not-photograph list for the class names the pupil and the website.
    click(client, "consent-tab-no-photo").await;
    by_test_id(client, "no-photo").await;
    let row = format!("[data-testid=\"no-photo-row\"][data-person-id=\"{pupil}\"]");
    let text = wait_for_css(client, &row, "School website").await;
    assert!(text.contains(name), "{text}");
    assert!(text.contains("Not for:"), "{text}");
    assert!(
        !text.contains("Displays in school"),
        "displays is still a yes: {text}"
    );
    let class_rows = client
        .find_all(Locator::Css("[data-testid=\"no-photo-row\"]"))
        .await
        .unwrap()
        .len();
    shot(client, shots, "no-photo-class").await;
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
        if n > class_rows {
            break;
        }
        assert!(Instant::now() < deadline, "the whole school shows {n} rows");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    scroll_to(client, "[data-testid=\"page-consent\"]").await;
    shot(client, shots, "no-photo-school").await;
}

/// The pupil's own page lists every decision, the withdrawal included, and
/// withdraws a second purpose in one step.
async fn withdraw_on_the_pupil_page(client: &Client, shots: &mut Screens, name: &str) {
    open_person(client, name).await;
    wait_for_text(client, "person-name", name).await;
    let history = wait_for_css(
        client,
        "[data-testid=\"person-consent-history\"]",
        "Withdrawn",
    )
    .await;
    assert!(history.contains("School website"), "{history}");
    assert!(history.contains("With a signed agreement"), "{history}");
    // Nine answers from the agreement and the withdrawal.
    assert_eq!(
        client
            .find_all(Locator::Css("[data-testid=\"person-consent-decision\"]"))
            .await
            .unwrap()
            .len(),
        10
    );
    scroll_to(client, "[data-testid=\"person-consent-history\"]").await;
    shot(client, shots, "person-history").await;

    client
        .find(Locator::Css(
            "[data-testid=\"person-withdraw\"][data-purpose=\"Displays in school\"]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The reason is asked for in the app's one confirmation dialog.
    by_test_id(client, "person-withdraw-dialog").await;
    by_test_id(client, "person-withdraw-reason")
        .await
        .send_keys("Asked by phone")
        .await
        .unwrap();
    click(client, "person-withdraw-confirm").await;
    let said = wait_for_contains(client, "person-consent-done", "Displays in school").await;
    assert!(said.contains("withdrawn"), "{said}");
    wait_until_gone(
        client,
        "[data-testid=\"person-withdraw-dialog\"]",
        "the dialog closes once done",
    )
    .await;
    wait_for_css(
        client,
        "[data-testid=\"person-consent-history\"]",
        "Asked by phone",
    )
    .await;
    shot(client, shots, "person-withdrawn").await;
}

/// The head re-explains a purpose, adds one and retires it again.
async fn edit_purposes(client: &Client, shots: &mut Screens) {
    click(client, "nav-consent").await;
    click(client, "consent-tab-purposes").await;
    let displays = "[data-testid=\"purpose\"][data-code=\"displays\"]";
    wait_for_css(client, displays, "Displays in school").await;
    client
        .find(Locator::Css(&format!(
            "{displays} [data-testid=\"purpose-edit\"]"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let text = by_test_id(client, "purpose-explanation").await;
    text.clear().await.unwrap();
    text.send_keys("Photos on classroom and corridor walls, seen only by people in school.")
        .await
        .unwrap();
    click(client, "purpose-save").await;
    wait_for_contains(client, "purposes-message", "earlier choices keep").await;
    wait_for_css(client, displays, "corridor walls").await;

    by_test_id(client, "purpose-new-code")
        .await
        .send_keys("sports-day")
        .await
        .unwrap();
    by_test_id(client, "purpose-new-name")
        .await
        .send_keys("Sports day programme")
        .await
        .unwrap();
    by_test_id(client, "purpose-new-explanation")
        .await
        .send_keys("Team photos printed in the sports day programme for families.")
        .await
        .unwrap();
    click(client, "purpose-add").await;
    let added = "[data-testid=\"purpose\"][data-code=\"sports-day\"]";
    wait_for_css(client, added, "Sports day programme").await;
    scroll_to(client, added).await;
    shot(client, shots, "purposes").await;
    client
        .find(Locator::Css(&format!(
            "{added} [data-testid=\"purpose-retire\"]"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click(client, "purpose-retire-confirm").await;
    wait_for_css(client, added, "Retired").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn consent_given_in_the_parent_agreement_is_withdrawn_and_the_pupil_is_not_photographed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    let (parent, parent_name) = parent_of_two(&db);
    let (pupil, name, class) = first_child(&db, &parent);

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("consent");
    by_test_id(&client, "page-dashboard").await;

    // The parent gives their choices while signing: yes to all but the press.
    let done = parent_signs_with_photo_choices(&client, &mut shots, &parent_name).await;
    assert!(done.contains("18 recorded"), "{done}");
    click(&client, "sign-finish").await;

    withdraw_in_the_grid(&client, &mut shots, &class, &pupil, &name).await;
    do_not_photograph(&client, &mut shots, &pupil, &name).await;
    let withdrawn = |purpose: &str, reason: &str| {
        count(
            &db,
            &format!(
                "SELECT count(*) FROM consent_decisions d JOIN consent_purposes p ON p.id = d.purpose_id
                 WHERE d.person_id = '{pupil}' AND p.code = '{purpose}' AND d.withdrawal = 1
                   AND d.reason = '{reason}'"
            ),
        )
    };
    assert_eq!(
        withdrawn("website", "Family moved to a new safeguarding arrangement"),
        1
    );

    withdraw_on_the_pupil_page(&client, &mut shots, &name).await;
    assert_eq!(withdrawn("displays", "Asked by phone"), 1);
    // It applies at once in every list: the class's do-not-photograph list now names displays too.
    click(&client, "nav-consent").await;
    choose(&client, "consent-class", &class).await;
    click(&client, "consent-tab-no-photo").await;
    let row = format!("[data-testid=\"no-photo-row\"][data-person-id=\"{pupil}\"]");
    wait_for_css(&client, &row, "Displays in school").await;

    edit_purposes(&client, &mut shots).await;
    // The new explanation is a new version; the parent's answer keeps the one they saw.
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM consent_explanations e JOIN consent_purposes p ON p.id = e.purpose_id
             WHERE p.code = 'displays'"
        ),
        2
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM consent_decisions d JOIN consent_explanations e ON e.id = d.explanation_id
                 WHERE d.person_id = '{pupil}' AND e.version = 1 AND d.method = 'agreement'
                   AND e.purpose_id = (SELECT id FROM consent_purposes WHERE code = 'displays')"
            )
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM consent_purposes WHERE code = 'sports-day' AND retired_at IS NOT NULL"
        ),
        1
    );

    client.close().await.unwrap();
}
