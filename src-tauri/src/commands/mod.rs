//! The commands the window may call, grouped by area. Each is a few lines:
//! take the open store, call `assent-core`, return its result.

// Tauri hands command arguments over by value; borrowing them is not an option.
#![allow(clippy::needless_pass_by_value)]

pub mod accounts;
pub mod admin;
pub mod agreements;
pub mod consent;
pub mod incidents;
pub mod kiosk;
pub mod people;
pub mod reports;
pub mod school;
pub mod templates;
