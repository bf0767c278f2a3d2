//! What the shaper needs to know about characters: their script, whether they
//! are neutral (spaces, digits, punctuation) or marks, and the few rewrites
//! it needs before shaping.

use azul_layout::font_traits::Script;

/// The script a character belongs to, for choosing the shaping rules.
pub(super) fn script_of(c: char) -> Option<Script> {
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
pub(super) fn is_neutral(c: char) -> bool {
    script_of(c).is_none()
}

/// The text as the shaper needs it: two-part vowel signs written as their
/// canonical halves (as Unicode normalisation would), the form its syllable
/// rules expect; and, right to left, brackets mirrored so "(" still opens.
pub(super) fn prepare(text: &str, rtl: bool) -> String {
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
pub(super) fn is_mark(c: char) -> bool {
    matches!(u32::from(c),
        0x0300..=0x036F | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
        | 0x06D6..=0x06ED | 0x0981..=0x0983 | 0x09BC..=0x09D7 | 0x0900..=0x0903
        | 0x093A..=0x094F | 0x200C | 0x200D)
}
