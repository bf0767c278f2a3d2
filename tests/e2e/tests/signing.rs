//! Signing in the real window: a teacher draws real strokes for two KS2 pupils
//! and their parents, kiosk mode cannot be left without the PIN, and a returned
//! paper form is recorded with its scan.

use std::path::Path;
use std::time::{Duration, Instant};

use assent_e2e::signing::{
    choose_parent, draw, fixture, invoke, kiosk_pick, open_class, open_person, open_row,
    pad_has_ink, parent_of_two, parent_signs_with_photo_choices, person_name, press,
    pupils_with_parents, row_css, ticked, type_into, wait_for_attr, wait_for_contains,
    wait_for_step,
};
use assent_e2e::{
    Driver, Screens, by_test_id, click, count, run_cli, scroll_to, shot, wait_until_gone,
};
use fantoccini::{Client, Locator};

/// Signs one KS2 pupil and then their parent, both drawn.
async fn sign_ks2(client: &Client, shots: &mut Screens, person: &str, first: bool) {
    open_row(client, person).await;
    by_test_id(client, "agreement-ks2").await;
    if first {
        shot(client, shots, "ks2-read").await;
    }
    click(client, "start-signing").await;
    wait_for_step(client, "pupil").await;
    if first {
        // An empty box is refused before anything is sent.
        click(client, "sign-submit").await;
        wait_for_contains(client, "signature-problem", "empty").await;
    }
    draw(client).await;
    if first {
        shot(client, shots, "ks2-pupil-signed").await;
    }
    click(client, "sign-submit").await;
    wait_for_step(client, "parent").await;
    choose_parent(client).await;
    draw(client).await;
    if first {
        shot(client, shots, "ks2-parent-signed").await;
    }
    click(client, "sign-submit").await;
    let done = wait_for_contains(client, "sign-done", "Thank you").await;
    assert!(
        done.contains("Drawn on screen".to_lowercase().as_str()),
        "{done}"
    );
    if first {
        shot(client, shots, "ks2-done").await;
    }
    click(client, "sign-finish").await;
    wait_for_attr(client, &row_css(person), "data-status", "signed").await;
}

/// A pupil signs while their parent is away; the parent's typed signature is added later
/// from the class list.
async fn parent_signs_later(client: &Client, shots: &mut Screens, person: &str) {
    open_row(client, person).await;
    click(client, "start-signing").await;
    wait_for_step(client, "pupil").await;
    draw(client).await;
    click(client, "sign-submit").await;
    wait_for_step(client, "parent").await;
    click(client, "sign-later").await;
    wait_for_contains(client, "sign-done", "still needs to sign").await;
    click(client, "sign-finish").await;
    wait_for_attr(client, &row_css(person), "data-status", "awaiting_parent").await;
    shot(client, shots, "ks2-awaiting-parent").await;

    open_row(client, person).await;
    click(client, "start-signing").await;
    wait_for_step(client, "parent").await;
    choose_parent(client).await;
    click(client, "method-typed").await;
    type_into(client, "typed-name", "Parent Typing Their Name").await;
    click(client, "sign-submit").await;
    wait_for_contains(client, "signature-problem", "I agree").await;
    click(client, "typed-agree").await;
    click(client, "sign-submit").await;
    let done = wait_for_contains(client, "sign-done", "Thank you").await;
    assert!(done.contains("typed name"), "{done}");
    click(client, "sign-finish").await;
    wait_for_attr(client, &row_css(person), "data-status", "signed").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_teacher_signs_two_ks2_pupils_by_drawing_and_the_class_list_updates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    let pupils = pupils_with_parents(&db, "Oak");
    let (a, b, c) = (&pupils[0], &pupils[1], &pupils[2]);

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("signing");
    by_test_id(&client, "page-dashboard").await;
    open_class(&client, "Oak").await;
    wait_for_attr(&client, &row_css(a), "data-status", "not_signed").await;
    shot(&client, &mut shots, "ks2-class").await;

    sign_ks2(&client, &mut shots, a, true).await;
    sign_ks2(&client, &mut shots, b, false).await;
    parent_signs_later(&client, &mut shots, c).await;
    let counted = by_test_id(&client, "class-count")
        .await
        .text()
        .await
        .unwrap();
    assert!(counted.starts_with("3 of "), "{counted}");
    shot(&client, &mut shots, "ks2-class-after").await;

    // Each pupil has one agreement with a drawn pupil and parent signature,
    // picture and strokes kept (the strokes sealed with the school's data key).
    for p in [a, b] {
        assert_eq!(
            count(
                &db,
                &format!(
                    "SELECT count(*) FROM agreement_signatures s JOIN agreements a ON a.id = s.agreement_id
                     WHERE a.person_id = '{p}' AND s.method = 'drawn' AND s.role IN ('pupil', 'parent')
                       AND length(s.image_png) > 100 AND s.strokes_json LIKE 'assent-sealed:1:%'
                       AND length(s.strokes_json) > 200 AND a.kind = 'ks2'"
                )
            ),
            2
        );
    }
    let status = assent_e2e::cli(&db, &["status", "--class", "Oak", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let signed: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "signed")
        .map(|r| r["person_id"].as_str().unwrap())
        .collect();
    assert_eq!(signed, [a.as_str(), b.as_str(), c.as_str()]);
    client.close().await.unwrap();
}

/// In kiosk mode only signing answers, whatever the page asks, and keys do not leave it.
async fn kiosk_refuses_the_rest(client: &Client) {
    // Nothing but signing answers, whatever the page asks.
    assert_eq!(
        invoke(client, "list_people", serde_json::json!({"filter": {}})).await,
        "kiosk_locked"
    );
    assert_eq!(
        invoke(
            client,
            "agreement_status",
            serde_json::json!({"filter": {"class": "Oak"}})
        )
        .await,
        "kiosk_locked"
    );
    assert_eq!(
        invoke(
            client,
            "agreement_status",
            serde_json::json!({"filter": {"class": "Beech"}})
        )
        .await,
        "ok"
    );
    // Escape and F11 do not leave it.
    press(client, '\u{E00C}').await;
    press(client, '\u{E03B}').await;
    by_test_id(client, "kiosk-list").await;
}

/// Words a child in kiosk mode is never shown: staff terms and error wording.
const STAFF_WORDS: &[&str] = &[
    "record",
    "status",
    "template",
    "purpose",
    "database",
    "kiosk",
    "pin",
    "version",
    "key stage",
    "awaiting",
    "not signed",
    "withdrawn",
    "locked",
    "member of staff",
    "it technician",
    "people page",
];

/// The staff words in `text`, each only where a word starts: "pin" but not "keeping".
fn staff_words_in(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    STAFF_WORDS
        .iter()
        .copied()
        .filter(|w| {
            lower.match_indices(w).any(|(i, _)| {
                !lower[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            })
        })
        .collect()
}

/// The text of the screen a child sees (all but the staff exit), which must hold
/// no staff words and none of the `absent` names.
async fn child_screen(client: &Client, absent: &[&str]) -> String {
    // Let the screen settle after the last tap.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let main = by_test_id(client, "kiosk-main").await.text().await.unwrap();
    let top = by_test_id(client, "kiosk-where")
        .await
        .text()
        .await
        .unwrap();
    let text = format!("{top}\n{main}");
    let found = staff_words_in(&text);
    assert!(
        found.is_empty(),
        "staff words {found:?} shown to a child:\n{text}"
    );
    for name in absent {
        assert!(
            !text.contains(name),
            "{name} is shown to another child:\n{text}"
        );
    }
    text
}

/// The first screen a child sees: letters only, nothing of anyone before.
async fn kiosk_start_screen(client: &Client, absent: &[&str]) {
    by_test_id(client, "kiosk-letters").await;
    let text = child_screen(client, absent).await;
    assert!(text.contains("Tap the first letter of your name"), "{text}");
    assert_eq!(ticked(client, "[data-testid=\"kiosk-main\"]").await, 0);
    assert!(
        client
            .find(Locator::Css("[data-testid=\"kiosk-person\"]"))
            .await
            .is_err(),
        "no names before a letter is chosen"
    );
}

/// A KS1 child in kiosk mode: the parent signs, then the child adds their mark.
async fn kiosk_signs_ks1(client: &Client, shots: &mut Screens, db: &Path, child: &str) {
    let name = person_name(db, child);
    kiosk_pick(client, Some(&mut *shots), &name, child).await;
    by_test_id(client, "agreement-ks1").await;
    child_screen(client, &[]).await;
    shot(client, shots, "ks1-read").await;
    scroll_to(client, "[data-testid=\"start-signing\"]").await;
    shot(client, shots, "ks1-read-end").await;
    click(client, "start-signing").await;
    wait_for_step(client, "parent").await;
    assert!(
        client
            .find(Locator::Css("[data-testid=\"start-paper\"]"))
            .await
            .is_err()
    );
    choose_parent(client).await;
    draw(client).await;
    shot(client, shots, "ks1-parent").await;
    click(client, "sign-submit").await;
    wait_for_step(client, "child_mark").await;
    child_screen(client, &[]).await;
    assert!(!pad_has_ink(client).await, "the child's box starts empty");
    draw(client).await;
    shot(client, shots, "ks1-child-mark").await;
    click(client, "sign-submit").await;
    wait_for_contains(client, "sign-done", "Thank you").await;
    child_screen(client, &[]).await;
    shot(client, shots, "ks1-done").await;
    click(client, "sign-finish").await;
    assert_eq!(
        count(
            db,
            &format!(
                "SELECT count(*) FROM agreements a JOIN agreement_signatures s ON s.agreement_id = a.id
                 WHERE a.person_id = '{child}' AND a.kind = 'ks1' AND a.device LIKE '%(kiosk mode)'"
            )
        ),
        2
    );
}

/// The next child sees nothing of the one before: not their name, drawing or
/// choices, even when they stop half-way; and a failure is told in a child's words.
async fn the_next_child_starts_afresh(
    client: &Client,
    shots: &mut Screens,
    db: &Path,
    before: &str,
    child: &str,
) {
    let first = person_name(db, before);
    let (given, family) = first.split_once(' ').unwrap();
    let gone = [first.as_str(), given, family];
    kiosk_start_screen(client, &gone).await;
    shot(client, shots, "next-child").await;

    // The next child finds their name without seeing who signed before them.
    let name = person_name(db, child);
    kiosk_pick(client, None, &name, child).await;
    by_test_id(client, "agreement-ks1").await;
    child_screen(client, &gone).await;
    assert!(
        client
            .find(Locator::Css(&format!(
                "[data-testid=\"kiosk-person\"][data-person-id=\"{before}\"]"
            )))
            .await
            .is_err(),
        "nobody who has signed is offered"
    );

    // They start, draw and tick, then stop: nothing of it is kept.
    click(client, "start-signing").await;
    wait_for_step(client, "parent").await;
    assert!(!pad_has_ink(client).await, "the box starts empty");
    choose_parent(client).await;
    draw(client).await;
    assert!(pad_has_ink(client).await);
    click(client, "kiosk-stop").await;
    let (own_given, own_family) = name.split_once(' ').unwrap();
    kiosk_start_screen(client, &[name.as_str(), own_given, own_family]).await;
    assert_eq!(
        count(
            db,
            &format!("SELECT count(*) FROM agreements WHERE person_id = '{child}'")
        ),
        0,
        "stopping saves nothing"
    );

    // Starting again: an empty box, drawing chosen, nothing typed or ticked but
    // the one parent the page picks when there is only one.
    kiosk_pick(client, None, &name, child).await;
    click(client, "start-signing").await;
    wait_for_step(client, "parent").await;
    assert!(!pad_has_ink(client).await, "the drawing was not kept");
    let parents = client
        .find_all(Locator::Css("[data-testid=\"parent-option\"]"))
        .await
        .unwrap()
        .len();
    let chosen = ticked(client, "[data-testid=\"parent-option\"]").await;
    assert!(
        chosen == usize::from(parents == 1),
        "{chosen} of {parents} parents chosen"
    );
    assert!(
        by_test_id(client, "method-drawn")
            .await
            .is_selected()
            .await
            .unwrap()
    );
    assert_eq!(
        ticked(client, "[data-testid=\"sign-step\"]").await,
        1 + chosen
    );
    shot(client, shots, "started-again").await;

    // A real failure on saving: the child has left the class meanwhile, so the
    // app refuses. The child sees a line for them, not the staff wording.
    choose_parent(client).await;
    draw(client).await;
    click(client, "sign-submit").await;
    wait_for_step(client, "child_mark").await;
    draw(client).await;
    let moved = |class: &str| {
        assent_e2e::store(db)
            .inspect()
            .execute(
                "UPDATE people SET class_name = ?1 WHERE id = ?2",
                [class, child],
            )
            .unwrap();
    };
    moved("Oak");
    click(client, "sign-submit").await;
    let error = wait_for_contains(client, "save-error", "Something went wrong").await;
    assert!(error.contains("Please ask your teacher."), "{error}");
    child_screen(client, &[]).await;
    shot(client, shots, "error").await;
    moved("Beech");
    click(client, "kiosk-stop").await;
    kiosk_start_screen(client, &[name.as_str()]).await;
}

/// A wrong PIN keeps it locked, after a pause; a reload stays locked; the right PIN leaves.
async fn kiosk_leaves_only_with_the_pin(client: &Client, shots: &mut Screens) {
    // A wrong PIN keeps it locked, after a pause.
    click(client, "kiosk-leave").await;
    type_into(client, "kiosk-leave-secret", "1111").await;
    shot(client, shots, "leave").await;
    let started = Instant::now();
    click(client, "kiosk-leave-go").await;
    wait_for_contains(client, "kiosk-leave-result", "not right").await;
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "a wrong PIN is answered slowly"
    );
    shot(client, shots, "wrong-pin").await;
    by_test_id(client, "kiosk").await;
    assert_eq!(
        invoke(client, "dashboard", serde_json::json!({})).await,
        "kiosk_locked"
    );
    // A reload lands back in kiosk mode.
    client.refresh().await.unwrap();
    by_test_id(client, "kiosk-list").await;

    // The right PIN leaves it.
    click(client, "kiosk-leave").await;
    type_into(client, "kiosk-leave-secret", "2468").await;
    click(client, "kiosk-leave-go").await;
    by_test_id(client, "nav-people").await;
    wait_until_gone(client, "[data-testid=\"kiosk\"]", "kiosk mode ends").await;
    assert_eq!(
        invoke(client, "dashboard", serde_json::json!({})).await,
        "ok"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn kiosk_mode_signs_a_ks1_child_and_cannot_be_left_without_the_pin() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    let beech = pupils_with_parents(&db, "Beech");
    let (child, next) = (beech[0].clone(), beech[1].clone());

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("kiosk");
    by_test_id(&client, "page-dashboard").await;
    open_class(&client, "Beech").await;
    click(&client, "kiosk-open").await;
    type_into(&client, "kiosk-secret", "2468").await;
    type_into(&client, "kiosk-secret-again", "2468").await;
    shot(&client, &mut shots, "start").await;
    click(&client, "kiosk-go").await;
    by_test_id(&client, "kiosk").await;
    by_test_id(&client, "kiosk-list").await;
    assert!(
        client
            .find(Locator::Css("[data-testid=\"nav-people\"]"))
            .await
            .is_err(),
        "no navigation in kiosk mode"
    );
    shot(&client, &mut shots, "list").await;

    kiosk_refuses_the_rest(&client).await;
    kiosk_start_screen(&client, &[]).await;
    kiosk_signs_ks1(&client, &mut shots, &db, &child).await;
    the_next_child_starts_afresh(&client, &mut shots, &db, &child, &next).await;
    kiosk_leaves_only_with_the_pin(&client, &mut shots).await;
    client.close().await.unwrap();
}

/// The pupil's page lists the paper agreement, and it can be withdrawn with a reason.
async fn withdraw_on_the_person_page(client: &Client, shots: &mut Screens, db: &Path, pupil: &str) {
    let name: String = assent_e2e::store(db)
        .inspect()
        .query_row(
            "SELECT coalesce(preferred_given_name, given_name) || ' ' || coalesce(preferred_family_name, family_name) FROM people WHERE id = ?1",
            [pupil],
            |r| r.get(0),
        )
        .unwrap();
    open_person(client, &name).await;
    let listed = wait_for_contains(client, "person-agreements", "paper form").await;
    assert!(listed.contains("form dated 1 September 2026"), "{listed}");
    assert!(
        listed.contains("Scan of the paper form attached"),
        "{listed}"
    );
    scroll_to(client, "[data-testid=\"person-agreements\"]").await;
    shot(client, shots, "person-page").await;
    // The reason is asked for in the app's one confirmation dialog.
    click(client, "agreement-withdraw").await;
    by_test_id(client, "agreement-withdraw-dialog").await;
    type_into(
        client,
        "agreement-withdraw-reason",
        "Family asked to sign again together",
    )
    .await;
    click(client, "agreement-withdraw-confirm").await;
    wait_for_contains(
        client,
        "person-agreement-withdrawn",
        "Family asked to sign again together",
    )
    .await;
    wait_until_gone(
        client,
        "[data-testid=\"agreement-withdraw-dialog\"]",
        "the dialog closes once done",
    )
    .await;
    wait_for_contains(client, "person-agreement-status", "Withdrawn").await;
    shot(client, shots, "withdrawn").await;
    assert_eq!(count(db, "SELECT count(*) FROM agreement_withdrawals"), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_returned_paper_form_is_recorded_with_its_scan_and_can_be_withdrawn() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    let pupil = pupils_with_parents(&db, "Hazel").remove(0);

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("paper");
    by_test_id(&client, "page-dashboard").await;
    open_class(&client, "Hazel").await;
    open_row(&client, &pupil).await;
    click(&client, "start-paper").await;
    by_test_id(&client, "paper-form").await;
    type_into(&client, "paper-date", "01/09/2026").await;
    by_test_id(&client, "paper-parent")
        .await
        .select_by_index(1)
        .await
        .unwrap();

    // A file that is not a picture or PDF is refused in plain words; nothing is recorded.
    by_test_id(&client, "paper-scan")
        .await
        .send_keys(&fixture("import/school-pupils.csv"))
        .await
        .unwrap();
    wait_for_contains(&client, "paper-scan-note", "school-pupils.csv").await;
    click(&client, "paper-save").await;
    wait_for_contains(
        &client,
        "paper-form",
        "must be a PNG or JPEG picture or a PDF",
    )
    .await;
    assert_eq!(count(&db, "SELECT count(*) FROM agreements"), 0);
    shot(&client, &mut shots, "bad-scan").await;

    by_test_id(&client, "paper-scan")
        .await
        .send_keys(&fixture("e2e/returned-form-scan.pdf"))
        .await
        .unwrap();
    wait_for_contains(&client, "paper-scan-note", "returned-form-scan.pdf").await;
    click(&client, "paper-save").await;
    let done = wait_for_contains(&client, "sign-done", "Thank you").await;
    assert!(done.contains("paper form"), "{done}");
    assert!(done.contains("Attached"), "{done}");
    shot(&client, &mut shots, "done").await;
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM agreement_scans c JOIN agreements a ON a.id = c.agreement_id
                 WHERE a.person_id = '{pupil}' AND c.mime = 'application/pdf'"
            )
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM agreement_signatures s JOIN agreements a ON a.id = s.agreement_id
                 WHERE a.person_id = '{pupil}' AND s.method = 'paper' AND s.signed_at = '2026-09-01T00:00:00.000Z'"
            )
        ),
        2
    );
    click(&client, "sign-finish").await;
    wait_for_attr(&client, &row_css(&pupil), "data-status", "signed").await;
    // The class list gives the date written on the form, not when it was typed in.
    let when = client
        .find(Locator::Css(&format!("{} .when", row_css(&pupil))))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(when.trim(), "1 September 2026", "the form's own date");
    shot(&client, &mut shots, "class-list-form-date").await;

    withdraw_on_the_person_page(&client, &mut shots, &db, &pupil).await;
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_parent_signs_their_agreement_and_gives_photo_consent_for_each_child() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    let (parent, name) = parent_of_two(&db);

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("parent");
    by_test_id(&client, "page-dashboard").await;
    let done = parent_signs_with_photo_choices(&client, &mut shots, &name).await;
    assert!(done.contains("18 recorded"), "{done}");
    shot(&client, &mut shots, "done").await;
    click(&client, "sign-finish").await;
    wait_for_contains(&client, "person-agreement-status", "Signed").await;
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM consent_decisions WHERE given_by_person_id = '{parent}' AND method = 'agreement'"
            )
        ),
        18
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM consent_decisions d JOIN consent_purposes p ON p.id = d.purpose_id
                 WHERE d.given_by_person_id = '{parent}' AND p.code = 'press' AND d.answer = 'no'"
            )
        ),
        2
    );
    // The choices belong to the agreement, and its seal covers them.
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM consent_decisions d JOIN agreements a ON a.id = d.agreement_id
                 WHERE a.person_id = '{parent}' AND a.choices_sha256 IS NOT NULL"
            )
        ),
        18
    );
    client.close().await.unwrap();
}
