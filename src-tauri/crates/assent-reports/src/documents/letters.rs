//! Letters chasing agreements: one per family, whatever the number of
//! children, addressed to the adults with parental responsibility, on the
//! school's letterhead rather than in a report's frame, with each agreement's
//! text and a slip to sign and return on paper.

use std::collections::BTreeMap;

use assent_core::Store;
use assent_core::agreements::{AgreementStatus, StatusRow};
use assent_core::people::{LinkedPerson, PersonDetail};
use assent_core::templates::{TemplateKind, TemplateVersion};

use super::aup::is_outstanding;
use super::output::{letters, pdf};
use super::selection::Selection;
use crate::agreement::agreement_text;
use crate::page::Document;
use crate::{Error, Options, Output, Report, data};

/// Children whose parents overlap, and those parents.
struct Family<'r> {
    children: Vec<(&'r StatusRow, PersonDetail)>,
    adults: Vec<LinkedPerson>,
}

/// The first pupil of `i`'s family (union-find, halving the path as it goes).
fn root(family_of: &mut [usize], mut i: usize) -> usize {
    while family_of[i] != i {
        family_of[i] = family_of[family_of[i]];
        i = family_of[i];
    }
    i
}

/// Groups pupils into families: two pupils share a letter when they share an
/// adult with parental responsibility (directly, or through a sibling).
fn families<'r>(pupils: Vec<(&'r StatusRow, PersonDetail)>) -> Vec<Family<'r>> {
    let mut family_of: Vec<usize> = (0..pupils.len()).collect();
    let mut first_child_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, (_, detail)) in pupils.iter().enumerate() {
        for c in detail.contacts.iter().filter(|c| c.parental_responsibility) {
            match first_child_of.get(c.id.as_str()) {
                Some(&j) => {
                    let (a, b) = (root(&mut family_of, i), root(&mut family_of, j));
                    family_of[a.max(b)] = a.min(b);
                }
                None => {
                    first_child_of.insert(&c.id, i);
                }
            }
        }
    }
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..pupils.len() {
        by_root.entry(root(&mut family_of, i)).or_default().push(i);
    }
    let mut slots: Vec<Option<(&'r StatusRow, PersonDetail)>> =
        pupils.into_iter().map(Some).collect();
    by_root
        .into_values()
        .map(|members| {
            let children: Vec<(&StatusRow, PersonDetail)> =
                members.iter().filter_map(|&i| slots[i].take()).collect();
            let mut adults: Vec<LinkedPerson> = Vec::new();
            for (_, d) in &children {
                for c in d.contacts.iter().filter(|c| c.parental_responsibility) {
                    if !adults.iter().any(|a| a.id == c.id) {
                        adults.push(c.clone());
                    }
                }
            }
            adults.sort_by_key(|a| a.priority);
            Family { children, adults }
        })
        .collect()
}

fn full_name(p: &LinkedPerson) -> String {
    format!("{} {}", p.given_name, p.family_name)
}

/// "A", "A and B", "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn child_label(r: &StatusRow) -> String {
    match &r.class {
        Some(c) => format!("{} ({c})", r.name),
        None => r.name.clone(),
    }
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
    let adults: Vec<String> = family.adults.iter().map(full_name).collect();
    let first_names: Vec<String> = family
        .children
        .iter()
        .map(|(_, d)| {
            d.summary
                .preferred_given_name
                .clone()
                .unwrap_or_else(|| d.summary.given_name.clone())
        })
        .collect();
    doc.letter(&format!(
        "{school}: letter for the family of {}",
        and_list(children)
    ))?;
    doc.letterhead(school)?;
    // The address block, as an envelope window or a book bag would show it.
    for adult in &adults {
        doc.paragraph(adult, false, 11.0, 0.0)?;
        doc.y -= 5.0;
    }
    doc.y += 5.0;
    doc.paragraph(
        &format!("Parents and carers of {}", and_list(children)),
        false,
        11.0,
        0.0,
    )?;
    doc.y += 8.0;
    doc.paragraph(
        &chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::London)
            .format("%-d %B %Y")
            .to_string(),
        false,
        11.0,
        0.0,
    )?;
    doc.y += 8.0;
    let dear = if adults.is_empty() {
        "Dear parent or carer,".to_owned()
    } else {
        format!("Dear {},", and_list(&adults))
    };
    doc.paragraph(&dear, false, 11.0, 0.0)?;
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
    doc.paragraph("Yours sincerely,", false, 11.0, 0.0)?;
    doc.y += 14.0;
    doc.paragraph(school, true, 11.0, 0.0)?;
    Ok(())
}
