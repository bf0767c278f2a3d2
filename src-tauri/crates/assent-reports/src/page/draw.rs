//! Lines, boxes, pictures and the lines people sign on.

use printpdf::{
    Line, LineDashPattern, LinePoint, Op, PaintMode, Point, Pt, RawImage, Rect, XObjectTransform,
};

use super::{Document, MARGIN, Picture, count, grey};
use crate::Error;

impl Document {
    /// A dashed line across the page with a note under it, where a slip is cut off.
    pub(crate) fn cut_here(&mut self, note: &str) -> Result<(), Error> {
        let y = self.y + 6.0;
        self.ops().push(Op::SetLineDashPattern {
            dash: LineDashPattern::new(0.0, &[4.0, 3.0]),
        });
        self.rule(MARGIN, self.width - MARGIN, y, 0.6, 0.3);
        self.ops().push(Op::SetLineDashPattern {
            dash: LineDashPattern::solid(),
        });
        self.y += 9.0;
        let baseline = self.pdf_y(self.y + 8.0);
        let mut ops = std::mem::take(self.ops());
        self.text
            .draw(&mut ops, note, false, 8.0, MARGIN, baseline)?;
        *self.ops() = ops;
        self.y += 15.0;
        Ok(())
    }

    /// A row of lines to write on by hand, each with its label under it;
    /// `fields` are (label, share of the width).
    pub(crate) fn lines_to_sign(&mut self, fields: &[(&str, f32)]) -> Result<(), Error> {
        const HEIGHT: f32 = 38.0;
        self.ensure(HEIGHT)?;
        let total: f32 = fields.iter().map(|f| f.1).sum();
        let mut x = MARGIN;
        let line_at = self.y + 24.0;
        for (label, share) in fields {
            let w = share / total * self.body_width();
            self.rule(x, x + w - 12.0, line_at, 0.7, 0.0);
            let baseline = self.pdf_y(line_at + 10.0);
            let mut ops = std::mem::take(self.ops());
            self.text.draw(&mut ops, label, false, 8.0, x, baseline)?;
            *self.ops() = ops;
            x += w;
        }
        self.y += HEIGHT;
        Ok(())
    }

    /// A horizontal rule across `from`..`to` at `y` (from the top).
    pub(crate) fn rule(&mut self, from: f32, to: f32, y: f32, thickness: f32, level: f32) {
        let y = self.pdf_y(y);
        let ops = self.ops();
        ops.push(Op::SetOutlineColor { col: grey(level) });
        ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: Point {
                            x: Pt(from),
                            y: Pt(y),
                        },
                        bezier: false,
                    },
                    LinePoint {
                        p: Point {
                            x: Pt(to),
                            y: Pt(y),
                        },
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
    }

    /// A vertical rule at `x` from `top` down to `bottom` (both from the top).
    pub(crate) fn vrule(&mut self, x: f32, top: f32, bottom: f32, level: f32) {
        let (top, bottom) = (self.pdf_y(top), self.pdf_y(bottom));
        let ops = self.ops();
        ops.push(Op::SetOutlineColor { col: grey(level) });
        ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: Point {
                            x: Pt(x),
                            y: Pt(top),
                        },
                        bezier: false,
                    },
                    LinePoint {
                        p: Point {
                            x: Pt(x),
                            y: Pt(bottom),
                        },
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
    }

    /// A filled box: `x`, `top` from the page's left and top.
    pub(crate) fn fill(&mut self, x: f32, top: f32, w: f32, h: f32, level: f32) {
        let bottom = self.pdf_y(top + h);
        let ops = self.ops();
        ops.push(Op::SetFillColor { col: grey(level) });
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(bottom),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
        ops.push(Op::SetFillColor { col: grey(0.0) });
    }

    /// Adds a PNG picture to the document; `None` if it cannot be read as one.
    pub(crate) fn picture(&mut self, png: &[u8]) -> Option<Picture> {
        let mut warnings = Vec::new();
        let image = RawImage::decode_from_bytes(png, &mut warnings).ok()?;
        let (width, height) = (count(image.width), count(image.height));
        if width < 1.0 || height < 1.0 {
            return None;
        }
        let id = self.pdf.add_image(&image);
        Some(Picture { id, width, height })
    }

    /// Draws a picture with its top-left corner at `x`, `top`, `w` × `h` points.
    pub(crate) fn draw_picture(&mut self, picture: &Picture, x: f32, top: f32, w: f32, h: f32) {
        let bottom = self.pdf_y(top + h);
        self.ops().push(Op::UseXobject {
            id: picture.id.clone(),
            transform: XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(Pt(bottom)),
                scale_x: Some(w / picture.width),
                scale_y: Some(h / picture.height),
                dpi: Some(72.0),
                ..XObjectTransform::default()
            },
        });
    }
}
