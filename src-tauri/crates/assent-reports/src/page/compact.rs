//! Making a page's operations smaller before they are written.

use printpdf::{Color, Op, Point, Pt, TextMatrix};

/// Rounds a position to a hundredth of a point: finer than any printer, and
/// far fewer digits for the PDF to store.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

fn round_point(p: &mut Point) {
    p.x = Pt(round(p.x.0));
    p.y = Pt(round(p.y.0));
}

/// Drops what a page's operations repeat without effect, since fonts, colours
/// and line widths stay set until changed: a text object closed only to be
/// opened again, a font, colour or width already in use; and rounds positions.
/// A register repeats these on every row, so this roughly halves its size.
pub(super) fn compact(ops: Vec<Op>) -> Vec<Op> {
    let mut out: Vec<Op> = Vec::with_capacity(ops.len());
    let mut font: Option<(String, f32)> = None;
    let mut fill: Option<Color> = None;
    let mut stroke: Option<Color> = None;
    let mut width: Option<f32> = None;
    // Where the text line matrix stands: BT puts it at the origin, Td moves it.
    let mut line = (0.0_f32, 0.0_f32);
    for mut op in ops {
        match &mut op {
            Op::StartTextSection if matches!(out.last(), Some(Op::EndTextSection)) => {
                out.pop();
                continue;
            }
            Op::StartTextSection => line = (0.0, 0.0),
            Op::SetFont { font: handle, size } => {
                size.0 = round(size.0);
                let key = match handle {
                    printpdf::PdfFontHandle::External(id) => (id.0.clone(), size.0),
                    printpdf::PdfFontHandle::Builtin(b) => (b.get_id().to_owned(), size.0),
                };
                if font.as_ref() == Some(&key) {
                    continue;
                }
                font = Some(key);
            }
            Op::SetFillColor { col } => {
                if fill.as_ref() == Some(col) {
                    continue;
                }
                fill = Some(col.clone());
            }
            Op::SetOutlineColor { col } => {
                if stroke.as_ref() == Some(col) {
                    continue;
                }
                stroke = Some(col.clone());
            }
            Op::SetOutlineThickness { pt } => {
                if width == Some(pt.0) {
                    continue;
                }
                width = Some(pt.0);
            }
            // An absolute position becomes a move from the last one ("60.38 0 Td"),
            // which is shorter and, across a row of cells, repeats.
            Op::SetTextMatrix {
                matrix: TextMatrix::Translate(x, y),
            } => {
                let (dx, dy) = (round(x.0 - line.0), round(y.0 - line.1));
                line = (line.0 + dx, line.1 + dy);
                out.push(Op::SetTextCursor {
                    pos: Point {
                        x: Pt(dx),
                        y: Pt(dy),
                    },
                });
                continue;
            }
            Op::DrawLine { line } => {
                for p in &mut line.points {
                    round_point(&mut p.p);
                }
            }
            Op::DrawRectangle { rectangle } => {
                rectangle.x = Pt(round(rectangle.x.0));
                rectangle.y = Pt(round(rectangle.y.0));
                rectangle.width = Pt(round(rectangle.width.0));
                rectangle.height = Pt(round(rectangle.height.0));
            }
            _ => {}
        }
        out.push(op);
    }
    out
}
