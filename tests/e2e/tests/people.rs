//! The People pages in the real window: importing from the MIS, searching,
//! a person's page with their family, and adding and editing people.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assent_e2e::{
    Driver, Screens, UI_TIMEOUT, by_test_id, click, count, init_school, run_cli, scroll_to, store,
    wait_for_body_text, wait_for_text, wait_until_gone, workspace_root,
};
use fantoccini::{Client, Locator};

fn fixture(name: &str) -> PathBuf {
    workspace_root().join("tests/fixtures/import").join(name)
}

/// Every row of the tables an import or a form could touch, as text, plus the audit log's length.
fn snapshot(db: &Path) -> Vec<String> {
    let store = store(db);
    let conn = store.inspect();
    let mut out = Vec::new();
    for table in ["people", "contact_links"] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let rows = stmt
            .query_map((), |r| {
                let cells: Vec<String> = (0..r.len())
                    .map(|i| format!("{:?}", r.value(i).unwrap()))
                    .collect();
                Ok(format!("{table}: {}", cells.join(" | ")))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    let audit: i64 = conn
        .query_row("SELECT count(*) FROM audit_log", (), |r| r.get(0))
        .unwrap();
    out.push(format!("audit entries: {audit}"));
    out
}

/// Types into the input with this `id` attribute, replacing what it held.
async fn type_into(client: &Client, id: &str, text: &str) {
    let input = client
        .wait()
        .at_most(UI_TIMEOUT)
        .for_element(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("no input #{id}: {e}"));
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

async fn rows(client: &Client) -> Vec<String> {
    let mut out = Vec::new();
    for row in client
        .find_all(Locator::Css("[data-testid=\"person-row\"]"))
        .await
        .unwrap_or_default()
    {
        out.push(row.text().await.unwrap_or_default());
    }
    out
}

/// Waits until the people table's rows satisfy `ok`, and returns them.
async fn wait_for_rows(client: &Client, what: &str, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
    let deadline = Instant::now() + UI_TIMEOUT;
    let mut last = Vec::new();
    while Instant::now() < deadline {
        last = rows(client).await;
        let busy = client
            .find(Locator::Css(".results[aria-busy=\"true\"]"))
            .await
            .is_ok();
        if !busy && ok(&last) {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the people list never showed {what}; it showed {} rows: {last:?}",
        last.len()
    );
}

/// Clicks the button with `data-testid` = `id` whose text is `text`.
async fn click_named(client: &Client, id: &str, text: &str) {
    let deadline = Instant::now() + UI_TIMEOUT;
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        seen.clear();
        for el in client
            .find_all(Locator::Css(&format!("[data-testid=\"{id}\"]")))
            .await
            .unwrap_or_default()
        {
            let t = el.text().await.unwrap_or_default();
            if t.trim() == text {
                el.click().await.unwrap();
                return;
            }
            seen.push(t);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no [data-testid={id}] reads {text:?}; saw {seen:?}");
}

/// The import wizard's column-mapping select for the file's column number `index` (from 0).
async fn map_column(client: &Client, index: usize, field: &str) {
    client
        .wait()
        .at_most(UI_TIMEOUT)
        .for_element(Locator::Id(&format!("import-column-{index}")))
        .await
        .unwrap()
        .select_by_value(field)
        .await
        .unwrap();
}

async fn open_import_wizard(client: &Client, file: &Path) {
    open_import_wizard_for(client, "pupils", file).await;
}

async fn open_import_wizard_for(client: &Client, kind: &str, file: &Path) {
    click(client, "nav-people").await;
    by_test_id(client, "page-people").await;
    click(client, "people-import").await;
    by_test_id(client, "import-wizard").await;
    by_test_id(client, "import-kind")
        .await
        .select_by_value(kind)
        .await
        .unwrap();
    // WebKitWebDriver sets a file input from an absolute path typed into it.
    by_test_id(client, "import-file")
        .await
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
}

/// Search-as-you-type over the imported fixture's pupils, by names in three scripts.
async fn search_in_several_scripts(client: &Client, shots: &mut Screens) {
    // Search-as-you-type finds a pupil by the legal name in Chinese script…
    by_test_id(client, "people-search")
        .await
        .send_keys("王")
        .await
        .unwrap();
    let found = wait_for_rows(client, "only 芳 王", |r| r.len() == 1).await;
    assert!(found[0].contains("Fang Wang"), "{found:?}");
    assert!(
        found[0].contains("芳 王"),
        "the legal name is shown too: {found:?}"
    );
    wait_for_text(client, "people-count", "Showing 1 person").await;
    shots.save(client, "search-chinese").await;

    // …and by the preferred name, and the Arabic-script pupil by theirs.
    type_into(client, "people-search", "fang").await;
    let found = wait_for_rows(client, "Fang Wang by preferred name", |r| {
        r.len() == 1 && r[0].contains("Fang Wang")
    })
    .await;
    assert_eq!(found.len(), 1);
    type_into(client, "people-search", "الحسيني").await;
    wait_for_rows(client, "محمد الحسيني", |r| {
        r.len() == 1 && r[0].contains("Mo الحسيني")
    })
    .await;
    shots.save(client, "search-arabic").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn pupils_imported_from_a_csv_file_can_be_found_by_any_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("import.db");
    init_school(&db, "Larch Lane Primary School");
    let file = fixture("school-pupils.csv");
    let lines = std::fs::read_to_string(&file).unwrap().lines().count();
    let pupils_in_file = (lines - 1).to_string();

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("people-import");
    by_test_id(&client, "dashboard-school").await;

    click(&client, "nav-people").await;
    wait_for_body_text(&client, "There is nobody in the database yet.").await;
    shots.save(&client, "empty-list").await;

    open_import_wizard(&client, &file).await;
    shots.save(&client, "choose-file").await;
    click(&client, "import-next").await;

    // Every column is recognised, so the wizard goes straight to the preview.
    by_test_id(&client, "import-preview").await;
    wait_for_text(&client, "import-count-added", &pupils_in_file).await;
    for (id, expected) in [
        ("import-count-problems", "0"),
        ("import-count-changed", "0"),
        ("import-count-unchanged", "0"),
        ("import-count-leaving", "0"),
    ] {
        wait_for_text(&client, id, expected).await;
    }
    let added = by_test_id(&client, "import-added")
        .await
        .text()
        .await
        .unwrap();
    for name in ["Zoë O'Brien", "Fang Wang", "Mo الحسيني"] {
        assert!(added.contains(name), "{name} is listed to add: {added}");
    }
    assert!(
        by_test_id(&client, "import-apply")
            .await
            .is_enabled()
            .await
            .unwrap(),
        "a clean file can be imported"
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM people"),
        0,
        "the preview writes nothing"
    );
    shots.save(&client, "preview").await;

    click(&client, "import-apply").await;
    let done = by_test_id(&client, "import-done")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        done.contains(&format!("{pupils_in_file} records added")),
        "{done}"
    );
    shots.save(&client, "done").await;

    click(&client, "import-finish").await;
    by_test_id(&client, "page-people").await;
    let all = wait_for_rows(&client, "every imported pupil", |r| r.len() == lines - 1).await;
    assert!(all.iter().any(|r| r.contains("Zoë O'Brien")));
    shots.save(&client, "list").await;

    search_in_several_scripts(&client, &mut shots).await;
    client.close().await.unwrap();

    let store = store(&db);
    let conn = store.inspect();
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM people WHERE kind = 'pupil' AND leaving_date IS NULL"
        ),
        i64::try_from(lines - 1).unwrap()
    );
    let (preferred, upn, year, class): (String, String, String, String) = conn
        .query_row(
            "SELECT preferred_given_name, upn, year_group, class_name FROM people
             WHERE given_name = '芳' AND family_name = '王'",
            (),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (
            preferred.as_str(),
            upn.as_str(),
            year.as_str(),
            class.as_str()
        ),
        ("Fang", "F999200124006", "R", "Acorns")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn columns_the_mis_names_its_own_way_are_matched_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("columns.db");
    init_school(&db, "Larch Lane Primary School");
    let file = workspace_root().join("tests/fixtures/e2e/pupils-own-headers.csv");

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("people-columns");
    by_test_id(&client, "dashboard-school").await;
    open_import_wizard(&client, &file).await;
    click(&client, "import-next").await;

    // Three required fields have no column yet: the mapping step says so.
    let missing = by_test_id(&client, "import-missing")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        missing.contains("Legal Forename, Legal Surname, Year Group"),
        "{missing}"
    );
    let recognised = client
        .find(Locator::Id("import-column-3"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        recognised.as_deref(),
        Some("Preferred Forename"),
        "“Known As” is recognised"
    );
    shots.save(&client, "missing").await;

    // Columns: Pupil ID, First, Last, Known As, Birthday, Curriculum Group, Tutor, Notes.
    map_column(&client, 1, "Legal Forename").await;
    map_column(&client, 2, "Legal Surname").await;
    map_column(&client, 4, "Date of Birth").await;
    map_column(&client, 5, "Year Group").await;
    map_column(&client, 6, "Reg Group").await;
    wait_until_gone(
        &client,
        "[data-testid=\"import-missing\"]",
        "the required fields are still missing",
    )
    .await;
    shots.save(&client, "mapped").await;

    click(&client, "import-columns-next").await;
    wait_for_text(&client, "import-count-added", "5").await;
    wait_for_text(&client, "import-count-problems", "0").await;
    let body = wait_for_body_text(&client, "“Notes”").await;
    assert!(body.contains("This column will be left out"), "{body}");
    shots.save(&client, "preview").await;
    assert_eq!(count(&db, "SELECT count(*) FROM people"), 0);

    click(&client, "import-apply").await;
    by_test_id(&client, "import-done").await;
    client.close().await.unwrap();

    let (dob, year, class): (String, String, String) = store(&db)
        .inspect()
        .query_row(
            "SELECT date_of_birth, year_group, class_name FROM people
             WHERE given_name = 'Саша' AND family_name = 'Петрова'",
            (),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (dob.as_str(), year.as_str(), class.as_str()),
        ("2019-02-02", "Y2", "Cedar")
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM people WHERE preferred_given_name = 'Immy' AND mis_id = '7101'"
        ),
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn contacts_imported_after_their_pupils_show_on_the_pupils_pages() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("contacts.db");
    init_school(&db, "Larch Lane Primary School");
    run_cli(
        &db,
        &[
            "import",
            "pupils",
            fixture("school-pupils.csv").to_str().unwrap(),
        ],
    );
    let file = fixture("school-contacts.csv");
    let rows = std::fs::read_to_string(&file).unwrap().lines().count() - 1;

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("people-contacts");
    by_test_id(&client, "dashboard-school").await;
    open_import_wizard_for(&client, "contacts", &file).await;
    assert!(
        client
            .find(Locator::Css("[data-testid=\"import-roll\"]"))
            .await
            .is_err(),
        "only a pupil file can be the full roll"
    );
    click(&client, "import-next").await;
    wait_for_text(&client, "import-count-added", &rows.to_string()).await;
    wait_for_text(&client, "import-count-problems", "0").await;
    let added = by_test_id(&client, "import-added")
        .await
        .text()
        .await
        .unwrap();
    assert!(added.contains("for Fang Wang (Father)"), "{added}");
    shots.save(&client, "preview").await;
    click(&client, "import-apply").await;
    by_test_id(&client, "import-done").await;
    click(&client, "import-finish").await;

    by_test_id(&client, "people-search")
        .await
        .send_keys("Zoë")
        .await
        .unwrap();
    wait_for_rows(&client, "Zoë and her family", |r| {
        r.iter()
            .any(|row| row.contains("Zoë O'Brien") && row.contains("Pupil"))
    })
    .await;
    click_named(&client, "person-open", "Zoë O'Brien").await;
    wait_for_text(&client, "person-name", "Zoë O'Brien").await;
    let contacts = by_test_id(&client, "person-contacts")
        .await
        .text()
        .await
        .unwrap();
    assert!(contacts.contains("Aoife O'Brien"), "{contacts}");
    assert!(contacts.contains("Mother"), "{contacts}");
    shots.save(&client, "pupil").await;
    client.close().await.unwrap();

    assert_eq!(
        count(&db, "SELECT count(*) FROM contact_links"),
        i64::try_from(rows).unwrap()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_short_pupils_file_marks_nobody_as_leaving_unless_it_is_chosen_as_the_full_roll() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roll.db");
    init_school(&db, "Larch Lane Primary School");
    let full = fixture("school-pupils.csv");
    run_cli(&db, &["import", "pupils", full.to_str().unwrap()]);
    let on_roll = "SELECT count(*) FROM people WHERE kind = 'pupil' AND leaving_date IS NULL";
    assert_eq!(count(&db, on_roll), 7);
    // Two of the seven pupils: a class list, say, rather than the whole roll.
    let text = std::fs::read_to_string(&full).unwrap();
    let short = dir.path().join("two-pupils.csv");
    std::fs::write(&short, text.lines().take(3).collect::<Vec<_>>().join("\n")).unwrap();

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("people-import-roll");
    by_test_id(&client, "dashboard-school").await;
    open_import_wizard(&client, &short).await;
    assert!(
        by_test_id(&client, "import-partial")
            .await
            .is_selected()
            .await
            .unwrap(),
        "a file is taken to hold some pupils unless the user says otherwise"
    );
    shots.save(&client, "choose-partial").await;
    click(&client, "import-next").await;
    wait_for_text(&client, "import-count-unchanged", "2").await;
    wait_for_text(&client, "import-count-leaving", "0").await;

    // Chosen as the full roll, the five missing pupils are named and must be confirmed.
    by_test_id(&client, "import-preview").await;
    click(&client, "import-choose-again").await;
    click(&client, "import-full-roll").await;
    click(&client, "import-next").await;
    wait_for_text(&client, "import-count-leaving", "5").await;
    let leaving = by_test_id(&client, "import-leaving")
        .await
        .text()
        .await
        .unwrap();
    for name in ["Łukasz Łukasiewicz", "Fang Wang", "Seun Adeyemi"] {
        assert!(
            leaving.contains(name),
            "{name} is listed as leaving: {leaving}"
        );
    }
    by_test_id(&client, "import-confirm-leavers").await;
    let apply = by_test_id(&client, "import-apply").await;
    assert!(
        !apply.is_enabled().await.unwrap(),
        "five of seven must be confirmed"
    );
    type_into(&client, "import-confirm-count", "4").await;
    assert!(
        !apply.is_enabled().await.unwrap(),
        "the wrong number does not confirm"
    );
    shots.save(&client, "confirm-leavers").await;
    type_into(&client, "import-confirm-count", "5").await;
    assert!(
        apply.is_enabled().await.unwrap(),
        "the right number confirms"
    );
    assert_eq!(count(&db, on_roll), 7, "the preview writes nothing");
    click(&client, "import-apply").await;
    let done = by_test_id(&client, "import-done")
        .await
        .text()
        .await
        .unwrap();
    assert!(done.contains("5 pupils marked as leaving"), "{done}");
    assert_eq!(count(&db, on_roll), 2);
    shots.save(&client, "done-with-leavers").await;

    // One action from the summary puts them back.
    click(&client, "import-clear-leavers").await;
    wait_for_text(
        &client,
        "import-leavers-cleared",
        "5 pupils are back on roll.",
    )
    .await;
    shots.save(&client, "leavers-cleared").await;
    client.close().await.unwrap();
    assert_eq!(count(&db, on_roll), 7);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_with_problems_is_listed_line_by_line_and_cannot_be_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bad.db");
    init_school(&db, "Larch Lane Primary School");
    // Some pupils already there, so "unchanged" means more than an empty table.
    run_cli(
        &db,
        &[
            "import",
            "pupils",
            fixture("school-pupils.csv").to_str().unwrap(),
        ],
    );
    let before = snapshot(&db);

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("people-bad-file");
    by_test_id(&client, "dashboard-school").await;

    open_import_wizard(&client, &fixture("bad-pupils.csv")).await;
    click(&client, "import-full-roll").await;
    click(&client, "import-next").await;

    wait_for_text(&client, "import-count-problems", "7").await;
    // A file that cannot be imported proposes no leavers.
    wait_for_text(&client, "import-count-leaving", "0").await;
    let problems = client
        .find_all(Locator::Css("[data-testid=\"import-problem\"]"))
        .await
        .unwrap();
    assert_eq!(problems.len(), 7, "one row per problem");
    let table = by_test_id(&client, "import-problems")
        .await
        .text()
        .await
        .unwrap();
    for expected in [
        "31/02/2019",
        "There is no 31 February 2019.",
        "The date of birth is in the future.",
        "Year 9",
        "This UPN is also on line 4.",
        "already belongs to Zoë O'Brien",
    ] {
        assert!(table.contains(expected), "{expected:?} in {table}");
    }
    let first_cells: Vec<String> = {
        let mut v = Vec::new();
        for p in &problems {
            let cell = p.find(Locator::Css("td")).await.unwrap();
            v.push(cell.text().await.unwrap());
        }
        v
    };
    assert_eq!(
        first_cells,
        ["2", "3", "4", "5", "6", "7", "8"],
        "line numbers"
    );

    let apply = by_test_id(&client, "import-apply").await;
    assert!(
        !apply.is_enabled().await.unwrap(),
        "the Import button is disabled"
    );
    let reason = by_test_id(&client, "import-blocked")
        .await
        .text()
        .await
        .unwrap();
    assert!(reason.contains("7 problems"), "{reason}");
    shots.save(&client, "problems").await;
    scroll_to(&client, "[data-testid=\"import-apply\"]").await;
    shots.save(&client, "import-disabled").await;

    // Clicking the disabled button does nothing.
    let _ = apply.click().await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        client
            .find(Locator::Css("[data-testid=\"import-done\"]"))
            .await
            .is_err()
    );
    client.close().await.unwrap();

    assert_eq!(snapshot(&db), before, "the database is exactly as it was");
}

/// Types a family name letter by letter, each letter narrowing the list; then checks
/// that the class and year group filters show only for pupils. Returns what was typed.
async fn narrow_by_typing(
    client: &Client,
    shots: &mut Screens,
    family: &str,
    total: usize,
) -> String {
    // Each letter narrows the list further.
    let search = by_test_id(client, "people-search").await;
    let mut previous = total;
    let mut typed = String::new();
    for ch in family.chars().take(4) {
        typed.push(ch);
        search.send_keys(&ch.to_string()).await.unwrap();
        let needle = typed.to_lowercase();
        let now = wait_for_rows(client, &format!("names containing {typed:?}"), |r| {
            !r.is_empty()
                && r.len() <= previous
                && r.iter().all(|row| row.to_lowercase().contains(&needle))
        })
        .await;
        previous = now.len();
    }
    assert!(previous < total, "the search narrowed the list");
    shots.save(client, "search").await;

    // The class and year group filters only show for pupils.
    by_test_id(client, "people-kind")
        .await
        .select_by_value("staff")
        .await
        .unwrap();
    wait_for_rows(client, "only staff", |r| {
        r.iter().all(|row| row.contains("Staff"))
    })
    .await;
    assert!(
        client
            .find(Locator::Css("[data-testid=\"people-class\"]"))
            .await
            .is_err()
    );
    by_test_id(client, "people-kind")
        .await
        .select_by_value("pupil")
        .await
        .unwrap();
    by_test_id(client, "people-class").await;
    by_test_id(client, "people-year").await;
    typed
}

/// The pupil's page with their contacts, and the first contact's page with their children.
async fn see_pupil_and_family(
    client: &Client,
    shots: &mut Screens,
    name: &str,
    first_contact: &str,
    contacts: i64,
) {
    // Open the pupil: details and contacts.
    click_named(client, "person-open", name).await;
    by_test_id(client, "page-person").await;
    wait_for_text(client, "person-name", name).await;
    let contact_cards = client
        .find_all(Locator::Css("[data-testid=\"person-contact\"]"))
        .await
        .unwrap();
    assert_eq!(
        i64::try_from(contact_cards.len()).unwrap(),
        contacts,
        "every contact is shown"
    );
    let page = wait_for_body_text(client, "Parental responsibility").await;
    assert!(page.contains(first_contact), "{first_contact} in {page}");
    assert!(page.contains("Key stage"), "{page}");
    shots.save(client, "pupil").await;
    scroll_to(client, "[data-testid=\"person-contacts\"]").await;
    shots.save(client, "pupil-contacts").await;

    // A contact's page lists their children, and leads back.
    click_named(client, "family-open", first_contact).await;
    wait_for_text(client, "person-name", first_contact).await;
    wait_for_body_text(client, "Children at the school").await;
    let children = by_test_id(client, "person-children")
        .await
        .text()
        .await
        .unwrap();
    assert!(children.contains(name), "{children}");
    shots.save(client, "parent").await;
    click(client, "person-back").await;
    wait_for_text(client, "person-name", name).await;
}

/// Adds a visitor through the form: a date that does not exist first, then a real one.
async fn add_visitor_after_a_bad_date(client: &Client, shots: &mut Screens, db: &Path) {
    // Add a visitor: a date that does not exist is refused next to its field.
    let people_before = count(db, "SELECT count(*) FROM people");
    click(client, "people-add").await;
    by_test_id(client, "person-form").await;
    by_test_id(client, "person-kind")
        .await
        .select_by_value("visitor")
        .await
        .unwrap();
    type_into(client, "person-given-name", "Ruth").await;
    type_into(client, "person-family-name", "Okonkwo-Hughes").await;
    type_into(client, "person-role", "School photographer").await;
    type_into(client, "person-email", "ruth@example.test").await;
    type_into(client, "person-start-date", "31/02/2027").await;
    shots.save(client, "add-visitor").await;
    click(client, "person-save").await;
    let error = by_test_id(client, "field-error-start_date")
        .await
        .text()
        .await
        .unwrap();
    assert!(error.contains("31 February"), "{error}");
    let start = client.find(Locator::Id("person-start-date")).await.unwrap();
    assert_eq!(
        start.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    let described = start
        .attr("aria-describedby")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(described.contains("person-start-date-error"), "{described}");
    let focused = client.active_element().await.unwrap();
    assert_eq!(
        focused.attr("id").await.unwrap().as_deref(),
        Some("person-start-date"),
        "the first bad field has the focus"
    );
    assert_eq!(
        count(db, "SELECT count(*) FROM people"),
        people_before,
        "nothing saved"
    );
    shots.save(client, "add-visitor-error").await;

    type_into(client, "person-start-date", "28/02/2027").await;
    click(client, "person-save").await;
    wait_for_text(client, "person-name", "Ruth Okonkwo-Hughes").await;
    let page = wait_for_body_text(client, "28 February 2027").await;
    assert!(page.contains("First day of the visit"), "{page}");
    shots.save(client, "visitor").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_school_can_be_searched_opened_added_to_and_edited() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    let total = usize::try_from(count(
        &db,
        "SELECT count(*) FROM people WHERE leaving_date IS NULL OR leaving_date > date('now')",
    ))
    .unwrap();
    // A pupil with at least two contacts, and those contacts.
    let (pupil_id, given, family, contacts): (String, String, String, i64) = store(&db)
        .inspect()
        .query_row(
            "SELECT p.id, p.given_name, p.family_name, count(*) FROM people p
             JOIN contact_links l ON l.pupil_id = p.id
             WHERE p.kind = 'pupil' AND p.preferred_given_name IS NULL
               AND p.preferred_family_name IS NULL AND unicode(p.given_name) < 591
             GROUP BY p.id HAVING count(*) >= 2 ORDER BY p.family_name, p.given_name LIMIT 1",
            (),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    let name = format!("{given} {family}");
    let first_contact: String = store(&db)
        .inspect()
        .query_row(
            "SELECT coalesce(c.preferred_given_name, c.given_name) || ' ' ||
                    coalesce(c.preferred_family_name, c.family_name)
             FROM contact_links l JOIN people c ON c.id = l.contact_id
             WHERE l.pupil_id = ?1 ORDER BY l.priority, c.family_name, c.given_name LIMIT 1",
            [&pupil_id],
            |r| r.get(0),
        )
        .unwrap();

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("people-demo");
    by_test_id(&client, "dashboard-school").await;

    click(&client, "nav-people").await;
    wait_for_rows(&client, "everyone", |r| r.len() == total).await;
    shots.save(&client, "list").await;

    let typed = narrow_by_typing(&client, &mut shots, &family, total).await;

    see_pupil_and_family(&client, &mut shots, &name, &first_contact, contacts).await;

    // Edit the pupil's preferred name.
    click(&client, "person-edit").await;
    by_test_id(&client, "person-form").await;
    shots.save(&client, "edit-form").await;
    type_into(&client, "person-preferred-given-name", "Sunny").await;
    click(&client, "person-save").await;
    let renamed = format!("Sunny {family}");
    wait_for_text(&client, "person-name", &renamed).await;
    wait_for_body_text(&client, &format!("Legal name: {name}")).await;
    shots.save(&client, "edited").await;

    // Back on the list, the search is still there and shows the new name.
    click(&client, "person-back").await;
    by_test_id(&client, "page-people").await;
    let kept = by_test_id(&client, "people-search")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        kept.as_deref(),
        Some(typed.as_str()),
        "the filters are kept"
    );
    wait_for_rows(&client, "the new preferred name", |r| {
        r.iter().any(|row| row.contains(&renamed))
    })
    .await;

    add_visitor_after_a_bad_date(&client, &mut shots, &db).await;
    client.close().await.unwrap();

    let store = store(&db);
    let conn = store.inspect();
    let (kind, start, role): (String, String, String) = conn
        .query_row(
            "SELECT kind, start_date, role FROM people WHERE family_name = 'Okonkwo-Hughes'",
            (),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (kind.as_str(), start.as_str(), role.as_str()),
        ("visitor", "2027-02-28", "School photographer")
    );
    let preferred: String = conn
        .query_row(
            "SELECT preferred_given_name FROM people WHERE id = ?1",
            [&pupil_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(preferred, "Sunny");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_new_school_year_moves_everyone_up_after_a_preview() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rollover.db");
    run_cli(&db, &["demo"]);
    let year6 = count(
        &db,
        "SELECT count(*) FROM people WHERE kind = 'pupil' AND year_group = 'Y6' AND leaving_date IS NULL",
    );
    let year5 = count(
        &db,
        "SELECT count(*) FROM people WHERE kind = 'pupil' AND year_group = 'Y5' AND leaving_date IS NULL",
    );
    let before = snapshot(&db);

    let driver = Driver::start();
    let client = driver.launch(&db).await;
    let mut shots = Screens::new("people-rollover");
    by_test_id(&client, "dashboard-school").await;
    click(&client, "nav-settings").await;
    let current = by_test_id(&client, "academic-year")
        .await
        .text()
        .await
        .unwrap();
    let start: i32 = current[..4].parse().unwrap();
    let next = format!("{}/{:02}", start + 1, (start + 2) % 100);
    let button = by_test_id(&client, "rollover-preview").await;
    assert_eq!(
        button.text().await.unwrap().trim(),
        format!("Prepare the move to {next}")
    );
    shots.save(&client, "settings").await;

    // The plan is shown in the app's one confirmation dialog.
    button.click().await.unwrap();
    by_test_id(&client, "rollover-dialog").await;
    let moves = by_test_id(&client, "rollover-moves")
        .await
        .text()
        .await
        .unwrap();
    assert!(moves.contains("Leaves the school"), "{moves}");
    wait_for_body_text(
        &client,
        &format!(
            "{year6} pupils in Year 6 will leave on 31 August {}",
            start + 1
        ),
    )
    .await;
    assert_eq!(snapshot(&db), before, "the preview writes nothing");
    shots.save(&client, "preview").await;
    scroll_to(&client, "[data-testid=\"rollover-moves\"]").await;
    shots.save(&client, "preview-confirm").await;

    click(&client, "rollover-apply").await;
    by_test_id(&client, "rollover-done").await;
    wait_until_gone(
        &client,
        "[data-testid=\"rollover-dialog\"]",
        "the dialog closes once done",
    )
    .await;
    wait_for_text(&client, "academic-year", &next).await;
    shots.save(&client, "done").await;

    // The dashboard no longer counts the Year 6 leavers once 31 August has passed;
    // before then they are still on roll, so only check the figures agree with the file.
    click(&client, "nav-dashboard").await;
    let pupils = count(
        &db,
        "SELECT count(*) FROM people WHERE kind = 'pupil'
           AND (leaving_date IS NULL OR leaving_date > date('now'))",
    );
    wait_for_text(&client, "count-pupil", &pupils.to_string()).await;
    client.close().await.unwrap();

    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM people WHERE kind = 'pupil' AND year_group = 'Y6' AND leaving_date IS NULL"
        ),
        year5,
        "last year's Year 5 are now in Year 6"
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM people WHERE leaving_date = '{}-08-31'",
                start + 1
            )
        ),
        year6,
        "last year's Year 6 leave on 31 August"
    );
}
