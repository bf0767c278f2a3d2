//! Tables whose header repeats on every page and whose rows are never split.
//!
//! Each cell's text is wrapped to its column, so a long name makes its row
//! taller instead of running into the next column or being cut off.

mod cell;

pub(crate) use cell::{Cell, text};

use crate::Error;
use crate::page::{Document, MARGIN, PageTable, Picture, count};

const PAD: f32 = 3.5;

/// How a column's content sits in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Centre,
}

#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub(crate) title: String,
    /// A share of the body width; the shares of all columns are scaled to fill it.
    pub(crate) share: f32,
    pub(crate) align: Align,
}

pub(crate) fn col(title: &str, share: f32, align: Align) -> Column {
    Column {
        title: title.to_owned(),
        share,
        align,
    }
}

/// A table's columns and type size.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    columns: Vec<Column>,
    widths: Vec<f32>,
    size: f32,
    header_size: f32,
    /// The size of pictures in picture cells.
    picture: (f32, f32),
}

enum Laid {
    Lines(Vec<String>, bool),
    Pictures(Vec<(Picture, f32, f32)>, Vec<String>),
}

impl Table {
    pub(crate) fn new(doc: &mut Document, columns: Vec<Column>, size: f32) -> Result<Table, Error> {
        let total: f32 = columns.iter().map(|c| c.share).sum();
        let widths: Vec<f32> = columns
            .iter()
            .map(|c| c.share / total * doc.body_width())
            .collect();
        // Headings wrap between words; the type shrinks (to a point) so no word is split.
        let mut header_size = (size - 1.0).max(7.0);
        for (c, w) in columns.iter().zip(&widths) {
            for word in c.title.split_whitespace() {
                let at = doc.text.width(word, true, header_size)?;
                if at > w - 2.0 * PAD {
                    header_size = (header_size * (w - 2.0 * PAD) / at).max(6.0);
                }
            }
        }
        Ok(Table {
            columns,
            widths,
            size,
            header_size,
            picture: (60.0, 22.0),
        })
    }

    /// Draws picture cells' pictures up to `w` × `h` points (60 × 22 unless set).
    pub(crate) fn with_pictures(mut self, w: f32, h: f32) -> Table {
        self.picture = (w, h);
        self
    }

    /// Starts the table on the current page (or the next, if no row would fit under its header).
    pub(crate) fn begin(self, doc: &mut Document) -> Result<(), Error> {
        let header = self.header_height(doc)?;
        let one_row = self.size * 1.3 + 2.0 * PAD;
        doc.ensure(header + one_row)?;
        self.draw_header(doc)?;
        doc.table = Some(std::rc::Rc::new(self));
        Ok(())
    }

    fn header_height(&self, doc: &mut Document) -> Result<f32, Error> {
        let cells: Vec<Cell> = self
            .columns
            .iter()
            .map(|c| Cell::Bold(c.title.clone()))
            .collect();
        Ok(self.lay_out(doc, &cells, self.header_size)?.1)
    }

    fn lay_out(
        &self,
        doc: &mut Document,
        cells: &[Cell],
        size: f32,
    ) -> Result<(Vec<Laid>, f32), Error> {
        let mut laid = Vec::with_capacity(cells.len());
        let mut height: f32 = 0.0;
        for (cell, w) in cells.iter().zip(&self.widths) {
            let inner = w - 2.0 * PAD;
            let l = match cell {
                Cell::Text(t) => Laid::Lines(doc.text.wrap(t, false, size, inner)?, false),
                Cell::Bold(t) => Laid::Lines(doc.text.wrap(t, true, size, inner)?, true),
                Cell::Pictures(pictures, words) => {
                    let each = (inner - 2.0 * count(pictures.len().max(1) - 1))
                        / count(pictures.len().max(1));
                    let boxes = pictures
                        .iter()
                        .map(|p| {
                            let (pw, ph) = p.fit(each.min(self.picture.0), self.picture.1);
                            (p.clone(), pw, ph)
                        })
                        .collect();
                    let lines = if words.is_empty() {
                        Vec::new()
                    } else {
                        doc.text.wrap(words, false, size - 1.0, inner)?
                    };
                    Laid::Pictures(boxes, lines)
                }
            };
            let h = match &l {
                Laid::Lines(lines, _) => count(lines.len()) * size * 1.25,
                Laid::Pictures(boxes, lines) => {
                    let tallest = boxes.iter().map(|b| b.2).fold(0.0, f32::max);
                    tallest + count(lines.len()) * (size - 1.0) * 1.25
                }
            };
            height = height.max(h);
            laid.push(l);
        }
        Ok((laid, height + 2.0 * PAD))
    }

    fn draw_cells(
        &self,
        doc: &mut Document,
        laid: &[Laid],
        size: f32,
        top: f32,
    ) -> Result<(), Error> {
        let mut x = MARGIN;
        for ((l, w), column) in laid.iter().zip(&self.widths).zip(&self.columns) {
            match l {
                Laid::Lines(lines, bold) => {
                    let mut y = top + PAD;
                    for line in lines {
                        let lx = match column.align {
                            Align::Left => x + PAD,
                            Align::Centre => x + (w - doc.text.width(line, *bold, size)?) / 2.0,
                        };
                        let baseline = doc.pdf_y(y + size * 0.95);
                        let mut ops = std::mem::take(doc.ops());
                        doc.text.draw(&mut ops, line, *bold, size, lx, baseline)?;
                        *doc.ops() = ops;
                        y += size * 1.25;
                    }
                }
                Laid::Pictures(boxes, lines) => {
                    let mut px = x + PAD;
                    let mut tallest: f32 = 0.0;
                    for (p, pw, ph) in boxes {
                        doc.draw_picture(p, px, top + PAD, *pw, *ph);
                        px += pw + 2.0;
                        tallest = tallest.max(*ph);
                    }
                    let mut y = top + PAD + tallest;
                    for line in lines {
                        let baseline = doc.pdf_y(y + (size - 1.0) * 0.95);
                        let mut ops = std::mem::take(doc.ops());
                        doc.text
                            .draw(&mut ops, line, false, size - 1.0, x + PAD, baseline)?;
                        *doc.ops() = ops;
                        y += (size - 1.0) * 1.25;
                    }
                }
            }
            x += w;
        }
        Ok(())
    }
}

impl PageTable for Table {
    fn draw_header(&self, doc: &mut Document) -> Result<(), Error> {
        let cells: Vec<Cell> = self
            .columns
            .iter()
            .map(|c| Cell::Bold(c.title.clone()))
            .collect();
        let (laid, height) = self.lay_out(doc, &cells, self.header_size)?;
        let top = doc.y;
        doc.table_top = Some(top);
        doc.fill(MARGIN, top, doc.body_width(), height, 0.88);
        self.draw_cells(doc, &laid, self.header_size, top)?;
        doc.rule(MARGIN, MARGIN + doc.body_width(), top + height, 0.8, 0.0);
        doc.y += height;
        Ok(())
    }

    fn draw_columns(&self, doc: &mut Document, top: f32, bottom: f32) {
        let mut x = MARGIN;
        for w in &self.widths[..self.widths.len() - 1] {
            x += w;
            doc.vrule(x, top, bottom, 0.75);
        }
    }

    fn row(&self, doc: &mut Document, cells: &[Cell], shade: bool) -> Result<(), Error> {
        let (laid, height) = self.lay_out(doc, cells, self.size)?;
        doc.ensure(height)?;
        let top = doc.y;
        if shade {
            doc.fill(MARGIN, top, doc.body_width(), height, 0.9);
        }
        self.draw_cells(doc, &laid, self.size, top)?;
        doc.rule(MARGIN, MARGIN + doc.body_width(), top + height, 0.5, 0.6);
        doc.y += height;
        Ok(())
    }
}
