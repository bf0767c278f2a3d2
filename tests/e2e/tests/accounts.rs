//! The Accounts page in the real window, signed in as the IT technician: a
//! member of staff who has signed is ready, one who has not is blocked with the
//! reason in words; the Google Workspace file is exported from the window and
//! holds only the ready person; their login slip is printed from the window
//! with the same password; marking it provisioned moves them on.

// The test follows one technician's session from start to finish, which reads best as one story.
#![allow(clippy::too_many_lines)]

use std::path::Path;
use std::time::{Duration, Instant};

use assent_core::accounts::{self, AccountRow, AccountStatus, Blocker, GOOGLE_HEADERS};
use assent_e2e::signing::wait_for_contains;
use assent_e2e::{
    Driver, Screens, UI_TIMEOUT, by_test_id, click, run_cli, shot, store, wait_until_gone,
};
use fantoccini::{Client, Locator};

fn rows(db: &Path) -> Vec<AccountRow> {
    accounts::status(&store(db)).unwrap()
}

/// Waits until the person's row is shown and its text contains `needle`.
async fn wait_for_row(client: &Client, person: &str, needle: &str) -> String {
    let css = format!("[data-testid=\"account-row\"][data-person-id=\"{person}\"]");
    let deadline = Instant::now() + UI_TIMEOUT;
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(el) = client.find(Locator::Css(&css)).await {
            last = el.text().await.unwrap_or_default();
            if last.contains(needle) {
                return last;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} never showed {needle:?}; it showed {last:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_technician_exports_only_the_signed_and_marks_them_provisioned() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    run_cli(
        &db,
        &[
            "accounts",
            "settings",
            "--domain",
            "staff=juniper.sch.uk",
            "--domain",
            "pupils=pupils.juniper.sch.uk",
            "--domain",
            "volunteers=volunteers.juniper.sch.uk",
            "--domain",
            "governors=governors.juniper.sch.uk",
            "--domain",
            "visitors=guests.juniper.sch.uk",
        ],
    );
    // Two members of staff who have not signed: one signs now, one does not.
    let unsigned: Vec<AccountRow> = rows(&db)
        .into_iter()
        .filter(|r| {
            r.group == accounts::AccountGroup::Staff
                && r.status == AccountStatus::Blocked
                && r.blockers == vec![Blocker::NotSigned]
        })
        .collect();
    assert!(
        unsigned.len() >= 2,
        "the demo has staff who have not signed"
    );
    let (ready, blocked) = (&unsigned[0], &unsigned[1]);
    run_cli(
        &db,
        &[
            "sign",
            "typed",
            "--person",
            &ready.person_id,
            "--kind",
            "staff",
            "--signer",
            &ready.name,
        ],
    );
    let now = rows(&db);
    let ready_row = now.iter().find(|r| r.person_id == ready.person_id).unwrap();
    assert_eq!(ready_row.status, AccountStatus::Ready);
    let ready_email = ready_row.email.clone().unwrap();
    let blocked_row = now
        .iter()
        .find(|r| r.person_id == blocked.person_id)
        .unwrap();
    let reason = blocked_row.reasons[0].clone();
    assert!(reason.to_lowercase().contains("no"), "{reason}");

    let driver = Driver::start();
    let client = driver.launch_as(&db, "it").await;
    let mut shots = Screens::new("accounts");
    by_test_id(&client, "page-dashboard").await;
    click(&client, "nav-accounts").await;
    by_test_id(&client, "page-accounts").await;

    // Ready: the person who signed.
    wait_for_row(&client, &ready.person_id, &ready.name).await;
    shot(&client, &mut shots, "ready").await;

    // Blocked: the one who has not, with the reason in words.
    click(&client, "accounts-tab-blocked").await;
    wait_for_row(&client, &blocked.person_id, &reason).await;
    shot(&client, &mut shots, "blocked").await;

    // Export the Google Workspace file to a typed path.
    let out = dir.path().join("google-accounts.csv");
    let field = by_test_id(&client, "export-path").await;
    field.clear().await.unwrap();
    field.send_keys(&out.display().to_string()).await.unwrap();
    click(&client, "export-format-google").await;
    click(&client, "export-run").await;
    by_test_id(&client, "export-done").await;
    shot(&client, &mut shots, "exported").await;

    let text = std::fs::read_to_string(&out).unwrap();
    let header = text.lines().next().unwrap();
    assert_eq!(header, GOOGLE_HEADERS.join(","));
    assert!(
        text.contains(&ready_email),
        "the ready person is in the file"
    );
    if let Some(blocked_email) = &blocked_row.email {
        assert!(
            !text.contains(blocked_email.as_str()),
            "the blocked person is not"
        );
    }
    assert!(!text.contains(&blocked.name), "the blocked person is not");

    // Print the login slips again from the export waiting to be uploaded.
    let line = text.lines().find(|l| l.contains(&ready_email)).unwrap();
    let password = line.split(',').nth(3).unwrap().to_owned();
    let slips = dir.path().join("slips.pdf");
    let field = by_test_id(&client, "slips-path").await;
    field.clear().await.unwrap();
    field.send_keys(&slips.display().to_string()).await.unwrap();
    click(&client, "slips-print").await;
    let said = wait_for_contains(&client, "slips-done", "1 login slip saved").await;
    assert!(said.contains(&slips.display().to_string()), "{said}");
    shot(&client, &mut shots, "slips").await;
    let pdf = std::process::Command::new("pdftotext")
        .args([slips.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let slip_text = String::from_utf8_lossy(&pdf.stdout);
    assert!(slip_text.contains(&ready.name), "{slip_text}");
    assert!(
        slip_text.contains(&password),
        "the slip has the file's password"
    );

    // Mark provisioned, once confirmed in the dialog: the person moves to Provisioned.
    click(&client, "export-mark").await;
    by_test_id(&client, "export-mark-dialog").await;
    shot(&client, &mut shots, "mark-dialog").await;
    click(&client, "export-mark-confirm").await;
    wait_for_contains(&client, "accounts-message", "Export marked provisioned").await;
    wait_until_gone(
        &client,
        "[data-testid=\"export-mark-dialog\"]",
        "the dialog closes once the export is marked",
    )
    .await;
    click(&client, "accounts-tab-provisioned").await;
    wait_for_row(&client, &ready.person_id, "Provisioned").await;
    shot(&client, &mut shots, "provisioned").await;
    let after = rows(&db);
    assert_eq!(
        after
            .iter()
            .find(|r| r.person_id == ready.person_id)
            .unwrap()
            .status,
        AccountStatus::Provisioned
    );

    // Marked by mistake: undone, once confirmed, while no later export exists.
    // The person is back in the export, waiting to be marked, as before.
    let undo = by_test_id(&client, "undo-marking").await;
    let export_id = undo.attr("data-export-id").await.unwrap().unwrap();
    shot(&client, &mut shots, "undo-offered").await;
    click(&client, "export-unmark").await;
    by_test_id(&client, "export-unmark-dialog").await;
    shot(&client, &mut shots, "undo-dialog").await;
    click(&client, "export-unmark-confirm").await;
    wait_for_contains(&client, "accounts-message", "Marking undone").await;
    wait_until_gone(
        &client,
        "[data-testid=\"export-unmark-dialog\"]",
        "the dialog closes once the marking is undone",
    )
    .await;
    wait_until_gone(
        &client,
        "[data-testid=\"undo-marking\"]",
        "nothing more to undo",
    )
    .await;
    wait_for_contains(
        &client,
        "pending-export-unmarked",
        "login slips can no longer be printed",
    )
    .await;
    shot(&client, &mut shots, "undone").await;
    let undone = rows(&db);
    let row = undone
        .iter()
        .find(|r| r.person_id == ready.person_id)
        .unwrap();
    assert_eq!(row.status, AccountStatus::Ready);
    assert_eq!(row.pending_export.as_deref(), Some(export_id.as_str()));
    assert_eq!(row.provisioned_at, None);

    client.close().await.unwrap();
}
