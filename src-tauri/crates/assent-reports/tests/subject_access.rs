//! The subject access report, read back with pdftotext.

use crate::common::{actor, check_every_page, check_names, pages_text, render, school};
use assent_reports::subject_access::{TITLE, subject_access};

#[test]
fn subject_access_prints_everything_held_readably() {
    let s = school();
    let id = &s.ids["Zoë Łukasiewicz"];
    let out = subject_access(&s.store, id, actor().as_str()).unwrap();
    assert!(out.bytes.starts_with(b"%PDF"));
    let pages = pages_text(&out.bytes);
    assert_eq!(Some(pages.len()), out.pages);
    render(&out.bytes, "subject-access");
    check_every_page(&pages, TITLE, &format!("Zoë Łukasiewicz · person {id}"));
    let e = assent_core::agreements::evidence(&s.store, &s.drawn_agreement).unwrap();
    check_names(
        &pages,
        &[
            "Legal name Zoë Łukasiewicz",
            "Katarzyna Łukasiewicz",
            "Our online safety agreement (Years 3 to 6)",
            "I will only go online when an adult says I can.",
            &s.drawn_agreement,
            &e.template_sha256,
            &e.evidence_sha256,
            "Photo and video consent history",
            "Audit entries about them",
        ],
    );
}

#[test]
fn subject_access_needs_the_right_to_answer_requests() {
    let mut s = school();
    let id = s.ids["Zoë Łukasiewicz"].clone();
    s.store.sign_out();
    assert!(subject_access(&s.store, &id, "nobody").is_err());
}
