//! Starting a document (a report with the header every page carries, or a
//! set of letters), and what a finished PDF or CSV is handed back as.

use assent_core::{Store, time};

use crate::page::{Document, Header, Orientation};
use crate::{Error, Options, Output, Report, data};

/// A finished PDF as an [`Output`].
pub(crate) fn pdf(doc: Document) -> Result<Output, Error> {
    let done = doc.finish()?;
    Ok(Output {
        bytes: done.bytes,
        pages: Some(done.pages),
        missing: done.missing,
    })
}

/// A finished CSV as an [`Output`].
pub(crate) fn csv(bytes: Vec<u8>) -> Output {
    Output {
        bytes,
        pages: None,
        missing: Vec::new(),
    }
}

/// A new document with the header every page carries.
pub(crate) fn document(
    store: &Store,
    report: &Report,
    filter: String,
    options: &Options,
    orientation: Orientation,
) -> Result<Document, Error> {
    Document::new(header(store, report, filter, options)?, orientation)
}

/// A new document of letters: no report frame on its pages; what the header
/// says goes into the file's properties only.
pub(crate) fn letters(
    store: &Store,
    report: &Report,
    filter: String,
    options: &Options,
) -> Result<Document, Error> {
    Document::letters(header(store, report, filter, options)?)
}

fn header(
    store: &Store,
    report: &Report,
    filter: String,
    options: &Options,
) -> Result<Header, Error> {
    let by = options.generated_by.trim();
    Ok(Header {
        school: data::school_name(store)?,
        title: report.title().to_owned(),
        filter,
        generated: format!(
            "Generated on {} by {}",
            time::display_london(chrono::Utc::now()),
            if by.is_empty() { "Assent" } else { by }
        ),
    })
}
