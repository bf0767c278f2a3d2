//! What every letter home shares: pupils grouped into families (one letter
//! for brothers and sisters), and the letter's opening on the school's
//! letterhead, addressed to the adults with parental responsibility.

use std::collections::BTreeMap;

use assent_core::people::{LinkedPerson, PersonDetail};

use crate::Error;
use crate::page::Document;

/// Children whose parents overlap, and those parents; `T` is what the letter
/// says about each child (their agreement status, or their consent row).
pub(crate) struct Family<T> {
    pub(super) children: Vec<(T, PersonDetail)>,
    pub(super) adults: Vec<LinkedPerson>,
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
pub(super) fn families<T>(pupils: Vec<(T, PersonDetail)>) -> Vec<Family<T>> {
    let mut family_of: Vec<usize> = (0..pupils.len()).collect();
    let mut first_child_of: BTreeMap<String, usize> = BTreeMap::new();
    for (i, (_, detail)) in pupils.iter().enumerate() {
        for c in detail.contacts.iter().filter(|c| c.parental_responsibility) {
            match first_child_of.get(c.id.as_str()) {
                Some(&j) => {
                    let (a, b) = (root(&mut family_of, i), root(&mut family_of, j));
                    family_of[a.max(b)] = a.min(b);
                }
                None => {
                    first_child_of.insert(c.id.clone(), i);
                }
            }
        }
    }
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..pupils.len() {
        by_root.entry(root(&mut family_of, i)).or_default().push(i);
    }
    let mut slots: Vec<Option<(T, PersonDetail)>> = pupils.into_iter().map(Some).collect();
    by_root
        .into_values()
        .map(|members| {
            let children: Vec<(T, PersonDetail)> =
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

pub(super) fn full_name(p: &LinkedPerson) -> String {
    format!("{} {}", p.given_name, p.family_name)
}

/// "A", "A and B", "A, B and C".
pub(super) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A child as a letter names them: "Amira Khan (Oak)".
pub(super) fn child_label(name: &str, class: Option<&str>) -> String {
    match class {
        Some(c) => format!("{name} ({c})"),
        None => name.to_owned(),
    }
}

/// Each child's first name as the school uses it, for speaking of them warmly.
pub(super) fn first_names<T>(family: &Family<T>) -> Vec<String> {
    family
        .children
        .iter()
        .map(|(_, d)| {
            d.summary
                .preferred_given_name
                .clone()
                .unwrap_or_else(|| d.summary.given_name.clone())
        })
        .collect()
}

/// Starts a family's letter on a page of its own: the letterhead, the address
/// block as an envelope window or a book bag would show it, the date and "Dear …".
pub(super) fn opening<T>(
    doc: &mut Document,
    family: &Family<T>,
    children: &[String],
    school: &str,
) -> Result<(), Error> {
    let adults: Vec<String> = family.adults.iter().map(full_name).collect();
    doc.letter(&format!(
        "{school}: letter for the family of {}",
        and_list(children)
    ))?;
    doc.letterhead(school)?;
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
    doc.paragraph(&dear, false, 11.0, 0.0)
}

/// The letter's close.
pub(super) fn sign_off(doc: &mut Document, school: &str) -> Result<(), Error> {
    doc.paragraph("Yours sincerely,", false, 11.0, 0.0)?;
    doc.y += 14.0;
    doc.paragraph(school, true, 11.0, 0.0)
}
