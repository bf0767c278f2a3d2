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
use unicode_bidi::BidiInfo;

mod draw;
mod script;

use script::{is_mark, is_neutral, prepare, script_of};

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

#[cfg(test)]
mod tests;
