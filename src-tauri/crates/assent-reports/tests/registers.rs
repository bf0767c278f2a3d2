//! The consent and AUP registers and the do-not-photograph sheet, read back with
//! pdftotext and rendered with pdftoppm.

use crate::common;

use crate::common::{OAK_NAMES, actor, check_every_page, check_names, pages_text, render, school};
use assent_reports::{Format, Options, Report, generate};

fn options(classes: &[&str]) -> Options {
    Options {
        classes: classes.iter().map(|c| (*c).to_owned()).collect(),
        generated_by: actor().as_str().to_owned(),
    }
}

#[test]
fn consent_register_for_the_whole_school() {
    let s = school();
    let out = generate(
        &s.store,
        &Report::ConsentRegister,
        &options(&[]),
        Format::Pdf,
    )
    .unwrap();
    assert!(out.missing.is_empty(), "{:?}", out.missing);
    let pngs = render(&out.bytes, "consent-register");
    let pages = pages_text(&out.bytes);
    assert_eq!(pngs.len(), pages.len());
    check_every_page(
        &pages,
        "Photo and video consent register",
        "Whole school: every class",
    );
    check_names(&pages, &OAK_NAMES);
}

#[test]
fn aup_register_for_the_whole_school_shows_signatures() {
    let s = school();
    let out = generate(&s.store, &Report::AupRegister, &options(&[]), Format::Pdf).unwrap();
    let pngs = render(&out.bytes, "aup-register");
    let pages = pages_text(&out.bytes);
    assert_eq!(pngs.len(), pages.len());
    check_every_page(
        &pages,
        "Acceptable use agreement register",
        "Whole school: every class, staff, governors, volunteers and visitors",
    );
    check_names(&pages, &OAK_NAMES);
    check_names(&pages, &common::STAFF_NAMES);
    check_names(
        &pages,
        &[
            common::SIBLING,
            "Needs re-signing",
            "Awaiting parent",
            "typed: Dmitro Коваленко",
            "drawn",
        ],
    );
}

#[test]
fn aup_register_for_one_class_and_the_staff() {
    let s = school();
    let out = generate(
        &s.store,
        &Report::AupRegister,
        &options(&["oak", "Staff"]),
        Format::Pdf,
    )
    .unwrap();
    let pngs = render(&out.bytes, "aup-register-oak-staff");
    let pages = pages_text(&out.bytes);
    assert_eq!(pngs.len(), pages.len());
    check_every_page(
        &pages,
        "Acceptable use agreement register",
        "Class: Oak; Staff",
    );
    check_names(&pages, &OAK_NAMES);
    let all = pages.join("\n");
    assert!(!all.contains(common::SIBLING), "Beech is not asked for");
    assert!(!all.contains("Governors ·"), "nor are the governors");
}

#[test]
fn outstanding_list() {
    let s = school();
    let out = generate(&s.store, &Report::Outstanding, &options(&[]), Format::Pdf).unwrap();
    let pngs = render(&out.bytes, "outstanding");
    let pages = pages_text(&out.bytes);
    assert_eq!(pngs.len(), pages.len());
    check_every_page(
        &pages,
        "Agreements outstanding",
        "Whole school: every class, staff, governors, volunteers and visitors",
    );
    let all = pages.join("\n");
    // Signed people are not outstanding; the others are, each with what is needed.
    assert!(!all.contains("Zoë Łukasiewicz"), "Zoë has signed");
    check_names(
        &pages,
        &[
            "Олена Петренко",
            "Dmitro Коваленко",
            "ليلى الحسيني",
            "芳 王",
            "আয়েশা চৌধুরী",
            "A parent or carer to sign",
            "Sign the new version (signed version 1)",
        ],
    );
}

#[test]
fn do_not_photograph_sheet() {
    let s = school();
    let out = generate(
        &s.store,
        &Report::DoNotPhotograph,
        &options(&["Oak"]),
        Format::Pdf,
    )
    .unwrap();
    let pngs = render(&out.bytes, "do-not-photograph");
    let pages = pages_text(&out.bytes);
    assert_eq!(pngs.len(), pages.len());
    check_every_page(&pages, "Do not photograph", "Class: Oak");
    check_names(
        &pages,
        &[
            "আয়েশা চৌধুরী",
            "NEVER photograph, film or publish",
            "Олена Петренко",
            "Zoë Łukasiewicz",
            "Local press",
        ],
    );
}

/// A field of `pdfinfo`'s report ("Title", "Author"…), as printed.
fn info_field(report: &str, field: &str) -> String {
    report
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .map(|v| v.trim().to_owned())
        .unwrap_or_default()
}

#[test]
fn a_pdf_names_its_title_school_maker_and_date_in_info_and_xmp() {
    let s = school();
    let out = generate(
        &s.store,
        &Report::ConsentRegister,
        &options(&[]),
        Format::Pdf,
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("register.pdf");
    std::fs::write(&file, &out.bytes).unwrap();
    let pdfinfo = |args: &[&str]| {
        let run = std::process::Command::new("pdfinfo")
            .args(args)
            .arg(&file)
            .output()
            .expect("pdfinfo (poppler-utils) is installed");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        String::from_utf8(run.stdout).unwrap()
    };
    let info = pdfinfo(&["-isodates"]);
    let school = assent_core::school::name(&s.store).unwrap();
    assert_eq!(
        info_field(&info, "Title"),
        "Photo and video consent register"
    );
    assert_eq!(info_field(&info, "Author"), school);
    assert_eq!(info_field(&info, "Producer"), assent_reports::PRODUCER);
    assert_eq!(info_field(&info, "Creator"), assent_reports::PRODUCER);
    assert!(assent_reports::PRODUCER.starts_with("Assent 0."));
    let year = chrono::Utc::now().format("%Y").to_string();
    for field in ["CreationDate", "ModDate"] {
        assert!(
            info_field(&info, field).starts_with(&year),
            "{field} is the day it was made: {info}"
        );
    }
    assert_eq!(info_field(&info, "Metadata Stream"), "yes");
    let xmp = pdfinfo(&["-meta"]);
    assert!(
        xmp.contains("<rdf:li xml:lang=\"x-default\">Photo and video consent register</rdf:li>"),
        "{xmp}"
    );
    assert!(xmp.contains(&format!(
        "<pdf:Producer>{}</pdf:Producer>",
        assent_reports::PRODUCER
    )));
    // printpdf writes the XMP dates in the Info dictionary's own form (D:…).
    let created = xmp
        .split("<xmp:CreateDate>")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_default();
    assert!(created.contains(&format!("{year}-")), "{xmp}");
    assert!(!xmp.contains("ISO 15930") && !xmp.contains("1970"), "{xmp}");
}
