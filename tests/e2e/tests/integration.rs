//! End-to-end tests of the real window, one binary: each module drives one part of
//! the app over WebDriver.
//!
//! One binary links the dependencies once; a binary for each file would
//! link them once per file, at many times the build time and disk space.

mod account_settings;
mod accounts;
mod admin;
mod batch;
mod consent;
mod dashboard;
mod fonts;
mod incidents;
mod long_lists;
mod people;
mod renewal;
mod reports;
mod restore;
mod signin;
mod signing;
mod templates;
mod window;
