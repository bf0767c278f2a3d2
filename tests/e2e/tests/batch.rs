//! A class's returned paper forms entered in the real window, by keyboard
//! alone: ten forms, each costing at most eight key presses beyond typing the
//! pupil's name and the date, then a form the core refuses (which stays on
//! screen with its problem), one with a scan, and a parent's signature that
//! arrives after the pupil's.

use std::path::Path;
use std::time::{Duration, Instant};

use assent_e2e::signing::{fixture, open_class, row_css, wait_for_attr, wait_for_contains};
use assent_e2e::{
    Driver, ENTER, Screens, UI_TIMEOUT, by_test_id, click, count, fail, run_cli, scroll_to, shot,
    wait_for_text,
};
use fantoccini::Client;

const TAB: &str = "\u{E004}";
const SHIFT: &str = "\u{E008}";
const ARROW_DOWN: &str = "\u{E015}";
/// The most key presses a form may take beyond typing a name and a date.
const TARGET: u32 = 8;

/// A pupil of the class, with what the test needs to know about their family.
struct Pupil {
    id: String,
    /// Their name as it is typed: the school's name for them, without accents.
    typed: String,
    /// Their parents with parental responsibility, first contact first.
    parents: Vec<String>,
    /// How many children on roll their first contact has.
    first_parents_children: i64,
}

/// A name as a UK keyboard types it, or None if it has letters this test does not fold.
fn typed_name(name: &str) -> Option<String> {
    name.chars()
        .map(|c| match c {
            'ø' | 'ö' | 'ó' | 'ô' => Some('o'),
            'Ø' | 'Ö' => Some('O'),
            'ł' => Some('l'),
            'Ł' => Some('L'),
            'é' | 'è' | 'ê' => Some('e'),
            'á' | 'à' | 'å' | 'ä' => Some('a'),
            'ı' | 'í' => Some('i'),
            c if c.is_ascii() => Some(c),
            _ => None,
        })
        .collect()
}

fn pupils(db: &Path, class: &str) -> Vec<Pupil> {
    let store = assent_e2e::store(db);
    let conn = store.inspect();
    let mut stmt = conn
        .prepare(
            "SELECT p.id, coalesce(p.preferred_given_name, p.given_name) || ' ' || coalesce(p.preferred_family_name, p.family_name)
             FROM people p WHERE p.kind = 'pupil' AND p.class_name = ?1
             ORDER BY p.family_name, p.given_name, p.id",
        )
        .unwrap();
    let rows: Vec<(String, String)> = stmt
        .query_map([class], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut parents = conn
        .prepare(
            "SELECT l.contact_id FROM contact_links l JOIN people c ON c.id = l.contact_id
             WHERE l.pupil_id = ?1 AND l.parental_responsibility = 1
             ORDER BY l.priority, c.family_name, c.given_name",
        )
        .unwrap();
    let mut children = conn
        .prepare(
            "SELECT count(*) FROM contact_links l JOIN people p ON p.id = l.pupil_id
             WHERE l.contact_id = ?1 AND l.parental_responsibility = 1 AND p.leaving_date IS NULL",
        )
        .unwrap();
    rows.into_iter()
        .filter_map(|(id, name)| {
            let typed = typed_name(&name)?;
            let parents: Vec<String> = parents
                .query_map([&id], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let first_parents_children = parents
                .first()
                .map_or(0, |p| children.query_row([p], |r| r.get(0)).unwrap());
            Some(Pupil {
                id,
                typed,
                parents,
                first_parents_children,
            })
        })
        .collect()
}

/// The keys sent to whatever has the focus, as a keyboard would: typed text
/// (names and dates) is not counted, every other key press is.
struct Keyboard<'c> {
    client: &'c Client,
    pressed: u32,
}

impl Keyboard<'_> {
    async fn send(&self, keys: &str) {
        let el = self
            .client
            .active_element()
            .await
            .expect("something has the focus");
        if let Err(e) = el.send_keys(keys).await {
            fail(self.client, &format!("sending {keys:?}: {e}")).await;
        }
    }

    /// Types a name or a date (not counted).
    async fn text(&self, text: &str) {
        self.send(text).await;
    }

    /// Presses keys that are not part of a name or a date; each counts.
    async fn press(&mut self, keys: &[&str]) {
        self.pressed += u32::try_from(keys.len()).unwrap();
        self.send(&keys.concat()).await;
    }

    /// The presses since the last call.
    fn take(&mut self) -> u32 {
        std::mem::take(&mut self.pressed)
    }
}

/// Waits until the focused element matches `css`.
async fn wait_for_focus(client: &Client, css: &str) {
    let deadline = Instant::now() + UI_TIMEOUT;
    while Instant::now() < deadline {
        let on = client
            .execute(
                "const a = document.activeElement; return a !== null && a.matches(arguments[0]);",
                vec![serde_json::Value::String(css.to_owned())],
            )
            .await
            .unwrap_or_default();
        if on == serde_json::Value::Bool(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    fail(client, &format!("the focus never reached {css}")).await;
}

/// Waits until the focus is on a photo question not answered yet.
async fn wait_for_open_question(client: &Client) {
    wait_for_focus(client, "[data-question][data-answer=\"\"] input").await;
}

/// Types the pupil and takes the first match with Enter; waits for their form.
async fn take_pupil(keys: &mut Keyboard<'_>, pupil: &Pupil) {
    wait_for_focus(keys.client, "#batch-pupil").await;
    keys.text(&pupil.typed).await;
    keys.press(&[ENTER]).await;
    by_test_id(keys.client, "batch-picked").await;
    wait_for_attr(
        keys.client,
        "[data-testid=\"batch-picked\"]",
        "data-person-id",
        &pupil.id,
    )
    .await;
}

/// Presses Enter to save, and waits for the list to hold `n` forms and the pupil box to be ready.
async fn save(keys: &mut Keyboard<'_>, n: usize) {
    keys.press(&[ENTER]).await;
    wait_for_text(keys.client, "batch-entered-count", &n.to_string()).await;
    wait_for_focus(keys.client, "#batch-pupil").await;
}

/// The day `offset` days from today, written with `format` ("%d/%m/%Y").
fn day(offset: i64, format: &str) -> String {
    let mut d = assent_core::time::today();
    for _ in 0..offset.abs() {
        d = if offset < 0 {
            d.pred_opt().unwrap()
        } else {
            d.succ_opt().unwrap()
        };
    }
    d.format(format).to_string()
}

/// The forms the test enters, chosen from the demo class.
struct Chosen<'p> {
    /// Six pupils' own forms; the third has one parent only, so that one arrow
    /// key reaches "no parent or carer has signed yet".
    pupil_forms: Vec<&'p Pupil>,
    /// Four parent agreements, from families not used above, each first
    /// contact once; the first of them has two children on roll.
    parent_forms: Vec<&'p Pupil>,
    /// One more pupil's form, from another family, entered with a scan.
    scanned: &'p Pupil,
}

fn choose(all: &[Pupil]) -> Chosen<'_> {
    let mut pupil_forms: Vec<&Pupil> = Vec::new();
    for p in all.iter().filter(|p| !p.parents.is_empty()) {
        if pupil_forms.len() != 2 || p.parents.len() == 1 {
            pupil_forms.push(p);
        }
        if pupil_forms.len() == 6 {
            break;
        }
    }
    assert_eq!(pupil_forms.len(), 6, "the demo class has the pupils needed");
    let mut used: Vec<&str> = pupil_forms
        .iter()
        .flat_map(|p| p.parents.iter().map(String::as_str))
        .collect();
    let mut parent_forms: Vec<&Pupil> = Vec::new();
    for wanted in [2, 1, 1, 1] {
        let p = all
            .iter()
            .find(|p| {
                p.first_parents_children == wanted
                    && p.parents.iter().all(|c| !used.contains(&c.as_str()))
            })
            .unwrap_or_else(|| panic!("a family whose first contact has {wanted} children"));
        used.extend(p.parents.iter().map(String::as_str));
        parent_forms.push(p);
    }
    let scanned = all
        .iter()
        .find(|p| !p.parents.is_empty() && p.parents.iter().all(|c| !used.contains(&c.as_str())))
        .expect("another family");
    Chosen {
        pupil_forms,
        parent_forms,
        scanned,
    }
}

/// Enters the six pupils' own forms; the presses each took.
async fn enter_pupil_forms(
    keys: &mut Keyboard<'_>,
    shots: &mut Screens,
    forms: &[&Pupil],
    on: &str,
) -> Vec<u32> {
    let client = keys.client;
    let mut per_form = Vec::new();
    // 1. The first form: the date is typed once.
    keys.text(&forms[0].typed).await;
    by_test_id(client, "batch-match").await;
    shot(client, shots, "type-ahead").await;
    keys.press(&[ENTER]).await;
    wait_for_attr(
        client,
        "[data-testid=\"batch-picked\"]",
        "data-person-id",
        &forms[0].id,
    )
    .await;
    wait_for_focus(client, "[data-testid=\"batch-signer\"]:checked").await;
    keys.press(&[TAB]).await;
    wait_for_focus(client, "#batch-date").await;
    keys.text(on).await;
    shot(client, shots, "pupil-form").await;
    save(keys, 1).await;
    per_form.push(keys.take());
    // 2. The same date again: the pupil and two Enters.
    take_pupil(keys, forms[1]).await;
    save(keys, 2).await;
    per_form.push(keys.take());
    // 3. Signed by the pupil only: the arrow moves to "no parent or carer yet".
    take_pupil(keys, forms[2]).await;
    wait_for_focus(client, "[data-testid=\"batch-signer\"]:checked").await;
    keys.press(&[ARROW_DOWN]).await;
    wait_for_focus(client, "[data-testid=\"batch-signer\"][value=\"\"]:checked").await;
    save(keys, 3).await;
    per_form.push(keys.take());
    // 4–6.
    for (i, p) in forms[3..].iter().enumerate() {
        take_pupil(keys, p).await;
        save(keys, 4 + i).await;
        per_form.push(keys.take());
    }
    per_form
}

/// Answers the photo questions with `answers` (y, n or a), one key each.
async fn answer(keys: &mut Keyboard<'_>, answers: &[&str]) {
    for k in answers {
        wait_for_open_question(keys.client).await;
        keys.press(&[k]).await;
    }
    wait_for_focus(keys.client, "#batch-date").await;
}

/// Enters the four parent agreements with their photo choices; the presses each took.
async fn enter_parent_forms(
    keys: &mut Keyboard<'_>,
    shots: &mut Screens,
    forms: &[&Pupil],
) -> Vec<u32> {
    let client = keys.client;
    let mut per_form = Vec::new();
    // Moving to them (Shift+Tab to the choice of forms, an arrow, Tab back)
    // counts towards the first.
    keys.press(&[SHIFT, TAB]).await;
    wait_for_focus(client, "[data-testid=\"batch-form-pupil\"]").await;
    keys.press(&[ARROW_DOWN]).await;
    wait_for_focus(client, "[data-testid=\"batch-form-parent\"]:checked").await;
    keys.press(&[TAB]).await;
    // 7. A parent of two: yes to everything for both children, a key each.
    take_pupil(keys, forms[0]).await;
    wait_for_open_question(client).await;
    keys.press(&["a"]).await;
    wait_for_open_question(client).await;
    shot(client, shots, "parent-choices").await;
    answer(keys, &["a"]).await;
    save(keys, 7).await;
    per_form.push(keys.take());
    // 8. Yes to the website, print and social media, no to the local press, yes to the rest.
    // 9. No to the website, yes to the rest.
    // 10. Yes to everything.
    for (i, answers) in [&["y", "y", "y", "n", "a"][..], &["n", "a"], &["a"]]
        .into_iter()
        .enumerate()
    {
        take_pupil(keys, forms[1 + i]).await;
        answer(keys, answers).await;
        save(keys, 8 + i).await;
        per_form.push(keys.take());
    }
    per_form
}

/// The ten agreements, each on paper with the date written on the form, and
/// the parents' choices as they were keyed.
fn check_ten_recorded(db: &Path, chosen: &Chosen<'_>, on_stored: &str) {
    for (i, p) in chosen.pupil_forms.iter().enumerate() {
        // The third was signed by the pupil alone.
        let signatures = if i == 2 { 1 } else { 2 };
        assert_eq!(
            count(
                db,
                &format!(
                    "SELECT count(*) FROM agreements a JOIN agreement_signatures s ON s.agreement_id = a.id
                     WHERE a.person_id = '{}' AND a.kind = 'ks2' AND s.method = 'paper'
                       AND s.signed_at = '{on_stored}'",
                    p.id
                )
            ),
            signatures,
            "form {}",
            i + 1
        );
    }
    let purposes = count(
        db,
        "SELECT count(*) FROM consent_purposes WHERE retired_at IS NULL",
    );
    for (i, p) in chosen.parent_forms.iter().enumerate() {
        let parent = &p.parents[0];
        assert_eq!(
            count(
                db,
                &format!(
                    "SELECT count(*) FROM agreements a JOIN agreement_signatures s ON s.agreement_id = a.id
                     WHERE a.person_id = '{parent}' AND a.kind = 'parent' AND s.method = 'paper'
                       AND s.role = 'self' AND s.signed_at = '{on_stored}'"
                )
            ),
            1
        );
        let (yes, no) = match i {
            0 => (2 * purposes, 0),
            1 | 2 => (purposes - 1, 1),
            _ => (purposes, 0),
        };
        for (answer, n) in [("yes", yes), ("no", no)] {
            assert_eq!(
                count(
                    db,
                    &format!(
                        "SELECT count(*) FROM consent_decisions d JOIN agreements a ON a.id = d.agreement_id
                         WHERE a.person_id = '{parent}' AND d.answer = '{answer}'"
                    )
                ),
                n,
                "form {} answers {answer}",
                7 + i
            );
        }
    }
    let press_no = count(
        db,
        &format!(
            "SELECT count(*) FROM consent_decisions d JOIN consent_purposes p ON p.id = d.purpose_id
             JOIN agreements a ON a.id = d.agreement_id
             WHERE a.person_id = '{}' AND p.code = 'press' AND d.answer = 'no'",
            chosen.parent_forms[1].parents[0]
        ),
    );
    assert_eq!(press_no, 1, "the local press is the one no");
    let people: Vec<String> = chosen
        .pupil_forms
        .iter()
        .map(|p| format!("'{}'", p.id))
        .chain(
            chosen
                .parent_forms
                .iter()
                .map(|p| format!("'{}'", p.parents[0])),
        )
        .collect();
    assert_eq!(
        count(
            db,
            &format!(
                "SELECT count(*) FROM agreements WHERE person_id IN ({}) AND recorded_by LIKE '%(office)'",
                people.join(", ")
            )
        ),
        10,
        "ten agreements, one for each form"
    );
}

/// The parent's signature for the third pupil arrives later: it is added to
/// the agreement the pupil signed, with no new agreement.
async fn parent_signs_later(keys: &mut Keyboard<'_>, db: &Path, pupil: &Pupil) {
    let client = keys.client;
    keys.press(&[SHIFT, TAB]).await;
    wait_for_focus(client, "[data-testid=\"batch-form-parent\"]").await;
    keys.press(&["\u{E013}"]).await; // Arrow up, back to the pupils' forms
    wait_for_focus(client, "[data-testid=\"batch-form-pupil\"]:checked").await;
    keys.press(&[TAB]).await;
    take_pupil(keys, pupil).await;
    wait_for_contains(
        client,
        "paper-batch",
        "adds the parent or carer's signature",
    )
    .await;
    save(keys, 11).await;
    assert_eq!(
        count(
            db,
            &format!(
                "SELECT count(*) FROM agreements WHERE person_id = '{}'",
                pupil.id
            )
        ),
        1
    );
}

/// A form the core refuses stays on screen, with the problem beside it; put
/// right, with a scan attached, it is saved.
async fn refused_then_scanned(
    keys: &mut Keyboard<'_>,
    shots: &mut Screens,
    db: &Path,
    scanned: &Pupil,
    on: &str,
) {
    let client = keys.client;
    keys.text(&scanned.typed).await;
    keys.press(&[ENTER]).await;
    by_test_id(client, "batch-picked").await;
    let date = by_test_id(client, "batch-date").await;
    date.clear().await.unwrap();
    date.send_keys(&format!("{}{ENTER}", day(5, "%d/%m/%Y")))
        .await
        .unwrap();
    wait_for_contains(client, "batch-problem", "in the future").await;
    wait_for_attr(
        client,
        "[data-testid=\"batch-picked\"]",
        "data-person-id",
        &scanned.id,
    )
    .await;
    wait_for_text(client, "batch-entered-count", "11").await;
    scroll_to(client, "[data-testid=\"batch-picked\"]").await;
    shot(client, shots, "refused").await;
    date.clear().await.unwrap();
    date.send_keys(on).await.unwrap();
    by_test_id(client, "batch-scan")
        .await
        .send_keys(&fixture("e2e/returned-form-scan.pdf"))
        .await
        .unwrap();
    wait_for_contains(client, "batch-scan-note", "returned-form-scan.pdf").await;
    click(client, "batch-save").await;
    wait_for_text(client, "batch-entered-count", "12").await;
    assert_eq!(
        count(
            db,
            &format!(
                "SELECT count(*) FROM agreement_scans s JOIN agreements a ON a.id = s.agreement_id
                 WHERE a.person_id = '{}'",
                scanned.id
            )
        ),
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_office_enters_ten_returned_forms_by_keyboard_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    let class = "Oak";
    let all = pupils(&db, class);
    let chosen = choose(&all);

    let driver = Driver::start();
    let client = driver.launch_as(&db, "office").await;
    let mut shots = Screens::new("batch");
    open_class(&client, class).await;
    click(&client, "batch-open").await;
    by_test_id(&client, "paper-batch").await;
    wait_for_focus(&client, "#batch-pupil").await;
    shot(&client, &mut shots, "empty").await;

    let mut keys = Keyboard {
        client: &client,
        pressed: 0,
    };
    let on = day(-3, "%d/%m/%Y");
    let on_stored = format!("{}T00:00:00.000Z", day(-3, "%Y-%m-%d"));

    // A name nobody in the class has is said so under the box, and nothing is picked.
    keys.text("Zzyzx").await;
    keys.press(&[ENTER]).await;
    wait_for_contains(&client, "batch-pupil-error", "Nobody in Oak matches").await;
    for _ in 0..5 {
        keys.press(&["\u{E003}"]).await; // Backspace
    }
    keys.take();

    let mut per_form = enter_pupil_forms(&mut keys, &mut shots, &chosen.pupil_forms, &on).await;
    per_form.extend(enter_parent_forms(&mut keys, &mut shots, &chosen.parent_forms).await);
    scroll_to(&client, "[data-testid=\"batch-entered\"]").await;
    shot(&client, &mut shots, "ten-entered").await;
    eprintln!("key presses per form beyond names and dates: {per_form:?}");
    assert_eq!(per_form.len(), 10);
    assert!(
        per_form.iter().all(|&n| n <= TARGET),
        "every form takes {TARGET} key presses or fewer: {per_form:?}"
    );
    check_ten_recorded(&db, &chosen, &on_stored);

    parent_signs_later(&mut keys, &db, chosen.pupil_forms[2]).await;
    refused_then_scanned(&mut keys, &mut shots, &db, chosen.scanned, &on).await;

    // Back on the class list, every pupil whose own form was entered has signed.
    click(&client, "batch-back").await;
    by_test_id(&client, "class-list").await;
    for p in chosen.pupil_forms.iter().chain([&chosen.scanned]) {
        wait_for_attr(&client, &row_css(&p.id), "data-status", "signed").await;
    }
    shot(&client, &mut shots, "class-after").await;
    client.close().await.unwrap();
}
