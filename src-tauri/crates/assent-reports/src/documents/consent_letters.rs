//! Letters asking families for the photo and video answers the school does
//! not have yet: one per family, on the school's letterhead, naming for each
//! child the purposes still unanswered, saying what each one means, with a
//! slip to circle yes or no and return.
//!
//! A pupil under a safeguarding hold is never photographed, so their family
//! is not written to about photographs.

use std::collections::BTreeMap;

use assent_core::Store;
use assent_core::consent::ConsentRow;

use super::family::{self, Family, and_list, families};
use super::output::{letters, pdf};
use super::selection::Selection;
use crate::page::{Document, count};
use crate::{Error, Options, Output, Report, data};

/// One child's row and the purposes (code, name) still unanswered for them.
struct Unanswered<'g> {
    row: &'g ConsentRow,
    purposes: Vec<&'g (String, String)>,
}

pub(super) fn consent_letters(store: &Store, options: &Options) -> Result<Output, Error> {
    let selection = Selection::resolve(store, &options.classes, false)?;
    let classes: Vec<String> = selection.classes.iter().map(|c| c.name.clone()).collect();
    let grid = data::consent_grid(store, &classes)?;
    let explanations: BTreeMap<String, String> = data::purposes(store)?
        .into_iter()
        .map(|p| (p.code, p.explanation))
        .collect();
    let mut pupils = Vec::new();
    for row in grid.rows.iter().filter(|r| !r.hold) {
        let purposes: Vec<&(String, String)> = row
            .cells
            .iter()
            .zip(&grid.purposes)
            .filter(|(cell, _)| !cell.answered)
            .map(|(_, purpose)| purpose)
            .collect();
        if !purposes.is_empty() {
            pupils.push((
                Unanswered { row, purposes },
                data::person(store, &row.person_id)?,
            ));
        }
    }
    let families = families(pupils);
    let school = data::school_name(store)?;
    let mut doc = letters(
        store,
        &Report::ConsentLetters,
        format!("{} · {} letters", selection.description, families.len()),
        options,
    )?;
    if families.is_empty() {
        doc.letterhead(&school)?;
        doc.paragraph(
            "Every family here has answered every question about photographs and videos: there is nobody to write to.",
            false,
            11.0,
            0.0,
        )?;
    }
    for f in &families {
        letter(&mut doc, f, &explanations, &school)?;
    }
    pdf(doc)
}

fn label(u: &Unanswered<'_>) -> String {
    family::child_label(&u.row.name, u.row.class.as_deref())
}

fn letter(
    doc: &mut Document,
    f: &Family<Unanswered<'_>>,
    explanations: &BTreeMap<String, String>,
    school: &str,
) -> Result<(), Error> {
    let children: Vec<String> = f.children.iter().map(|(u, _)| label(u)).collect();
    family::opening(doc, f, &children, school)?;
    doc.paragraph(
        &format!(
            "Photographs and videos of {}",
            and_list(&family::first_names(f))
        ),
        true,
        11.0,
        0.0,
    )?;
    doc.paragraph(
        "We take photographs and short videos of school life, in class, on trips and at events. \
         We only use a child's picture in the ways a parent or carer has agreed to, and until we \
         hear from you we treat every question below as a no. We are still waiting for your answers to:",
        false,
        11.0,
        0.0,
    )?;
    for (u, _) in &f.children {
        let names: Vec<String> = u.purposes.iter().map(|(_, name)| name.clone()).collect();
        doc.bullet(&format!("{}: {}.", label(u), and_list(&names)), 11.0)?;
    }
    doc.y += 4.0;
    doc.paragraph(
        "What each one means is set out below. Please circle yes or no for each on the slip at \
         the end of this letter, sign it, cut it off and return it to the school office, or send \
         it in your child's book bag. You can change your mind at any time: just tell the office.",
        false,
        11.0,
        0.0,
    )?;
    family::sign_off(doc, school)?;

    // Each purpose asked about in this letter, once, in the school's order.
    let mut asked: Vec<&(String, String)> = Vec::new();
    for (u, _) in &f.children {
        for p in &u.purposes {
            if !asked.contains(p) {
                asked.push(p);
            }
        }
    }
    doc.y += 12.0;
    doc.heading("What each question means", 12.0, 30.0)?;
    for (code, name) in &asked {
        doc.heading(name, 10.5, 14.0)?;
        if let Some(text) = explanations.get(code) {
            doc.paragraph(text, false, 10.0, 0.0)?;
        }
    }

    // The part to return stays on one page, so it can be cut off and sent back.
    let lines: f32 = f
        .children
        .iter()
        .map(|(u, _)| 17.0 + 19.0 * count(u.purposes.len()))
        .sum();
    doc.ensure(24.0 + 20.0 + lines + 40.0)?;
    doc.cut_here("✂  Please return this part to the school office")?;
    doc.heading("To return to school: photographs and videos", 12.0, 0.0)?;
    for (u, _) in &f.children {
        doc.heading(&label(u), 10.0, 19.0 * count(u.purposes.len()))?;
        for (_, name) in &u.purposes {
            doc.paragraph(&format!("{name}:   YES   /   NO"), false, 10.0, 12.0)?;
        }
    }
    doc.lines_to_sign(&[
        ("Parent or carer: name in capitals", 2.2),
        ("Signature", 2.0),
        ("Date", 1.2),
    ])?;
    doc.end_section();
    Ok(())
}
