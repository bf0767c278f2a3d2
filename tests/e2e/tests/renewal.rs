//! The yearly renewal setting in the real window: turning it on makes an
//! agreement signed before this school year began show as expired.

use std::path::Path;

use assent_e2e::signing::{wait_for_attr, wait_for_contains};
use assent_e2e::{Driver, Screens, by_test_id, click, run_cli};
use fantoccini::Client;

/// A member of staff: their id and name.
fn staff_member(db: &Path) -> (String, String) {
    assent_e2e::store(db)
        .inspect()
        .query_row(
            "SELECT id, given_name || ' ' || family_name FROM people WHERE kind = 'staff'
             ORDER BY family_name, given_name LIMIT 1",
            (),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

async fn staff_status(client: &Client, person: &str, status: &str) {
    click(client, "nav-signing").await;
    by_test_id(client, "signing-group")
        .await
        .select_by_value("kind:staff")
        .await
        .unwrap();
    wait_for_attr(
        client,
        &format!("[data-testid=\"status-row\"][data-person-id=\"{person}\"]"),
        "data-status",
        status,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn yearly_renewal_makes_last_years_agreement_expire() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    let (person, name) = staff_member(&db);
    // A paper form dated in an earlier school year, whenever this runs.
    run_cli(
        &db,
        &[
            "sign",
            "paper",
            "--person",
            &person,
            "--kind",
            "staff",
            "--signer",
            &name,
            "--role",
            "self",
            "--date",
            "2025-06-15",
        ],
    );

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("renewal");
    by_test_id(&client, "page-dashboard").await;
    staff_status(&client, &person, "signed").await;

    click(&client, "nav-settings").await;
    click(&client, "renewal-annual").await;
    wait_for_contains(&client, "renewal-saved", "now show as expired").await;
    shots.save(&client, "setting-on").await;
    staff_status(&client, &person, "expired").await;
    shots.save(&client, "staff-expired").await;

    click(&client, "nav-settings").await;
    click(&client, "renewal-annual").await;
    wait_for_contains(&client, "renewal-saved", "no longer expire").await;
    staff_status(&client, &person, "signed").await;
    client.close().await.unwrap();
}
