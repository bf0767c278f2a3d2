//! `assent import …`

use std::path::PathBuf;
use std::process::ExitCode;

use assent_core::import::source::Encoding;
use assent_core::import::{self, ColumnChoice, ImportKind, ImportPreview, ImportRequest};
use assent_core::{Error, Store};
use clap::{Args, ValueEnum};

#[derive(Args)]
pub struct ImportArgs {
    /// What the file holds.
    #[arg(value_enum)]
    kind: KindArg,
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
    /// For pupils: the file is not a full export, so do not propose leavers.
    #[arg(long)]
    partial: bool,
    /// For pupils: the leaving date for pupils missing from a full export (default today).
    #[arg(long, value_name = "DATE")]
    leaving_date: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Pupils,
    Contacts,
    Staff,
    Ctf,
}

fn request(args: &ImportArgs) -> assent_core::Result<ImportRequest> {
    let kind = match args.kind {
        KindArg::Pupils => ImportKind::Pupils,
        KindArg::Contacts => ImportKind::Contacts,
        KindArg::Staff => ImportKind::Staff,
        KindArg::Ctf => ImportKind::Ctf,
    };
    let mut req = ImportRequest::new(kind, &args.file);
    req.full_export = kind == ImportKind::Pupils && !args.partial;
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

pub fn run(args: &ImportArgs, store: &mut Store) -> assent_core::Result<ExitCode> {
    let req = request(args)?;
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
    let done = import::apply(store, &req)?;
    println!(
        "Imported {}: added {}, changed {}, unchanged {}, leaving {}, errors 0",
        args.file.display(),
        done.added,
        done.changed,
        done.unchanged,
        done.leaving
    );
    Ok(ExitCode::SUCCESS)
}
