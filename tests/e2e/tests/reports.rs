//! The Reports page in the real window: the consent register for one class,
//! as a PDF and as a CSV, saved where the user typed.

use std::path::Path;
use std::process::Command;

use assent_e2e::{Driver, Screens, by_test_id, cli, click, run_cli, shot, wait_for_body_text};
use fantoccini::{Client, Locator};

/// The name of the first pupil in Oak, exactly as the register prints it.
fn oak_pupil(db: &Path) -> String {
    let out = cli(db, &["consent", "list", "--class", "Oak", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    rows[0]["name"].as_str().expect("a pupil in Oak").to_owned()
}

/// Types `path` into the Save as field, replacing what was suggested.
async fn type_path(client: &Client, path: &Path) {
    let field = by_test_id(client, "report-path").await;
    field.clear().await.unwrap();
    field.send_keys(&path.display().to_string()).await.unwrap();
}

/// Clicks Generate and waits for the status line to say it is saved.
async fn generate(client: &Client) -> String {
    click(client, "report-generate").await;
    by_test_id(client, "report-done").await;
    let status = by_test_id(client, "report-status")
        .await
        .text()
        .await
        .unwrap();
    assert!(status.starts_with("Done"), "status: {status}");
    status
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_consent_register_for_oak_is_saved_as_a_pdf_and_a_csv() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    let pupil = oak_pupil(&db);
    let out = dir.path().join("saved");
    std::fs::create_dir(&out).unwrap();

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("reports");
    by_test_id(&client, "page-dashboard").await;
    click(&client, "nav-reports").await;
    by_test_id(&client, "page-reports").await;
    // The path is suggested in the Documents folder, dated today.
    let suggested = by_test_id(&client, "report-path")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        suggested.contains("Assent")
            && Path::new(&suggested)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
            && suggested.contains("consent-register-"),
        "suggested {suggested:?}"
    );

    // The consent register for Oak, as a PDF.
    click(&client, "report-document-consent_register").await;
    client
        .find(Locator::Css(
            "[data-testid=\"report-class\"][data-class=\"Oak\"]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click(&client, "report-format-pdf").await;
    let pdf = out.join("oak consent.pdf");
    type_path(&client, &pdf).await;
    shot(&client, &mut shots, "chosen").await;
    let status = generate(&client).await;
    assert!(status.contains("page"), "status: {status}");
    wait_for_body_text(&client, &pdf.display().to_string()).await;
    shot(&client, &mut shots, "saved-pdf").await;
    let bytes = std::fs::read(&pdf).expect("the PDF was saved");
    assert!(bytes.starts_with(b"%PDF"));
    let text = pdf_text(&pdf);
    assert!(text.contains("Photo and video consent register"), "{text}");
    assert!(text.contains("Class: Oak"), "{text}");
    assert!(text.contains(&pupil), "{pupil} missing from:\n{text}");
    // Nothing half-written was left beside it.
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["oak consent.pdf"]);

    // The same register as a CSV, for a spreadsheet.
    click(&client, "report-format-csv").await;
    let csv = out.join("oak consent.csv");
    type_path(&client, &csv).await;
    generate(&client).await;
    wait_for_body_text(&client, &csv.display().to_string()).await;
    shot(&client, &mut shots, "saved-csv").await;
    let csv_text = String::from_utf8(std::fs::read(&csv).expect("the CSV was saved")).unwrap();
    let header = csv_text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .to_owned();
    assert!(header.starts_with("Class,Pupil,"), "header: {header}");
    assert!(header.contains("Safeguarding hold"), "header: {header}");
    assert!(csv_text.contains(&format!("Oak,{pupil},")), "{csv_text}");

    // Chase letters exist only as PDF: choosing them takes the format back to PDF.
    click(&client, "report-document-chase_letters").await;
    let csv_box = by_test_id(&client, "report-format-csv").await;
    assert_eq!(
        csv_box.prop("disabled").await.unwrap().as_deref(),
        Some("true")
    );
    assert_eq!(
        by_test_id(&client, "report-format-pdf")
            .await
            .prop("checked")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );

    // A folder that cannot be written is an error in plain words, not a crash.
    click(&client, "report-document-consent_register").await;
    type_path(&client, Path::new("/proc/no-such-place/register.pdf")).await;
    click(&client, "report-generate").await;
    let error = by_test_id(&client, "error").await.text().await.unwrap();
    assert!(
        error.contains("The folder /proc/no-such-place does not exist"),
        "error: {error}"
    );
    assert!(!error.contains("os error"), "error: {error}");
    shot(&client, &mut shots, "error").await;

    client.close().await.unwrap();
}
