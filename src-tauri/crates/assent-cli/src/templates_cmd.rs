//! `assent templates …`

use std::fmt::Write as _;
use std::path::PathBuf;

use assent_core::templates::{self, PublishOptions, TemplateKind};
use assent_core::{Error, Store};
use clap::Subcommand;

use crate::output;

#[derive(Subcommand)]
pub enum TemplatesCommand {
    /// Every published version of every agreement.
    List {
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// One version of an agreement, exactly as signers see it.
    Show {
        /// ks1, ks2, staff, governor-visitor or parent.
        kind: String,
        /// The version (default: the current one).
        #[arg(long, value_name = "N")]
        version: Option<u32>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Publish a new version from a Markdown file with front matter (kind, title, audience).
    Publish {
        /// ks1, ks2, staff, governor-visitor or parent.
        kind: String,
        /// The Markdown file.
        file: PathBuf,
        /// A minor change (typo, layout): existing agreements stay valid. Needs --reason.
        #[arg(long, requires = "reason")]
        minor: bool,
        /// Why the change is minor.
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        /// What changed (for a material change).
        #[arg(long, value_name = "TEXT", conflicts_with = "reason")]
        summary: Option<String>,
    },
    /// Line-by-line differences between two versions.
    Diff {
        /// ks1, ks2, staff, governor-visitor or parent.
        kind: String,
        /// The older version.
        a: u32,
        /// The newer version.
        b: u32,
    },
}

pub fn run(command: TemplatesCommand, store: &mut Store) -> assent_core::Result<()> {
    match command {
        TemplatesCommand::List { json } => {
            let all = templates::list(store)?;
            output::rows(&all, json, |t| {
                format!(
                    "{:<17} v{:<3} {}  review {}  {}  {}",
                    t.kind.code(),
                    t.version,
                    if t.current { "current " } else { "replaced" },
                    t.review_due,
                    &t.sha256[..12],
                    t.title
                )
            })
        }
        TemplatesCommand::Show {
            kind,
            version,
            json,
        } => {
            let v = templates::version(store, TemplateKind::parse_arg(&kind)?, version)?;
            if json {
                return output::print(&output::json(&v)?);
            }
            output::print(&format!(
                "{} agreement, version {}{} — published {} by {}; effective {}; review due {}\nSHA-256 {}\n\n{}",
                v.kind.code(),
                v.version,
                if v.current { " (current)" } else { "" },
                v.published_at,
                v.published_by,
                v.effective_date,
                v.review_due,
                v.sha256,
                v.rendered
            ))
        }
        TemplatesCommand::Publish {
            kind,
            file,
            minor,
            reason,
            summary,
        } => {
            let text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, &e))?;
            let options = PublishOptions {
                material: !minor,
                summary: reason.or(summary),
                ..PublishOptions::default()
            };
            let v = templates::publish(store, TemplateKind::parse_arg(&kind)?, &text, &options)?;
            output::print(&format!(
                "Published version {} of the {} agreement ({}); SHA-256 {}\n",
                v.version,
                v.kind.code(),
                if v.material {
                    "material: everyone on an older version must sign again"
                } else {
                    "minor: existing agreements stay valid"
                },
                v.sha256
            ))
        }
        TemplatesCommand::Diff { kind, a, b } => {
            let lines = templates::diff(store, TemplateKind::parse_arg(&kind)?, a, b)?;
            let mut text = String::new();
            for line in lines {
                let mark = match line.change.as_str() {
                    "added" => '+',
                    "removed" => '-',
                    _ => ' ',
                };
                let _ = writeln!(text, "{mark} {}", line.text);
            }
            output::print(&text)
        }
    }
}
