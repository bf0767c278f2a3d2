//! Shaping, coverage, direction and wrapping of the names a school holds.

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
        "अनन्या शर्मा",
        "Олена Петренко",
        "王芳",
        "佐藤さくら",
        "김민준",
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
