//! The dashboard in the real window: bars per class and per group, the term's
//! trend, each figure opening the list of who is missing, and the letters for
//! that list one click from it; and the set-up checklist of a new school.

use std::path::{Path, PathBuf};
use std::process::Command;

use assent_core::dashboard::{self, ClassProgress, Overview};
use assent_e2e::signing::wait_for_attr;
use assent_e2e::{
    Driver, Screens, by_test_id, click, fail, init_school, run_cli, scroll_to, shot, store,
    wait_for_count, wait_for_css,
};
use fantoccini::{Client, Locator};

/// What the core says the dashboard should show, read as the head.
fn overview(db: &Path) -> Overview {
    dashboard::overview(&store(db)).unwrap()
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn attr(client: &Client, css: &str, name: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .attr(name)
        .await
        .unwrap()
        .unwrap_or_default()
}

async fn checked(client: &Client, id: &str) -> bool {
    by_test_id(client, id).await.is_selected().await.unwrap()
}

/// Makes a document with the one-click button `testid`, waits for it to be
/// saved, and returns where (the file is removed when the test ends with it).
async fn one_click(client: &Client, testid: &str) -> PathBuf {
    click(client, &format!("{testid}-make")).await;
    let path = by_test_id(client, &format!("{testid}-path"))
        .await
        .text()
        .await
        .unwrap();
    wait_for_css(
        client,
        &format!("[data-testid=\"{testid}-status\"]"),
        "Saved",
    )
    .await;
    let path = PathBuf::from(path.trim());
    if !path.is_file() {
        fail(client, &format!("{} was not saved", path.display())).await;
    }
    path
}

/// Each bar is as wide as the share the core counts, and says so in words.
async fn bars_match(client: &Client, expected: &Overview, shots: &mut Screens) {
    by_test_id(client, "page-dashboard").await;
    let classes = &expected.progress.classes;
    wait_for_count(client, "[data-testid=\"progress-class\"]", classes.len()).await;
    for c in classes {
        let row = format!(
            "[data-testid=\"progress-class\"][data-class=\"{}\"]",
            c.class
        );
        let percent = (100 * c.current + c.on_roll / 2) / c.on_roll;
        let bar = format!("{row} [data-testid=\"class-agreements-bar\"]");
        assert_eq!(
            attr(client, &bar, "data-percent").await,
            percent.to_string(),
            "{}",
            c.class
        );
        let label = attr(client, &bar, "aria-label").await;
        assert!(
            label.contains(&format!("{} of {} signed", c.current, c.on_roll)),
            "{label}"
        );
    }
    let groups = expected.progress.audiences.len();
    wait_for_count(client, "[data-testid=\"progress-group\"]", groups).await;
    // The demo school is not new: its checklist is folded to one line.
    by_test_id(client, "setup-folded").await;
    shot(client, shots, "bars").await;
}

/// A line per group, with its text equivalent naming each group's figures.
async fn trend_is_drawn(client: &Client, expected: &Overview, shots: &mut Screens) {
    scroll_to(client, "[data-testid=\"term-trend\"]").await;
    by_test_id(client, "trend-chart").await;
    let drawn = client
        .find_all(Locator::Css("[data-testid=\"trend-line\"]"))
        .await
        .unwrap()
        .len();
    assert!(drawn >= 2, "a line for pupils and for the adults: {drawn}");
    assert!(
        expected.trend.points.len() >= 2,
        "{:?}",
        expected.trend.points
    );
    let described = client
        .find(Locator::Css("#trend-desc"))
        .await
        .unwrap()
        .html(true)
        .await
        .unwrap();
    assert!(
        described.contains("Pupils:") && described.contains('%'),
        "{described}"
    );
    shot(client, shots, "trend").await;
}

async fn click_in_row(client: &Client, class: &str, link: &str, words: &str) {
    let css = format!(
        "[data-testid=\"progress-class\"][data-class=\"{class}\"] [data-testid=\"{link}\"]"
    );
    // The bars are read afresh each time the dashboard opens.
    wait_for_css(client, &css, words).await;
    client
        .find(Locator::Css(&css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// The class's figure opens the Signing page on that class, only those still to
/// sign, and the chase letters for them are one click from there.
async fn still_to_sign_and_their_letters(
    client: &Client,
    class: &ClassProgress,
    shots: &mut Screens,
) {
    let missing = class.on_roll - class.current;
    click_in_row(
        client,
        &class.class,
        "class-agreements-missing",
        "still to sign",
    )
    .await;
    by_test_id(client, "page-signing").await;
    wait_for_count(client, "[data-testid=\"status-row\"]", missing as usize).await;
    assert!(checked(client, "signing-still-to-sign").await);
    assert_eq!(
        by_test_id(client, "signing-group")
            .await
            .prop("value")
            .await
            .unwrap(),
        Some(format!("class:{}", class.class))
    );
    let signed = client
        .find_all(Locator::Css(
            "[data-testid=\"status-row\"][data-status=\"signed\"]",
        ))
        .await
        .unwrap();
    assert!(signed.is_empty(), "only those still to sign are listed");
    shot(client, shots, "missing-list").await;

    let letters = one_click(client, "chase-letters").await;
    let text = pdf_text(&letters);
    std::fs::remove_file(&letters).unwrap();
    let file = letters.file_name().unwrap().to_string_lossy().into_owned();
    assert!(file.contains(&class.class.to_lowercase()), "{file}");
    let dears = text.matches("Dear ").count();
    assert!(
        dears > 0 && dears <= missing as usize,
        "{dears} letters for {missing}"
    );
    assert!(
        text.contains(&format!("({})", class.class)),
        "letters name the class"
    );
    shot(client, shots, "chase-letters").await;
}

/// The class's consent figure opens the pupils without an answer, and the
/// letters asking their families are one click from there.
async fn without_an_answer_and_their_letters(
    client: &Client,
    class: &ClassProgress,
    shots: &mut Screens,
) {
    let missing = class.consent.expect("the head sees consent").missing;
    click(client, "nav-dashboard").await;
    click_in_row(
        client,
        &class.class,
        "class-consent-missing",
        "without an answer",
    )
    .await;
    by_test_id(client, "page-consent").await;
    wait_for_count(client, "[data-testid=\"consent-row\"]", missing as usize).await;
    assert!(checked(client, "consent-no-answer").await);
    let letters = one_click(client, "consent-letters").await;
    let text = pdf_text(&letters);
    std::fs::remove_file(&letters).unwrap();
    assert!(
        text.contains("To return to school: photographs and videos"),
        "{text}"
    );
    shot(client, shots, "consent-missing").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dashboard_draws_each_class_and_opens_who_is_missing_with_their_letters() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    // The generated primary school: this term's agreements and consents were
    // recorded week by week since September, so the trend has a shape.
    run_cli(&db, &["demo", "--scale", "primary"]);
    // Consents are asked again each school year, so last year's answers no longer count.
    run_cli(&db, &["settings", "consent-renewal", "annual"]);
    let expected = overview(&db);
    let classes = &expected.progress.classes;
    // The class with the most still to sign, and the one with the most
    // families still to answer about photographs, so their lists are worth opening.
    let signing = classes
        .iter()
        .max_by_key(|c| c.on_roll - c.current)
        .unwrap();
    let answering = classes
        .iter()
        .max_by_key(|c| c.consent.map_or(0, |p| p.missing))
        .unwrap();
    assert!(
        signing.current < signing.on_roll && answering.consent.is_some_and(|c| c.missing > 0),
        "{signing:?} {answering:?}"
    );

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("dashboard");
    bars_match(&client, &expected, &mut shots).await;
    trend_is_drawn(&client, &expected, &mut shots).await;
    still_to_sign_and_their_letters(&client, signing, &mut shots).await;
    without_an_answer_and_their_letters(&client, answering, &mut shots).await;
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_school_has_a_checklist_whose_steps_show_done_when_done() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    init_school(&db, "Brookside Primary School");
    let backups = dir.path().join("backups");

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("first-run");
    by_test_id(&client, "setup-checklist").await;
    let steps = [
        ("school_details", "true"),
        ("staff", "false"),
        ("import", "false"),
        ("templates", "false"),
        ("account_settings", "false"),
        ("backups", "false"),
    ];
    for (step, done) in steps {
        wait_for_attr(
            &client,
            &format!("[data-testid=\"setup-step-{step}\"]"),
            "data-done",
            done,
        )
        .await;
    }
    wait_for_css(&client, "#checklist-heading", "1 of 6 done").await;
    // Nobody is on roll yet, and the trend says why it is empty.
    by_test_id(&client, "trend-waiting").await;
    shot(&client, &mut shots, "checklist").await;

    // The backup step opens Settings at the backups panel.
    click(&client, "setup-open-backups").await;
    by_test_id(&client, "page-settings").await;
    let focused = client
        .execute(
            "return document.activeElement && document.activeElement.id;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        focused,
        serde_json::json!("backups-heading"),
        "the link lands on its panel"
    );
    let automatic = by_test_id(&client, "backup-automatic").await;
    if !automatic.is_selected().await.unwrap() {
        automatic.click().await.unwrap();
    }
    let folder = by_test_id(&client, "backup-folder").await;
    folder.clear().await.unwrap();
    folder.send_keys(backups.to_str().unwrap()).await.unwrap();
    click(&client, "backup-settings-save").await;
    wait_for_css(&client, "[data-testid=\"backups-status\"]", "keep").await;

    // Back on the dashboard the step shows done, from the setting just saved.
    click(&client, "nav-dashboard").await;
    wait_for_attr(
        &client,
        "[data-testid=\"setup-step-backups\"]",
        "data-done",
        "true",
    )
    .await;
    wait_for_css(&client, "#checklist-heading", "2 of 6 done").await;
    let stored = store(&db);
    let list = dashboard::checklist(&stored).unwrap().unwrap();
    assert!(
        list.steps
            .iter()
            .any(|s| s.done && s.step == dashboard::SetupStep::Backups)
    );
    drop(stored);
    shot(&client, &mut shots, "step-done").await;

    // The agreements step counts the texts the school has made its own.
    click(&client, "setup-open-templates").await;
    click(&client, "template-open-staff").await;
    click(&client, "template-adopt").await;
    wait_for_css(
        &client,
        "[data-testid=\"template-adopt-status\"]",
        "now the school's own",
    )
    .await;
    click(&client, "nav-dashboard").await;
    wait_for_css(
        &client,
        "[data-testid=\"setup-step-templates\"]",
        "1 of 5 done so far",
    )
    .await;

    // Put away, it folds to one line, and comes back with one click.
    click(&client, "setup-dismiss").await;
    by_test_id(&client, "setup-folded").await;
    click(&client, "setup-show").await;
    by_test_id(&client, "setup-checklist").await;
    client.close().await.unwrap();
}
