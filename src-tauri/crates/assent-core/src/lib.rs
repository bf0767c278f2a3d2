//! The core of Assent: the domain model, the SQLite store and the queries
//! that the desktop app, the `assent` CLI and the tests all share.
//!
//! Nothing here knows about Tauri or any user interface. Every operation
//! goes through [`Store`], which owns one long-lived SQLite connection and
//! applies the embedded schema migrations when a database is opened.
//!
//! Types that cross into the web UI derive [`ts_rs::TS`]; `cargo test`
//! checks that `ui/src/lib/bindings.ts` matches them (see `bindings`).

pub mod accounts;
mod actor;
pub mod agreements;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod bindings;
pub mod consent;
pub mod dashboard;
pub mod db;
pub mod demo;
mod error;
pub mod files;
mod hex;
pub mod import;
pub mod incidents;
pub mod keys;
pub mod paths;
pub mod people;
#[doc(hidden)]
pub mod plans;
pub mod retention;
pub mod rollover;
pub mod sar;
pub mod school;
mod sealed;
mod settings;
mod store;
pub mod templates;
pub mod terms;
pub mod time;
pub mod users;
pub mod values;

pub use actor::Actor;
pub use error::{Error, IoProblem, Result};
pub use store::{APPLICATION_ID, Admin, Store, supported_schema_version};
