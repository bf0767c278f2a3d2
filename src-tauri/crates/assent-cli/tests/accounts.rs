//! `assent accounts` as the IT technician uses it: status, exports for Google
//! and Microsoft, marking them provisioned, suspensions and usernames.

// The test follows one term's work from start to finish, which reads best as one story.
#![allow(clippy::too_many_lines)]

use std::collections::HashMap;
use std::path::Path;

use crate::common::{
    PASSWORD, account_statuses, json, ok, pdf_text, person, run, school, stderr, stdout,
};

/// The header row and the rows of a CSV file (after `skip` lines).
fn read_csv(path: &Path, skip: usize) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .unwrap();
    let mut records = reader.records().map(Result::unwrap).skip(skip);
    let headers: Vec<String> = records.next().unwrap().iter().map(str::to_owned).collect();
    let rows = records
        .map(|r| {
            assert_eq!(r.len(), headers.len());
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    (headers, rows)
}

const GOOGLE: &str = "First Name [Required],Last Name [Required],Email Address [Required],Password [Required],Password Hash Function [UPLOAD ONLY],Org Unit Path [Required],New Primary Email [UPLOAD ONLY],Recovery Email,Home Secondary Email,Work Secondary Email,Recovery Phone [MUST BE IN THE E.164 FORMAT],Work Phone,Home Phone,Mobile Phone,Work Address,Home Address,Employee ID,Employee Type,Employee Title,Manager Email,Department,Cost Center,Building ID,Floor Name,Floor Section,Change Password at Next Sign-In,New Status [UPLOAD ONLY],Advanced Protection Program enrollment";

const ENTRA: &str = "Name [displayName] Required,User name [userPrincipalName] Required,Initial password [passwordProfile] Required,Block sign in (Yes/No) [accountEnabled] Required,First name [givenName],Last name [surname],Job title [jobTitle],Department [department],Usage location [usageLocation],Street address [streetAddress],State or province [state],Country or region [country],Office [physicalDeliveryOfficeName],City [city],ZIP or postal code [postalCode],Office phone [telephoneNumber],Mobile phone [mobile]";

#[test]
fn the_technician_exports_only_signed_people_and_suspends_a_withdrawal() {
    let dir = tempfile::tempdir().unwrap();
    let db = school(dir.path());
    let zoe = person(&db, "Zoë");
    let lukasz = person(&db, "Łukasz");
    let huong = person(&db, "Hương");
    let mo = person(&db, "Mo");
    let fang = person(&db, "Fang");
    let rhiannon = person(&db, "Rhiannon");
    let tomasz = person(&db, "Tomasz");

    // Before anyone signs: everyone listed is blocked, with reasons in words.
    let before = account_statuses(&db);
    for field in ["person_id", "name", "kind", "status", "reasons", "username"] {
        assert!(before[&zoe].get(field).is_some(), "{field} missing");
    }
    assert!(before.values().all(|r| r["status"] == "blocked"));
    assert!(
        before
            .values()
            .all(|r| !r["reasons"].as_array().unwrap().is_empty())
    );
    assert!(
        !before.contains_key(&fang),
        "Reception has no accounts by default"
    );
    assert_eq!(before[&zoe]["username"], "zoeo23");
    assert_eq!(before[&lukasz]["username"], "lukaszl22");
    assert_eq!(before[&huong]["username"], "huongn23");
    assert_eq!(before[&rhiannon]["username"], "r.pryce");
    assert_eq!(before[&tomasz]["username"], "t.wisniewski");
    assert_eq!(before[&mo]["username"], "pupil-1");
    assert!(
        before[&mo]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().contains("Needs a username")),
        "{}",
        before[&mo]
    );

    // The office and teachers may not see or export accounts.
    let out_file = dir.path().join("google.csv");
    for user in ["office", "teacher"] {
        let out = run(&db, user, &["accounts", "status"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("does not allow"), "{}", stderr(&out));
        let out = run(
            &db,
            user,
            &[
                "accounts",
                "export",
                "--format",
                "google",
                "--out",
                out_file.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(1));
        assert!(!out_file.exists());
    }

    // Nothing to export yet: no file.
    let none = ok(
        &db,
        "it",
        &[
            "accounts",
            "export",
            "--format",
            "google",
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    assert!(none.contains("Nothing to export"), "{none}");
    assert!(!out_file.exists());

    // Domains, then signatures: Rhiannon (staff), Łukasz (KS2 with his mother), Zoë (KS1 by her mother).
    let bad = run(
        &db,
        "it",
        &["accounts", "settings", "--domain", "pupils=not a domain"],
    );
    assert_eq!(bad.status.code(), Some(1));
    let shown = ok(
        &db,
        "it",
        &[
            "accounts",
            "settings",
            "--domain",
            "pupils=pupils.brookside.sch.uk",
            "--domain",
            "staff=brookside.sch.uk",
            "--org-unit",
            "pupils=/Pupils/{year}/{class}",
        ],
    );
    assert!(shown.contains("pupils.brookside.sch.uk"), "{shown}");
    assert!(shown.contains("Reception off"), "{shown}");
    ok(
        &db,
        "head",
        &[
            "sign",
            "typed",
            "--person",
            &rhiannon,
            "--kind",
            "staff",
            "--signer",
            "Rhiannon Pryce",
        ],
    );
    ok(
        &db,
        "head",
        &[
            "sign",
            "paper",
            "--person",
            &lukasz,
            "--kind",
            "ks2",
            "--signer",
            "Łukasz",
            "--role",
            "pupil",
            "--parent-signer",
            "Marta Łukasiewicz",
            "--date",
            "2026-09-10",
        ],
    );
    ok(
        &db,
        "head",
        &[
            "sign",
            "paper",
            "--person",
            &zoe,
            "--kind",
            "ks1",
            "--signer",
            "Aoife O'Brien",
            "--role",
            "parent",
            "--date",
            "2026-09-10",
        ],
    );
    // Huong's KS1 form has only her mark so far; Tomasz has not signed.
    let now = account_statuses(&db);
    for who in [&rhiannon, &lukasz, &zoe] {
        assert_eq!(now[who]["status"], "ready", "{}", now[who]);
    }
    for who in [&huong, &tomasz, &mo] {
        assert_eq!(now[who]["status"], "blocked", "{}", now[who]);
    }

    // The Google file: the template's header row, and only the three who signed.
    let out = ok(
        &db,
        "it",
        &[
            "accounts",
            "export",
            "--format",
            "google",
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    assert!(out.contains("3 new"), "{out}");
    assert!(out.contains("mark-provisioned"), "{out}");
    let export_id = out
        .lines()
        .find_map(|l| l.strip_prefix("Export "))
        .unwrap()
        .trim()
        .to_owned();
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert_eq!(text.lines().next().unwrap(), GOOGLE);
    let (headers, rows) = read_csv(&out_file, 0);
    assert_eq!(headers.join(","), GOOGLE);
    assert_eq!(rows.len(), 3);
    let by_email: HashMap<&str, &HashMap<String, String>> = rows
        .iter()
        .map(|r| (r["Email Address [Required]"].as_str(), r))
        .collect();
    let r = by_email["r.pryce@brookside.sch.uk"];
    assert_eq!(r["First Name [Required]"], "Rhiannon");
    assert_eq!(r["Org Unit Path [Required]"], "/Staff");
    assert_eq!(r["Change Password at Next Sign-In"], "TRUE");
    let l = by_email["lukaszl22@pupils.brookside.sch.uk"];
    assert_eq!(l["First Name [Required]"], "Łukasz");
    assert_eq!(l["Org Unit Path [Required]"], "/Pupils/Year 3/Hazel");
    assert_eq!(l["Change Password at Next Sign-In"], "FALSE");
    let z = by_email["zoeo23@pupils.brookside.sch.uk"];
    for row in [r, l, z] {
        let password = &row["Password [Required]"];
        assert!(password.len() >= 10, "{password}");
        assert!(
            !out.contains(password.as_str()),
            "passwords stay in the file"
        );
        assert_eq!(row["New Status [UPLOAD ONLY]"], "");
    }

    // Login slips for one class, from the export waiting to be uploaded.
    let slips_pdf = out_file.with_file_name("hazel-slips.pdf");
    let printed = ok(
        &db,
        "it",
        &[
            "accounts",
            "slips",
            "--class",
            "Hazel",
            "--out",
            slips_pdf.to_str().unwrap(),
        ],
    );
    assert!(printed.contains("1 login slip(s)"), "{printed}");
    assert!(printed.contains(&export_id), "{printed}");
    let slips_text = pdf_text(&slips_pdf);
    assert!(slips_text.contains("lukaszl22"), "{slips_text}");
    assert!(
        slips_text.contains(l["Password [Required]"].as_str()),
        "{slips_text}"
    );
    assert!(
        !slips_text.contains("r.pryce"),
        "only Hazel's slips: {slips_text}"
    );
    let not_pdf = run(
        &db,
        "it",
        &[
            "accounts",
            "slips",
            "--out",
            out_file.with_extension("txt").to_str().unwrap(),
        ],
    );
    assert_eq!(not_pdf.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&not_pdf.stderr).contains("PDF"));

    // Marked provisioned in one step.
    let marked = ok(&db, "it", &["accounts", "mark-provisioned", &export_id]);
    assert!(marked.contains("3 created"), "{marked}");
    let again = run(&db, "it", &["accounts", "mark-provisioned", &export_id]);
    assert_eq!(again.status.code(), Some(1));
    // Its passwords are gone, so no more slips.
    let late = run(
        &db,
        "it",
        &["accounts", "slips", "--out", slips_pdf.to_str().unwrap()],
    );
    assert_eq!(late.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&late.stderr).contains("No export is waiting"),
        "{}",
        String::from_utf8_lossy(&late.stderr)
    );

    // Marked by mistake: undone while no later export has been made, her
    // account is waiting in the export again; once, and only by the technician.
    let exports = ok(&db, "it", &["accounts", "exports"]);
    assert!(exports.contains("(can be undone)"), "{exports}");
    let office = run(&db, "office", &["accounts", "unmark", &export_id]);
    assert_eq!(office.status.code(), Some(1));
    let unmarked = ok(&db, "it", &["accounts", "unmark", &export_id]);
    assert!(unmarked.contains("3 to create"), "{unmarked}");
    assert!(
        unmarked.contains("login slips cannot be printed"),
        "{unmarked}"
    );
    let now = account_statuses(&db);
    assert_eq!(now[&rhiannon]["status"], "ready");
    assert_eq!(now[&rhiannon]["pending_export"], export_id.as_str());
    assert!(now[&rhiannon]["provisioned_at"].is_null());
    let twice = run(&db, "it", &["accounts", "unmark", &export_id]);
    assert_eq!(twice.status.code(), Some(1));
    assert!(
        stderr(&twice).contains("not marked provisioned"),
        "{}",
        stderr(&twice)
    );
    let exports = ok(&db, "it", &["accounts", "exports"]);
    assert!(exports.contains("pending (marking undone)"), "{exports}");
    // Its slips stay gone.
    let gone = run(
        &db,
        "it",
        &[
            "accounts",
            "slips",
            "--export",
            &export_id,
            "--out",
            slips_pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(gone.status.code(), Some(1));
    ok(&db, "it", &["accounts", "mark-provisioned", &export_id]);

    let now = account_statuses(&db);
    assert_eq!(now[&rhiannon]["status"], "provisioned");
    assert!(now[&rhiannon]["provisioned_at"].is_string());
    assert_eq!(now[&rhiannon]["provisioned_by"], "Test User (it)");

    // The office types a username for Mo, whose legal name has no Latin letters.
    ok(&db, "it", &["accounts", "username", &mo, "mo.alhusseini"]);
    let taken = run(
        &db,
        "it",
        &["accounts", "username", &huong, "mo.alhusseini"],
    );
    assert_eq!(taken.status.code(), Some(1));
    let now = account_statuses(&db);
    assert_eq!(now[&mo]["username"], "mo.alhusseini");
    assert!(
        now[&mo]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| !r.as_str().unwrap().contains("Needs a username"))
    );

    // Rhiannon's agreement is withdrawn: her account is to be suspended.
    let agreements = json(
        &db,
        "head",
        &["agreements", "list", "--person", &rhiannon, "--json"],
    );
    let agreement = agreements[0]["id"].as_str().unwrap().to_owned();
    ok(
        &db,
        "head",
        &[
            "agreements",
            "withdraw",
            &agreement,
            "--reason",
            "Refused the new rules",
        ],
    );
    let now = account_statuses(&db);
    assert_eq!(now[&rhiannon]["status"], "to_suspend");
    assert!(
        now[&rhiannon]["reasons"][0]
            .as_str()
            .unwrap()
            .contains("withdrawn")
    );
    let to_suspend = ok(&db, "it", &["accounts", "status", "--status", "to-suspend"]);
    assert_eq!(to_suspend.lines().count(), 1, "{to_suspend}");
    assert!(to_suspend.contains("r.pryce"));

    // Entra cannot suspend through bulk create: it says so and writes nothing.
    let entra_file = dir.path().join("entra.csv");
    let entra = ok(
        &db,
        "it",
        &[
            "accounts",
            "export",
            "--format",
            "entra",
            "--out",
            entra_file.to_str().unwrap(),
        ],
    );
    assert!(entra.contains("Nothing to export"), "{entra}");
    assert!(entra.contains("Entra"), "{entra}");
    assert!(!entra_file.exists());

    // The plain CSV carries the suspension.
    let csv_file = dir.path().join("plain.csv");
    let summary = json(
        &db,
        "it",
        &[
            "accounts",
            "export",
            "--format",
            "csv",
            "--out",
            csv_file.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(summary["suspended"], 1);
    assert_eq!(summary["created"], 0);
    let (_, rows) = read_csv(&csv_file, 0);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["Username"], "r.pryce");
    assert_eq!(rows[0]["Action"], "suspend");
    assert_eq!(rows[0]["Initial Password"], "");
    ok(
        &db,
        "it",
        &[
            "accounts",
            "mark-provisioned",
            summary["export_id"].as_str().unwrap(),
        ],
    );
    assert_eq!(account_statuses(&db)[&rhiannon]["status"], "suspended");

    // Tomasz signs: a new account in an Entra file.
    ok(
        &db,
        "head",
        &[
            "sign",
            "typed",
            "--person",
            &tomasz,
            "--kind",
            "staff",
            "--signer",
            "Tomasz Wiśniewski",
        ],
    );
    let summary = json(
        &db,
        "it",
        &[
            "accounts",
            "export",
            "--format",
            "entra",
            "--out",
            entra_file.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(summary["created"], 1);
    let text = std::fs::read_to_string(&entra_file).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("version:v1.0"));
    assert_eq!(lines.next(), Some(ENTRA));
    let (_, rows) = read_csv(&entra_file, 1);
    assert_eq!(rows[0]["Name [displayName] Required"], "Tomasz Wiśniewski");
    assert_eq!(
        rows[0]["User name [userPrincipalName] Required"],
        "t.wisniewski@brookside.sch.uk"
    );
    assert_eq!(
        rows[0]["Block sign in (Yes/No) [accountEnabled] Required"],
        "No"
    );
    assert_eq!(rows[0]["Usage location [usageLocation]"], "GB");
    assert_eq!(rows[0]["Job title [jobTitle]"], "IT technician");

    // The exports, newest first.
    let list = json(&db, "it", &["accounts", "exports", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["format"], "entra");
    assert!(list[0]["outcome"].is_null(), "pending");
    assert_eq!(list[2]["outcome"], "provisioned");
    let cancelled = ok(
        &db,
        "it",
        &["accounts", "cancel", summary["export_id"].as_str().unwrap()],
    );
    assert!(cancelled.contains("Cancelled"), "{cancelled}");

    // Every change was recorded in the audit log.
    let store = assent_core::Store::open(&db, "head", PASSWORD).unwrap();
    let actions: Vec<String> = store
        .inspect()
        .prepare("SELECT DISTINCT action FROM audit_log WHERE action LIKE 'accounts.%'")
        .unwrap()
        .query_map((), |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for action in [
        "accounts.settings",
        "accounts.export",
        "accounts.provisioned",
        "accounts.username",
        "accounts.cancel_export",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action}: {actions:?}");
    }
}

#[test]
fn bad_account_arguments_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    for args in [
        vec!["accounts", "export", "--format", "excel", "--out", "x.csv"],
        vec!["accounts", "export", "--format", "google"],
        vec!["accounts", "mark-provisioned"],
        vec!["accounts", "settings", "--nursery", "maybe"],
    ] {
        let out = run(&db, "it", &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let help = run(&db, "it", &["accounts", "--help"]);
    let text = stdout(&help);
    for command in [
        "status",
        "export",
        "mark-provisioned",
        "username",
        "settings",
    ] {
        assert!(text.contains(command), "{command}: {text}");
    }
}

#[test]
fn every_account_setting_is_set_and_a_pattern_tried_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = school(dir.path());

    // A pattern tried on five pupils on roll, saving nothing.
    let tried = ok(
        &db,
        "it",
        &[
            "accounts",
            "preview",
            "pupils",
            "--pattern",
            "{surname}.{initial}",
        ],
    );
    assert!(
        tried.contains("Usernames from {surname}.{initial}"),
        "{tried}"
    );
    assert_eq!(
        tried.lines().count(),
        6,
        "a heading and five people: {tried}"
    );
    let shown = ok(&db, "it", &["accounts", "settings"]);
    assert!(shown.contains("{forename}{surname_initial}{yy}"), "{shown}");
    let json_preview = json(&db, "it", &["accounts", "preview", "staff", "--json"]);
    assert!(json_preview.as_array().is_some_and(|a| !a.is_empty()));

    // A pattern that cannot be used is named by the option that gives it.
    let bad = run(
        &db,
        "it",
        &["accounts", "preview", "pupils", "--pattern", "{dob}"],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("--pattern: "), "{}", stderr(&bad));

    // Every problem at once, each named by its option; nothing saved.
    let bad = run(
        &db,
        "it",
        &[
            "accounts",
            "settings",
            "--domain",
            "pupils=pupils",
            "--org-unit",
            "staff=Staff",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    let said = stderr(&bad);
    assert!(said.contains("--domain pupils: 'pupils'"), "{said}");
    assert!(said.contains("--org-unit staff: Start the path"), "{said}");
    assert!(!ok(&db, "it", &["accounts", "settings"]).contains("pupils.pupils"));

    // Password styles and the slips' options.
    let set = ok(
        &db,
        "it",
        &[
            "accounts",
            "settings",
            "--password",
            "staff=words",
            "--password",
            "pupils=characters",
            "--slip-sign-in-at",
            "classroom.google.com",
            "--slip-reminder",
            "off",
        ],
    );
    assert!(
        set.contains("Login slips: sign in at classroom.google.com; agreement reminder off"),
        "{set}"
    );
    let saved = json(&db, "it", &["accounts", "settings", "--json"]);
    assert_eq!(saved["staff"]["password"], "words");
    assert_eq!(saved["pupils"]["password"], "characters");
    assert_eq!(saved["slips"]["reminder"], false);
    let bad = run(
        &db,
        "it",
        &["accounts", "settings", "--password", "staff=pin"],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("words or characters"),
        "{}",
        stderr(&bad)
    );
}
