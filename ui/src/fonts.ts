// The fonts built into the app, so that every name shows on every PC whatever
// fonts it has installed: a Bengali or Chinese name must never turn into empty
// boxes on an office PC that lacks those scripts. Vite copies each file into the
// bundle (the CSP allows fonts from the app itself only), and the window loads a
// file only when the page shows a character in its unicode-range.
//
// Every face is variable (weights 100 to 900 in one file), so the 400, 600 and
// 700 weights the app uses need one file per subset, not three. The app's font
// stack, in app.css, lists these families in this order.
//
// - Noto Sans: Latin with every diacritic, Vietnamese, Greek, Cyrillic and
//   Devanagari, in eight subset files (its own stylesheet).
// - Arabic, Bengali and Hebrew (fonts.css): only the file of each package's own
//   script, not the packages' Latin, maths and symbol files that Noto Sans and
//   the symbol faces already cover; those would only add to the bundle, or take
//   ✓ and ✗ from a second font.
// - Symbols (fonts.css), as one family of two faces: Noto Sans Math for arrows
//   and maths signs (← → ↻ ⊘), Noto Sans Symbols 2 for the other status symbols
//   (✓ ✗ ⌛ ⛔ ◐ ○). They come before the CJK fonts, whose slices hold some of the
//   same characters drawn full-width, and they draw ⌛ and ⛔ as text in the
//   status colour, never as a colour emoji or a missing-glyph box. Their ranges
//   are only those blocks, so emoji typed into a note still use the PC's emoji font.
// - Chinese, Japanese and Korean: Noto Sans SC, then Noto Sans KR. These are the
//   big ones (a whole CJK font is 10 MB or more), so fontsource's slices are used:
//   about a hundred files of 20–70 KB each, a unicode-range of ideographs grouped
//   by how often they are used. A page with a few Chinese names loads only the
//   few slices that hold their characters. SC comes first, so ideographs and kana
//   come from SC (12,000 ideographs, the common Japanese ones too), and KR adds
//   only the Hangul syllables. The build (fontFaces.ts, in vite.config.ts) keeps
//   only KR's slices that hold Hangul and SC's that hold CJK characters, so
//   the rest never enter the bundle: about 6 MB of CJK fonts in all, 9.5 MB of
//   fonts for every script together.
//
// tests/e2e/tests/fonts.rs renders a name in each script in the real window and
// fails on a missing-glyph box, or on a character no face here covers.
import "@fontsource-variable/noto-sans/wght.css";
import "@fontsource-variable/noto-sans-sc/wght.css";
import "@fontsource-variable/noto-sans-kr/wght.css";
import "./fonts.css";
