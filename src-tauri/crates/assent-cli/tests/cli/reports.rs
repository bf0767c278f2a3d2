//! Printed documents from the command line: every document is read back with
//! pdftotext (every name intact, the header and "Page x of y" on every page)
//! and rendered with pdftoppm; files are written whole or not at all.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{assent, stderr, stdout};

/// A poppler tool; its absence fails the test with a way to fix it, never a silent skip.
fn poppler(name: &str) -> Command {
    assert!(
        Command::new(name).arg("-v").output().is_ok(),
        "{name} is needed to check the PDFs; install poppler-utils (apt-get install poppler-utils)"
    );
    Command::new(name)
}

/// Each page's text, without the direction marks pdftotext puts around right-to-left words.
fn pages(pdf: &Path) -> Vec<String> {
    let out = poppler("pdftotext").arg(pdf).arg("-").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text: String = String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !matches!(u32::from(*c), 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069))
        .collect();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    pages.retain(|p| !p.trim().is_empty());
    pages
}

fn rendered(pdf: &Path) -> usize {
    let prefix = pdf.with_extension("");
    let out = poppler("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = prefix.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::read_dir(pdf.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| {
            let path = e.path();
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&format!("{stem}-")) && path.extension().is_some_and(|x| x == "png")
        })
        .count()
}

fn check_pages(pdf: &Path, title: &str, filter: &str) -> String {
    let pages = pages(pdf);
    assert_eq!(rendered(pdf), pages.len(), "every page renders");
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let flat = page.split_whitespace().collect::<Vec<_>>().join(" ");
        for needle in [
            "Juniper Hill Primary School",
            title,
            filter,
            "Generated on",
            "by Helen Okafor (head)",
            &format!("Page {} of {n}", i + 1),
        ] {
            assert!(
                flat.contains(needle),
                "page {} of {} lacks {needle:?}",
                i + 1,
                pdf.display()
            );
        }
    }
    pages
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `name` is in the text; pdftotext joins Chinese characters without spaces.
fn has_name(text: &str, name: &str) -> bool {
    let cjk = name.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    if cjk {
        text.replace(' ', "").contains(&name.replace(' ', ""))
    } else {
        text.contains(name)
    }
}

struct Demo {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Demo {
    fn new() -> Demo {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("s.db");
        let out = assent(Some(&db), &["demo"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        Demo { dir, db }
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        assent(Some(&self.db), args)
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn report(&self, args: &[&str]) -> std::process::Output {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).starts_with("Wrote the "), "{}", stdout(&out));
        out
    }

    /// Signs an Oak pupil's KS2 agreement on paper with a parent; returns the agreement id.
    fn sign_oak_pupil(&self) -> String {
        let oak = self.json(&["consent", "list", "--class", "Oak", "--json"]);
        for pupil in oak.as_array().unwrap() {
            let id = pupil["person_id"].as_str().unwrap();
            let detail = self.json(&["people", "show", id, "--json"]);
            let Some(parent) = detail["contacts"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["parental_responsibility"] == true)
            else {
                continue;
            };
            let parent_name = format!(
                "{} {}",
                parent["given_name"].as_str().unwrap(),
                parent["family_name"].as_str().unwrap()
            );
            let pupil_name = pupil["name"].as_str().unwrap();
            let out = self.run(&[
                "sign",
                "paper",
                "--person",
                id,
                "--kind",
                "ks2",
                "--signer",
                pupil_name,
                "--role",
                "pupil",
                "--parent-signer",
                &parent_name,
                "--date",
                "2026-10-01",
            ]);
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            let text = stdout(&out);
            return text.split_whitespace().nth(2).unwrap().to_owned();
        }
        unreachable!("Oak has pupils with parents")
    }
}

#[test]
fn every_register_and_list_as_pdf_and_csv() {
    let s = Demo::new();
    s.sign_oak_pupil();
    let names = |class: Option<&str>| -> Vec<String> {
        let mut args = vec!["consent", "list", "--json"];
        args.extend(class.map(|c| ["--class", c]).into_iter().flatten());
        s.json(&args)
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let everyone = names(None);
    let oak = names(Some("Oak"));
    // The demo school has names in Latin, Arabic, Bengali, Chinese and Cyrillic script.
    for script in [
        '\u{0627}'..='\u{064A}',
        '\u{0985}'..='\u{09B9}',
        '\u{4E00}'..='\u{9FFF}',
        '\u{0410}'..='\u{044F}',
    ] {
        assert!(
            everyone
                .iter()
                .any(|n| n.chars().any(|c| script.contains(&c))),
            "{script:?}"
        );
    }

    let pdf = s.path("consent.pdf");
    s.report(&["report", "consent-register", "--out", pdf.to_str().unwrap()]);
    let text = check_pages(
        &pdf,
        "Photo and video consent register",
        "Whole school: every class",
    );
    for name in &everyone {
        assert!(has_name(&text, name), "{name} in the consent register");
    }
    let csv = s.path("consent.csv");
    s.report(&[
        "report",
        "consent-register",
        "--class",
        "Oak",
        "--out",
        csv.to_str().unwrap(),
    ]);
    let table = std::fs::read_to_string(&csv).unwrap();
    assert!(
        table.starts_with("\u{FEFF}Class,Pupil,School website,"),
        "{table}"
    );
    assert_eq!(table.lines().count(), oak.len() + 1);
    for name in &oak {
        assert!(table.contains(name.as_str()), "{name} in the CSV");
    }

    let pdf = s.path("aup.pdf");
    s.report(&[
        "report",
        "aup-register",
        "--class",
        "Oak",
        "--class",
        "staff",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let text = check_pages(
        &pdf,
        "Acceptable use agreement register",
        "Class: Oak; Staff",
    );
    let staff = s.json(&["people", "list", "--kind", "staff", "--json"]);
    for p in staff.as_array().unwrap() {
        let name = format!(
            "{} {}",
            p["given_name"].as_str().unwrap(),
            p["family_name"].as_str().unwrap()
        );
        assert!(has_name(&text, &name), "{name} in the AUP register");
    }
    assert!(text.contains("Signed 1 "), "the paper agreement: {text}");

    for (document, title) in [
        ("do-not-photograph", "Do not photograph"),
        ("outstanding", "Agreements outstanding"),
    ] {
        let pdf = s.path(&format!("{document}.pdf"));
        s.report(&["report", document, "--out", pdf.to_str().unwrap()]);
        let text = check_pages(&pdf, title, "Whole school");
        assert!(
            oak.iter().filter(|n| has_name(&text, n)).count() >= oak.len() - 1,
            "{document}"
        );
        let csv = s.path(&format!("{document}.csv"));
        s.report(&[
            "report",
            document,
            "--format",
            "csv",
            "--out",
            csv.to_str().unwrap(),
        ]);
        assert!(
            std::fs::read_to_string(&csv).unwrap().lines().count() > 30,
            "{document} CSV"
        );
    }

    let pdf = s.path("letters.pdf");
    s.report(&[
        "report",
        "chase-letters",
        "--class",
        "Oak",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    // Letters go home: each page renders, and each letter opens with the
    // school's letterhead and "Dear …", with no report frame around it.
    let letters = pages(&pdf);
    assert_eq!(rendered(&pdf), letters.len(), "every page renders");
    let text = letters.join("\n");
    assert!(text.contains("Dear "), "{text}");
    assert!(text.contains("Please return this part to the school office"));
    for page in letters.iter().filter(|p| p.contains("Dear ")) {
        assert!(
            page.trim_start().starts_with("Juniper Hill Primary School"),
            "{page}"
        );
    }
    assert!(!text.contains("Page 1 of"), "no report footer on a letter");

    // The consent letters ask each family in Oak the photo questions still unanswered.
    let consent = s.path("consent-letters.pdf");
    s.report(&[
        "report",
        "consent-letters",
        "--class",
        "Oak",
        "--out",
        consent.to_str().unwrap(),
    ]);
    let letters = pages(&consent);
    assert_eq!(rendered(&consent), letters.len(), "every page renders");
    let text = letters.join("\n");
    assert!(
        text.contains("Dear ") && text.contains("Photographs and videos of"),
        "{text}"
    );
    assert!(text.contains("YES / NO"), "a slip to circle and return");
    assert!(!text.contains("Page 1 of"), "no report footer on a letter");
}

#[test]
fn a_certificate_and_verifying_the_agreement_before_and_after_tampering() {
    let s = Demo::new();
    let id = s.sign_oak_pupil();
    let pdf = s.path("certificate.pdf");
    s.report(&["report", "certificate", &id, "--out", pdf.to_str().unwrap()]);
    let text = check_pages(&pdf, "Agreement certificate", &format!("agreement {id}"));
    assert!(
        text.contains(&format!("assent agreements verify {id}")),
        "{text}"
    );
    assert!(
        text.contains("on a paper form, recorded by the office"),
        "{text}"
    );

    let ok = s.run(&["agreements", "verify", &id]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert!(
        stdout(&ok).contains("all 5 fingerprints match"),
        "{}",
        stdout(&ok)
    );
    // Every fingerprint the check prints is on the certificate.
    for line in stdout(&ok).lines().filter(|l| l.starts_with("match")) {
        let hash = line.rsplit(' ').next().unwrap();
        assert!(text.contains(hash), "{hash} on the certificate");
    }

    let store = assent_core::Store::open(&s.db, "head", super::PASSWORD).unwrap();
    let conn = store.inspect();
    conn.execute_batch("DROP TRIGGER signatures_kept").unwrap();
    conn.execute(
        "UPDATE agreement_signatures SET signed_at = '2026-09-01T00:00:00.000Z' WHERE agreement_id = ?1 AND role = 'parent'",
        [&id],
    )
    .unwrap();
    drop(store);
    let bad = s.run(&["agreements", "verify", &id]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stdout(&bad).contains("MISMATCH  the parent's or carer's signature"),
        "{}",
        stdout(&bad)
    );
    assert_eq!(stderr(&bad).lines().count(), 1, "{}", stderr(&bad));
    assert!(
        stderr(&bad).contains("has changed since it was signed"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn a_failed_report_leaves_nothing_behind_and_an_old_file_untouched() {
    let s = Demo::new();
    let out = s.path("reports").join("oak.pdf");
    std::fs::create_dir(s.path("reports")).unwrap();
    std::fs::write(&out, b"last week's register").unwrap();
    let unknown = s.run(&[
        "report",
        "consent-register",
        "--class",
        "Oek",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert_eq!(stderr(&unknown).lines().count(), 1);
    assert!(
        stderr(&unknown).contains("'Oek' is not a class"),
        "{}",
        stderr(&unknown)
    );
    let csv = s.run(&[
        "report",
        "chase-letters",
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(csv.status.code(), Some(1));
    assert!(
        stderr(&csv).contains("can only be made as a PDF"),
        "{}",
        stderr(&csv)
    );
    // A file where the folder should be: named, in words, without the system's message.
    let blocked = out.join("oak.pdf");
    let in_the_way = s.run(&[
        "report",
        "consent-register",
        "--out",
        blocked.to_str().unwrap(),
    ]);
    assert_eq!(in_the_way.status.code(), Some(1));
    assert_eq!(
        stderr(&in_the_way).trim(),
        format!(
            "assent: {} is a file, not a folder, so nothing can be saved inside it",
            out.display()
        )
    );
    let folder = s.run(&[
        "report",
        "consent-register",
        "--out",
        s.path("reports").to_str().unwrap(),
    ]);
    assert_eq!(folder.status.code(), Some(1));
    assert!(
        stderr(&folder).contains("reports is a folder; give the name of a file inside it"),
        "{}",
        stderr(&folder)
    );
    for failed in [&in_the_way, &folder] {
        assert!(!stderr(failed).contains("os error"), "{}", stderr(failed));
    }
    let unknown_agreement = s.run(&[
        "report",
        "certificate",
        "nope",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(unknown_agreement.status.code(), Some(1));

    assert_eq!(std::fs::read(&out).unwrap(), b"last week's register");
    let left: Vec<_> = std::fs::read_dir(s.path("reports"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "no temporary files: {left:?}");
    assert_eq!(
        s.run(&["report", "consent-register"]).status.code(),
        Some(2),
        "--out is required"
    );
}

#[test]
fn a_report_into_a_folder_that_does_not_exist_yet_makes_the_folder() {
    let s = Demo::new();
    let out = s.path("new folder").join("deeper").join("x.pdf");
    s.report(&[
        "report",
        "consent-register",
        "--class",
        "Oak",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    let csv = s.path("another").join("oak.csv");
    s.report(&[
        "report",
        "do-not-photograph",
        "--format",
        "csv",
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(csv.is_file());
    let left: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "no temporary files: {left:?}");
}
