//! Printed documents for Assent: the registers and sheets a headteacher, the
//! governors or an inspector ask for, letters chasing agreements not yet
//! signed, and a certificate of one agreement.
//!
//! | Document | PDF | CSV |
//! |---|---|---|
//! | Consent register: a class per section, pupil × purpose | ✓ | ✓ |
//! | AUP register: each class, staff, governors, volunteers, visitors, with signature thumbnails | ✓ | ✓ |
//! | Do-not-photograph sheet, large and clear, for an event | ✓ | ✓ |
//! | Outstanding agreements: not signed, waiting for a parent, needing re-signing | ✓ | ✓ |
//! | Chase letters: one per family, with the agreement text and lines to sign | ✓ | |
//! | Consent letters: one per family, the photo and video questions still unanswered, a slip to return | ✓ | |
//! | Agreement certificate: the exact text signed, signatures, times, hashes | ✓ | |
//! | E-safety incidents for governors: counts by category and month, no names | ✓ | |
//! | The same for the head, with the incidents still open | ✓ | |
//!
//! Every page is A4 and carries the school's name, the document's title, which
//! classes or groups it covers, when and by whom it was generated, and "Page x
//! of y". Tables repeat their header on each page and never split a row.
//! Names print in any script the built-in fonts cover (see `fonts`), shaped
//! and in the right direction, and read back exactly when copied.
//!
//! All the data is read through `assent-core` in one module (`data`), and all
//! the layout happens here; the CLI and the app only choose a document and
//! save the bytes (with [`write_atomically`]).

mod agreement;
mod csv_out;
mod data;
mod dates;
mod documents;
mod fonts;
mod page;
pub mod slips;
mod table;
mod text;

pub mod subject_access;

use std::path::Path;

pub use page::{Finished, Orientation, PRODUCER};

/// What can go wrong making or saving a document.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading the school's records failed, or a class or agreement asked for does not exist.
    #[error(transparent)]
    Core(#[from] assent_core::Error),
    /// A font built into Assent could not be read (the program is damaged).
    #[error("the built-in font {name} could not be read; reinstall Assent")]
    Font {
        /// The font's name.
        name: String,
    },
    /// The document exists only as a PDF.
    #[error("the {document} can only be made as a PDF: save it to a .pdf file")]
    PdfOnly {
        /// Which document.
        document: String,
    },
    /// Writing the CSV failed.
    #[error("could not write the CSV: {message}")]
    Csv {
        /// Why.
        message: String,
    },
}

/// The core's error for a document that could not be made, so the app and
/// the CLI report it like any other: the core's own errors (a file that
/// could not be saved among them) as they are, a wrong file type as bad
/// input, a damaged font as a damaged installation.
impl From<Error> for assent_core::Error {
    fn from(e: Error) -> Self {
        match e {
            Error::Core(e) => e,
            Error::PdfOnly { document } => assent_core::Error::invalid(
                "format",
                format!("the {document} can only be made as a PDF"),
            ),
            // The CSV is built in memory, so this is never about a file.
            Error::Csv { message } => assent_core::Error::Database {
                message: format!("could not write the CSV: {message}"),
            },
            Error::Font { name } => assent_core::Error::ProgramDamaged {
                part: format!("the built-in font {name}"),
            },
        }
    }
}

/// Which document to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// Each pupil's photo and video consent, purpose by purpose, a class per section.
    ConsentRegister,
    /// Who has signed their acceptable-use agreement, group by group.
    AupRegister,
    /// Pupils who must not be photographed for at least one purpose.
    DoNotPhotograph,
    /// Agreements not signed, waiting for a parent, or needing re-signing.
    Outstanding,
    /// A letter to each family with an agreement to sign, siblings together.
    ChaseLetters,
    /// A letter to each family with photo and video questions unanswered, siblings together.
    ConsentLetters,
    /// One agreement, exactly as signed, with everything needed to check it.
    Certificate {
        /// The agreement's id.
        agreement_id: String,
    },
    /// The termly summary of e-safety incidents for governors: counts only.
    IncidentsSummary {
        /// The first day covered (`YYYY-MM-DD` or `dd/mm/yyyy`).
        from: String,
        /// The last day covered.
        to: String,
    },
    /// The same summary for the head, with the incidents still open and who was involved.
    IncidentsForHead {
        /// The first day covered.
        from: String,
        /// The last day covered.
        to: String,
    },
}

impl Report {
    /// The document's title, as printed at the top of every page.
    pub fn title(&self) -> &'static str {
        match self {
            Report::ConsentRegister => "Photo and video consent register",
            Report::AupRegister => "Acceptable use agreement register",
            Report::DoNotPhotograph => "Do not photograph",
            Report::Outstanding => "Agreements outstanding",
            Report::ChaseLetters => "Letters to families: agreements to sign",
            Report::ConsentLetters => "Letters to families: photo and video consent",
            Report::Certificate { .. } => "Agreement certificate",
            Report::IncidentsSummary { .. } => "E-safety incidents: summary for governors",
            Report::IncidentsForHead { .. } => "E-safety incidents: summary and open incidents",
        }
    }
}

impl Report {
    /// What the document is called in a sentence ("the consent register").
    pub fn name(&self) -> &'static str {
        match self {
            Report::ConsentRegister => "consent register",
            Report::AupRegister => "AUP register",
            Report::DoNotPhotograph => "do-not-photograph sheet",
            Report::Outstanding => "list of agreements outstanding",
            Report::ChaseLetters => "chase letters",
            Report::ConsentLetters => "consent letters",
            Report::Certificate { .. } => "agreement certificate",
            Report::IncidentsSummary { .. } => "governors' e-safety incident summary",
            Report::IncidentsForHead { .. } => "e-safety incident summary with open incidents",
        }
    }
}

/// File format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A printable PDF.
    Pdf,
    /// A spreadsheet-ready CSV (registers and lists only).
    Csv,
}

/// Who and what a document covers.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only these classes (names as the school uses them). Where a document
    /// lists adults too, the groups `staff`, `governors`, `volunteers`,
    /// `visitors` and `parents` may be named as well. Empty: everyone.
    pub classes: Vec<String>,
    /// Who is making it, printed as "Generated on … by …".
    pub generated_by: String,
}

/// A document ready to save.
#[derive(Debug, Clone)]
pub struct Output {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// How many pages, for a PDF.
    pub pages: Option<usize>,
    /// Characters in the data no built-in font could print (normally none);
    /// worth telling the user, since they would print as empty boxes.
    pub missing: Vec<char>,
}

/// Makes a document from the school's records.
pub fn generate(
    store: &assent_core::Store,
    report: &Report,
    options: &Options,
    format: Format,
) -> Result<Output, Error> {
    documents::generate(store, report, options, format)
}

/// Writes `bytes` to `path` so that the file is either complete or not there:
/// they go to a temporary file beside it, which is then renamed into place.
/// Folders on the way that do not exist yet are made first.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    assent_core::files::prepare(path)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.{}.part", std::process::id()));
    let written = std::fs::File::create(&temp)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .map_err(|e| assent_core::Error::io(path, &e));
    let renamed = written.and_then(|()| {
        assent_core::files::replace(&temp, path)
            .map_err(|e| assent_core::files::replace_failed(path, &e))
    });
    if let Err(e) = renamed {
        let _ = std::fs::remove_file(&temp);
        return Err(e.into());
    }
    Ok(())
}
