//! The consent register and the do-not-photograph sheet.

use assent_core::Store;
use assent_core::consent::{ConsentCell, ConsentRow, ConsentState};

use super::output::{csv, document, pdf};
use super::selection::{Selection, by_class, class_heading};
use crate::csv_out::Csv;
use crate::dates::uk_date;
use crate::page::Orientation;
use crate::table::{Align, Cell, Table, col, text};
use crate::{Error, Format, Options, Output, Report, data};

const LEGEND: &str = "✓ consent given  ·  ✗ no consent (refused, withdrawn or never given)  ·  \
✗* parents with parental responsibility gave different answers, so the no applies  ·  \
expired: given in an earlier school year  ·  hold: safeguarding hold, never photograph or \
publish (the row is shaded)";

/// ✓, ✗, expired or hold: symbols checked to exist in the built-in font.
fn symbol(cell: &ConsentCell) -> &'static str {
    match cell.state {
        ConsentState::Yes => "✓",
        ConsentState::No if cell.conflict => "✗*",
        ConsentState::No => "✗",
        ConsentState::Expired => "expired",
        ConsentState::Hold => "hold",
    }
}

/// The latest date any of the pupil's choices changed.
fn last_change(row: &ConsentRow) -> String {
    row.cells
        .iter()
        .filter_map(|c| c.changed_on.as_deref())
        .max()
        .map_or_else(|| "none".to_owned(), uk_date)
}

pub(super) fn register(store: &Store, options: &Options, format: Format) -> Result<Output, Error> {
    let selection = Selection::resolve(store, &options.classes, false)?;
    let grid = data::consent_grid(store, &selection.class_names())?;
    if format == Format::Csv {
        let mut headers = vec!["Class".to_owned(), "Pupil".to_owned()];
        headers.extend(grid.purposes.iter().map(|(_, name)| name.clone()));
        headers.extend(["Safeguarding hold".to_owned(), "Last change".to_owned()]);
        let mut out = Csv::new(&headers)?;
        for r in &grid.rows {
            let mut values = vec![r.class.clone().unwrap_or_default(), r.name.clone()];
            values.extend(r.cells.iter().map(|c| {
                if c.conflict && c.state == ConsentState::No {
                    "no (parents disagree)".to_owned()
                } else {
                    c.state.code().to_owned()
                }
            }));
            values.push(if r.hold { "yes" } else { "no" }.to_owned());
            values.push(last_change(r));
            out.row(&values)?;
        }
        return Ok(csv(out.finish()?));
    }
    let report = Report::ConsentRegister;
    let mut doc = document(
        store,
        &report,
        selection.description.clone(),
        options,
        Orientation::Landscape,
    )?;
    if selection.classes.is_empty() {
        doc.paragraph("There are no pupils on roll.", false, 11.0, 0.0)?;
    }
    let classes = by_class(grid.rows.iter(), |r| r.class.as_deref());
    for class in &selection.classes {
        let rows: Vec<&ConsentRow> = classes
            .get(class.name.as_str())
            .cloned()
            .unwrap_or_default();
        let heading = format!("{} · {} pupils", class_heading(class), rows.len());
        doc.section_on_new_page(Some(&heading))?;
        doc.paragraph(LEGEND, false, 8.0, 0.0)?;
        let mut columns = vec![col("Pupil", 2.6, Align::Left)];
        columns.extend(
            grid.purposes
                .iter()
                .map(|(_, name)| col(name, 1.0, Align::Centre)),
        );
        columns.push(col("Last change", 1.15, Align::Centre));
        Table::new(&mut doc, columns, 9.0)?.begin(&mut doc)?;
        for r in rows {
            let mut cells = vec![if r.hold {
                Cell::Bold(r.name.clone())
            } else {
                text(r.name.clone())
            }];
            cells.extend(r.cells.iter().map(|c| Cell::Bold(symbol(c).to_owned())));
            cells.push(text(last_change(r)));
            doc.row(&cells, r.hold)?;
        }
        doc.end_section();
    }
    pdf(doc)
}

pub(super) fn do_not_photograph(
    store: &Store,
    options: &Options,
    format: Format,
) -> Result<Output, Error> {
    let selection = Selection::resolve(store, &options.classes, false)?;
    let list = data::no_photo(store, &selection.class_names())?;
    let purposes = data::purpose_count(store)?;
    let not_for = |refused: &[String], hold: bool| {
        if hold {
            "NEVER photograph, film or publish (safeguarding hold)".to_owned()
        } else if refused.len() >= purposes {
            "Anything: no photographs or video at all".to_owned()
        } else {
            refused.join(", ")
        }
    };
    if format == Format::Csv {
        let mut out = Csv::new(&["Class", "Pupil", "Safeguarding hold", "Not for"])?;
        for r in &list {
            out.row(&[
                r.class.clone().unwrap_or_default(),
                r.name.clone(),
                if r.hold { "yes" } else { "no" }.to_owned(),
                not_for(&r.refused, r.hold),
            ])?;
        }
        return Ok(csv(out.finish()?));
    }
    let mut doc = document(
        store,
        &Report::DoNotPhotograph,
        selection.description.clone(),
        options,
        Orientation::Portrait,
    )?;
    doc.paragraph(
        "These pupils must not appear in photographs or video for the uses listed. \
         Check this sheet before any photograph is taken, published or shared.",
        false,
        11.0,
        0.0,
    )?;
    if list.is_empty() {
        doc.paragraph(
            "No pupil here has a refusal or a safeguarding hold: every pupil may be photographed \
             for every purpose.",
            true,
            13.0,
            0.0,
        )?;
    }
    let mut first = true;
    let classes = by_class(list.iter(), |r| r.class.as_deref());
    for class in &selection.classes {
        let rows = classes
            .get(class.name.as_str())
            .cloned()
            .unwrap_or_default();
        if rows.is_empty() {
            continue;
        }
        let heading = format!(
            "{} · {} pupils not to photograph",
            class_heading(class),
            rows.len()
        );
        if first {
            doc.section(&heading, 60.0)?;
            first = false;
        } else {
            doc.section_on_new_page(Some(&heading))?;
        }
        let columns = vec![
            col("Pupil", 2.0, Align::Left),
            col("Not to be photographed or filmed for", 3.0, Align::Left),
        ];
        Table::new(&mut doc, columns, 13.0)?.begin(&mut doc)?;
        for r in rows {
            let cells = [
                Cell::Bold(r.name.clone()),
                if r.hold {
                    Cell::Bold(not_for(&r.refused, true))
                } else {
                    text(not_for(&r.refused, false))
                },
            ];
            doc.row(&cells, r.hold)?;
        }
        doc.end_section();
    }
    pdf(doc)
}
