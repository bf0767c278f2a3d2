//! Pages: A4 in either orientation, the header and footer every page of a
//! report carries (letters carry neither: each has its own letterhead), and
//! flowing content down the page with breaks where they fall.
//!
//! Positions are measured from the top of the page while laying out, as
//! people think of a page; they are turned into PDF's bottom-left origin only
//! when an operation is written.

use printpdf::{
    Color, CustomPdfConformance, Line, LinePoint, Mm, OffsetDateTime, Op, PdfConformance,
    PdfDocument, PdfPage, PdfSaveOptions, Point, Pt, Rgb,
};

use std::rc::Rc;

mod compact;
mod draw;
mod picture;

use compact::compact;
pub(crate) use picture::Picture;

use crate::Error;
use crate::table::Cell;
use crate::text::Typesetter;

/// A4 in points.
const A4_SHORT: f32 = 595.28;
const A4_LONG: f32 = 841.89;
/// The margin on every side.
pub(crate) const MARGIN: f32 = 36.0;
const FOOTER_HEIGHT: f32 = 22.0;

/// Which way up the paper is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// Taller than wide.
    Portrait,
    /// Wider than tall, for registers with many columns.
    Landscape,
}

/// What frames each page: a report's header and "Page N of M" footer, or
/// nothing, for letters that go home to families, whose first page carries
/// the school's letterhead instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Frame {
    Report,
    Letter,
}

/// What every page says about the document.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    pub(crate) school: String,
    pub(crate) title: String,
    /// Which classes or groups it covers.
    pub(crate) filter: String,
    /// "Generated on … by …".
    pub(crate) generated: String,
}

/// A count (of lines, of pixels) as a measure; no page holds more than 65,535 of anything.
pub(crate) fn count(n: usize) -> f32 {
    f32::from(u16::try_from(n).unwrap_or(u16::MAX))
}

pub(crate) fn grey(level: f32) -> Color {
    Color::Rgb(Rgb::new(level, level, level, None))
}

/// The table being filled, as the page sees it. A table lays itself out on
/// the page ([`crate::table`]), so the page knows it only through this: its
/// header, drawn again at the top of each new page, its column lines, and its rows.
pub(crate) trait PageTable {
    /// Draws the header row at the current position; again at the top of each new page.
    fn draw_header(&self, doc: &mut Document) -> Result<(), Error>;
    /// Column lines from `top` to `bottom`, so every value sits visibly under its heading.
    fn draw_columns(&self, doc: &mut Document, top: f32, bottom: f32);
    /// One row, on this page if it fits whole, else at the top of the next after the header.
    fn row(&self, doc: &mut Document, cells: &[Cell], shade: bool) -> Result<(), Error>;
}

/// A document being laid out, page by page.
pub(crate) struct Document {
    pub(crate) text: Typesetter,
    pdf: PdfDocument,
    header: Header,
    frame: Frame,
    filter_lines: Vec<String>,
    pub(crate) width: f32,
    pub(crate) height: f32,
    pages: Vec<Vec<Op>>,
    /// How far down the current page the next content goes.
    pub(crate) y: f32,
    /// The table being filled, whose header repeats on each new page.
    pub(crate) table: Option<Rc<dyn PageTable>>,
    /// Where the current table's part on this page began (its column lines run from here).
    pub(crate) table_top: Option<f32>,
    /// The heading of the current section, repeated (continued) on each new page.
    section: Option<String>,
    /// Whether anything has been put on the current page below its header.
    fresh: bool,
}

impl Document {
    pub(crate) fn new(header: Header, orientation: Orientation) -> Result<Document, Error> {
        Document::framed(header, orientation, Frame::Report)
    }

    /// A document of letters, on portrait pages without a report's frame.
    pub(crate) fn letters(header: Header) -> Result<Document, Error> {
        Document::framed(header, Orientation::Portrait, Frame::Letter)
    }

    fn framed(header: Header, orientation: Orientation, frame: Frame) -> Result<Document, Error> {
        let (width, height) = match orientation {
            Orientation::Portrait => (A4_SHORT, A4_LONG),
            Orientation::Landscape => (A4_LONG, A4_SHORT),
        };
        let mut text = Typesetter::new();
        let filter_lines = text.wrap(&header.filter, false, 9.0, width - 2.0 * MARGIN)?;
        let mut doc = Document {
            pdf: with_metadata(PdfDocument::new(&header.title), &header),
            text,
            header,
            frame,
            filter_lines,
            width,
            height,
            pages: Vec::new(),
            y: 0.0,
            table: None,
            table_top: None,
            section: None,
            fresh: true,
        };
        doc.new_page()?;
        Ok(doc)
    }

    /// The width content may use.
    pub(crate) fn body_width(&self) -> f32 {
        self.width - 2.0 * MARGIN
    }

    fn body_top(&self) -> f32 {
        match self.frame {
            Frame::Report => MARGIN + 44.0 + 11.0 * count(self.filter_lines.len()) + 8.0,
            Frame::Letter => MARGIN + 12.0,
        }
    }

    pub(crate) fn body_bottom(&self) -> f32 {
        match self.frame {
            Frame::Report => self.height - MARGIN - FOOTER_HEIGHT,
            Frame::Letter => self.height - MARGIN - 12.0,
        }
    }

    /// The current page's operations.
    pub(crate) fn ops(&mut self) -> &mut Vec<Op> {
        self.fresh = false;
        self.pages.last_mut().expect("a document always has a page")
    }

    /// PDF's y for a distance from the top of the page.
    pub(crate) fn pdf_y(&self, from_top: f32) -> f32 {
        self.height - from_top
    }

    /// Starts a new page with the header, the section's heading and the table's header.
    pub(crate) fn new_page(&mut self) -> Result<(), Error> {
        self.close_table();
        self.pages.push(Vec::new());
        self.draw_header()?;
        self.y = self.body_top();
        self.fresh = true;
        if let Some(section) = self.section.clone() {
            self.draw_heading(&format!("{section} (continued)"), 11.0)?;
        }
        if let Some(table) = self.table.clone() {
            table.draw_header(self)?;
        }
        self.fresh = true;
        Ok(())
    }

    /// Makes room for `needed` points, starting a new page if they do not fit.
    pub(crate) fn ensure(&mut self, needed: f32) -> Result<(), Error> {
        if self.y + needed > self.body_bottom() && !self.fresh {
            self.new_page()?;
        }
        Ok(())
    }

    /// Starts a section (a class, a group, a letter) on a page of its own.
    pub(crate) fn section_on_new_page(&mut self, heading: Option<&str>) -> Result<(), Error> {
        self.close_table();
        self.table = None;
        self.section = None;
        if !self.fresh {
            self.new_page()?;
        }
        if let Some(h) = heading {
            self.draw_heading(h, 13.0)?;
        }
        self.section = heading.map(str::to_owned);
        Ok(())
    }

    /// Starts a letter on a page of its own. `continued` is what the top of its
    /// later pages says, so a page that comes loose is still known to be this
    /// family's; the first page says it with the letterhead and the address.
    pub(crate) fn letter(&mut self, continued: &str) -> Result<(), Error> {
        self.section_on_new_page(None)?;
        self.section = Some(continued.to_owned());
        Ok(())
    }

    /// The school's name across the top of a letter, with a rule beneath it.
    pub(crate) fn letterhead(&mut self, school: &str) -> Result<(), Error> {
        self.draw_heading(school, 18.0)?;
        let (from, to, y) = (MARGIN, self.width - MARGIN, self.y);
        self.rule(from, to, y, 1.2, 0.25);
        self.y += 18.0;
        Ok(())
    }

    /// Starts a section on the current page (or the next, if its heading and
    /// `keep` points would not fit); its heading repeats on later pages.
    pub(crate) fn section(&mut self, heading: &str, keep: f32) -> Result<(), Error> {
        self.close_table();
        self.table = None;
        self.section = None;
        self.heading(heading, 13.0, keep)?;
        self.section = Some(heading.to_owned());
        Ok(())
    }

    /// A row of the current table.
    pub(crate) fn row(&mut self, cells: &[Cell], shade: bool) -> Result<(), Error> {
        let table = Rc::clone(self.table.as_ref().expect("a table was begun"));
        table.row(self, cells, shade)
    }

    /// Ends the current table: later pages no longer repeat its header.
    pub(crate) fn end_table(&mut self) {
        self.close_table();
        self.table = None;
        self.y += 8.0;
    }

    /// Ends the current section: later pages no longer repeat its heading.
    pub(crate) fn end_section(&mut self) {
        self.close_table();
        self.section = None;
        self.table = None;
    }

    /// Draws the column lines of the table's part on this page, header to last row,
    /// once rather than row by row.
    fn close_table(&mut self) {
        if let (Some(table), Some(top)) = (self.table.clone(), self.table_top.take()) {
            table.draw_columns(self, top, self.y);
        }
    }

    fn draw_heading(&mut self, text: &str, size: f32) -> Result<(), Error> {
        let lines = self.text.wrap(text, true, size, self.body_width())?;
        for line in lines {
            let baseline = self.pdf_y(self.y + size);
            let x = MARGIN;
            let mut ops = std::mem::take(self.ops());
            self.text.draw(&mut ops, &line, true, size, x, baseline)?;
            *self.ops() = ops;
            self.y += size * 1.3;
        }
        self.y += 4.0;
        Ok(())
    }

    /// A heading that is kept with at least `keep` points of what follows it.
    pub(crate) fn heading(&mut self, text: &str, size: f32, keep: f32) -> Result<(), Error> {
        self.ensure(size * 1.3 + keep)?;
        self.draw_heading(text, size)
    }

    /// A paragraph wrapped to the body width (less `indent`), split across pages between lines.
    pub(crate) fn paragraph(
        &mut self,
        text: &str,
        bold: bool,
        size: f32,
        indent: f32,
    ) -> Result<(), Error> {
        let lead = size * 1.35;
        let lines = self
            .text
            .wrap(text, bold, size, self.body_width() - indent)?;
        for line in lines {
            self.ensure(lead)?;
            let baseline = self.pdf_y(self.y + size);
            let mut ops = std::mem::take(self.ops());
            self.text
                .draw(&mut ops, &line, bold, size, MARGIN + indent, baseline)?;
            *self.ops() = ops;
            self.y += lead;
        }
        self.y += size * 0.5;
        Ok(())
    }

    /// A bulleted item: the bullet in the margin of the indent, the text wrapped beside it.
    pub(crate) fn bullet(&mut self, text: &str, size: f32) -> Result<(), Error> {
        let lead = size * 1.35;
        let lines = self
            .text
            .wrap(text, false, size, self.body_width() - 16.0)?;
        for (n, line) in lines.iter().enumerate() {
            self.ensure(lead)?;
            let baseline = self.pdf_y(self.y + size);
            let mut ops = std::mem::take(self.ops());
            if n == 0 {
                self.text
                    .draw(&mut ops, "•", false, size, MARGIN + 4.0, baseline)?;
            }
            self.text
                .draw(&mut ops, line, false, size, MARGIN + 16.0, baseline)?;
            *self.ops() = ops;
            self.y += lead;
        }
        self.y += size * 0.25;
        Ok(())
    }

    fn draw_header(&mut self) -> Result<(), Error> {
        if self.frame == Frame::Letter {
            return Ok(());
        }
        let header = self.header.clone();
        let right = self.width - MARGIN;
        let mut ops = Vec::new();
        self.text.draw(
            &mut ops,
            &header.school,
            true,
            10.0,
            MARGIN,
            self.pdf_y(MARGIN + 10.0),
        )?;
        self.text.draw(
            &mut ops,
            &header.title,
            true,
            15.0,
            MARGIN,
            self.pdf_y(MARGIN + 31.0),
        )?;
        let mut y = MARGIN + 46.0;
        for line in &self.filter_lines {
            self.text
                .draw(&mut ops, line, false, 9.0, MARGIN, self.pdf_y(y))?;
            y += 11.0;
        }
        *self.pages.last_mut().expect("page pushed") = ops;
        self.rule(MARGIN, right, y - 4.0, 0.8, 0.0);
        Ok(())
    }

    /// Writes "Page x of y" and the generated line on every page of a report, and the PDF.
    pub(crate) fn finish(mut self) -> Result<Finished, Error> {
        let count = self.pages.len();
        let right = self.width - MARGIN;
        let mut pages = std::mem::take(&mut self.pages);
        let framed = if self.frame == Frame::Report {
            pages.len()
        } else {
            0
        };
        for (n, ops) in pages.iter_mut().enumerate().take(framed) {
            let label = format!("Page {} of {count}", n + 1);
            let w = self.text.width(&label, false, 9.0)?;
            self.text.draw(
                ops,
                &label,
                false,
                9.0,
                right - w,
                self.pdf_y(MARGIN + 10.0),
            )?;
            let footer = self.pdf_y(self.height - MARGIN);
            let line = Line {
                points: vec![
                    LinePoint {
                        p: Point {
                            x: Pt(MARGIN),
                            y: Pt(footer + 14.0),
                        },
                        bezier: false,
                    },
                    LinePoint {
                        p: Point {
                            x: Pt(right),
                            y: Pt(footer + 14.0),
                        },
                        bezier: false,
                    },
                ],
                is_closed: false,
            };
            ops.push(Op::SetOutlineColor { col: grey(0.5) });
            ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
            ops.push(Op::DrawLine { line });
            let generated = self.header.generated.clone();
            self.text
                .draw(ops, &generated, false, 8.0, MARGIN, footer + 3.0)?;
            let w = self.text.width(&label, false, 8.0)?;
            self.text
                .draw(ops, &label, false, 8.0, right - w, footer + 3.0)?;
        }
        let page_size = (Mm::from(Pt(self.width)), Mm::from(Pt(self.height)));
        self.pdf.with_pages(
            pages
                .into_iter()
                .map(|ops| PdfPage::new(page_size.0, page_size.1, compact(ops)))
                .collect(),
        );
        self.text.fonts.embed(&mut self.pdf);
        let mut warnings = Vec::new();
        let bytes = self.pdf.save(&PdfSaveOptions::default(), &mut warnings);
        Ok(Finished {
            bytes,
            pages: count,
            missing: self.text.missing(),
        })
    }
}

/// What a PDF viewer's document properties show, the same in the Info
/// dictionary and in the XMP packet: the title, the school as author, Assent
/// and its version as creator and producer, and when it was made.
fn with_metadata(mut pdf: PdfDocument, header: &Header) -> PdfDocument {
    let now = chrono::Utc::now().timestamp();
    let made =
        OffsetDateTime::from_unix_timestamp(now).unwrap_or_else(|_| OffsetDateTime::now_utc());
    let info = &mut pdf.metadata.info;
    info.creation_date = made;
    info.modification_date = made;
    info.metadata_date = made;
    info.author.clone_from(&header.school);
    info.subject.clone_from(&header.filter);
    PRODUCER.clone_into(&mut info.creator);
    PRODUCER.clone_into(&mut info.producer);
    // No PDF/A or PDF/X claim, which the documents do not meet; XMP is written
    // so that viewers that read it show the same title as the Info dictionary.
    info.conformance = PdfConformance::Custom(CustomPdfConformance {
        requires_xmp_metadata: true,
        ..CustomPdfConformance::default()
    });
    pdf
}

/// Who made every document, as its properties name it.
pub const PRODUCER: &str = concat!("Assent ", env!("CARGO_PKG_VERSION"));

/// A finished PDF.
#[derive(Debug, Clone)]
pub struct Finished {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// How many pages it has.
    pub pages: usize,
    /// Characters in the data that no built-in font could print (normally none).
    pub missing: Vec<char>,
}
