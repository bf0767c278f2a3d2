//! The Incidents page in the real window, signed in as the head: a member of
//! staff with an account is involved in an incident, the head removes her
//! network and internet access until review, and the Accounts page lists her
//! under "To suspend" with the reason in words.

// The test follows one incident from the form to the account, which reads best as one story.
#![allow(clippy::too_many_lines)]

use std::path::Path;

use assent_core::accounts::{self, AccountRow, AccountStatus, Blocker};
use assent_e2e::signing::{fixture, type_into};
use assent_e2e::{
    Driver, Screens, UI_TIMEOUT, by_test_id, choose, cli, click, count, present, run_cli, shot,
    store, wait_for_css, wait_for_text,
};
use fantoccini::Locator;

fn rows(db: &Path) -> Vec<AccountRow> {
    accounts::status(&store(db)).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_access_removal_moves_a_provisioned_person_to_suspend() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    run_cli(
        &db,
        &["accounts", "settings", "--domain", "staff=juniper.sch.uk"],
    );
    // A member of staff who signs now and whose account is provisioned.
    let staff = rows(&db)
        .into_iter()
        .find(|r| {
            r.group == accounts::AccountGroup::Staff
                && r.status == AccountStatus::Blocked
                && r.blockers == vec![Blocker::NotSigned]
        })
        .expect("the demo has staff who have not signed");
    run_cli(
        &db,
        &[
            "sign",
            "typed",
            "--person",
            &staff.person_id,
            "--kind",
            "staff",
            "--signer",
            &staff.name,
        ],
    );
    let file = dir.path().join("accounts.csv");
    let out = cli(
        &db,
        &[
            "accounts",
            "export",
            "--format",
            "csv",
            "--out",
            file.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let done: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    run_cli(
        &db,
        &[
            "accounts",
            "mark-provisioned",
            done["export_id"].as_str().unwrap(),
        ],
    );
    let before = rows(&db);
    let row = before
        .iter()
        .find(|r| r.person_id == staff.person_id)
        .unwrap();
    assert_eq!(row.status, AccountStatus::Provisioned);

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("incidents");
    click(&client, "nav-incidents").await;
    by_test_id(&client, "page-incidents").await;
    shot(&client, &mut shots, "log").await;

    // Record the incident, naming her from the school's records.
    click(&client, "incident-new").await;
    by_test_id(&client, "incident-form").await;

    // Saved with nothing filled in: the app's own words next to each field, not
    // the browser's bubbles, and the first field with a problem has the focus.
    click(&client, "incident-save").await;
    wait_for_text(&client, "incident-reporter-error", "Enter who reported it.").await;
    wait_for_text(
        &client,
        "incident-description-error",
        "Enter what happened.",
    )
    .await;
    let focused = client
        .active_element()
        .await
        .unwrap()
        .attr("id")
        .await
        .unwrap();
    assert_eq!(focused.as_deref(), Some("incident-reporter"));
    assert_eq!(
        by_test_id(&client, "incident-reporter")
            .await
            .attr("aria-invalid")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );
    shot(&client, &mut shots, "form-problems").await;
    // A problem the core finds is shown next to its field too.
    let today = by_test_id(&client, "incident-date")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    type_into(&client, "incident-date", "01/01/2099").await;
    type_into(&client, "incident-reporter", "Network manager").await;
    type_into(&client, "incident-description", "A first try.").await;
    click(&client, "incident-save").await;
    wait_for_text(&client, "incident-date-error", "The date is in the future.").await;
    assert!(!present(&client, "incident-reporter-error").await);
    assert_eq!(
        count(&db, "SELECT count(*) FROM incidents"),
        0,
        "nothing was recorded"
    );
    type_into(&client, "incident-date", &today).await;
    type_into(&client, "incident-person-search", &staff.last_name).await;
    click(&client, "incident-person-find").await;
    let pick = format!(
        "[data-testid=\"incident-person-add\"][data-person-id=\"{}\"]",
        staff.person_id
    );
    client
        .wait()
        .at_most(UI_TIMEOUT)
        .for_element(Locator::Css(&pick))
        .await
        .expect("she is found")
        .click()
        .await
        .unwrap();
    wait_for_css(&client, "[data-testid=\"incident-people\"]", &staff.name).await;
    choose(&client, "incident-category", "bypassing_filtering").await;
    type_into(
        &client,
        "incident-description",
        "Used a proxy site to reach pages the filter blocks.",
    )
    .await;
    type_into(&client, "incident-urls", "https://proxy.example.com/").await;
    shot(&client, &mut shots, "form").await;
    click(&client, "incident-save").await;
    by_test_id(&client, "incident-view").await;
    wait_for_css(&client, "[data-testid=\"incident-status\"]", "Open").await;

    // A screenshot kept with it afterwards.
    by_test_id(&client, "incident-add-file")
        .await
        .send_keys(&fixture("e2e/returned-form-scan.pdf"))
        .await
        .unwrap();
    click(&client, "incident-add-file-save").await;
    wait_for_css(
        &client,
        "[data-testid=\"incident-files\"]",
        "returned-form-scan.pdf",
    )
    .await;

    // Remove her access until review.
    choose(&client, "incident-action-kind", "access_removed").await;
    choose(&client, "incident-action-person", &staff.person_id).await;
    type_into(&client, "incident-action-by", "Headteacher").await;
    click(&client, "incident-action-save").await;
    let action = wait_for_css(
        &client,
        "[data-testid=\"incident-action\"][data-kind=\"access_removed\"]",
        "in force",
    )
    .await;
    assert!(action.contains("until review"), "{action}");
    shot(&client, &mut shots, "access-removed").await;

    // The Accounts page lists her under "To suspend", with the reason.
    click(&client, "nav-accounts").await;
    by_test_id(&client, "page-accounts").await;
    click(&client, "accounts-tab-to_suspend").await;
    let css = format!(
        "[data-testid=\"account-row\"][data-person-id=\"{}\"]",
        staff.person_id
    );
    let shown = wait_for_css(
        &client,
        &css,
        "Access removed until review (e-safety incident 1)",
    )
    .await;
    assert!(shown.contains(&staff.name), "{shown}");
    shot(&client, &mut shots, "to-suspend").await;

    let after = rows(&db);
    let row = after
        .iter()
        .find(|r| r.person_id == staff.person_id)
        .unwrap();
    assert_eq!(row.status, AccountStatus::ToSuspend);
    assert_eq!(row.blockers, vec![Blocker::Sanction]);
    client.close().await.unwrap();
}
