//! Login slips: what each person needs to sign in the first time, ten to an
//! A4 page (two columns of five) with dashed lines to cut along.
//!
//! Initial passwords are kept, sealed, only while their export waits to be
//! uploaded, so slips can be printed with the export or later (one class at a
//! time) until it is marked provisioned or cancelled.

use std::path::Path;

use assent_core::accounts::{self, ExportDone, LoginSlip, SlipsPrinted};
use assent_core::{Store, time};
use printpdf::{LineDashPattern, Op};

use crate::page::{Document, Header, MARGIN, Orientation};
use crate::{Error, Output, data};

/// Slips side by side.
const COLUMNS: usize = 2;
/// Rows of slips on a page.
const ROWS: usize = 5;
/// Space inside a slip's cut lines.
const PAD: f32 = 10.0;

/// The document's title, printed at the top of every page.
pub const TITLE: &str = "Login slips";

/// How many slips fit on one page.
pub const PER_PAGE: usize = COLUMNS * ROWS;

/// Prints the login slips of a pending export (the newest unless `export_id`
/// names one), for one class or every new account, to `out`.
pub fn print_pending(
    store: &mut Store,
    export_id: Option<&str>,
    class: Option<&str>,
    out: &Path,
) -> Result<SlipsPrinted, Error> {
    if !out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        return Err(Error::PdfOnly {
            document: "login slips".to_owned(),
        });
    }
    let pending = accounts::pending_slips(store, export_id, class)?;
    let by = store.session()?.actor();
    let pdf = login_slips(store, &pending.slips, &pending.covers(), by.as_str())?;
    crate::write_atomically(out, &pdf.bytes)?;
    Ok(SlipsPrinted {
        export_id: pending.export_id,
        slips: u32::try_from(pending.slips.len()).unwrap_or(u32::MAX),
        file: out.display().to_string(),
    })
}

/// Prints the login slips of the export just written (one class's, or all)
/// and records them in its summary. An export without new accounts has no
/// slips: the summary says none were printed, and no file is written.
pub fn print_with_export(
    store: &mut Store,
    summary: &mut ExportDone,
    class: Option<&str>,
    out: &Path,
) -> Result<(), Error> {
    let Some(id) = summary.export_id.clone() else {
        return Ok(());
    };
    if summary.created == 0 {
        summary.slips = Some(0);
        return Ok(());
    }
    let printed = print_pending(store, Some(&id), class, out)?;
    summary.slips = Some(printed.slips);
    summary.slips_file = Some(printed.file);
    Ok(())
}

/// Makes the login slips for `slips` (from [`assent_core::accounts::pending_slips`]),
/// in the order given. `covers` says which class or export they are for;
/// `generated_by` who made them.
pub fn login_slips(
    store: &Store,
    slips: &[LoginSlip],
    covers: &str,
    generated_by: &str,
) -> Result<Output, Error> {
    let by = generated_by.trim();
    let header = Header {
        school: data::school_name(store)?,
        title: TITLE.to_owned(),
        filter: format!(
            "{covers}. Confidential: these slips carry initial passwords. Cut along the dashed lines and give each slip to its owner."
        ),
        generated: format!(
            "Generated on {} by {}",
            time::display_london(chrono::Utc::now()),
            if by.is_empty() { "Assent" } else { by }
        ),
    };
    let mut doc = Document::new(header, Orientation::Portrait)?;
    if slips.is_empty() {
        doc.paragraph(
            "There are no new accounts here, so there are no login slips to print.",
            false,
            11.0,
            0.0,
        )?;
    }
    let mut top = doc.y;
    for (n, page) in slips.chunks(PER_PAGE).enumerate() {
        if n > 0 {
            doc.new_page()?;
            top = doc.y;
        }
        let height = (doc.body_bottom() - top) / count(ROWS);
        let width = doc.body_width() / count(COLUMNS);
        for (i, slip) in page.iter().enumerate() {
            let x = MARGIN + width * count(i % COLUMNS);
            let y = top + height * count(i / COLUMNS);
            draw_slip(&mut doc, slip, x, y, width, height)?;
        }
        cut_lines(&mut doc, top, height, width, page.len());
    }
    let done = doc.finish()?;
    Ok(Output {
        bytes: done.bytes,
        pages: Some(done.pages),
        missing: done.missing,
    })
}

fn count(n: usize) -> f32 {
    crate::page::count(n)
}

/// The dashed lines around the `filled` slips of a page.
fn cut_lines(doc: &mut Document, top: f32, height: f32, width: f32, filled: usize) {
    let rows = filled.div_ceil(COLUMNS);
    doc.ops().push(Op::SetLineDashPattern {
        dash: LineDashPattern::new(0.0, &[4.0, 3.0]),
    });
    let right = doc.width - MARGIN;
    for r in 0..=rows {
        doc.rule(MARGIN, right, top + height * count(r), 0.6, 0.35);
    }
    for c in 0..=COLUMNS {
        let x = MARGIN + width * count(c);
        doc.vrule(x, top, top + height * count(rows), 0.35);
    }
    doc.ops().push(Op::SetLineDashPattern {
        dash: LineDashPattern::solid(),
    });
}

/// One slip with its top-left corner at `x`, `y` (from the page's top).
fn draw_slip(
    doc: &mut Document,
    slip: &LoginSlip,
    x: f32,
    y: f32,
    width: f32,
    height: f32,
) -> Result<(), Error> {
    let left = x + PAD;
    let inner = width - 2.0 * PAD;
    let mut ops = std::mem::take(doc.ops());
    let line = |doc: &mut Document,
                ops: &mut Vec<Op>,
                text: &str,
                bold: bool,
                size: f32,
                dx: f32,
                from_top: f32|
     -> Result<(), Error> {
        let fitted = first_line(doc, text, bold, size, inner - dx)?;
        let baseline = doc.pdf_y(y + from_top);
        doc.text
            .draw(ops, &fitted, bold, size, left + dx, baseline)?;
        Ok(())
    };
    let (names, size) = fit_lines(doc, &slip.name, true, 13.0, 8.0, inner)?;
    let mut name_bottom = PAD + 12.0;
    for (n, part) in names.iter().enumerate() {
        name_bottom = PAD + 12.0 + size * 1.15 * count(n);
        let baseline = doc.pdf_y(y + name_bottom);
        doc.text.draw(&mut ops, part, true, size, left, baseline)?;
    }
    let placed = match &slip.class {
        Some(class) => format!("{} · {class}", slip.group.singular()),
        None => slip.group.singular().to_owned(),
    };
    line(
        doc,
        &mut ops,
        &placed,
        false,
        9.0,
        0.0,
        (name_bottom + 11.0).max(PAD + 25.0),
    )?;
    line(doc, &mut ops, "Username", false, 8.0, 0.0, PAD + 45.0)?;
    // What the holder types is never cut: smaller type, or more lines, instead.
    let (names, size) = fit_lines(doc, &slip.username, true, 13.0, 7.0, inner - 52.0)?;
    let mut below = PAD + 45.0;
    for (n, name) in names.iter().enumerate() {
        below = PAD + 45.0 + size * 1.15 * count(n);
        let baseline = doc.pdf_y(y + below);
        doc.text
            .draw(&mut ops, name, true, size, left + 52.0, baseline)?;
    }
    if !slip.email.is_empty() {
        let text = format!("Sign in as {}", slip.email);
        let (lines, size) = fit_lines(doc, &text, false, 8.0, 6.0, inner - 52.0)?;
        let start = (below + 12.0).max(PAD + 57.0);
        for (n, part) in lines.iter().enumerate() {
            let baseline = doc.pdf_y(y + start + size * 1.15 * count(n));
            doc.text
                .draw(&mut ops, part, false, size, left + 52.0, baseline)?;
        }
    }
    line(doc, &mut ops, "Password", false, 8.0, 0.0, PAD + 80.0)?;
    // As large as fits: children's passwords are short, adults' longer.
    let password = slip.password.reveal();
    let natural = doc.text.width(password, true, 17.0)?;
    let size = if natural > inner - 52.0 {
        (16.8 * (inner - 52.0) / natural).max(10.0)
    } else {
        17.0
    };
    line(doc, &mut ops, password, true, size, 52.0, PAD + 80.0)?;
    // Below the password: where to sign in, whole (smaller, or over more
    // lines, if it must be), then the agreement's reminder in what room is left.
    let mut next = PAD + 96.0;
    let last = height - PAD / 2.0;
    if let Some(at) = &slip.sign_in_at {
        let (lines, size) = fit_lines(doc, &format!("Sign in at {at}"), true, 8.0, 6.0, inner)?;
        for part in &lines {
            let baseline = doc.pdf_y(y + next);
            doc.text.draw(&mut ops, part, true, size, left, baseline)?;
            next += size * 1.25;
        }
        next += 1.5;
    }
    if let Some(reminder) = &slip.reminder {
        for lines in reminder_lines(doc, reminder, inner, last - next)? {
            let (text, size, dy) = lines;
            let baseline = doc.pdf_y(y + next + dy);
            doc.text
                .draw(&mut ops, &text, false, size, left, baseline)?;
        }
    }
    *doc.ops() = ops;
    Ok(())
}

/// The reminder's lines, each with its size and its baseline below the
/// first's: as large as fits in `room` (from 7.5 points down to 6). A reminder
/// that does not fit even then is left out rather than cut half-way, as what
/// the holder needs to sign in comes first.
fn reminder_lines(
    doc: &mut Document,
    reminder: &str,
    inner: f32,
    room: f32,
) -> Result<Vec<(String, f32, f32)>, Error> {
    for size in [7.5, 7.0, 6.5, 6.0] {
        let lines = doc.text.wrap(reminder, false, size, inner)?;
        let leading = size * 1.27;
        if leading * count(lines.len().saturating_sub(1)) <= room {
            return Ok(lines
                .into_iter()
                .enumerate()
                .map(|(n, text)| (text, size, leading * count(n)))
                .collect());
        }
    }
    Ok(Vec::new())
}

/// `text` in as few lines as it takes, none wider than `max`: one line at
/// `size`, or smaller down to `min`; then lines at `min`, broken after a space,
/// an `@` or a dot (an address keeps its parts whole), or anywhere if a part is
/// longer than a line. Nothing is left out.
fn fit_lines(
    doc: &mut Document,
    text: &str,
    bold: bool,
    size: f32,
    min: f32,
    max: f32,
) -> Result<(Vec<String>, f32), Error> {
    let natural = doc.text.width(text, bold, size)?;
    if natural <= max {
        return Ok((vec![text.to_owned()], size));
    }
    // Width grows with the size, so the size that fits is in proportion.
    let scaled = size * max / natural * 0.98;
    if scaled >= min {
        return Ok((vec![text.to_owned()], scaled));
    }
    let mut lines = Vec::new();
    let mut rest: Vec<char> = text.chars().collect();
    while !rest.is_empty() {
        let whole: String = rest.iter().collect();
        if doc.text.width(&whole, bold, min)? <= max {
            lines.push(whole.trim().to_owned());
            break;
        }
        // The longest start that fits, then back to the last break within it.
        let mut fit = 1;
        while fit < rest.len()
            && doc
                .text
                .width(&rest[..=fit].iter().collect::<String>(), bold, min)?
                <= max
        {
            fit += 1;
        }
        let cut = rest[..fit]
            .iter()
            .rposition(|c| matches!(c, ' ' | '@' | '.'))
            .map_or(fit, |i| i + 1);
        lines.push(rest[..cut].iter().collect::<String>().trim().to_owned());
        rest.drain(..cut);
    }
    Ok((lines, min))
}

/// `text` as one line no wider than `max`, shortened with an ellipsis if it must be.
fn first_line(
    doc: &mut Document,
    text: &str,
    bold: bool,
    size: f32,
    max: f32,
) -> Result<String, Error> {
    if doc.text.width(text, bold, size)? <= max {
        return Ok(text.to_owned());
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate = format!("{}…", chars.iter().collect::<String>().trim_end());
        if doc.text.width(&candidate, bold, size)? <= max {
            return Ok(candidate);
        }
    }
    Ok(String::new())
}
