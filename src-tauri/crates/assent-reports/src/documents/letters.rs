//! Letters chasing agreements: one per family, whatever the number of
//! children, addressed to the adults with parental responsibility, on the
//! school's letterhead rather than in a report's frame, with each agreement's
//! text and a slip to sign and return on paper.

use std::collections::BTreeMap;

use assent_core::Store;
use assent_core::agreements::{AgreementStatus, StatusRow};
use assent_core::templates::{TemplateKind, TemplateVersion};

use super::aup::is_outstanding;
use super::family::{self, and_list, families};
use super::output::{letters, pdf};
use super::selection::Selection;
use crate::agreement::agreement_text;
use crate::page::Document;
use crate::{Error, Options, Output, Report, data};

type Family<'r> = super::family::Family<&'r StatusRow>;

fn child_label(r: &StatusRow) -> String {
    family::child_label(&r.name, r.class.as_deref())
}

fn what_is_missing(r: &StatusRow) -> &'static str {
    match r.status {
        AgreementStatus::AwaitingParent => {
            "has signed, and we still need the signature of a parent or carer"
        }
        AgreementStatus::NeedsResigning => {
            "signed an earlier version, and the agreement has changed since, so it needs signing again"
        }
        _ => "has not signed yet",
    }
}

pub(super) fn chase_letters(store: &Store, options: &Options) -> Result<Output, Error> {
    let selection = Selection::resolve(store, &options.classes, false)?;
    let rows = data::statuses(store)?;
    let mut pupils = Vec::new();
    for (_, members) in selection.groups(&rows) {
        for r in members.into_iter().filter(|r| is_outstanding(r)) {
            pupils.push((r, data::person(store, &r.person_id)?));
        }
    }
    let families = families(pupils);
    let mut texts: BTreeMap<&'static str, TemplateVersion> = BTreeMap::new();
    for kind in [TemplateKind::Ks1, TemplateKind::Ks2] {
        texts.insert(kind.code(), data::template(store, kind, None)?);
    }
    let school = data::school_name(store)?;
    let mut doc = letters(
        store,
        &Report::ChaseLetters,
        format!("{} · {} letters", selection.description, families.len()),
        options,
    )?;
    if families.is_empty() {
        doc.letterhead(&school)?;
        doc.paragraph(
            "Every pupil here has a complete agreement: there is nobody to write to.",
            false,
            11.0,
            0.0,
        )?;
    }
    for family in &families {
        letter(&mut doc, family, &texts, &school)?;
    }
    pdf(doc)
}

fn letter(
    doc: &mut Document,
    family: &Family<'_>,
    texts: &BTreeMap<&'static str, TemplateVersion>,
    school: &str,
) -> Result<(), Error> {
    let children: Vec<String> = family
        .children
        .iter()
        .map(|(r, _)| child_label(r))
        .collect();
    opening(doc, family, &children, school)?;
    let mut kinds: Vec<TemplateKind> = Vec::new();
    for (r, _) in &family.children {
        if !kinds.contains(&r.agreement_kind) {
            kinds.push(r.agreement_kind);
        }
    }
    for kind in &kinds {
        if let Some(text) = texts.get(kind.code()) {
            doc.y += 12.0;
            agreement_text(doc, text)?;
        }
    }
    // The part to return stays on one page, so it can be cut off and sent back.
    let lines: f32 = family
        .children
        .iter()
        .map(|(r, _)| {
            let pupil_line = r.agreement_kind == TemplateKind::Ks1
                || (r.agreement_kind == TemplateKind::Ks2
                    && r.status != AgreementStatus::AwaitingParent);
            17.0 + 38.0 * if pupil_line { 2.0 } else { 1.0 }
        })
        .sum();
    doc.ensure(24.0 + 20.0 + lines)?;
    doc.cut_here("✂  Please return this part to the school office")?;
    doc.heading("To return to school", 12.0, 0.0)?;
    for (r, _) in &family.children {
        let version = texts.get(r.agreement_kind.code()).map_or(0, |t| t.version);
        let title = texts
            .get(r.agreement_kind.code())
            .map_or("", |t| t.title.as_str());
        doc.heading(
            &format!("{}: {title}, version {version}", child_label(r)),
            10.0,
            76.0,
        )?;
        let pupil_signs =
            r.agreement_kind == TemplateKind::Ks2 && r.status != AgreementStatus::AwaitingParent;
        if pupil_signs {
            doc.lines_to_sign(&[("Pupil's signature", 3.0), ("Date", 1.2)])?;
        } else if r.agreement_kind == TemplateKind::Ks1 {
            doc.lines_to_sign(&[
                ("Child's name or mark (if they would like to)", 3.0),
                ("Date", 1.2),
            ])?;
        }
        doc.lines_to_sign(&[
            ("Parent or carer: name in capitals", 2.2),
            ("Signature", 2.0),
            ("Date", 1.2),
        ])?;
    }
    doc.end_section();
    Ok(())
}

/// The letter itself, on its first page: letterhead, address block, date,
/// greeting, what is missing for which child, how to return it, and sign-off.
fn opening(
    doc: &mut Document,
    family: &Family<'_>,
    children: &[String],
    school: &str,
) -> Result<(), Error> {
    family::opening(doc, family, children, school)?;
    let first_names = family::first_names(family);
    doc.paragraph(
        &format!("Online safety agreement for {}", and_list(&first_names)),
        true,
        11.0,
        0.0,
    )?;
    doc.paragraph(
        "Every child at our school agrees to a few simple rules for using computers, tablets \
         and the internet safely, and a parent or carer signs too. We have not yet had this back:",
        false,
        11.0,
        0.0,
    )?;
    for (r, _) in &family.children {
        doc.bullet(&format!("{} {}.", child_label(r), what_is_missing(r)), 11.0)?;
    }
    doc.y += 4.0;
    doc.paragraph(
        "The agreement is printed below. Please read it with your child and talk about it \
         together. Then fill in the slip at the end of this letter, cut it off and return it to \
         the school office, or send it in your child's book bag. If you would rather sign on \
         screen, the office will be glad to arrange it. Thank you for helping us keep everyone \
         safe online.",
        false,
        11.0,
        0.0,
    )?;
    family::sign_off(doc, school)
}
