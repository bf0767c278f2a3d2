//! An agreement's text printed as it was published, for the documents that
//! show what was signed.

use assent_core::templates::{Block, TemplateVersion};

use crate::Error;
use crate::page::Document;

/// An agreement's text exactly as published: headings, paragraphs and lists.
pub(crate) fn agreement_text(doc: &mut Document, version: &TemplateVersion) -> Result<(), Error> {
    doc.heading(&version.title, 12.0, 30.0)?;
    for block in &version.blocks {
        match block {
            Block::Heading { text } => doc.heading(text, 10.5, 30.0)?,
            Block::Paragraph { text } => doc.paragraph(text, false, 9.5, 0.0)?,
            Block::List { items } => {
                for item in items {
                    doc.bullet(item, 9.5)?;
                }
                doc.y += 3.0;
            }
        }
    }
    Ok(())
}
