//! `assent`: the command-line face of Assent, for IT technicians' scripts,
//! for tests and for benchmarks. It uses the same core and the same database
//! path as the desktop app.
//!
//! Exit codes: 0 success; 1 the operation failed (one line on stderr saying
//! what and why); 2 the command line was wrong. It never prompts when standard
//! input is not a terminal.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use assent_core::people::{self, PersonKind};
use assent_core::{Actor, Store, demo, paths};
use clap::{Parser, Subcommand, ValueEnum};

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
        command: PeopleCommand,
    },
}

#[derive(Subcommand)]
enum PeopleCommand {
    /// List people, optionally of one kind.
    List {
        /// Only people of this kind.
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Pupil,
    Parent,
    Staff,
    Volunteer,
    Governor,
    Visitor,
}

impl From<KindArg> for PersonKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Pupil => PersonKind::Pupil,
            KindArg::Parent => PersonKind::Parent,
            KindArg::Staff => PersonKind::Staff,
            KindArg::Volunteer => PersonKind::Volunteer,
            KindArg::Governor => PersonKind::Governor,
            KindArg::Visitor => PersonKind::Visitor,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = paths::resolve_database_path(cli.db);
    match run(cli.command, &db) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("assent: {err}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command, db: &std::path::Path) -> assent_core::Result<()> {
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
        Command::People {
            command: PeopleCommand::List { kind, json },
        } => {
            let store = Store::open(db)?;
            let list = people::list(store.conn(), kind.map(PersonKind::from))?;
            let mut out = std::io::stdout().lock();
            let written = if json {
                serde_json::to_writer_pretty(&mut out, &list)
                    .map_err(std::io::Error::from)
                    .and_then(|()| writeln!(out))
            } else {
                print_table(&mut out, &list)
            };
            stdout_result(written)?;
        }
    }
    Ok(())
}

/// A closed pipe (`assent people list | head`) is not a failure; anything else is.
fn stdout_result(written: std::io::Result<()>) -> assent_core::Result<()> {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(assent_core::Error::io(
            std::path::Path::new("standard output"),
            &e,
        )),
        _ => Ok(()),
    }
}

fn print_table(out: &mut impl Write, list: &[people::PersonSummary]) -> std::io::Result<()> {
    for p in list {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}",
            p.id,
            p.kind.code(),
            p.family_name,
            p.given_name,
            p.year_group.as_deref().unwrap_or(""),
            p.class_name.as_deref().unwrap_or("")
        )?;
    }
    Ok(())
}
