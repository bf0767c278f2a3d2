//! The acceptable-use agreement register and the list of agreements outstanding.

use std::collections::HashMap;

use assent_core::Store;
use assent_core::agreements::{AgreementRecord, AgreementStatus, StatusRow};
use assent_core::templates::TemplateKind;

use super::output::{csv, document, pdf};
use super::selection::Selection;
use crate::csv_out::Csv;
use crate::dates::uk_date;
use crate::page::{Document, Orientation, Picture};
use crate::table::{Align, Cell, Table, col, text};
use crate::{Error, Format, Options, Output, Report, data};

/// What the register says about one person's latest agreement.
struct Signed {
    version: String,
    date: String,
    method: String,
    /// Typed names, or "on paper", for the signature column.
    words: String,
}

fn signed(record: Option<&AgreementRecord>) -> Signed {
    let Some(a) = record else {
        return Signed {
            version: String::new(),
            date: String::new(),
            method: String::new(),
            words: String::new(),
        };
    };
    let mut methods: Vec<&str> = Vec::new();
    for s in &a.signatures {
        if !methods.contains(&s.method.as_str()) {
            methods.push(&s.method);
        }
    }
    let typed: Vec<&str> = a
        .signatures
        .iter()
        .filter(|s| s.method == "typed")
        .map(|s| s.signer_name.as_str())
        .collect();
    let words = if !typed.is_empty() {
        format!("typed: {}", typed.join("; "))
    } else if methods == ["paper"] {
        "on the paper form".to_owned()
    } else {
        String::new()
    };
    Signed {
        version: a.version.to_string(),
        date: a
            .signatures
            .iter()
            .map(|s| s.signed_at.as_str())
            .max()
            .map(uk_date)
            .unwrap_or_default(),
        method: methods.join(", "),
        words,
    }
}

pub(super) fn register(store: &Store, options: &Options, format: Format) -> Result<Output, Error> {
    let selection = Selection::resolve(store, &options.classes, true)?;
    let rows = data::statuses(store)?;
    let records = data::all_agreements(store)?;
    let by_id: HashMap<&str, &AgreementRecord> =
        records.iter().map(|a| (a.id.as_str(), a)).collect();
    let record = |r: &StatusRow| {
        r.agreement_id
            .as_deref()
            .and_then(|id| by_id.get(id).copied())
    };
    let groups = selection.groups(&rows);
    if format == Format::Csv {
        let mut out = Csv::new(&[
            "Group",
            "Name",
            "Agreement",
            "Status",
            "Version",
            "Signed on",
            "Method",
        ])?;
        for (group, members) in &groups {
            for r in members {
                let s = signed(record(r));
                out.row(&[
                    group.as_str(),
                    &r.name,
                    r.agreement_kind.code(),
                    r.status.label(),
                    &s.version,
                    &s.date,
                    &s.method,
                ])?;
            }
        }
        return Ok(csv(out.finish()?));
    }
    let mut doc = document(
        store,
        &Report::AupRegister,
        selection.description.clone(),
        options,
        Orientation::Portrait,
    )?;
    register_pdf(store, &mut doc, &groups, &record)?;
    pdf(doc)
}

fn register_pdf<'a>(
    store: &Store,
    doc: &mut Document,
    groups: &[(String, Vec<&StatusRow>)],
    record: &impl Fn(&StatusRow) -> Option<&'a AgreementRecord>,
) -> Result<(), Error> {
    for (group, members) in groups {
        let done = members
            .iter()
            .filter(|r| r.status == AgreementStatus::Signed)
            .count();
        let heading = format!("{group} · {done} of {} signed", members.len());
        doc.section_on_new_page(Some(&heading))?;
        if members.is_empty() {
            doc.paragraph("Nobody is in this group.", false, 10.0, 0.0)?;
            continue;
        }
        let ids: Vec<&str> = members
            .iter()
            .filter_map(|r| r.agreement_id.as_deref())
            .collect();
        let drawn = data::drawn_signatures(store, &ids)?;
        let columns = vec![
            col("Name", 2.3, Align::Left),
            col("Status", 1.3, Align::Left),
            col("Version", 0.75, Align::Centre),
            col("Signed on", 1.0, Align::Centre),
            col("Method", 0.95, Align::Left),
            col("Signature", 2.0, Align::Left),
        ];
        Table::new(doc, columns, 9.0)?.begin(doc)?;
        for r in members {
            let s = signed(record(r));
            let pictures = pictures(doc, r.agreement_id.as_deref().and_then(|id| drawn.get(id)));
            let unreadable = pictures.len()
                < r.agreement_id
                    .as_deref()
                    .and_then(|id| drawn.get(id))
                    .map_or(0, Vec::len);
            let words = if unreadable {
                "(a signature picture could not be read)".to_owned()
            } else if pictures.len() > 1 {
                // Say whose is whose: pupil first, then parent, as they signed.
                r.agreement_id
                    .as_deref()
                    .and_then(|id| drawn.get(id))
                    .map(|list| {
                        list.iter()
                            .map(|(role, _)| role_word(*role))
                            .collect::<Vec<_>>()
                            .join(", then ")
                    })
                    .unwrap_or_default()
            } else {
                s.words
            };
            let cells = [
                text(r.name.clone()),
                text(r.status.label()),
                text(s.version),
                text(s.date),
                text(s.method),
                Cell::Pictures(pictures, words),
            ];
            doc.row(&cells, false)?;
        }
        doc.end_section();
    }
    Ok(())
}

fn pictures(
    doc: &mut Document,
    drawn: Option<&Vec<(assent_core::agreements::SignerRole, Vec<u8>)>>,
) -> Vec<Picture> {
    drawn
        .map(|list| {
            list.iter()
                .filter_map(|(_, png)| doc.picture(png))
                .collect()
        })
        .unwrap_or_default()
}

fn role_word(role: assent_core::agreements::SignerRole) -> &'static str {
    use assent_core::agreements::SignerRole;
    match role {
        SignerRole::Themselves => "self",
        SignerRole::Pupil => "pupil",
        SignerRole::Parent => "parent or carer",
        SignerRole::ChildMark => "child's mark",
    }
}

/// What the person (or their family) still has to do.
fn needed(r: &StatusRow) -> String {
    match (r.status, r.agreement_kind) {
        (AgreementStatus::AwaitingParent, _) => "A parent or carer to sign".to_owned(),
        (AgreementStatus::NeedsResigning, _) => format!(
            "Sign the new version (signed version {})",
            r.version.unwrap_or(0)
        ),
        (_, TemplateKind::Ks2) => "The pupil, then a parent or carer, to sign".to_owned(),
        (_, TemplateKind::Ks1) => "A parent or carer to sign".to_owned(),
        _ => "To sign".to_owned(),
    }
}

/// Whether a person's agreement is still to be (re-)signed.
pub(super) fn is_outstanding(r: &StatusRow) -> bool {
    matches!(
        r.status,
        AgreementStatus::NotSigned
            | AgreementStatus::AwaitingParent
            | AgreementStatus::NeedsResigning
    )
}

pub(super) fn outstanding(
    store: &Store,
    options: &Options,
    format: Format,
) -> Result<Output, Error> {
    let selection = Selection::resolve(store, &options.classes, true)?;
    let rows = data::statuses(store)?;
    let mut titles: HashMap<TemplateKind, String> = HashMap::new();
    for kind in TemplateKind::ALL {
        titles.insert(kind, data::template(store, kind, None)?.title);
    }
    let groups: Vec<(String, Vec<&StatusRow>)> = selection
        .groups(&rows)
        .into_iter()
        .map(|(g, members)| {
            (
                g,
                members.into_iter().filter(|r| is_outstanding(r)).collect(),
            )
        })
        .collect();
    if format == Format::Csv {
        let mut out = Csv::new(&["Group", "Name", "Agreement", "Status", "Needed"])?;
        for (group, members) in &groups {
            for r in members {
                out.row(&[
                    group.as_str(),
                    &r.name,
                    &titles[&r.agreement_kind],
                    r.status.label(),
                    &needed(r),
                ])?;
            }
        }
        return Ok(csv(out.finish()?));
    }
    let mut doc = document(
        store,
        &Report::Outstanding,
        selection.description.clone(),
        options,
        Orientation::Portrait,
    )?;
    let all: Vec<&&StatusRow> = groups.iter().flat_map(|(_, m)| m).collect();
    let count = |s: AgreementStatus| all.iter().filter(|r| r.status == s).count();
    doc.paragraph(
        &format!(
            "{} agreements outstanding: {} not signed, {} waiting for a parent or carer, {} to sign again after a change.",
            all.len(),
            count(AgreementStatus::NotSigned),
            count(AgreementStatus::AwaitingParent),
            count(AgreementStatus::NeedsResigning),
        ),
        false,
        10.0,
        0.0,
    )?;
    for (group, members) in &groups {
        doc.section(&format!("{group} · {} outstanding", members.len()), 40.0)?;
        if members.is_empty() {
            doc.paragraph("Everyone has signed.", false, 10.0, 0.0)?;
            doc.end_section();
            continue;
        }
        // A class signs one agreement: say which once, rather than on every row.
        let kind = members[0].agreement_kind;
        let one_kind = members.iter().all(|r| r.agreement_kind == kind);
        let mut columns = vec![col("Name", 2.3, Align::Left)];
        if one_kind {
            doc.paragraph(&format!("Agreement: {}", titles[&kind]), false, 9.0, 0.0)?;
        } else {
            columns.push(col("Agreement", 2.7, Align::Left));
        }
        columns.extend([
            col("Status", 1.4, Align::Left),
            col("Needed", 2.6, Align::Left),
        ]);
        Table::new(&mut doc, columns, 9.0)?.begin(&mut doc)?;
        for r in members {
            let mut cells = vec![text(r.name.clone())];
            if !one_kind {
                cells.push(text(titles[&r.agreement_kind].clone()));
            }
            cells.extend([text(r.status.label()), text(needed(r))]);
            doc.row(&cells, false)?;
        }
        doc.end_table();
        doc.end_section();
    }
    pdf(doc)
}
