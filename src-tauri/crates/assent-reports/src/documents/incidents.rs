//! The termly e-safety incident summary for governors: counts by category and
//! by month, and the steps taken, with no names anywhere. The head's copy
//! adds the incidents still open, with who was involved.

use assent_core::Store;
use assent_core::incidents::{IncidentReport, IncidentStatus};

use super::output::{document, pdf};
use crate::dates::uk_date;
use crate::page::Orientation;
use crate::table::{Align, Cell, Table, col, text};
use crate::{Error, Options, Output, Report, data};

/// "1 September 2026 to 18 December 2026".
fn period(report: &IncidentReport) -> String {
    let long = |d: &str| {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_or_else(|_| d.to_owned(), |d| d.format("%-d %B %Y").to_string())
    };
    format!("{} to {}", long(&report.from), long(&report.to))
}

/// Months are columns; beyond six they would not fit across the page, so
/// a longer period is shown a month to a row instead.
const MONTHS_ACROSS: usize = 6;

fn counts_table(doc: &mut crate::page::Document, r: &IncidentReport) -> Result<(), Error> {
    if r.months.len() <= MONTHS_ACROSS {
        let mut columns = vec![col("Category", 3.2, Align::Left)];
        columns.extend(r.months.iter().map(|m| col(m, 1.0, Align::Centre)));
        columns.push(col("Total", 0.8, Align::Centre));
        Table::new(doc, columns, 9.0)?.begin(doc)?;
        for c in &r.categories {
            let mut cells = vec![text(c.category.clone())];
            cells.extend(c.by_month.iter().map(|n| text(n.to_string())));
            cells.push(Cell::Bold(c.total.to_string()));
            doc.row(&cells, false)?;
        }
        let mut totals = vec![Cell::Bold("All incidents".to_owned())];
        totals.extend(r.month_totals.iter().map(|n| Cell::Bold(n.to_string())));
        totals.push(Cell::Bold(r.total.to_string()));
        doc.row(&totals, true)?;
    } else {
        let columns = vec![
            col("Month", 1.0, Align::Left),
            col("Incidents", 1.0, Align::Centre),
        ];
        Table::new(doc, columns, 9.0)?.begin(doc)?;
        for (m, n) in r.months.iter().zip(&r.month_totals) {
            doc.row(&[text(m.clone()), text(n.to_string())], false)?;
        }
        doc.end_table();
        let columns = vec![
            col("Category", 3.0, Align::Left),
            col("Incidents", 1.0, Align::Centre),
        ];
        Table::new(doc, columns, 9.0)?.begin(doc)?;
        for c in &r.categories {
            doc.row(
                &[text(c.category.clone()), text(c.total.to_string())],
                false,
            )?;
        }
        doc.row(
            &[
                Cell::Bold("All incidents".to_owned()),
                Cell::Bold(r.total.to_string()),
            ],
            true,
        )?;
    }
    doc.end_table();
    Ok(())
}

fn status_words(status: IncidentStatus) -> &'static str {
    status.label()
}

pub(super) fn summary(
    store: &Store,
    from: &str,
    to: &str,
    open_list: bool,
    options: &Options,
) -> Result<Output, Error> {
    let r = data::incident_summary(store, from, to)?;
    let report = if open_list {
        Report::IncidentsForHead {
            from: from.to_owned(),
            to: to.to_owned(),
        }
    } else {
        Report::IncidentsSummary {
            from: from.to_owned(),
            to: to.to_owned(),
        }
    };
    // The governors' copy names nobody, not even who printed it.
    let anonymous = Options {
        generated_by: "the headteacher or DSL".to_owned(),
        ..options.clone()
    };
    let mut doc = document(
        store,
        &report,
        period(&r),
        &anonymous,
        Orientation::Landscape,
    )?;
    doc.paragraph(
        &format!(
            "{} e-safety incident{} happened in this period; {} of them {} closed. \
             Counts only: nobody involved is named in this summary.",
            r.total,
            if r.total == 1 { "" } else { "s" },
            r.closed,
            if r.closed == 1 { "is" } else { "are" }
        ),
        false,
        10.0,
        0.0,
    )?;
    doc.section("Incidents by category and month", 60.0)?;
    counts_table(&mut doc, &r)?;
    doc.end_section();
    doc.section("What was done", 60.0)?;
    let columns = vec![
        col("Step taken", 3.0, Align::Left),
        col("Times", 1.0, Align::Centre),
    ];
    Table::new(&mut doc, columns, 9.0)?.begin(&mut doc)?;
    for (label, n) in &r.actions {
        doc.row(&[text(label.clone()), text(n.to_string())], false)?;
    }
    doc.end_table();
    doc.end_section();
    if open_list {
        doc.section_on_new_page(Some("Incidents still open (for the headteacher only)"))?;
        if r.open.is_empty() {
            doc.paragraph("No incident is open.", false, 10.0, 0.0)?;
        } else {
            let columns = vec![
                col("No.", 0.5, Align::Centre),
                col("Date", 1.0, Align::Centre),
                col("Category", 2.4, Align::Left),
                col("Status", 1.0, Align::Left),
                col("People involved", 3.0, Align::Left),
                col("Access removed", 1.0, Align::Centre),
            ];
            Table::new(&mut doc, columns, 9.0)?.begin(&mut doc)?;
            for o in &r.open {
                let people = if o.child_protection {
                    format!("Child-protection matter. {}", o.people.join(", "))
                } else {
                    o.people.join(", ")
                };
                doc.row(
                    &[
                        text(o.number.to_string()),
                        text(uk_date(&o.occurred_on)),
                        text(o.category.clone()),
                        text(status_words(o.status)),
                        text(people),
                        text(if o.active_sanctions > 0 {
                            o.active_sanctions.to_string()
                        } else {
                            "none".to_owned()
                        }),
                    ],
                    o.child_protection,
                )?;
            }
        }
        doc.end_section();
    }
    pdf(doc)
}
