//! The account settings in the real window, on a school just made with
//! `assent init`, as the IT technician: the Accounts page says that the
//! domains are missing and leads to the settings (never to a command-line
//! flag); a wrong domain is shown beside its box; the username pattern being
//! typed is tried on five pupils on roll before it is saved; once saved, the
//! export works from the window.

// The test follows one technician's first morning, which reads best as one story.
#![allow(clippy::too_many_lines)]

use std::path::Path;

use assent_core::accounts::{self, GOOGLE_HEADERS, PasswordStyle};
use assent_core::agreements::{self, Method, SignRequest, SignatureInput, SignerRole};
use assent_core::auth::Role;
use assent_core::people::{self, PersonInput, PersonKind};
use assent_core::templates::{self, TemplateKind};
use assent_core::users::{self, NewUser};
use assent_e2e::signing::wait_for_contains;
use assent_e2e::{
    Driver, PASSWORD, Screens, by_test_id, click, init_school, scroll_to, shot, store,
    wait_for_count, wait_for_css, wait_until_gone,
};
use fantoccini::{Client, Locator};

/// Pupils on roll, in the order the school lists them (by family name), then one more.
const PUPILS: [(&str, &str); 6] = [
    ("Aoife", "Brennan"),
    ("Kwame", "Darko"),
    ("Ines", "Ferreira"),
    ("Jonah", "Hartley"),
    ("Maja", "Kowalczyk"),
    ("Tilly", "Whitmore"),
];

/// A fresh school with an IT technician, six pupils, and two members of
/// staff of whom one has signed the staff agreement: (signed, unsigned).
fn fresh_school(db: &Path) -> (String, String) {
    init_school(db, "Hazel Bank Primary School");
    let mut s = store(db);
    users::add(
        &mut s,
        &NewUser {
            username: "it".into(),
            display_name: "Ravi Technician".into(),
            role: Role::It,
            password: PASSWORD.into(),
            classes: Vec::new(),
        },
    )
    .unwrap();
    for (given, family) in PUPILS {
        people::add(
            &mut s,
            &PersonInput {
                kind: Some(PersonKind::Pupil),
                given_name: given.into(),
                family_name: family.into(),
                year_group: Some("Year 4".into()),
                class: Some("Hawthorn".into()),
                admission_date: Some("2022-09-05".into()),
                ..PersonInput::default()
            },
        )
        .unwrap();
    }
    let mut staff = Vec::new();
    for (given, family) in [("Nadia", "Okafor-Lewis"), ("Colm", "Reilly")] {
        let id = people::add(
            &mut s,
            &PersonInput {
                kind: Some(PersonKind::Staff),
                given_name: given.into(),
                family_name: family.into(),
                role: Some("Class teacher".into()),
                start_date: Some("2020-09-01".into()),
                ..PersonInput::default()
            },
        )
        .unwrap()
        .summary
        .id;
        staff.push((id, format!("{given} {family}")));
    }
    let (signed, name) = &staff[0];
    let current = templates::version(&s, TemplateKind::Staff, None).unwrap();
    agreements::sign(
        &mut s,
        &SignRequest {
            submission_id: "sub-e2e-account-settings".into(),
            person_id: signed.clone(),
            kind: TemplateKind::Staff,
            version: current.version,
            template_sha256: current.sha256,
            signatures: vec![SignatureInput {
                role: SignerRole::Themselves,
                signer_person_id: None,
                signer_name: name.clone(),
                method: Method::Typed,
                agreed: true,
                image_png: None,
                strokes: None,
                signed_on: None,
            }],
            scan: None,
            device: "Office PC".into(),
            consents: Vec::new(),
        },
    )
    .unwrap();
    (signed.clone(), staff[1].0.clone())
}

/// Replaces what the box with `data-testid` = `id` holds with `text`.
async fn type_into(client: &Client, id: &str, text: &str) {
    let field = by_test_id(client, id).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// The addresses the preview of `group` shows now.
async fn preview(client: &Client, group: &str) -> Vec<String> {
    let css = format!(
        "[data-testid=\"username-preview-{group}\"] [data-testid=\"username-example-address\"]"
    );
    let mut out = Vec::new();
    for el in client.find_all(Locator::Css(&css)).await.unwrap() {
        out.push(el.text().await.unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn on_a_new_school_the_technician_sets_the_accounts_up_in_the_window_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fresh.db");
    let (signed, unsigned) = fresh_school(&db);
    assert_eq!(
        accounts::settings(&store(&db)).unwrap(),
        accounts::AccountSettings::default(),
        "nothing is set yet"
    );

    let driver = Driver::start();
    let client = driver.launch_as(&db, "it").await;
    let mut shots = Screens::new("account-settings");
    click(&client, "nav-accounts").await;
    by_test_id(&client, "page-accounts").await;

    // No domain yet: the page says so in its own words, and so does a refused export.
    let notice = wait_for_css(
        &client,
        "[data-testid=\"accounts-domains-missing\"]",
        "email domain for pupils and staff",
    )
    .await;
    assert!(!notice.contains("--"), "no command-line flag: {notice}");
    scroll_to(&client, "[data-testid=\"page-accounts\"]").await;
    shot(&client, &mut shots, "domains-missing").await;
    let out = dir.path().join("google-accounts.csv");
    type_into(&client, "export-path", &out.display().to_string()).await;
    click(&client, "export-run").await;
    let refused = wait_for_css(
        &client,
        "[data-testid=\"accounts-export-form\"] [role=\"alert\"]",
        "Nothing has been exported",
    )
    .await;
    assert!(refused.contains("Account settings"), "{refused}");
    assert!(!refused.contains("--"), "no command-line flag: {refused}");
    assert!(!refused.contains("assent "), "no command: {refused}");
    assert!(!out.exists());
    scroll_to(
        &client,
        "[data-testid=\"accounts-export-form\"] [role=\"alert\"]",
    )
    .await;
    shot(&client, &mut shots, "export-refused").await;

    // The refusal leads to the settings page.
    click(&client, "export-open-settings").await;
    by_test_id(&client, "page-account-settings").await;
    by_test_id(&client, "account-settings-form").await;

    // The default pattern is tried on the first five pupils on roll, by family name.
    wait_for_count(
        &client,
        "[data-testid=\"username-preview-pupils\"] [data-testid=\"username-example\"]",
        5,
    )
    .await;
    wait_for_css(
        &client,
        "[data-testid=\"username-preview-pupils\"]",
        "aoifeb22",
    )
    .await;
    let first = wait_for_css(
        &client,
        "[data-testid=\"username-preview-pupils\"]",
        "Maja Kowalczyk",
    )
    .await;
    assert!(!first.contains("Tilly Whitmore"), "five, not six: {first}");

    // A new pattern, not yet saved, and a domain: the preview follows as they are typed.
    type_into(
        &client,
        "account-pupils-pattern",
        "{forename}.{surname}{yy}",
    )
    .await;
    type_into(&client, "account-pupils-domain", "pupils.hazelbank.sch.uk").await;
    wait_for_css(
        &client,
        "[data-testid=\"username-preview-pupils\"]",
        "aoife.brennan22@pupils.hazelbank.sch.uk",
    )
    .await;
    let addresses = preview(&client, "pupils").await;
    assert_eq!(
        addresses,
        [
            "aoife.brennan22@pupils.hazelbank.sch.uk",
            "kwame.darko22@pupils.hazelbank.sch.uk",
            "ines.ferreira22@pupils.hazelbank.sch.uk",
            "jonah.hartley22@pupils.hazelbank.sch.uk",
            "maja.kowalczyk22@pupils.hazelbank.sch.uk",
        ]
    );
    assert_eq!(
        accounts::settings(&store(&db)).unwrap().pupils.pattern,
        "{forename}{surname_initial}{yy}",
        "the preview saved nothing"
    );

    // A pattern that cannot be used is said beside it, as it is typed.
    type_into(&client, "account-staff-pattern", "{initial}.{dept}").await;
    wait_for_css(
        &client,
        "[data-testid=\"username-preview-staff-problem\"]",
        "{dept} is not a placeholder",
    )
    .await;
    type_into(&client, "account-staff-pattern", "{initial}.{surname}").await;
    wait_for_css(
        &client,
        "[data-testid=\"username-preview-staff\"]",
        "n.okaforlewis",
    )
    .await;

    // A wrong domain is refused beside its box, with nothing saved.
    type_into(&client, "account-staff-domain", "hazelbank").await;
    click(&client, "account-settings-save").await;
    let problem = wait_for_css(
        &client,
        "[data-testid=\"account-staff-domain-error\"]",
        "is not a domain name",
    )
    .await;
    assert!(!problem.contains("--"), "{problem}");
    wait_for_css(
        &client,
        "[data-testid=\"account-settings-problems\"]",
        "Staff: email domain",
    )
    .await;
    shot(&client, &mut shots, "wrong-domain").await;
    assert_eq!(
        accounts::settings(&store(&db)).unwrap().pupils.domain,
        "",
        "nothing was saved"
    );

    // Put right, with the slips' options, and saved.
    type_into(&client, "account-staff-domain", "hazelbank.sch.uk").await;
    wait_until_gone(
        &client,
        "[data-testid=\"account-staff-domain-error\"]",
        "the problem goes once the box is typed in",
    )
    .await;
    click(&client, "account-staff-password-words").await;
    type_into(&client, "account-slips-sign-in-at", "classroom.google.com").await;
    wait_for_css(
        &client,
        "[data-testid=\"username-preview-staff\"]",
        "n.okaforlewis@hazelbank.sch.uk",
    )
    .await;
    scroll_to(&client, "[data-testid=\"page-account-settings\"]").await;
    shot(&client, &mut shots, "settings").await;
    scroll_to(&client, "[data-testid=\"account-group-staff\"]").await;
    shot(&client, &mut shots, "staff-settings").await;
    click(&client, "account-settings-save").await;
    wait_for_contains(&client, "account-settings-status", "Account settings saved").await;
    let saved = accounts::settings(&store(&db)).unwrap();
    assert_eq!(saved.pupils.pattern, "{forename}.{surname}{yy}");
    assert_eq!(saved.pupils.domain, "pupils.hazelbank.sch.uk");
    assert_eq!(saved.staff.domain, "hazelbank.sch.uk");
    assert_eq!(saved.staff.password, PasswordStyle::Words);
    assert_eq!(saved.slips.sign_in_at, "classroom.google.com");

    // Back on the Accounts page, nothing is missing any more, and the export works.
    click(&client, "account-settings-back").await;
    by_test_id(&client, "page-accounts").await;
    wait_for_css(&client, "[data-testid=\"accounts-export-form\"]", "Export").await;
    wait_until_gone(
        &client,
        "[data-testid=\"accounts-domains-missing\"]",
        "every group listed has a domain now",
    )
    .await;
    type_into(&client, "export-path", &out.display().to_string()).await;
    click(&client, "export-format-google").await;
    click(&client, "export-run").await;
    by_test_id(&client, "export-done").await;
    shot(&client, &mut shots, "exported").await;
    client.close().await.unwrap();

    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().next().unwrap(), GOOGLE_HEADERS.join(","));
    let rows = accounts::status(&store(&db)).unwrap();
    let email = |id: &str| {
        rows.iter()
            .find(|r| r.person_id == id)
            .and_then(|r| r.email.clone())
            .unwrap()
    };
    assert_eq!(email(&signed), "n.okaforlewis@hazelbank.sch.uk");
    let line = text
        .lines()
        .find(|l| l.contains(&email(&signed)))
        .expect("the member of staff who signed is in the file");
    let password = line.split(',').nth(3).unwrap();
    assert_eq!(
        password.split('-').count(),
        3,
        "words, as the settings now say: {password}"
    );
    assert!(
        !text.contains(&email(&unsigned)),
        "the one who has not signed is not"
    );
    assert_eq!(text.lines().count(), 2, "one account: {text}");
}
