//! Steps shared by the signing tests: choosing a class, drawing on the pad with
//! real pointer input, calling a command from the page, and reading the rows.

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::actions::{
    InputSource, KeyAction, KeyActions, MOUSE_BUTTON_LEFT, MouseActions, PointerAction,
};
use fantoccini::elements::Element;
use fantoccini::{Client, Locator};

use crate::{Screens, UI_TIMEOUT, by_test_id, click, workspace_root};

/// The pupils of `class` who have a contact with parental responsibility, in list order.
pub fn pupils_with_parents(db: &Path, class: &str) -> Vec<String> {
    let store = crate::store(db);
    let conn = store.inspect();
    let mut stmt = conn
        .prepare(
            "SELECT p.id FROM people p WHERE p.class_name = ?1
               AND EXISTS (SELECT 1 FROM contact_links l WHERE l.pupil_id = p.id AND l.parental_responsibility = 1)
             ORDER BY p.family_name, p.given_name, p.id",
        )
        .unwrap();
    stmt.query_map([class], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The CSS for one person's row of the class list.
pub fn row_css(person: &str) -> String {
    format!("[data-testid=\"status-row\"][data-person-id=\"{person}\"]")
}

/// Waits until the first element matching `css` has `attr` = `value`.
pub async fn wait_for_attr(client: &Client, css: &str, attr: &str, value: &str) {
    let deadline = Instant::now() + UI_TIMEOUT;
    let mut last = None;
    while Instant::now() < deadline {
        if let Ok(el) = client.find(Locator::Css(css)).await {
            last = el.attr(attr).await.unwrap_or_default();
            if last.as_deref() == Some(value) {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    crate::fail(
        client,
        &format!("{css} has {attr}={last:?}, expected {value:?}"),
    )
    .await;
}

/// Waits until the element with `data-testid` = `id` shows text containing `needle`.
pub async fn wait_for_contains(client: &Client, id: &str, needle: &str) -> String {
    crate::wait_for_css(client, &format!("[data-testid=\"{id}\"]"), needle).await
}

/// Draws a signature on the pad with real pointer input: down, a wavy line, up, then a second stroke.
pub async fn draw(client: &Client) {
    let pad = by_test_id(client, "signature-pad").await;
    let mut pen = MouseActions::new("pen".into())
        .then(PointerAction::MoveToElement {
            element: pad.clone(),
            duration: None,
            x: -160.0,
            y: 10.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        });
    for i in 1..=16 {
        let dy = if i % 2 == 0 { -18.0 } else { 18.0 };
        pen = pen.then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(15)),
            x: 18.0,
            y: dy,
        });
    }
    pen = pen
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveToElement {
            element: pad,
            duration: None,
            x: -120.0,
            y: 30.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(60)),
            x: 220.0,
            y: 0.0,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    client.perform_actions(pen).await.unwrap();
}

/// Calls an app command straight from the page, as a curious user might; the
/// error kind it is refused with, or "ok".
pub async fn invoke(client: &Client, command: &str, args: serde_json::Value) -> String {
    let out = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
               .then(() => done('ok'), (e) => done(e && e.kind ? e.kind : String(e)));",
            vec![serde_json::Value::String(command.to_owned()), args],
        )
        .await
        .unwrap();
    out.as_str().unwrap_or_default().to_owned()
}

/// Opens the Signing page on `class` and waits for its list.
pub async fn open_class(client: &Client, class: &str) {
    click(client, "nav-signing").await;
    by_test_id(client, "page-signing").await;
    by_test_id(client, "signing-group")
        .await
        .select_by_value(&format!("class:{class}"))
        .await
        .unwrap();
    let title = by_test_id(client, "signing-title").await;
    let deadline = Instant::now() + UI_TIMEOUT;
    while title.text().await.unwrap_or_default() != class {
        assert!(Instant::now() < deadline, "{class} never chosen");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    by_test_id(client, "class-list").await;
}

/// Starts signing the person on that row of the class list.
pub async fn open_row(client: &Client, person: &str) {
    client
        .find(Locator::Css(&format!(
            "{} [data-testid=\"sign-open\"]",
            row_css(person)
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    by_test_id(client, "sign-flow").await;
}

/// The first parent option on the parent step.
pub async fn choose_parent(client: &Client) {
    client
        .wait()
        .at_most(UI_TIMEOUT)
        .for_element(Locator::Css("[data-testid=\"parent-option\"] input"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Waits for the signature step of `role` (`pupil`, `parent`, `child_mark`, `self`).
pub async fn wait_for_step(client: &Client, role: &str) {
    client
        .wait()
        .at_most(UI_TIMEOUT)
        .for_element(Locator::Css(&format!(
            "[data-testid=\"sign-step\"][data-role=\"{role}\"]"
        )))
        .await
        .unwrap_or_else(|e| panic!("no {role} step: {e}"));
}

/// Presses a key on the keyboard, wherever focus is.
pub async fn press(client: &Client, key: char) {
    let keys = KeyActions::new("keys".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    client.perform_actions(keys).await.unwrap();
}

/// Replaces the text of the input with `data-testid` = `id`.
pub async fn type_into(client: &Client, id: &str, text: &str) {
    let el: Element = by_test_id(client, id).await;
    el.clear().await.unwrap();
    el.send_keys(text).await.unwrap();
}

/// The absolute path of a file in `tests/fixtures`.
pub fn fixture(name: &str) -> String {
    workspace_root()
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// Finds `name` on the People page and opens their page.
pub async fn open_person(client: &Client, name: &str) {
    click(client, "nav-people").await;
    // The People page keeps the last search; start from an empty box.
    let search = by_test_id(client, "people-search").await;
    search.clear().await.unwrap();
    search.send_keys(name).await.unwrap();
    // Rows of the list before the search may still be on screen; clicking one as
    // the results replace them could miss, so wait for the search to finish.
    wait_for_attr(
        client,
        "[data-testid=\"people-results\"]",
        "aria-busy",
        "false",
    )
    .await;
    let deadline = Instant::now() + UI_TIMEOUT;
    loop {
        for el in client
            .find_all(Locator::Css("[data-testid=\"person-open\"]"))
            .await
            .unwrap_or_default()
        {
            if el.text().await.unwrap_or_default().contains(name) {
                el.click().await.unwrap();
                wait_for_contains(client, "person-name", name).await;
                return;
            }
        }
        if Instant::now() >= deadline {
            crate::fail(client, &format!("{name} is never listed")).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A parent with parental responsibility for two children on roll, and their name.
pub fn parent_of_two(db: &Path) -> (String, String) {
    crate::store(db)
        .inspect()
        .query_row(
            "SELECT p.id, p.given_name || ' ' || p.family_name FROM people p
             WHERE p.kind = 'parent' AND p.preferred_given_name IS NULL AND p.preferred_family_name IS NULL
               AND (SELECT count(*) FROM contact_links l WHERE l.contact_id = p.id AND l.parental_responsibility = 1) = 2
             ORDER BY p.family_name, p.given_name LIMIT 1",
            (),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

/// The parent `name` signs the parent agreement on their own page (typed),
/// after answering the photo questions for both children: yes to every purpose
/// but the local press. The choices come first: the signature step is not
/// offered before them, and going on with a question unanswered points it out.
/// Returns the closing message.
pub async fn parent_signs_with_photo_choices(
    client: &Client,
    shots: &mut Screens,
    name: &str,
) -> String {
    open_person(client, name).await;
    wait_for_contains(client, "person-agreement-status", "Not signed").await;
    click(client, "person-sign").await;
    by_test_id(client, "agreement-parent").await;
    click(client, "start-signing").await;
    by_test_id(client, "consent-step").await;
    assert!(
        client
            .find_all(Locator::Css("[data-testid=\"sign-step\"]"))
            .await
            .unwrap()
            .is_empty(),
        "the signature is not offered before the choices"
    );
    let children = client
        .find_all(Locator::Css("[data-testid=\"consent-child\"]"))
        .await
        .unwrap();
    assert_eq!(children.len(), 2);
    tokio::time::sleep(Duration::from_millis(400)).await;
    shots.save(client, "consent").await;
    // Going on to sign before every question is answered is refused, and each
    // question still unanswered says so.
    click(client, "consent-next").await;
    wait_for_contains(client, "consent-step", "Please answer every question").await;
    let questions = children[0]
        .find_all(Locator::Css("[data-purpose]"))
        .await
        .unwrap()
        .len();
    let marked = client
        .find_all(Locator::Css("[data-testid=\"consent-unanswered\"]"))
        .await
        .unwrap()
        .len();
    assert_eq!(
        marked,
        2 * questions,
        "every unanswered question is pointed out"
    );
    // All but one: only that one is still pointed out.
    for answer in children[0]
        .find_all(Locator::Css("[data-testid=\"consent-yes\"]"))
        .await
        .unwrap()
    {
        answer.click().await.unwrap();
    }
    for answer in children[1]
        .find_all(Locator::Css("[data-testid=\"consent-yes\"]"))
        .await
        .unwrap()
        .into_iter()
        .skip(1)
    {
        answer.click().await.unwrap();
    }
    click(client, "consent-next").await;
    wait_for_contains(client, "consent-step", "1 question has no answer").await;
    let still = client
        .find_all(Locator::Css("[data-unanswered]"))
        .await
        .unwrap();
    assert_eq!(still.len(), 1, "only the question left is pointed out");
    assert!(
        client
            .find_all(Locator::Css("[data-testid=\"sign-step\"]"))
            .await
            .unwrap()
            .is_empty(),
        "still no signature step"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    shots.save(client, "consent-unanswered").await;
    still[0]
        .find(Locator::Css("[data-testid=\"consent-yes\"]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    for child in &children {
        child
            .find(Locator::Css(
                "[data-purpose=\"press\"] [data-testid=\"consent-no\"]",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
    click(client, "consent-next").await;
    wait_for_step(client, "self").await;
    click(client, "method-typed").await;
    type_into(client, "typed-name", name).await;
    click(client, "typed-agree").await;
    click(client, "sign-submit").await;
    wait_for_contains(client, "sign-done", "Thank you").await
}

/// A person's name as the school uses it: preferred names where they have them.
pub fn person_name(db: &Path, person: &str) -> String {
    crate::store(db)
        .inspect()
        .query_row(
            "SELECT coalesce(preferred_given_name, given_name) || ' ' || coalesce(preferred_family_name, family_name) FROM people WHERE id = ?1",
            [person],
            |r| r.get(0),
        )
        .unwrap()
}

/// In kiosk mode, a child finds themselves: the first letter of their name, then their name.
pub async fn kiosk_pick(client: &Client, shots: Option<&mut Screens>, name: &str, person: &str) {
    let letter = name.chars().next().unwrap().to_uppercase().to_string();
    assert!(letter.is_ascii(), "{name} starts with a plain letter");
    client
        .wait()
        .at_most(UI_TIMEOUT)
        .for_element(Locator::Css(&format!(
            "[data-testid=\"kiosk-letter\"][data-letter=\"{letter}\"]"
        )))
        .await
        .unwrap_or_else(|e| panic!("no letter {letter}: {e}"))
        .click()
        .await
        .unwrap();
    let button = client
        .wait()
        .at_most(UI_TIMEOUT)
        .for_element(Locator::Css(&format!(
            "[data-testid=\"kiosk-person\"][data-person-id=\"{person}\"]"
        )))
        .await
        .unwrap_or_else(|e| panic!("{name} is not offered under {letter}: {e}"));
    if let Some(shots) = shots {
        crate::shot(client, shots, "kiosk-names").await;
    }
    button.click().await.unwrap();
    by_test_id(client, "sign-flow").await;
}

/// Whether the signature pad on screen has anything drawn on it.
pub async fn pad_has_ink(client: &Client) -> bool {
    by_test_id(client, "signature-pad").await;
    client
        .execute(
            "const c = document.querySelector('[data-testid=\"signature-pad\"]');
             const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
             for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
             return false;",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap()
}

/// How many boxes and buttons are ticked or chosen inside `css`.
pub async fn ticked(client: &Client, css: &str) -> usize {
    client
        .find_all(Locator::Css(&format!("{css} input:checked")))
        .await
        .unwrap()
        .len()
}
