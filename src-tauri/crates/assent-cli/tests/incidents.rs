//! `assent incidents` and the governors' summary as the school uses them: a
//! teacher reports, the head acts (removing a member of staff's access moves
//! her account to "to suspend" for the technician), the log is closed, and the
//! summary printed for governors names nobody (read back with pdftotext).

// The test follows one incident from report to governors' summary, which reads best as one story.
#![allow(clippy::too_many_lines)]

use crate::common::{account_statuses, json, ok, pdf_text, person, refused, run, school};

/// A day `offset` days from today, as typed in the UK.
fn day(offset: i64) -> String {
    let mut d = assent_core::time::today();
    for _ in 0..offset.unsigned_abs() {
        d = if offset > 0 {
            d.succ_opt()
        } else {
            d.pred_opt()
        }
        .unwrap();
    }
    d.format("%d/%m/%Y").to_string()
}

#[test]
fn an_incident_from_report_to_the_governors_summary() {
    let dir = tempfile::tempdir().unwrap();
    let db = school(dir.path());
    let lukasz = person(&db, "Łukasz");
    let rhiannon = person(&db, "Rhiannon");

    // Rhiannon has an account.
    ok(
        &db,
        "it",
        &["accounts", "settings", "--domain", "staff=brookside.sch.uk"],
    );
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
    let export = dir.path().join("accounts.csv");
    let done = json(
        &db,
        "it",
        &[
            "accounts",
            "export",
            "--format",
            "csv",
            "--out",
            export.to_str().unwrap(),
            "--json",
        ],
    );
    let export_id = done["export_id"].as_str().unwrap().to_owned();
    ok(&db, "it", &["accounts", "mark-provisioned", &export_id]);
    assert_eq!(account_statuses(&db)[&rhiannon]["status"], "provisioned");

    // The Hazel teacher reports one about her pupil and someone from outside.
    let yesterday = day(-1);
    let said = ok(
        &db,
        "teacher",
        &[
            "incidents",
            "add",
            "--date",
            &yesterday,
            "--time",
            "13:20",
            "--reported-by",
            "Hazel class teacher",
            "--category",
            "cyberbullying",
            "--description",
            "Unkind messages in the class chat.",
            "--person",
            &lukasz,
            "--name",
            "Quentin Outsider:other",
        ],
    );
    assert!(said.contains("Recorded incident 1"), "{said}");
    let mine = json(&db, "teacher", &["incidents", "list", "--json"]);
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["people"][1], "Quentin Outsider");
    assert!(
        json(&db, "office", &["incidents", "list", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    refused(&db, "it", &["incidents", "list"], "does not allow");
    refused(
        &db,
        "teacher",
        &["incidents", "close", "1", "--outcome", "Done"],
        "does not allow",
    );
    // A mistake is refused with the reason, and nothing is recorded.
    refused(
        &db,
        "teacher",
        &[
            "incidents",
            "add",
            "--date",
            &day(2),
            "--reported-by",
            "Me",
            "--category",
            "other",
            "--description",
            "Tomorrow",
        ],
        "future",
    );
    refused(
        &db,
        "teacher",
        &[
            "incidents",
            "add",
            "--date",
            &yesterday,
            "--reported-by",
            "Me",
            "--category",
            "other",
            "--description",
            "x",
            "--url",
            "not an address",
        ],
        "not a web address",
    );
    let bad = run(
        &db,
        "teacher",
        &[
            "incidents",
            "add",
            "--date",
            &yesterday,
            "--reported-by",
            "Me",
            "--category",
            "gossip",
            "--description",
            "x",
        ],
    );
    assert_eq!(
        bad.status.code(),
        Some(2),
        "a category that does not exist is a usage error"
    );
    assert_eq!(
        json(&db, "teacher", &["incidents", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // The head records one about Rhiannon, with a screenshot, and removes her access.
    let png = dir.path().join("screen.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82").unwrap();
    let second = json(
        &db,
        "head",
        &[
            "incidents",
            "add",
            "--date",
            &yesterday,
            "--reported-by",
            "Network manager",
            "--category",
            "bypassing_filtering",
            "--description",
            "A proxy site was used to reach blocked pages.",
            "--person",
            &rhiannon,
            "--url",
            "https://proxy.example.com/",
            "--attach",
            png.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(second["summary"]["number"], 2);
    assert_eq!(second["attachments"][0]["file_name"], "screen.png");
    // Another file kept later, and a copy of the first saved back out whole.
    let text_file = dir.path().join("notes.txt");
    std::fs::write(&text_file, "not a picture").unwrap();
    refused(
        &db,
        "head",
        &["incidents", "attach", "2", text_file.to_str().unwrap()],
        "PNG",
    );
    let kept = ok(
        &db,
        "head",
        &["incidents", "attach", "2", png.to_str().unwrap()],
    );
    assert!(kept.contains("incident 2"), "{kept}");
    let shown = json(&db, "head", &["incidents", "show", "2", "--json"]);
    assert_eq!(shown["attachments"].as_array().unwrap().len(), 2);
    let copy = dir.path().join("copy.png");
    let file_id = shown["attachments"][0]["id"].as_str().unwrap();
    ok(
        &db,
        "head",
        &[
            "incidents",
            "attachment",
            "2",
            file_id,
            "--out",
            copy.to_str().unwrap(),
        ],
    );
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&png).unwrap());
    refused(
        &db,
        "head",
        &[
            "incidents",
            "attachment",
            "2",
            "no-such-file",
            "--out",
            copy.to_str().unwrap(),
        ],
        "not kept with this incident",
    );
    let until = day(14);
    ok(
        &db,
        "head",
        &[
            "incidents",
            "action",
            "2",
            "--kind",
            "access-removed",
            "--by",
            "Headteacher",
            "--person",
            &rhiannon,
            "--until",
            &until,
        ],
    );
    ok(
        &db,
        "head",
        &[
            "incidents",
            "action",
            "2",
            "--kind",
            "technical_support",
            "--by",
            "Headteacher",
        ],
    );
    let row = account_statuses(&db)[&rhiannon].clone();
    assert_eq!(row["status"], "to_suspend");
    let reason = row["reasons"][0].as_str().unwrap();
    assert!(reason.starts_with("Access removed until "), "{reason}");
    assert!(reason.ends_with("(e-safety incident 2)"), "{reason}");
    let seen = json(&db, "it", &["incidents", "sanctions", "--json"]);
    assert_eq!(seen[0]["person_id"], rhiannon.as_str());
    let shown = ok(&db, "head", &["incidents", "show", "2"]);
    assert!(shown.contains("(in force)"), "{shown}");
    let action_id = json(&db, "head", &["incidents", "show", "2", "--json"])["actions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Reviewed and closed; the removal is lifted and her account is provisioned again.
    ok(&db, "head", &["incidents", "status", "2", "under_review"]);
    ok(
        &db,
        "head",
        &["incidents", "lift", &action_id, "--note", "Reviewed"],
    );
    assert_eq!(account_statuses(&db)[&rhiannon]["status"], "provisioned");
    refused(
        &db,
        "head",
        &["incidents", "close", "2", "--outcome", " "],
        "outcome",
    );
    ok(
        &db,
        "head",
        &[
            "incidents",
            "close",
            "2",
            "--outcome",
            "Warning and filtering tightened",
        ],
    );
    let closed = json(
        &db,
        "head",
        &["incidents", "list", "--status", "closed", "--json"],
    );
    assert_eq!(closed.as_array().unwrap().len(), 1);

    // The governors' summary: counts, and not one name.
    let pdf = dir.path().join("governors.pdf");
    let from = day(-30);
    let to = day(0);
    let out = ok(
        &db,
        "head",
        &[
            "report",
            "incidents-summary",
            "--from",
            &from,
            "--to",
            &to,
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(
        out.contains("governors' e-safety incident summary"),
        "{out}"
    );
    let text = pdf_text(&pdf);
    assert!(
        text.contains("E-safety incidents: summary for governors"),
        "{text}"
    );
    assert!(
        text.contains("Cyberbullying or offensive messages"),
        "{text}"
    );
    assert!(
        text.contains("Network and internet access removed"),
        "{text}"
    );
    assert!(text.contains("2 e-safety incidents"), "{text}");
    for name in [
        "Łukasz",
        "Łukasiewicz",
        "Rhiannon",
        "Pryce",
        "Quentin",
        "Outsider",
        "Test User",
        "Network manager",
        "Hazel class teacher",
        "proxy.example.com",
    ] {
        assert!(
            !text.contains(name),
            "the governors' summary names {name}:\n{text}"
        );
    }
    // The head's own copy lists the incident still open, with who was involved.
    let head_pdf = dir.path().join("head.pdf");
    ok(
        &db,
        "head",
        &[
            "report",
            "incidents-summary",
            "--from",
            &from,
            "--to",
            &to,
            "--out",
            head_pdf.to_str().unwrap(),
            "--open",
        ],
    );
    let text = pdf_text(&head_pdf);
    assert!(text.contains("Incidents still open"), "{text}");
    assert!(text.contains("Łukasz"), "{text}");
    assert!(!text.contains("Rhiannon"), "her incident is closed");
    refused(
        &db,
        "teacher",
        &[
            "report",
            "incidents-summary",
            "--from",
            &from,
            "--to",
            &to,
            "--out",
            pdf.to_str().unwrap(),
        ],
        "does not allow",
    );
}
