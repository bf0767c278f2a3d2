//! A school to report on, and the tools that read the PDFs back.
//!
//! The demo school, plus fictional pupils, parents and staff whose names use
//! the scripts every document must print: Latin with diacritics, Arabic,
//! Bengali, Cyrillic, Chinese, Greek and Hebrew; with consents, holds, drawn,
//! typed and paper signatures, a material change, and a family of siblings.

#![allow(dead_code, clippy::missing_panics_doc, clippy::too_many_lines)]

use std::path::{Path, PathBuf};
use std::process::Command;

use assent_core::agreements::{self, Method, Point, SignRequest, SignatureInput, SignerRole};
use assent_core::consent::{self, ConsentMethod, DecisionInput};
use assent_core::people::{self, PersonFields, PersonKind, YearGroup};
use assent_core::templates::{self, PublishOptions, TemplateKind};
use assent_core::{Actor, Admin, Store, demo};

mod png;
pub use png::signature_png;

/// Names added to Oak (Year 5), as documents print them.
pub const OAK_NAMES: [&str; 7] = [
    "Zoë Łukasiewicz",
    "Minh Nguyễn",
    "ليلى الحسيني",
    "আয়েশা চৌধুরী",
    "Олена Петренко",
    "芳 王",
    "Ελένη Παππάς",
];
/// Added to Beech (Year 1): Laila's brother, so one letter covers both.
pub const SIBLING: &str = "يوسف الحسيني";
/// Staff added: Vietnamese, Cyrillic and Hebrew names.
pub const STAFF_NAMES: [&str; 3] = ["Thanh Hằng Đặng", "Dmitro Коваленко", "יעל כהן"];
/// How Minh's mother writes her name on the paper form.
pub const PAPER_SIGNER: &str = "Nguyễn Thị Hương";

pub struct School {
    pub dir: tempfile::TempDir,
    pub store: Store,
    /// Person ids by printed name.
    pub ids: std::collections::HashMap<String, String>,
    /// A KS2 agreement signed by drawing, pupil and parent.
    pub drawn_agreement: String,
    /// A KS2 agreement returned on paper.
    pub paper_agreement: String,
}

/// A pupil's given and family name, and their parents' (with parental responsibility).
type Family<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

/// The first head user of the test school.
pub fn admin() -> Admin {
    Admin {
        username: "head".to_owned(),
        display_name: "Harriet Head".to_owned(),
        password: "correct horse battery".to_owned(),
    }
}

/// How the head user appears on documents and in the audit log.
pub fn actor() -> Actor {
    Actor::user("Harriet Head", "head")
}

fn person(kind: PersonKind, given: &str, family: &str) -> PersonFields {
    PersonFields {
        kind: Some(kind),
        given_name: given.to_owned(),
        family_name: family.to_owned(),
        ..PersonFields::default()
    }
}

fn pupil(given: &str, family: &str, year: YearGroup, class: &str) -> PersonFields {
    PersonFields {
        year_group: Some(year),
        class_name: Some(class.to_owned()),
        date_of_birth: Some("2016-05-01".to_owned()),
        ..person(PersonKind::Pupil, given, family)
    }
}

fn stroke() -> Vec<Vec<Point>> {
    vec![
        (0..20)
            .map(|i| Point {
                x: 10.0 + f64::from(i) * 6.0,
                y: 40.0 + f64::from(i % 5) * 4.0,
            })
            .collect(),
    ]
}

pub fn drawn(role: SignerRole, name: &str, signer: Option<&str>, seed: u32) -> SignatureInput {
    SignatureInput {
        role,
        signer_person_id: signer.map(str::to_owned),
        signer_name: name.to_owned(),
        method: Method::Drawn,
        agreed: false,
        image_png: Some(signature_png(seed)),
        strokes: Some(stroke()),
        signed_on: None,
    }
}

fn paper(role: SignerRole, name: &str, signer: Option<&str>) -> SignatureInput {
    SignatureInput {
        method: Method::Paper,
        image_png: None,
        strokes: None,
        signed_on: Some("2026-10-05".to_owned()),
        ..drawn(role, name, signer, 0)
    }
}

fn typed(name: &str) -> SignatureInput {
    SignatureInput {
        method: Method::Typed,
        agreed: true,
        image_png: None,
        strokes: None,
        ..drawn(SignerRole::Themselves, name, None, 0)
    }
}

pub fn sign(
    store: &mut Store,
    person: &str,
    kind: TemplateKind,
    sigs: Vec<SignatureInput>,
) -> String {
    let current = templates::version(store, kind, None).unwrap();
    let req = SignRequest {
        submission_id: uuid_like(person, kind),
        person_id: person.to_owned(),
        kind,
        version: current.version,
        template_sha256: current.sha256,
        signatures: sigs,
        scan: None,
        device: "Office PC".to_owned(),
        consents: Vec::new(),
    };
    agreements::sign(store, &req).unwrap().id
}

fn uuid_like(person: &str, kind: TemplateKind) -> String {
    format!("{person}-{}-{}", kind.code(), std::process::id())
}

/// The demo school with the extra people, consents and agreements described above.
pub fn school() -> School {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = demo::create_or_fill(&dir.path().join("school.db"), &admin()).unwrap();
    let mut ids = std::collections::HashMap::new();
    let now = people::now();
    store
        .inspect_write(|tx| {
            let mut add = |fields: PersonFields| {
                let name = format!("{} {}", fields.given_name, fields.family_name);
                let id = people::insert(tx, &fields, &now).unwrap();
                ids.insert(name, id.clone());
                id
            };
            let families: [Family; 7] = [
                ("Zoë", "Łukasiewicz", &[("Katarzyna", "Łukasiewicz")]),
                (
                    "Minh",
                    "Nguyễn",
                    &[("Thị Hương", "Nguyễn"), ("Văn Minh", "Trần")],
                ),
                ("ليلى", "الحسيني", &[("نور", "الحسيني"), ("عمر", "الحسيني")]),
                ("আয়েশা", "চৌধুরী", &[("তানিয়া", "চৌধুরী")]),
                ("Олена", "Петренко", &[("Анна", "Петренко")]),
                ("芳", "王", &[("伟", "王")]),
                ("Ελένη", "Παππάς", &[("Μαρία", "Παππάς")]),
            ];
            for (given, family, parents) in families {
                let child = add(pupil(given, family, YearGroup::Year(5), "Oak"));
                for (n, (pg, pf)) in parents.iter().enumerate() {
                    let parent = add(person(PersonKind::Parent, pg, pf));
                    let rel = if n == 0 { "PAM" } else { "PAF" };
                    people::link_contact(
                        tx,
                        &child,
                        &parent,
                        rel,
                        u32::try_from(n + 1).unwrap(),
                        true,
                    )
                    .unwrap();
                }
            }
            let brother = add(pupil("يوسف", "الحسيني", YearGroup::Year(1), "Beech"));
            for (given, family) in [
                ("Thanh Hằng", "Đặng"),
                ("Dmitro", "Коваленко"),
                ("יעל", "כהן"),
            ] {
                add(PersonFields {
                    role: Some("Teaching assistant".to_owned()),
                    ..person(PersonKind::Staff, given, family)
                });
            }
            for (n, parent) in ["نور الحسيني", "عمر الحسيني"].iter().enumerate()
            {
                let id = ids[*parent].clone();
                let rel = if n == 0 { "PAM" } else { "PAF" };
                people::link_contact(tx, &brother, &id, rel, u32::try_from(n + 1).unwrap(), true)
                    .unwrap();
            }
            Ok(())
        })
        .unwrap();
    let id = |name: &str| ids[name].clone();

    // Consent: a mix of answers, a withdrawal, a disagreement and a hold.
    let decide = |store: &mut Store, child: &str, parent: &str, purpose: &str, yes: bool| {
        consent::set(
            store,
            &DecisionInput {
                person_id: id(child),
                purpose: purpose.to_owned(),
                yes,
                given_by: id(parent),
                method: ConsentMethod::Paper,
                date: None,
            },
        )
        .unwrap();
    };
    for purpose in ["website", "print", "displays", "learning", "video"] {
        decide(
            &mut store,
            "Zoë Łukasiewicz",
            "Katarzyna Łukasiewicz",
            purpose,
            true,
        );
        decide(&mut store, "Олена Петренко", "Анна Петренко", purpose, true);
        decide(&mut store, "芳 王", "伟 王", purpose, true);
        decide(&mut store, "ليلى الحسيني", "نور الحسيني", purpose, true);
    }
    decide(
        &mut store,
        "Zoë Łukasiewicz",
        "Katarzyna Łukasiewicz",
        "press",
        false,
    );
    decide(
        &mut store,
        "Minh Nguyễn",
        "Thị Hương Nguyễn",
        "website",
        true,
    );
    decide(&mut store, "Minh Nguyễn", "Văn Minh Trần", "website", false);
    consent::withdraw(
        &mut store,
        &id("Олена Петренко"),
        "video",
        Some("Changed her mind"),
    )
    .unwrap();
    consent::hold(&mut store, &id("আয়েশা চৌধুরী"), "Court order").unwrap();

    // Agreements: drawn by pupil and parent; on paper; a pupil only; staff typed and drawn.
    let drawn_agreement = sign(
        &mut store,
        &id("Zoë Łukasiewicz"),
        TemplateKind::Ks2,
        vec![
            drawn(SignerRole::Pupil, "Zoë", None, 1),
            drawn(
                SignerRole::Parent,
                "Katarzyna Łukasiewicz",
                Some(&id("Katarzyna Łukasiewicz")),
                2,
            ),
        ],
    );
    let paper_agreement = sign(
        &mut store,
        &id("Minh Nguyễn"),
        TemplateKind::Ks2,
        vec![
            paper(SignerRole::Pupil, "Minh Nguyễn", None),
            paper(
                SignerRole::Parent,
                PAPER_SIGNER,
                Some(&id("Thị Hương Nguyễn")),
            ),
        ],
    );
    sign(
        &mut store,
        &id("Олена Петренко"),
        TemplateKind::Ks2,
        vec![drawn(SignerRole::Pupil, "Олена", None, 3)],
    );
    sign(
        &mut store,
        &id("Dmitro Коваленко"),
        TemplateKind::Staff,
        vec![typed("Dmitro Коваленко")],
    );
    // A material change to the staff agreement: Dmitro must sign again; Hương signs the new one.
    let staff_text = templates::version(&store, TemplateKind::Staff, None)
        .unwrap()
        .source;
    templates::publish(
        &mut store,
        TemplateKind::Staff,
        &format!("{staff_text}\nNever share a password, even with a colleague.\n"),
        &PublishOptions {
            material: true,
            summary: Some("Passwords".to_owned()),
            ..PublishOptions::default()
        },
    )
    .unwrap();
    sign(
        &mut store,
        &id("Thanh Hằng Đặng"),
        TemplateKind::Staff,
        vec![drawn(SignerRole::Themselves, "Thanh Hằng Đặng", None, 4)],
    );
    School {
        dir,
        store,
        ids,
        drawn_agreement,
        paper_agreement,
    }
}

/// A poppler tool, or a clear failure saying how to install it: never a silent skip.
fn tool(name: &str) -> Command {
    let found = Command::new(name).arg("-v").output().is_ok();
    assert!(
        found,
        "{name} is needed to check the PDFs; install poppler-utils (apt-get install poppler-utils)"
    );
    Command::new(name)
}

/// Removes the direction marks pdftotext adds around right-to-left words.
fn without_bidi_marks(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(u32::from(*c), 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069))
        .collect()
}

/// The text of each page, as pdftotext reads it back.
pub fn pages_text(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = tool("pdftotext").arg(&file).arg("-").output().unwrap();
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = without_bidi_marks(&String::from_utf8(out.stdout).unwrap());
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Where rendered pages are kept for looking at: `target/tmp/reports/NAME-N.png`.
pub fn samples() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("reports");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Renders every page at 60 dpi with pdftoppm into `target/tmp/reports/NAME/`;
/// returns the PNG files, one per page.
pub fn render(pdf: &[u8], name: &str) -> Vec<PathBuf> {
    let dir = samples().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.pdf"));
    std::fs::write(&file, pdf).unwrap();
    let out = tool("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(&file)
        .arg(dir.join("page"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pdftoppm failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pngs.sort();
    for png in &pngs {
        assert!(
            std::fs::metadata(png).unwrap().len() > 1000,
            "{} is empty",
            png.display()
        );
    }
    pngs
}

/// Every page carries the school, the title, the filter, who generated it, and "Page x of y".
pub fn check_every_page(pages: &[String], title: &str, filter: &str) {
    assert!(!pages.is_empty(), "no pages");
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let flat = page.replace('\n', " ");
        for needle in [
            demo::SCHOOL_NAME.to_owned(),
            title.to_owned(),
            filter.to_owned(),
            "Generated on ".to_owned(),
            format!("by {}", actor().as_str()),
            format!("Page {} of {n}", i + 1),
        ] {
            assert!(
                flat.contains(&needle),
                "page {} lacks {needle:?}:\n{page}",
                i + 1
            );
        }
    }
}

/// Every name appears, intact, somewhere in the document.
pub fn check_names(pages: &[String], names: &[&str]) {
    // Text wrapped inside a cell reads back over several lines.
    let all = pages
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // pdftotext joins Chinese characters without the space between them.
    let compact: String = all.chars().filter(|c| *c != ' ').collect();
    for name in names {
        let cjk = name.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
        let found = if cjk {
            compact.contains(&name.replace(' ', ""))
        } else {
            all.contains(name)
        };
        assert!(found, "{name:?} is missing or broken in:\n{all}");
    }
}
