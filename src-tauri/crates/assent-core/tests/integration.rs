//! The core's integration tests, one binary: each module covers one area of the
//! domain on real encrypted database files.
//!
//! One binary links the dependencies once; a binary for each file would
//! link them once per file, at many times the build time and disk space.

mod account_settings;
mod accounts;
mod agreements;
mod audit;
mod backups_and_sar;
mod common;
mod consent;
mod dashboard;
mod demo_scale;
mod encryption;
mod evidence;
mod first_run;
mod front_end_words;
mod import;
mod import_leavers;
mod incidents;
mod paper_batch;
mod people_forms;
mod query_plans;
mod retention;
mod roles;
mod rollover;
mod sealed_columns;
mod server_only;
mod shared_engine;
mod signing_plan;
mod store;
mod templates;
mod upgrade;
