//! Names in every script a school's families write, and the status symbols,
//! draw in real glyphs in the real window, from the fonts built into the app:
//! never as missing-glyph boxes, and never only because this PC has a font. The
//! same check catches a text whose font is taken away, so it can fail.

use std::path::Path;

use assent_e2e::fonts::{BUILT_IN, Probe, Target, hide, probe, root_stack, system_font_has};
use assent_e2e::signing::{open_class, type_into, wait_for_attr};
use assent_e2e::{Driver, Screens, by_test_id, click, fail, run_cli, scroll_to, shot};
use fantoccini::{Client, Locator};

/// A fictional name or two in each script, and the status symbols.
const SAMPLES: [(&str, &str); 12] = [
    (
        "Latin with diacritics",
        "Zoë Łukasiewicz-Ødegård, Ștefan Yılmaz, Jiří Dvořák, Siobhán Ní Bhriain",
    ),
    ("Vietnamese", "Nguyễn Thị Hằng, Trần Quốc Vượng"),
    ("Greek", "Ελένη Παππά, Νίκος Γεωργίου"),
    ("Cyrillic", "Олена Петренко, Юрій Шевчук"),
    ("Arabic", "ليلى الحسيني، يوسف حداد، عائشہ خان"),
    ("Hebrew", "יעל כהן, נועם לוי"),
    ("Bengali", "আয়েশা চৌধুরী, অর্জুন সরকার"),
    ("Devanagari", "अनन्या शर्मा, रोहन वर्मा"),
    ("Chinese", "王芳, 李伟, 陈静怡"),
    ("Japanese", "佐藤さくら, 田中ゆうと"),
    ("Korean", "김민준, 박서연"),
    ("Status symbols", "✓ ✗ ⌛ ⛔ ◐ ↻ ⊘ ○ ← →"),
];

/// Codepoints that no font has: what the check must catch.
const UNCOVERED: &str = "\u{10FFFC}\u{10FFFB}";

fn samples() -> Vec<Target<'static>> {
    SAMPLES
        .iter()
        .map(|(label, text)| Target::Sample { label, text })
        .collect()
}

async fn all_draw(client: &Client, found: &Probe, what: &str) {
    if !found.problems.is_empty() {
        fail(
            client,
            &format!(
                "{what} do not all draw in the app's fonts:\n{}",
                found.problems.join("\n")
            ),
        )
        .await;
    }
}

/// The check itself catches text that has no font: codepoints no font has, and
/// each sample with the app's fonts taken out of the stack.
async fn the_check_can_fail(client: &Client) {
    let found = probe(
        client,
        &[Target::Sample {
            label: "Uncovered",
            text: UNCOVERED,
        }],
        &[],
        false,
    )
    .await;
    assert!(
        found
            .problems
            .iter()
            .any(|p| p.starts_with("Uncovered") && p.contains("missing-glyph boxes")),
        "the check did not see codepoints no font has as boxes: {found:?}"
    );
    assert!(
        found.problems.iter().any(|p| p.contains("U+10FFFC")),
        "the check did not name U+10FFFC as uncovered: {found:?}"
    );

    let without = probe(client, &samples(), &BUILT_IN, false).await;
    let mut boxes = 0;
    for (label, text) in SAMPLES {
        let mine: Vec<&String> = without
            .problems
            .iter()
            .filter(|p| p.starts_with(&format!("{label}: ")))
            .collect();
        assert!(
            mine.iter()
                .any(|p| p.contains("no font built into the app")),
            "{label} without the app's fonts was not caught: {:?}",
            without.problems
        );
        // A character that no font on this PC has can then only draw as a box,
        // and the pixel check must see it.
        for c in text
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation())
        {
            if system_font_has(c) == Some(false) {
                let code = format!("(U+{:04X}) draws as a missing-glyph box", u32::from(c));
                assert!(
                    mine.iter().any(|p| p.contains(&code)),
                    "{label} without the app's fonts: no font on this PC has {c}, so it draws as a box, but the check did not see it: {mine:?}"
                );
                boxes += 1;
            }
        }
    }
    eprintln!(
        "without the app's fonts, {boxes} sample characters draw as boxes here, and each is caught"
    );
}

/// One staff member with an agreement signed last school year: with yearly
/// renewal on, their status is Expired.
fn an_expired_agreement(db: &Path) -> String {
    let (person, name): (String, String) = assent_e2e::store(db)
        .inspect()
        .query_row(
            "SELECT id, given_name || ' ' || family_name FROM people WHERE kind = 'staff'
             ORDER BY family_name, given_name LIMIT 1",
            (),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    run_cli(
        db,
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
    run_cli(db, &["settings", "agreement-renewal", "annual"]);
    person
}

/// The classes with a pupil whose name is written in another script, the
/// class with the most of them first.
fn classes_with_other_scripts(db: &Path) -> Vec<String> {
    let store = assent_e2e::store(db);
    let conn = store.inspect();
    let mut stmt = conn
        .prepare(
            "SELECT class_name, given_name || family_name FROM people
             WHERE kind = 'pupil' AND class_name IS NOT NULL",
        )
        .unwrap();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for row in stmt
        .query_map((), |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
    {
        let (class, name) = row.unwrap();
        // Latin letters, with or without diacritics, are below U+0250 or in U+1E00–U+1EFF.
        let latin = |c: char| c <= '\u{024F}' || ('\u{1E00}'..='\u{1EFF}').contains(&c);
        if name.chars().any(|c| c.is_alphabetic() && !latin(c)) {
            match counts.iter_mut().find(|(c, _)| *c == class) {
                Some((_, n)) => *n += 1,
                None => counts.push((class, 1)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts.into_iter().map(|(c, _)| c).collect()
}

/// In kiosk mode on `class`, the letters and the names under a letter of another script draw.
async fn kiosk_draws(client: &Client, shots: &mut Screens, class: &str) {
    open_class(client, class).await;
    click(client, "kiosk-open").await;
    type_into(client, "kiosk-secret", "2468").await;
    type_into(client, "kiosk-secret-again", "2468").await;
    click(client, "kiosk-go").await;
    by_test_id(client, "kiosk-letters").await;
    let found = probe(
        client,
        &[Target::Css("[data-testid=\"kiosk-letter\"]")],
        &[],
        false,
    )
    .await;
    all_draw(client, &found, "The kiosk's letters").await;
    let mut other = None;
    for letter in client
        .find_all(Locator::Css("[data-testid=\"kiosk-letter\"]"))
        .await
        .unwrap()
    {
        let l = letter
            .attr("data-letter")
            .await
            .unwrap()
            .unwrap_or_default();
        if !l.is_ascii() {
            other = Some(letter);
            break;
        }
    }
    let Some(letter) = other else {
        fail(
            client,
            &format!("{class} offers no letter of another script"),
        )
        .await
    };
    shot(client, shots, "kiosk-letters").await;
    letter.click().await.unwrap();
    by_test_id(client, "kiosk-names").await;
    let found = probe(
        client,
        &[Target::Css("[data-testid=\"kiosk-person\"]")],
        &[],
        false,
    )
    .await;
    all_draw(client, &found, "The kiosk's names").await;
    assert!(found.checked > 0, "no names were probed in the kiosk");
    shot(client, shots, "kiosk-names").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn names_in_every_script_and_the_status_symbols_draw_in_the_apps_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    let expired = an_expired_agreement(&db);
    let classes = classes_with_other_scripts(&db);

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("fonts");
    by_test_id(&client, "page-dashboard").await;

    // The app's stack lists every built-in family before the PC's own fonts.
    let stack = root_stack(&client).await;
    let mut at = 0;
    for family in BUILT_IN {
        match stack[at..].find(family) {
            Some(i) => at += i + family.len(),
            None => {
                panic!("the window's font stack lacks {family}, or lists it out of order: {stack}")
            }
        }
    }

    let found = probe(&client, &samples(), &[], true).await;
    assert_eq!(found.checked, SAMPLES.len() as u64);
    shot(&client, &mut shots, "samples").await;
    hide(&client).await;
    all_draw(&client, &found, "The sample names").await;
    the_check_can_fail(&client).await;

    // The Expired status, and every other one, where staff see them.
    click(&client, "nav-signing").await;
    by_test_id(&client, "signing-group")
        .await
        .select_by_value("kind:staff")
        .await
        .unwrap();
    wait_for_attr(
        &client,
        &format!("[data-testid=\"status-row\"][data-person-id=\"{expired}\"]"),
        "data-status",
        "expired",
    )
    .await;
    let found = probe(
        &client,
        &[
            Target::Css("[data-testid=\"status-word\"]"),
            Target::Css("[data-testid=\"status-row\"] th"),
        ],
        &[],
        false,
    )
    .await;
    all_draw(&client, &found, "The staff's names and statuses").await;
    shot(&client, &mut shots, "staff-expired").await;

    // The demo school's own names, in each class that has names in other scripts.
    let mut seen: Vec<String> = Vec::new();
    for class in &classes {
        open_class(&client, class).await;
        let found = probe(
            &client,
            &[Target::Css("[data-testid=\"status-row\"] th")],
            &[],
            false,
        )
        .await;
        all_draw(&client, &found, &format!("The names in {class}")).await;
        seen.extend(found.scripts);
    }
    for script in [
        "Latin",
        "Greek",
        "Cyrillic",
        "Arabic",
        "Hebrew",
        "Bengali",
        "Devanagari",
        "Han",
        "Hiragana",
        "Hangul",
    ] {
        assert!(
            seen.iter().any(|s| s == script),
            "the demo school shows no name in {script} script (saw {seen:?})"
        );
    }
    let first = classes
        .first()
        .expect("a class with names in other scripts");
    open_class(&client, first).await;
    // Names in other scripts sort last.
    scroll_to(&client, "[data-testid=\"status-row\"]:nth-last-child(6)").await;
    shot(&client, &mut shots, "class-names").await;

    kiosk_draws(&client, &mut shots, first).await;
    client.close().await.unwrap();
}
