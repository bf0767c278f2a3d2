//! `ui/src/lib/commands.ts`, the window's typed client: the app's own types
//! (from ts-rs) and one function per command (made by `build.rs` from the
//! `#[tauri::command]` functions in [`crate::commands`]). A test fails when
//! the checked-in file differs; `UPDATE_BINDINGS=1 cargo test -p assent-app`
//! writes it again.

use std::fmt::Write as _;

use ts_rs::{Config, TS};

use crate::commands::reports::{Generated, ReportDocument, ReportFormat, ReportRequest};
use crate::kiosk::KioskScope;

/// Every command's name, as the router knows it.
pub const COMMANDS: &[&str] = include!(concat!(env!("OUT_DIR"), "/names.rs"));

/// The client's text, as the checked-in file must read.
pub fn typescript() -> String {
    let cfg = Config::default();
    let own = [
        (KioskScope::name(&cfg), KioskScope::decl(&cfg)),
        (ReportDocument::name(&cfg), ReportDocument::decl(&cfg)),
        (ReportFormat::name(&cfg), ReportFormat::decl(&cfg)),
        (ReportRequest::name(&cfg), ReportRequest::decl(&cfg)),
        (Generated::name(&cfg), Generated::decl(&cfg)),
    ];
    let used = include_str!(concat!(env!("OUT_DIR"), "/client-types.txt"));
    let from_core: Vec<&str> = used
        .lines()
        .filter(|t| !own.iter().any(|(name, _)| name == t))
        .collect();
    let mut out = String::from(
        "// Generated from the app's commands (src-tauri/src/commands/) by `UPDATE_BINDINGS=1 cargo test -p assent-app`. Do not edit.\n\n",
    );
    out.push_str("import { Channel } from \"@tauri-apps/api/core\";\n");
    let _ = writeln!(
        out,
        "import type {{ {} }} from \"./bindings\";",
        from_core.join(", ")
    );
    out.push_str("import { invoke } from \"./invoke\";\n\n");
    for (_, decl) in &own {
        out.push_str("export ");
        out.push_str(decl.trim());
        out.push('\n');
    }
    out.push_str(include_str!(concat!(env!("OUT_DIR"), "/client.ts")));
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn kiosk_mode_answers_only_commands_that_exist() {
        for name in crate::kiosk::ALLOWED {
            assert!(
                super::COMMANDS.contains(name),
                "kiosk mode allows {name}, which is no command"
            );
        }
    }

    #[test]
    fn checked_in_client_matches_the_commands() {
        let expected = super::typescript();
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/commands.ts");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &expected).unwrap();
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "{} is out of date: run `UPDATE_BINDINGS=1 cargo test -p assent-app`",
            path.display()
        );
    }
}
