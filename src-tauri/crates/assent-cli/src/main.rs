//! `assent`: the command-line face of Assent, for IT technicians' scripts,
//! for tests and for benchmarks. It uses the same core and the same database
//! path as the desktop app.
//!
//! Exit codes: 0 success; 1 the operation failed (stderr says what and why);
//! 2 the command line was wrong. It never prompts when standard input is not
//! a terminal.

mod consent_cmd;
mod import_cmd;
mod output;
mod people_cmd;
mod report_cmd;
mod sign_cmd;
mod templates_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use assent_core::{Actor, Store, demo, paths, rollover};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "assent",
    version,
    about = "Acceptable-use agreements and photo consent for a primary school",
    long_about = "Acceptable-use agreements and photo/video consent for a primary school.\n\n\
The database is found at --db, else $ASSENT_DB, else the app-data folder \
(the same file the desktop app uses)."
)]
struct Cli {
    /// The database file to use.
    #[arg(long, global = true, value_name = "PATH", env = paths::DB_ENV)]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new, empty database for a school (refuses to overwrite an existing file).
    Init {
        /// The school's name, as it should appear on screens and printed documents.
        #[arg(long, value_name = "NAME")]
        school: String,
    },
    /// Create the fictional demo school (or fill an existing database that has no people yet).
    Demo,
    /// Pupils, parents and carers, staff, volunteers, governors and visitors.
    People {
        #[command(subcommand)]
        command: people_cmd::PeopleCommand,
    },
    /// Import people from the school's MIS: a CSV file or a Common Transfer File.
    Import(import_cmd::ImportArgs),
    /// Record a signature: a returned paper form, or a typed one.
    Sign {
        #[command(subcommand)]
        command: sign_cmd::SignCommand,
    },
    /// Agreements recorded: list them, withdraw one, or check one has not changed.
    Agreements {
        #[command(subcommand)]
        command: sign_cmd::AgreementsCommand,
    },
    /// Who has signed their agreement, who is waiting and who must sign again.
    Status {
        /// Only pupils in this class.
        #[arg(long, value_name = "CLASS")]
        class: Option<String>,
        /// Only people of this kind.
        #[arg(long, value_enum)]
        kind: Option<people_cmd::KindArg>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Photo and video consent: choices per purpose, withdrawals, holds and lists.
    Consent {
        #[command(subcommand)]
        command: consent_cmd::ConsentCommand,
    },
    /// Printed documents: registers, sheets, letters and certificates (PDF, or CSV for lists).
    Report {
        #[command(subcommand)]
        command: report_cmd::ReportCommand,
    },
    /// Agreement templates: the texts people sign, with every version kept.
    Templates {
        #[command(subcommand)]
        command: templates_cmd::TemplatesCommand,
    },
    /// The audit log of every change.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Move everyone up a year group for a new academic year; Year 6 leave on 31 August.
    Rollover {
        /// The calendar year the new academic year starts in (2027 for 2027/28).
        #[arg(long, value_name = "YEAR")]
        to: i32,
        /// Show what would change without changing anything.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check that no entry was altered, removed or moved; names the first broken entry (exit 1).
    Verify,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = paths::resolve_database_path(cli.db);
    match run(cli.command, &db) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("assent: {err}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command, db: &std::path::Path) -> assent_core::Result<ExitCode> {
    let actor = Actor::local("assent CLI");
    match command {
        Command::Init { school } => {
            let store = Store::create(db, &school, &actor)?;
            println!("Created {} for {}", store.path().display(), school.trim());
        }
        Command::Demo => {
            let (store, s) = demo::create_or_fill(db, &actor)?;
            println!(
                "Demo school in {}: {} pupils, {} parents and carers, {} staff, {} volunteers, {} governors, {} visitors",
                store.path().display(),
                s.pupils,
                s.parents,
                s.staff,
                s.volunteers,
                s.governors,
                s.visitors
            );
        }
        Command::People { command } => people_cmd::run(command, &Store::open(db)?)?,
        Command::Import(args) => return import_cmd::run(&args, &mut Store::open(db)?, &actor),
        Command::Sign { command } => sign_cmd::run_sign(command, &mut Store::open(db)?, &actor)?,
        Command::Agreements { command } => {
            return sign_cmd::run_agreements(command, &mut Store::open(db)?, &actor);
        }
        Command::Report { command } => return Ok(report_cmd::run(command, db, &actor)),
        Command::Status { class, kind, json } => {
            sign_cmd::run_status(&Store::open(db)?, class, kind, json)?;
        }
        Command::Consent { command } => consent_cmd::run(command, &mut Store::open(db)?, &actor)?,
        Command::Templates { command } => {
            templates_cmd::run(command, &mut Store::open(db)?, &actor)?;
        }
        Command::Audit {
            command: AuditCommand::Verify,
        } => {
            let store = Store::open(db)?;
            let report = assent_core::audit::verify(store.conn())?;
            if let Some(broken) = report.first_broken {
                eprintln!(
                    "assent: the audit log is broken at entry {}{}: {}",
                    broken.seq,
                    if broken.id.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", broken.id)
                    },
                    broken.reason
                );
                return Ok(ExitCode::from(1));
            }
            println!(
                "The audit log is intact: {} entries, each linked to the one before.",
                report.entries
            );
        }
        Command::Rollover { to, dry_run } => {
            let mut store = Store::open(db)?;
            let summary = if dry_run {
                rollover::preview(store.conn(), to)?
            } else {
                rollover::apply(&mut store, to, &actor)?
            };
            output::print_rollover(&summary, dry_run);
        }
    }
    Ok(ExitCode::SUCCESS)
}
