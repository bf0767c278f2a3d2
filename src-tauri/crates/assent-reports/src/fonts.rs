//! The fonts every document is printed with, built into the program so a
//! report looks the same on every computer and never depends on what happens
//! to be installed.
//!
//! DejaVu Sans (regular and bold) prints Latin, Greek, Cyrillic and Hebrew
//! names and the ✓/✗ symbols. Fallbacks cover what it lacks: Noto Sans Arabic,
//! Noto Sans Bengali, Noto Sans Devanagari, Droid Sans Fallback (Chinese and
//! Japanese) and Nanum Square (Korean Hangul, which Droid Sans Fallback lacks).
//! Fallbacks are parsed only when a document needs them, and every font is
//! subset when the PDF is written, so a register of Latin names carries only
//! the DejaVu glyphs it uses. Licences: `assets/fonts/README.md`.

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFont};

use crate::Error;

/// One embedded font file.
struct Source {
    name: &'static str,
    bytes: &'static [u8],
}

const REGULAR: Source = Source {
    name: "DejaVuSans",
    bytes: include_bytes!("../../../../assets/fonts/DejaVuSans.ttf"),
};
const BOLD: Source = Source {
    name: "DejaVuSans-Bold",
    bytes: include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf"),
};
/// Tried in this order for characters the main font lacks.
const FALLBACKS: [Source; 5] = [
    Source {
        name: "NotoSansArabic",
        bytes: include_bytes!("../../../../assets/fonts/NotoSansArabic-Regular.ttf"),
    },
    Source {
        name: "NotoSansBengali",
        bytes: include_bytes!("../../../../assets/fonts/NotoSansBengali-Regular.ttf"),
    },
    Source {
        name: "NotoSansDevanagari",
        bytes: include_bytes!("../../../../assets/fonts/NotoSansDevanagari-Regular.ttf"),
    },
    Source {
        name: "DroidSansFallbackFull",
        bytes: include_bytes!("../../../../assets/fonts/DroidSansFallbackFull.ttf"),
    },
    Source {
        name: "NanumSquare",
        bytes: include_bytes!("../../../../assets/fonts/NanumSquareR.ttf"),
    },
];

/// Which of the embedded fonts: 0 regular, 1 bold, then the fallbacks in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct FaceIndex(usize);

impl FaceIndex {
    pub(crate) const REGULAR: FaceIndex = FaceIndex(0);
    pub(crate) const BOLD: FaceIndex = FaceIndex(1);
}

/// A parsed font and the name the PDF's pages refer to it by.
pub(crate) struct Face {
    pub(crate) font: ParsedFont,
    pub(crate) id: FontId,
    used: bool,
}

/// The fonts of one document, parsed on first use.
pub(crate) struct Fonts {
    faces: Vec<Option<Face>>,
}

fn source(index: FaceIndex) -> &'static Source {
    match index.0 {
        0 => &REGULAR,
        1 => &BOLD,
        n => &FALLBACKS[n - 2],
    }
}

impl Fonts {
    pub(crate) fn new() -> Fonts {
        Fonts {
            faces: (0..2 + FALLBACKS.len()).map(|_| None).collect(),
        }
    }

    /// The main face for a weight, then every fallback, in the order to try them.
    pub(crate) fn order(bold: bool) -> impl Iterator<Item = FaceIndex> {
        let main = if bold {
            FaceIndex::BOLD
        } else {
            FaceIndex::REGULAR
        };
        std::iter::once(main).chain((0..FALLBACKS.len()).map(|n| FaceIndex(n + 2)))
    }

    /// The face, parsed now if this is its first use.
    pub(crate) fn face(&mut self, index: FaceIndex) -> Result<&mut Face, Error> {
        let slot = &mut self.faces[index.0];
        if slot.is_none() {
            let src = source(index);
            let mut warnings = Vec::new();
            let font =
                ParsedFont::from_bytes(src.bytes, 0, &mut warnings).ok_or_else(|| Error::Font {
                    name: src.name.to_owned(),
                })?;
            *slot = Some(Face {
                font,
                // Six capital letters: the PDF's subset tag is taken from the id.
                id: FontId(format!(
                    "ASNT{}",
                    ["RG", "BD", "AR", "BN", "DV", "CJ", "KO"][index.0]
                )),
                used: false,
            });
        }
        Ok(slot.as_mut().expect("filled above"))
    }

    /// Whether the face has a real glyph (not the empty box) for `c`.
    pub(crate) fn covers(&mut self, index: FaceIndex, c: char) -> Result<bool, Error> {
        let face = self.face(index)?;
        Ok(face
            .font
            .lookup_glyph_index(u32::from(c))
            .is_some_and(|g| g != 0))
    }

    /// Notes that a page draws with the face, so it is embedded.
    pub(crate) fn mark_used(&mut self, index: FaceIndex) {
        if let Some(face) = self.faces[index.0].as_mut() {
            face.used = true;
        }
    }

    /// Adds every face a page used to the document (each is subset when saved).
    pub(crate) fn embed(&self, doc: &mut PdfDocument) {
        for face in self.faces.iter().flatten().filter(|f| f.used) {
            doc.resources
                .fonts
                .map
                .insert(face.id.clone(), PdfFont::new(face.font.clone()));
        }
    }
}
