//! Shaped text as PDF operations.

use printpdf::{
    Codepoint, DictItem, Op, PdfFontHandle, Pt, TextItem, TextMatrix, TextRenderingMode,
};

use super::Typesetter;
use crate::Error;
use crate::fonts::FaceIndex;

impl Typesetter {
    /// Draws one shaped line with its baseline at `y`, starting at `x` (points).
    pub(crate) fn draw(
        &mut self,
        ops: &mut Vec<Op>,
        text: &str,
        bold: bool,
        size: f32,
        x: f32,
        y: f32,
    ) -> Result<f32, Error> {
        let shaped = self.shape(text, bold)?;
        if shaped.pieces.is_empty() {
            return Ok(0.0);
        }
        ops.push(Op::StartTextSection);
        let mut pen = x;
        for piece in &shaped.pieces {
            self.fonts.mark_used(piece.face);
            let id = self.fonts.face(piece.face)?.id.clone();
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(size),
            });
            // Only Latin, Greek, Cyrillic and Hebrew have a bold font; other scripts
            // are emboldened by outlining their glyphs, so headings still stand out.
            let embolden = bold && piece.face != FaceIndex::BOLD;
            if embolden {
                ops.push(Op::SetOutlineColor {
                    col: crate::page::grey(0.0),
                });
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(size * 0.03),
                });
                ops.push(Op::SetTextRenderingMode {
                    mode: TextRenderingMode::FillStroke,
                });
            }
            if let Some(actual) = &piece.actual {
                ops.push(actual_text(actual));
            }
            if let Some(text) = &piece.plain {
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(pen), Pt(y)),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
                pen += piece.width * size;
                if embolden {
                    ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::Fill,
                    });
                }
                continue;
            }
            let mut items: Vec<Codepoint> = Vec::new();
            let mut run_x = pen;
            for g in &piece.glyphs {
                if g.dx != 0.0 || g.dy != 0.0 {
                    flush(ops, &mut items, run_x, y);
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(pen + g.dx * size), Pt(y + g.dy * size)),
                    });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(vec![Codepoint::with_cid(
                            g.gid,
                            0.0,
                            g.text.clone(),
                        )])],
                    });
                    pen += g.advance * size;
                    run_x = pen;
                    continue;
                }
                // TJ numbers move the pen back by thousandths of an em.
                items.push(Codepoint::with_cid(g.gid, -g.kern * 1000.0, g.text.clone()));
                pen += g.advance * size;
            }
            flush(ops, &mut items, run_x, y);
            if piece.actual.is_some() {
                ops.push(Op::EndMarkedContent);
            }
            if embolden {
                ops.push(Op::SetTextRenderingMode {
                    mode: TextRenderingMode::Fill,
                });
            }
        }
        ops.push(Op::EndTextSection);
        Ok(shaped.width * size)
    }
}

fn flush(ops: &mut Vec<Op>, items: &mut Vec<Codepoint>, x: f32, y: f32) {
    if items.is_empty() {
        return;
    }
    ops.push(Op::SetTextMatrix {
        matrix: TextMatrix::Translate(Pt(x), Pt(y)),
    });
    ops.push(Op::ShowText {
        items: vec![TextItem::GlyphIds(std::mem::take(items))],
    });
}

/// `/Span <</ActualText (…)>> BDC`: the text a reader should get back when copying.
fn actual_text(text: &str) -> Op {
    // A PDF text string in UTF-16BE with its byte-order mark.
    let mut data = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        data.extend_from_slice(&unit.to_be_bytes());
    }
    let mut map = std::collections::BTreeMap::new();
    map.insert(
        "ActualText".to_owned(),
        DictItem::String {
            data,
            literal: false,
        },
    );
    Op::BeginMarkedContentWithProperties {
        tag: "Span".to_owned(),
        properties: DictItem::Dict { map },
    }
}
