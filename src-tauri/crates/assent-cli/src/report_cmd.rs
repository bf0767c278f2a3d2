//! `assent report …` (printed registers, sheets, letters and certificates) and
//! `assent agreements verify`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use assent_core::{Store, agreements};
use assent_reports::{Format, Options, Report};
use clap::{Args, Subcommand, ValueEnum};

use crate::output;

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Photo and video consent, pupil by purpose, each class starting a new page.
    ConsentRegister(ListArgs),
    /// Who has signed their acceptable-use agreement: each class, staff, governors,
    /// volunteers and visitors, with signature thumbnails.
    AupRegister(ListArgs),
    /// Pupils who must not be photographed for at least one purpose, large and clear.
    DoNotPhotograph(ListArgs),
    /// Agreements not signed, waiting for a parent, or to sign again after a change.
    Outstanding(ListArgs),
    /// A letter to each family with an agreement to sign (siblings share one),
    /// with the agreement's text and lines to sign and return on paper (PDF only).
    ChaseLetters(ListArgs),
    /// A letter to each family with photo and video questions still unanswered
    /// (siblings share one), saying what each means, with a slip to circle yes or no (PDF only).
    ConsentLetters(ListArgs),
    /// The termly e-safety incident summary for governors: counts by category and
    /// month, and the steps taken, naming nobody (PDF only; head users).
    IncidentsSummary {
        /// The first day covered (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long, value_name = "DATE")]
        from: String,
        /// The last day covered.
        #[arg(long, value_name = "DATE")]
        to: String,
        /// Where to save the PDF.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// The head's copy: also list the incidents still open, with who was involved.
        #[arg(long)]
        open: bool,
    },
    /// One agreement exactly as signed, with its signatures and fingerprints (PDF only).
    Certificate {
        /// The agreement's id (see `assent agreements list`).
        agreement_id: String,
        /// Where to save the PDF.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
}

#[derive(Args)]
pub struct ListArgs {
    /// Only this class (repeatable; default the whole school). The AUP register and the
    /// outstanding list also take the groups staff, governors, volunteers, visitors and parents.
    #[arg(long = "class", value_name = "C")]
    classes: Vec<String>,
    /// Where to save the document.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// pdf or csv (default: csv if FILE ends in .csv, else pdf).
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Pdf,
    Csv,
}

fn format_for(asked: Option<FormatArg>, out: &Path) -> Format {
    let csv_file = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    match asked {
        Some(FormatArg::Csv) => Format::Csv,
        None if csv_file => Format::Csv,
        Some(FormatArg::Pdf) | None => Format::Pdf,
    }
}

/// Makes the document and saves it; prints what was written, or why not (exit 1).
pub fn run(command: ReportCommand, store: &Store) -> ExitCode {
    match make(command, store) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("assent: {err}");
            ExitCode::from(1)
        }
    }
}

fn make(command: ReportCommand, store: &Store) -> Result<(), assent_reports::Error> {
    let (report, list, out, format) = match command {
        ReportCommand::Certificate { agreement_id, out } => (
            Report::Certificate { agreement_id },
            Vec::new(),
            out,
            Format::Pdf,
        ),
        ReportCommand::IncidentsSummary {
            from,
            to,
            out,
            open,
        } => (
            if open {
                Report::IncidentsForHead { from, to }
            } else {
                Report::IncidentsSummary { from, to }
            },
            Vec::new(),
            out,
            Format::Pdf,
        ),
        ReportCommand::ConsentRegister(a) => split(Report::ConsentRegister, a),
        ReportCommand::AupRegister(a) => split(Report::AupRegister, a),
        ReportCommand::DoNotPhotograph(a) => split(Report::DoNotPhotograph, a),
        ReportCommand::Outstanding(a) => split(Report::Outstanding, a),
        ReportCommand::ChaseLetters(a) => split(Report::ChaseLetters, a),
        ReportCommand::ConsentLetters(a) => split(Report::ConsentLetters, a),
    };
    let options = Options {
        classes: list,
        generated_by: store.session()?.actor().as_str().to_owned(),
    };
    let made = assent_reports::generate(store, &report, &options, format)?;
    assent_reports::write_atomically(&out, &made.bytes)?;
    if !made.missing.is_empty() {
        let chars: Vec<String> = made.missing.iter().map(char::to_string).collect();
        eprintln!(
            "assent: warning: no built-in font has {}, so it prints as an empty box",
            chars.join(" ")
        );
    }
    let pages = made.pages.map_or_else(String::new, |n| {
        format!(", {n} page{}", if n == 1 { "" } else { "s" })
    });
    output::print(&format!(
        "Wrote the {} to {} ({} KB{pages})\n",
        report.name(),
        out.display(),
        made.bytes.len().div_ceil(1024)
    ))
    .map_err(Into::into)
}

fn split(report: Report, args: ListArgs) -> (Report, Vec<String>, PathBuf, Format) {
    let format = format_for(args.format, &args.out);
    (report, args.classes, args.out, format)
}

/// `assent agreements verify ID`: every fingerprint recomputed; exit 1 if any differs.
pub fn verify(store: &Store, id: &str) -> assent_core::Result<ExitCode> {
    let check = agreements::verify(store, id)?;
    let mut text = String::new();
    for c in &check.checks {
        if c.matches() {
            let _ = writeln!(text, "match     {}: {}", c.what, c.computed);
        } else {
            let _ = writeln!(
                text,
                "MISMATCH  {}: stored {}, now {}",
                c.what,
                if c.stored.is_empty() {
                    "nothing"
                } else {
                    &c.stored
                },
                if c.computed.is_empty() {
                    "nothing"
                } else {
                    &c.computed
                }
            );
        }
    }
    let failed = check.checks.iter().filter(|c| !c.matches()).count();
    if failed == 0 {
        let _ = writeln!(
            text,
            "Agreement {id} is exactly as it was signed: all {} fingerprints match.",
            check.checks.len()
        );
        output::print(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    output::print(&text)?;
    eprintln!(
        "assent: agreement {id} has changed since it was signed: {failed} of {} fingerprints do not match",
        check.checks.len()
    );
    Ok(ExitCode::from(1))
}
