//! The `assent` CLI's integration tests, one binary: each module runs the built CLI
//! against real database files.
//!
//! One binary links the dependencies once; a binary for each file would
//! link them once per file, at many times the build time and disk space.

mod accounts;
mod cli;
mod common;
mod crash;
mod incidents;
mod purposes;
