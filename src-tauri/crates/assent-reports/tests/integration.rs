//! The reports crate's integration tests, one binary: each module renders real PDFs
//! and reads them back.
//!
//! One binary links the dependencies once; a binary for each file would
//! link them once per file, at many times the build time and disk space.

mod common;
mod documents;
mod registers;
mod slips;
mod subject_access;
