//! Turning text into positioned glyphs, and glyphs into PDF operations.
//!
//! A name may mix scripts and directions, and no single font covers every
//! script a school meets. Each line is split into directional runs (the
//! Unicode bidi algorithm), each run into pieces that one font covers (the
//! first font that has every character, else split), and each piece is
//! shaped, so Arabic letters join and Bengali vowel signs sit where they
//! belong. Pieces whose glyphs do not read back as the text in order (right
//! to left, reordered, ligatures) carry the text itself as `/ActualText`, so
//! copying or searching the PDF finds the name as it was written.

use std::collections::HashMap;
use std::rc::Rc;

use azul_layout::font_traits::{BidiDirection, Language, ParsedFontTrait, Script, StyleProperties};
use printpdf::{
    Codepoint, DictItem, Op, PdfFontHandle, Pt, TextItem, TextMatrix, TextRenderingMode,
};
use unicode_bidi::BidiInfo;

use crate::Error;
use crate::fonts::{FaceIndex, Fonts};

/// One glyph, with sizes in ems (multiply by the font size for points).
#[derive(Debug, Clone)]
struct Glyph {
    gid: u16,
    /// How far the pen moves after it, kerning included.
    advance: f32,
    /// The kerning part of `advance`.
    kern: f32,
    /// Where it sits relative to the pen (marks placed by the font).
    dx: f32,
    dy: f32,
    /// The characters it stands for.
    text: String,
}

/// A stretch of glyphs from one font.
#[derive(Debug, Clone)]
struct Piece {
    face: FaceIndex,
    glyphs: Vec<Glyph>,
    /// The text, when the glyphs alone would not read back as it.
    actual: Option<String>,
    /// The text, when it is drawn as the font's own glyph for each character
    /// (most text): written as one string, about a third the size in the PDF.
    plain: Option<String>,
    width: f32,
}

/// One line of text, shaped and in visual order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Shaped {
    pieces: Vec<Piece>,
    /// Width in ems.
    pub(crate) width: f32,
}

/// The script a character belongs to, for choosing the shaping rules.
fn script_of(c: char) -> Option<Script> {
    Some(match u32::from(c) {
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0980..=0x09FF => Script::Bengali,
        0x0590..=0x05FF => Script::Hebrew,
        0x0400..=0x052F => Script::Cyrillic,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0900..=0x097F => Script::Devanagari,
        0x3040..=0x309F => Script::Hiragana,
        0x30A0..=0x30FF => Script::Katakana,
        0xAC00..=0xD7AF | 0x1100..=0x11FF => Script::Hangul,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF => Script::Mandarin,
        _ if c.is_alphabetic() => Script::Latin,
        _ => return None,
    })
}

/// Spaces, digits and punctuation take the font and script of what they sit among.
fn is_neutral(c: char) -> bool {
    script_of(c).is_none()
}

/// Shapes, measures and draws text; remembers what it has shaped, because a
/// register repeats the same few words (✓, ✗, dates) thousands of times.
pub(crate) struct Typesetter {
    pub(crate) fonts: Fonts,
    regular: HashMap<String, Rc<Shaped>>,
    bold: HashMap<String, Rc<Shaped>>,
    style: StyleProperties,
    /// Characters no embedded font has.
    missing: std::collections::BTreeSet<char>,
}

impl Typesetter {
    pub(crate) fn new() -> Typesetter {
        Typesetter {
            fonts: Fonts::new(),
            regular: HashMap::new(),
            bold: HashMap::new(),
            // Shaping at size 1 gives every measure in ems.
            style: StyleProperties {
                font_size_px: 1.0,
                ..StyleProperties::default()
            },
            missing: std::collections::BTreeSet::new(),
        }
    }

    /// Characters that no embedded font could print, if any were met.
    pub(crate) fn missing(&self) -> Vec<char> {
        self.missing.iter().copied().collect()
    }

    /// The width of `text` in points.
    pub(crate) fn width(&mut self, text: &str, bold: bool, size: f32) -> Result<f32, Error> {
        Ok(self.shape(text, bold)?.width * size)
    }

    /// `text` shaped as one line.
    pub(crate) fn shape(&mut self, text: &str, bold: bool) -> Result<Rc<Shaped>, Error> {
        let cache = if bold { &self.bold } else { &self.regular };
        if let Some(found) = cache.get(text) {
            return Ok(Rc::clone(found));
        }
        let shaped = Rc::new(self.shape_line(text, bold)?);
        let cache = if bold {
            &mut self.bold
        } else {
            &mut self.regular
        };
        cache.insert(text.to_owned(), Rc::clone(&shaped));
        Ok(shaped)
    }

    fn shape_line(&mut self, text: &str, bold: bool) -> Result<Shaped, Error> {
        let mut out = Shaped::default();
        if text.is_empty() {
            return Ok(out);
        }
        // Most text is left to right throughout: skip the bidi analysis for it.
        let runs: Vec<(std::ops::Range<usize>, bool)> =
            if text.chars().all(|c| u32::from(c) < 0x0590) {
                vec![(0..text.len(), false)]
            } else {
                // Documents are in English: a name in Arabic sits in a left-to-right line.
                let info = BidiInfo::new(text, Some(unicode_bidi::Level::ltr()));
                let mut runs = Vec::new();
                for para in &info.paragraphs {
                    let (levels, visual) = info.visual_runs(para, para.range.clone());
                    for range in visual {
                        let rtl = levels[range.start].is_rtl();
                        runs.push((range, rtl));
                    }
                }
                runs
            };
        for (range, rtl) in runs {
            let run = &text[range];
            let mut pieces = Vec::new();
            for (face, script, piece) in self.split_by_font(run, bold)? {
                pieces.push(self.shape_piece(piece, face, script, rtl)?);
            }
            if rtl {
                pieces.reverse();
            }
            for p in pieces {
                out.width += p.width;
                out.pieces.push(p);
            }
        }
        Ok(out)
    }

    /// Splits a run into pieces that one font covers and one script's rules shape.
    fn split_by_font<'t>(
        &mut self,
        run: &'t str,
        bold: bool,
    ) -> Result<Vec<(FaceIndex, Script, &'t str)>, Error> {
        let mut whole = None;
        for face in Fonts::order(bold) {
            let mut all = true;
            for c in run.chars().filter(|c| !c.is_whitespace()) {
                if !self.fonts.covers(face, c)? {
                    all = false;
                    break;
                }
            }
            if all {
                whole = Some(face);
                break;
            }
        }
        let mut pieces: Vec<(FaceIndex, Script, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current: Option<(FaceIndex, Option<Script>)> = None;
        for (at, c) in run.char_indices() {
            let script = script_of(c);
            let face = match (whole, current) {
                (Some(face), _) => face,
                (None, Some((face, _))) if is_neutral(c) && self.fonts.covers(face, c)? => face,
                (None, _) => self.first_covering(c, bold)?,
            };
            let next = match current {
                Some((f, s)) if f == face && (script.is_none() || s.is_none() || s == script) => {
                    (f, s.or(script))
                }
                Some((f, s)) => {
                    pieces.push((f, s.unwrap_or(Script::Latin), &run[start..at]));
                    start = at;
                    (face, script)
                }
                None => (face, script),
            };
            current = Some(next);
        }
        if let Some((f, s)) = current {
            pieces.push((f, s.unwrap_or(Script::Latin), &run[start..]));
        }
        Ok(pieces)
    }

    fn first_covering(&mut self, c: char, bold: bool) -> Result<FaceIndex, Error> {
        let main = if bold {
            FaceIndex::BOLD
        } else {
            FaceIndex::REGULAR
        };
        if c.is_whitespace() || c.is_control() {
            return Ok(main);
        }
        for face in Fonts::order(bold) {
            if self.fonts.covers(face, c)? {
                return Ok(face);
            }
        }
        self.missing.insert(c);
        Ok(main)
    }

    fn shape_piece(
        &mut self,
        text: &str,
        face_index: FaceIndex,
        script: Script,
        rtl: bool,
    ) -> Result<Piece, Error> {
        let direction = if rtl {
            BidiDirection::Rtl
        } else {
            BidiDirection::Ltr
        };
        let face = self.fonts.face(face_index)?;
        let font = face.font.as_azul();
        let original = text;
        let decomposed = prepare(text, rtl);
        let text = decomposed.as_str();
        // The shaper asserts on input it does not expect; a name it cannot shape
        // still prints, letter by letter, rather than stopping the whole document.
        let shaped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            font.shape_text(text, script, Language::EnglishUS, direction, &self.style)
        }))
        .unwrap_or_else(|_| {
            Err(azul_layout::font_traits::LayoutError::ShapingError(
                "the shaper stopped".to_owned(),
            ))
        });
        let mut glyphs: Vec<Glyph> = if let Ok(list) = shaped {
            list.iter()
                .map(|g| Glyph {
                    gid: g.glyph_id,
                    advance: g.advance + g.kerning,
                    kern: g.kerning,
                    dx: g.offset.x,
                    dy: g.offset.y,
                    // The shaper hands out source spans in glyph order, which is only
                    // right where glyphs kept the text's order; a glyph moved before
                    // its consonant stands for its own character.
                    text: text
                        .get(g.logical_byte_index..g.logical_byte_index + g.logical_byte_len)
                        .filter(|t| t.starts_with(g.codepoint))
                        .map_or_else(|| g.codepoint.to_string(), str::to_owned),
                })
                .collect()
        } else {
            // A font whose tables the shaper cannot read still prints letter by letter.
            let upem = f32::from(font.font_metrics.units_per_em.max(1));
            text.chars()
                .map(|c| {
                    let gid = font.lookup_glyph_index(u32::from(c)).unwrap_or(0);
                    Glyph {
                        gid,
                        advance: f32::from(font.get_horizontal_advance(gid)) / upem,
                        kern: 0.0,
                        dx: 0.0,
                        dy: 0.0,
                        text: c.to_string(),
                    }
                })
                .collect()
        };
        // Right-to-left glyphs go on the page in visual order, as readers expect
        // for copying (they turn visual order back into logical order themselves);
        // a ligature's characters are reversed to match.
        if rtl {
            glyphs = reverse_clusters(glyphs);
            for g in &mut glyphs {
                if g.text.chars().nth(1).is_some() {
                    g.text = g.text.chars().rev().collect();
                }
            }
        }
        let reads_back =
            rtl || glyphs.iter().map(|g| g.text.as_str()).collect::<String>() == original;
        // Glyph for character, nothing moved: printed as text, without kerning
        // (measured the same way, so nothing overruns its column).
        let plain = !rtl
            && glyphs.len() == original.chars().count()
            && glyphs.iter().zip(original.chars()).all(|(g, c)| {
                g.dx == 0.0
                    && g.dy == 0.0
                    && g.text.chars().eq(std::iter::once(c))
                    && font.lookup_glyph_index(u32::from(c)) == Some(g.gid)
            });
        if plain {
            let upem = f32::from(font.font_metrics.units_per_em.max(1));
            for g in &mut glyphs {
                g.kern = 0.0;
                g.advance = f32::from(font.get_horizontal_advance(g.gid)) / upem;
            }
        }
        Ok(Piece {
            face: face_index,
            width: glyphs.iter().map(|g| g.advance).sum(),
            glyphs,
            actual: (!reads_back).then(|| original.to_owned()),
            plain: plain.then(|| original.to_owned()),
        })
    }

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

    /// Breaks `text` into lines no wider than `max` points, at spaces where it can
    /// and inside a word only when the word alone is too wide.
    pub(crate) fn wrap(
        &mut self,
        text: &str,
        bold: bool,
        size: f32,
        max: f32,
    ) -> Result<Vec<String>, Error> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, bold, size)? <= max {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if self.width(word, bold, size)? <= max {
                    word.clone_into(&mut line);
                } else {
                    for part in self.break_word(word, bold, size, max)? {
                        if !line.is_empty() {
                            lines.push(std::mem::take(&mut line));
                        }
                        line = part;
                    }
                }
            }
            lines.push(line);
        }
        Ok(lines)
    }

    /// Splits a word too wide for the line, never between a letter and its marks.
    fn break_word(
        &mut self,
        word: &str,
        bold: bool,
        size: f32,
        max: f32,
    ) -> Result<Vec<String>, Error> {
        let mut parts = Vec::new();
        let mut part = String::new();
        for c in word.chars() {
            let mut candidate = part.clone();
            candidate.push(c);
            let joins = is_mark(c);
            if !part.is_empty() && !joins && self.width(&candidate, bold, size)? > max {
                parts.push(std::mem::take(&mut part));
                part.push(c);
            } else {
                part = candidate;
            }
        }
        parts.push(part);
        Ok(parts)
    }
}

/// The text as the shaper needs it: two-part vowel signs written as their
/// canonical halves (as Unicode normalisation would), the form its syllable
/// rules expect; and, right to left, brackets mirrored so "(" still opens.
fn prepare(text: &str, rtl: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{09CB}' => out.push_str("\u{09C7}\u{09BE}"),
            '\u{09CC}' => out.push_str("\u{09C7}\u{09D7}"),
            _ if rtl => out.push(mirrored(c)),
            _ => out.push(c),
        }
    }
    out
}

fn mirrored(c: char) -> char {
    const PAIRS: [(char, char); 6] = [
        ('(', ')'),
        ('[', ']'),
        ('{', '}'),
        ('<', '>'),
        ('«', '»'),
        ('‹', '›'),
    ];
    PAIRS
        .iter()
        .find_map(|&(a, b)| {
            if c == a {
                Some(b)
            } else if c == b {
                Some(a)
            } else {
                None
            }
        })
        .unwrap_or(c)
}

/// Combining marks and vowel signs that belong to the letter before them.
fn is_mark(c: char) -> bool {
    matches!(u32::from(c),
        0x0300..=0x036F | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
        | 0x06D6..=0x06ED | 0x0981..=0x0983 | 0x09BC..=0x09D7 | 0x0900..=0x0903
        | 0x093A..=0x094F | 0x200C | 0x200D)
}

/// Reverses glyphs for right-to-left display, keeping each letter's zero-width
/// marks after it, where the font expects to draw them.
fn reverse_clusters(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    let mut clusters: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match clusters.last_mut() {
            Some(cluster) if g.advance == 0.0 => cluster.push(g),
            _ => clusters.push(vec![g]),
        }
    }
    clusters.into_iter().rev().flatten().collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph_ids(t: &mut Typesetter, text: &str, bold: bool) -> Vec<u16> {
        let shaped = t.shape(text, bold).unwrap();
        shaped
            .pieces
            .iter()
            .flat_map(|p| p.glyphs.iter().map(|g| g.gid))
            .collect()
    }

    #[test]
    fn every_script_a_school_meets_has_real_glyphs() {
        let mut t = Typesetter::new();
        for name in [
            "Zoë Łukasiewicz",
            "Nguyễn Thị Hương",
            "Ayşe Yılmaz",
            "Siobhán Ødegård",
            "محمد الحسيني",
            "عائشہ بےگم",
            "আয়েশা চৌধুরী",
            "Олена Петренко",
            "王芳",
            "Ελένη Παππάς",
            "יעל כהן",
            "✓ ✗ ✂",
        ] {
            for bold in [false, true] {
                let ids = glyph_ids(&mut t, name, bold);
                assert!(!ids.is_empty() && !ids.contains(&0), "{name}: {ids:?}");
            }
        }
        assert!(t.missing().is_empty(), "{:?}", t.missing());
    }

    #[test]
    fn a_character_no_font_has_is_reported() {
        let mut t = Typesetter::new();
        // Ethiopic: no built-in font covers it.
        t.shape("ሰላም", false).unwrap();
        assert_eq!(t.missing(), vec!['ላ', 'ም', 'ሰ']);
    }

    #[test]
    fn right_to_left_names_are_drawn_in_visual_order() {
        let mut t = Typesetter::new();
        let shaped = t.shape("يوسف (Beech)", false).unwrap();
        // The Arabic run comes first on the line; its glyphs run right to left,
        // so the last letter (ف) is drawn first.
        let first = &shaped.pieces[0].glyphs[0];
        assert_eq!(first.text, "ف");
        assert!(shaped.pieces[0].actual.is_none());
    }

    #[test]
    fn reordered_bengali_carries_its_text() {
        let mut t = Typesetter::new();
        let shaped = t.shape("তানিয়া", false).unwrap();
        assert_eq!(shaped.pieces.len(), 1);
        // The vowel sign ি is drawn before the consonant it follows in the text.
        assert_eq!(shaped.pieces[0].actual.as_deref(), Some("তানিয়া"));
    }

    #[test]
    fn wrapping_breaks_between_words_and_only_splits_a_word_too_long_for_a_line() {
        let mut t = Typesetter::new();
        let lines = t
            .wrap("Printed publications and displays", true, 8.0, 60.0)
            .unwrap();
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| t.width(l, true, 8.0).unwrap() <= 60.0));
        assert_eq!(lines.join(" "), "Printed publications and displays");
        let hash = "d7b7aa21d11f2d16248832c5ebb462c00e6f432462a87ed92b46cda4a871c890";
        let parts = t.wrap(hash, false, 9.0, 100.0).unwrap();
        assert!(parts.len() > 1);
        assert_eq!(parts.concat(), hash);
    }
}
