//! `assent import …`

use std::path::PathBuf;
use std::process::ExitCode;

use assent_core::import::source::Encoding;
use assent_core::import::{self, ColumnChoice, ImportKind, ImportPreview, ImportRequest};
use assent_core::{Error, Store};
use clap::{Args, Subcommand};

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Pupils, one row each (CSV).
    Pupils(ImportArgs),
    /// Parents and carers, one row per pupil they are linked to (CSV).
    Contacts(ImportArgs),
    /// Staff, volunteers, governors and visitors (CSV).
    Staff(ImportArgs),
    /// A DfE Common Transfer File (XML): pupils and their contacts.
    Ctf(ImportArgs),
    /// Put back on roll the pupils that a full-roll import marked as leaving.
    ClearLeavers {
        /// The import, as its summary printed it.
        import: String,
    },
}

#[derive(Args)]
pub struct ImportArgs {
    /// The file to import.
    file: PathBuf,
    /// Show what would change without writing anything.
    #[arg(long)]
    dry_run: bool,
    /// The file's text encoding (utf-8 or windows-1252); detected when not given.
    #[arg(long, value_name = "E")]
    encoding: Option<String>,
    /// Map a column: "Their Header=UPN" (the field's canonical header), or "Their Header=" to leave it out. Repeatable.
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    maps: Vec<String>,
    /// For pupils: the file lists every pupil on roll, so pupils missing from it are marked as leaving.
    #[arg(long)]
    full_roll: bool,
    /// For pupils: the file holds only some pupils (the default).
    #[arg(long, hide = true, conflicts_with = "full_roll")]
    partial: bool,
    /// With --full-roll: the number of leavers the preview printed, needed when
    /// they are more than a tenth of the roll.
    #[arg(long, value_name = "N", requires = "full_roll")]
    confirm_leavers: Option<u32>,
    /// With --full-roll: the leaving date for pupils missing from the file (default today).
    #[arg(long, value_name = "DATE", requires = "full_roll")]
    leaving_date: Option<String>,
}

fn request(kind: ImportKind, args: &ImportArgs) -> assent_core::Result<ImportRequest> {
    if args.full_roll && kind != ImportKind::Pupils {
        return Err(Error::invalid(
            "--full-roll",
            "only a pupils file can be the full roll",
        ));
    }
    let mut req = ImportRequest::new(kind, &args.file);
    req.full_roll = args.full_roll;
    req.confirmed_leavers = args.confirm_leavers;
    if let Some(e) = &args.encoding {
        req.encoding = Some(Encoding::from_name(e).ok_or_else(|| {
            Error::invalid(
                "--encoding",
                format!("'{e}' is not an encoding Assent reads; use utf-8 or windows-1252"),
            )
        })?);
    }
    for m in &args.maps {
        let (header, field) = m.split_once('=').ok_or_else(|| {
            Error::invalid(
                "--map",
                format!("'{m}' should be written \"Their Header=FIELD\""),
            )
        })?;
        req.choices.push(ColumnChoice {
            header: header.trim().to_owned(),
            field: Some(field.trim())
                .filter(|f| !f.is_empty())
                .map(str::to_owned),
        });
    }
    if let Some(d) = &args.leaving_date {
        req.leaving_date = Some(
            assent_core::values::parse_date(d)
                .map_err(|reason| Error::invalid("--leaving-date", reason))?,
        );
    }
    Ok(req)
}

fn print_preview(p: &ImportPreview) {
    for entry in &p.added {
        println!("  add     {}", entry.name);
    }
    for entry in &p.changed {
        let what: Vec<String> = entry
            .changes
            .iter()
            .map(|c| {
                format!(
                    "{}: {} -> {}",
                    c.field,
                    c.from.as_deref().unwrap_or("(blank)"),
                    c.to.as_deref().unwrap_or("(blank)")
                )
            })
            .collect();
        println!("  change  {} ({})", entry.name, what.join("; "));
    }
    for entry in &p.leaving {
        let date = entry
            .changes
            .iter()
            .find_map(|c| c.to.clone())
            .unwrap_or_default();
        println!("  leaving {} (leaving date {date})", entry.name);
    }
    if !p.unmapped_columns.is_empty() {
        eprintln!(
            "assent: these columns are not imported (map them with --map \"Header=FIELD\", or leave them out with --map \"Header=\"): {}",
            p.unmapped_columns.join(", ")
        );
    }
}

fn summary(p: &ImportPreview) -> String {
    format!(
        "added {}, changed {}, unchanged {}, leaving {}, errors {}",
        p.added.len(),
        p.changed.len(),
        p.unchanged,
        p.leaving.len(),
        p.problems.len()
    )
}

pub fn run(command: &ImportCommand, store: &mut Store) -> assent_core::Result<ExitCode> {
    let (kind, args) = match command {
        ImportCommand::Pupils(args) => (ImportKind::Pupils, args),
        ImportCommand::Contacts(args) => (ImportKind::Contacts, args),
        ImportCommand::Staff(args) => (ImportKind::Staff, args),
        ImportCommand::Ctf(args) => (ImportKind::Ctf, args),
        ImportCommand::ClearLeavers { import } => return clear_leavers(import, store),
    };
    let req = request(kind, args)?;
    let preview = import::preview(store, &req)?;
    if !preview.can_apply() {
        for problem in &preview.problems {
            eprintln!("{}: {problem}", args.file.display());
        }
        eprintln!(
            "assent: {} was not imported; nothing was written ({})",
            args.file.display(),
            summary(&preview)
        );
        return Ok(ExitCode::from(1));
    }
    print_preview(&preview);
    if args.dry_run {
        println!("Preview (nothing written): {}", summary(&preview));
        return Ok(ExitCode::SUCCESS);
    }
    let leavers = u32::try_from(preview.leaving.len()).unwrap_or(u32::MAX);
    if preview.leavers_need_confirmation && args.confirm_leavers != Some(leavers) {
        eprintln!(
            "assent: {} was not imported; nothing was written. It would mark {leavers} of the {} pupils on roll as leaving (listed above), more than a tenth of the roll.",
            args.file.display(),
            preview.roll
        );
        eprintln!(
            "If the file holds only some pupils, leave out --full-roll. If they really are leaving, run the import again with --confirm-leavers {leavers}."
        );
        return Ok(ExitCode::from(1));
    }
    let done = match import::apply(store, &req) {
        Err(Error::LeaversNotConfirmed { leavers, roll, .. }) => {
            // The file or the roll changed since the preview above.
            eprintln!(
                "assent: {} was not imported; nothing was written. It now marks {leavers} of the {roll} pupils on roll as leaving: check the file, then confirm with --confirm-leavers {leavers}.",
                args.file.display()
            );
            return Ok(ExitCode::from(1));
        }
        other => other?,
    };
    println!(
        "Imported {}: added {}, changed {}, unchanged {}, leaving {}, errors 0",
        args.file.display(),
        done.added,
        done.changed,
        done.unchanged,
        done.leaving
    );
    if done.leaving > 0 {
        println!(
            "To put the {} back on roll: assent import clear-leavers {}",
            if done.leaving == 1 {
                "pupil".to_owned()
            } else {
                format!("{} pupils", done.leaving)
            },
            done.import_id
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn clear_leavers(import: &str, store: &mut Store) -> assent_core::Result<ExitCode> {
    let done = import::clear_leavers(store, import)?;
    println!(
        "Cleared {} leaving date{}: {} back on roll",
        done.cleared,
        if done.cleared == 1 { "" } else { "s" },
        if done.cleared == 1 {
            "the pupil is"
        } else {
            "the pupils are"
        },
    );
    if done.kept > 0 {
        println!(
            "Left alone: {} whose leaving date changed after the import",
            done.kept
        );
    }
    Ok(ExitCode::SUCCESS)
}
