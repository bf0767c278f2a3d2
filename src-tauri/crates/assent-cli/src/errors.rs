//! How the CLI words the core's errors: the core's own words, with the command
//! to run next where the CLI has one. The window words the same errors itself
//! (`ui/src/lib/errors.ts`), so the core never names a command or a flag.

use assent_core::Error;

/// The message printed after `assent: `.
pub fn describe(err: &Error) -> String {
    match err {
        Error::NoDatabase { .. } => {
            format!("{err} (create one with `assent init` or `assent demo`)")
        }
        Error::KeysMissing { .. } | Error::KeysDamaged { .. } | Error::Damaged { .. } => {
            format!("{err} with `assent restore BACKUP`")
        }
        Error::DomainsMissing { .. } => {
            format!("{err}: assent accounts settings --domain GROUP=DOMAIN")
        }
        Error::ExportNotProvisioned { .. } | Error::LaterExport { .. } => {
            format!("{err} (see `assent accounts exports`)")
        }
        Error::ChoicesUnanswered {
            child_id, purpose, ..
        } => {
            format!(
                "{err}: give each choice as on the form, such as --choice {child_id}:{purpose}=yes (the questions are listed by `assent consent purposes`)"
            )
        }
        _ => err.to_string(),
    }
}
