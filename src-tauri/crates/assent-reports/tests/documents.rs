//! Chase letters and agreement certificates, read back with pdftotext and
//! rendered with pdftoppm.

use crate::common;

use crate::common::{actor, check_every_page, check_names, pages_text, render, school};
use assent_reports::{Format, Options, Report, generate};

fn options(classes: &[&str]) -> Options {
    Options {
        classes: classes.iter().map(|c| (*c).to_owned()).collect(),
        generated_by: actor().as_str().to_owned(),
    }
}

#[test]
fn chase_letters_one_per_family_siblings_together() {
    let s = school();
    let out = generate(
        &s.store,
        &Report::ChaseLetters,
        &options(&["Oak", "Beech"]),
        Format::Pdf,
    )
    .unwrap();
    let pngs = render(&out.bytes, "chase-letters");
    let pages = pages_text(&out.bytes);
    assert_eq!(pngs.len(), pages.len());
    // Letters, not a report: no report frame on any page, and each letter
    // opens on a page of its own with the school's letterhead, the family's
    // address, the date and "Dear …".
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .format("%-d %B %Y")
        .to_string();
    for (i, page) in pages.iter().enumerate() {
        for report_words in ["Page 1 of", "Generated on", "Letters to families"] {
            assert!(
                !page.contains(report_words),
                "page {} has {report_words:?}:\n{page}",
                i + 1
            );
        }
        if page.contains("Dear ") {
            let head = page.trim_start();
            assert!(
                head.starts_with(assent_core::demo::SCHOOL_NAME),
                "letterhead first:\n{page}"
            );
            let (address, _) = head.split_once("Dear ").unwrap();
            assert!(
                address.contains("Parents and carers of"),
                "address block:\n{page}"
            );
            assert!(address.contains(&today), "dated today:\n{page}");
        } else {
            assert!(
                page.contains("letter for the family of"),
                "a later page says whose it is:\n{page}"
            );
        }
    }
    // Laila (Oak) and Yusuf (Beech) share parents, so one letter covers both.
    let start = pages
        .iter()
        .position(|p| {
            p.contains("Dear ") && p.contains("يوسف الحسيني") && p.contains("ليلى الحسيني")
        })
        .expect("one letter for both children");
    let letter = &pages[start..start + 3];
    check_names(
        letter,
        &[
            "نور الحسيني",
            "عمر الحسيني",
            "يوسف الحسيني",
            "ليلى الحسيني",
            "Beech) has not signed yet",
            "Oak) has not signed yet",
            "Our online safety agreement (Years 3 to 6)",
            "Our online safety promise (Nursery to Year 2)",
            "Please return this part to the school office",
            "Child's name or mark",
            "Pupil's signature",
            "Parent or carer: name in capitals",
        ],
    );
    assert_eq!(
        pages.iter().filter(|p| p.contains("نور الحسيني")).count(),
        1,
        "one letter only"
    );
    check_names(
        &pages,
        &[
            "Dear তানিয়া চৌধুরী",
            "Олена Петренко (Oak) has signed",
            "Dear 伟 王",
            "Dear Μαρία Παππάς",
        ],
    );
    let all = pages.join("\n");
    assert!(
        !all.contains("Parents and carers of Zoë"),
        "Zoë's agreement is complete"
    );
    assert!(!all.contains("Parents and carers of Minh"), "so is Minh's");
    // Families, not pupils: fewer letters than pupils with something outstanding.
    let letters = all.matches("Dear ").count();
    let subject = pdfinfo_subject(&out.bytes);
    assert_eq!(subject, format!("Classes: Beech, Oak · {letters} letters"));
    let rows = assent_core::agreements::status(
        &s.store,
        &assent_core::agreements::StatusFilter::default(),
    )
    .unwrap();
    let waiting = rows
        .iter()
        .filter(|r| matches!(r.class.as_deref(), Some("Oak" | "Beech")))
        .filter(|r| r.status != assent_core::agreements::AgreementStatus::Signed)
        .count();
    assert!(letters < waiting, "{letters} letters for {waiting} pupils");
}

/// The Subject the file's properties give, where a letter's selection is noted.
fn pdfinfo_subject(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letters.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Subject:"))
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

#[test]
fn chase_letters_are_pdf_only() {
    let s = school();
    let err = generate(&s.store, &Report::ChaseLetters, &options(&[]), Format::Csv).unwrap_err();
    assert!(
        err.to_string()
            .contains("chase letters can only be made as a PDF"),
        "{err}"
    );
}

#[test]
fn certificate_of_a_drawn_agreement() {
    let s = school();
    let report = Report::Certificate {
        agreement_id: s.drawn_agreement.clone(),
    };
    let out = generate(&s.store, &report, &options(&[]), Format::Pdf).unwrap();
    let pngs = render(&out.bytes, "certificate-drawn");
    let pages = pages_text(&out.bytes);
    assert_eq!(pngs.len(), pages.len());
    check_every_page(
        &pages,
        "Agreement certificate",
        &format!("Zoë Łukasiewicz · agreement {}", s.drawn_agreement),
    );
    let e = assent_core::agreements::evidence(&s.store, &s.drawn_agreement).unwrap();
    check_names(
        &pages,
        &[
            "Katarzyna Łukasiewicz (Mother)",
            "drawn on screen",
            &e.template_sha256,
            &e.evidence_sha256,
            &e.signatures[0].evidence_sha256,
            &e.signatures[1].evidence_sha256,
            &format!("assent agreements verify {}", s.drawn_agreement),
            "all 7 fingerprints matched",
            "Office PC",
            actor().as_str(),
            "Our online safety agreement (Years 3 to 6)",
        ],
    );
}

#[test]
fn certificate_of_a_paper_agreement_names_the_signer_as_written() {
    let s = school();
    let report = Report::Certificate {
        agreement_id: s.paper_agreement.clone(),
    };
    let out = generate(&s.store, &report, &options(&[]), Format::Pdf).unwrap();
    render(&out.bytes, "certificate-paper");
    let pages = pages_text(&out.bytes);
    check_every_page(&pages, "Agreement certificate", "Minh Nguyễn · agreement");
    check_names(
        &pages,
        &[
            common::PAPER_SIGNER,
            "05/10/2026 (date on the form)",
            "on the paper form",
        ],
    );
}

#[test]
fn an_unknown_agreement_is_a_clear_error() {
    let s = school();
    let report = Report::Certificate {
        agreement_id: "no-such-id".to_owned(),
    };
    let err = generate(&s.store, &report, &options(&[]), Format::Pdf).unwrap_err();
    assert!(
        err.to_string().contains("no agreement with id no-such-id"),
        "{err}"
    );
}

#[test]
fn consent_letters_ask_each_family_only_what_it_has_not_answered() {
    let mut s = school();
    // Wang Fang's family answers everything, so they get no letter.
    let fang = s.ids["芳 王"].clone();
    let wei = s.ids["伟 王"].clone();
    for purpose in ["social", "press", "named", "live"] {
        assent_core::consent::set(
            &mut s.store,
            &assent_core::consent::DecisionInput {
                person_id: fang.clone(),
                purpose: purpose.to_owned(),
                yes: false,
                given_by: wei.clone(),
                method: assent_core::consent::ConsentMethod::Phone,
                date: None,
            },
        )
        .unwrap();
    }
    let out = generate(
        &s.store,
        &Report::ConsentLetters,
        &options(&["Oak"]),
        Format::Pdf,
    )
    .unwrap();
    render(&out.bytes, "consent-letters");
    let pages = pages_text(&out.bytes);
    for page in &pages {
        for report_words in ["Page 1 of", "Generated on", "Letters to families"] {
            assert!(!page.contains(report_words), "{report_words:?}:\n{page}");
        }
    }
    let all = pages
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    check_names(
        &pages,
        &[
            "Dear Katarzyna Łukasiewicz,",
            "Photographs and videos of Zoë",
            "Zoë Łukasiewicz (Oak): School social media, Named images and Live lessons and video calls.",
            // A withdrawal is an answer: Olena's video question is not asked again.
            "Олена Петренко (Oak): School social media, Local press, Named images and Live lessons and video calls.",
            "What each question means",
            "which anyone can see",
            "To return to school: photographs and videos",
            "YES / NO",
            "Parent or carer: name in capitals",
        ],
    );
    assert!(
        !all.contains("Dear 伟 王") && !all.contains("Dear 伟王"),
        "every answer is in"
    );
    assert!(
        !all.contains("চৌধুরী"),
        "a pupil under a safeguarding hold is never photographed, so never chased"
    );
    // Only Oak was asked for: Laila's letter does not ask about her brother in Beech.
    assert!(all.contains("ليلى الحسيني"));
    assert!(!all.contains("يوسف الحسيني"), "{all}");
    let letters = all.matches("Dear ").count();
    assert_eq!(
        pdfinfo_subject(&out.bytes),
        format!("Class: Oak · {letters} letters")
    );
    // One letter per family with something unanswered, and each pupil named once.
    let grid = assent_core::consent::grid(&s.store, &["Oak".to_owned()]).unwrap();
    let waiting = grid
        .rows
        .iter()
        .filter(|r| !r.hold && r.cells.iter().any(|c| !c.answered))
        .count();
    assert!(
        letters > 0 && letters <= waiting,
        "{letters} letters for {waiting} pupils"
    );
    // Only names in left-to-right alphabets read back in place: right-to-left
    // ones come back in another order around the class, and pdftotext spaces
    // out other scripts (those named above are checked whole).
    let read_elsewhere = |name: &str| {
        !name
            .chars()
            .all(|c| c < '\u{0590}' || ('\u{1E00}'..='\u{1EFF}').contains(&c))
    };
    for r in grid
        .rows
        .iter()
        .filter(|r| !r.hold && r.cells.iter().any(|c| !c.answered))
    {
        if !read_elsewhere(&r.name) {
            assert_eq!(
                all.matches(&format!("{} (Oak):", r.name)).count(),
                1,
                "{}",
                r.name
            );
        }
    }
}

#[test]
fn consent_letters_are_pdf_only() {
    let s = school();
    let err = generate(
        &s.store,
        &Report::ConsentLetters,
        &options(&[]),
        Format::Csv,
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("consent letters can only be made as a PDF"),
        "{err}"
    );
}
