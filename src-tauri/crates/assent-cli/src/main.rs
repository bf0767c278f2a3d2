//! `assent`: the command-line face of Assent, for IT technicians' scripts,
//! for tests and for benchmarks. It uses the same core and the same database
//! path as the desktop app.
//!
//! Every command except `init` runs as a signed-in staff user: `--user` or
//! `$ASSENT_USER`, with the password from `$ASSENT_PASSWORD` or a prompt. The
//! user's role limits what they may do, exactly as in the app.
//!
//! Exit codes: 0 success; 1 the operation failed (stderr says what and why);
//! 2 the command line was wrong. It never prompts when standard input is not
//! a terminal.

mod accounts_cmd;
mod admin_cmd;
mod consent_cmd;
mod errors;
mod import_cmd;
mod incidents_cmd;
mod output;
mod people_cmd;
mod report_cmd;
mod settings_cmd;
mod sign_cmd;
mod templates_cmd;
mod users_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use assent_core::{Admin, Store, demo, paths, rollover};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "assent",
    version,
    about = "Acceptable-use agreements and photo consent for a primary school",
    long_about = "Acceptable-use agreements and photo/video consent for a primary school.\n\n\
The database is found at --db, else $ASSENT_DB, else the app-data folder \
(the same file the desktop app uses). Sign in with --user (or $ASSENT_USER); the \
password comes from $ASSENT_PASSWORD or is asked for in a terminal."
)]
struct Cli {
    /// The database file to use.
    #[arg(long, global = true, value_name = "PATH", env = paths::DB_ENV)]
    db: Option<PathBuf>,

    /// The staff user to sign in as.
    #[arg(long, global = true, value_name = "USER", env = users_cmd::USER_ENV)]
    user: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new, empty database for a school (refuses to overwrite an existing file).
    ///
    /// The password of the first head user comes from `$ASSENT_PASSWORD` or is asked for twice.
    Init {
        /// The school's name, as it should appear on screens and printed documents.
        #[arg(long, value_name = "NAME")]
        school: String,
        /// The first head user's sign-in name.
        #[arg(long, value_name = "USER")]
        admin: String,
        /// The first head user's name as shown (defaults to the sign-in name).
        #[arg(long, value_name = "NAME")]
        admin_name: Option<String>,
    },
    /// Create the fictional demo school (or fill an existing database that has no people yet).
    ///
    /// --user (default "head") becomes its head user; users office, teacher and
    /// it get the same password, from `$ASSENT_PASSWORD` or a prompt.
    ///
    /// With --pupils or --scale it generates a school or trust of that size
    /// instead, with three academic years of agreements and consent history
    /// (withdrawals and re-signings included); the same size and seed always
    /// give the same people and history.
    Demo {
        /// How many pupils to generate (contacts and staff follow in proportion).
        #[arg(long, value_name = "N", conflicts_with = "scale")]
        pupils: Option<u32>,
        /// A preset size: primary (210 pupils), large (700) or trust (20,000
        /// pupils, 35,000 contacts, 2,000 staff).
        #[arg(long, value_name = "SIZE", value_parser = ["primary", "large", "trust"])]
        scale: Option<String>,
        /// Parents and carers to generate (with --pupils).
        #[arg(long, value_name = "N", requires = "pupils")]
        contacts: Option<u32>,
        /// Staff to generate (with --pupils).
        #[arg(long, value_name = "N", requires = "pupils")]
        staff: Option<u32>,
        /// The seed for a generated school.
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
    },
    /// Staff users: list, add, change passwords, remove access.
    Users {
        #[command(subcommand)]
        command: users_cmd::UsersCommand,
    },
    /// Pupils, parents and carers, staff, volunteers, governors and visitors.
    People {
        #[command(subcommand)]
        command: people_cmd::PeopleCommand,
    },
    /// Import people from the school's MIS: a CSV file or a Common Transfer File.
    Import {
        #[command(subcommand)]
        command: import_cmd::ImportCommand,
    },
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
    /// IT accounts: who may have one, the files to upload, and what was provisioned.
    Accounts {
        #[command(subcommand)]
        command: accounts_cmd::AccountsCommand,
    },
    /// The e-safety incident log: record incidents, act on them, close them.
    Incidents {
        #[command(subcommand)]
        command: incidents_cmd::IncidentsCommand,
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
        command: admin_cmd::AuditCommand,
    },
    /// Write an encrypted backup of the whole database (with its key file) to one file.
    Backup {
        /// The backup file to write. A file already there is left alone unless --force is given.
        #[arg(value_name = "OUT")]
        out: PathBuf,
        /// Replace a file already at OUT.
        #[arg(long)]
        force: bool,
    },
    /// Replace the database with a backup, after checking it (head users only).
    ///
    /// The backup must be complete, belong to this school and open with your
    /// password; the replaced database is kept beside it. Close the app first.
    Restore {
        /// The backup file to restore.
        #[arg(value_name = "IN")]
        input: PathBuf,
    },
    /// Subject access request: export everything held about one person to a new folder (head users only).
    Sar {
        /// The person's id.
        #[arg(value_name = "PERSON")]
        person: String,
        /// The folder to write (must be new or empty).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Retention: destroy leavers' records a set number of years after they leave.
    Retention {
        #[command(subcommand)]
        command: admin_cmd::RetentionCommand,
    },
    /// Erase one person's records on a justified request (head users only).
    Erase {
        /// The person's id.
        #[arg(value_name = "PERSON")]
        person: String,
        /// Why, as recorded in the destruction log.
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// School settings: consent and agreement renewal, the idle lock.
    Settings {
        #[command(subcommand)]
        command: settings_cmd::SettingsCommand,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = paths::resolve_database_path(cli.db);
    match run(cli.command, &db, cli.user.as_deref()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("assent: {}", errors::describe(&err));
            ExitCode::from(1)
        }
    }
}

fn run(
    command: Command,
    db: &std::path::Path,
    user: Option<&str>,
) -> assent_core::Result<ExitCode> {
    let open = || users_cmd::open(db, user);
    match command {
        Command::Init {
            school,
            admin,
            admin_name,
        } => {
            let password = users_cmd::new_password(users_cmd::PASSWORD_ENV)?;
            let admin = Admin {
                display_name: admin_name.unwrap_or_else(|| admin.clone()),
                username: admin,
                password,
            };
            let store = Store::create(db, &school, &admin)?;
            println!(
                "Created {} for {}, with {} as its first head user",
                store.path().display(),
                school.trim(),
                admin.username.trim().to_lowercase()
            );
        }
        Command::Demo {
            pupils,
            scale,
            contacts,
            staff,
            seed,
        } => {
            let size = match (pupils, scale.as_deref()) {
                (Some(n), _) => {
                    let mut size = demo::Scale::pupils(n);
                    size.contacts = contacts.unwrap_or(size.contacts);
                    size.staff = staff.unwrap_or(size.staff);
                    Some(size)
                }
                (None, Some(name)) => demo::Scale::named(name),
                (None, None) => None,
            };
            demo_cmd(
                db,
                user,
                size.map(|s| seed.map_or(s, |seed| s.with_seed(seed))),
            )?;
        }
        Command::Users { command } => users_cmd::run(command, &mut open()?)?,
        Command::People { command } => people_cmd::run(command, &open()?)?,
        Command::Import { command } => return import_cmd::run(&command, &mut open()?),
        Command::Sign { command } => sign_cmd::run_sign(command, &mut open()?)?,
        Command::Agreements { command } => {
            return sign_cmd::run_agreements(command, &mut open()?);
        }
        Command::Report { command } => return Ok(report_cmd::run(command, &open()?)),
        Command::Status { class, kind, json } => {
            sign_cmd::run_status(&open()?, class, kind, json)?;
        }
        Command::Consent { command } => consent_cmd::run(command, &mut open()?)?,
        Command::Accounts { command } => accounts_cmd::run(command, &mut open()?)?,
        Command::Incidents { command } => incidents_cmd::run(command, &mut open()?)?,
        Command::Templates { command } => {
            templates_cmd::run(command, &mut open()?)?;
        }
        Command::Audit { command } => return admin_cmd::audit(command, &open()?),
        Command::Backup { out, force } => admin_cmd::backup(&mut open()?, &out, force)?,
        Command::Restore { input } => admin_cmd::restore(db, user, &input)?,
        Command::Sar { person, out } => admin_cmd::subject_access(&mut open()?, &person, &out)?,
        Command::Retention { command } => admin_cmd::retention(&command, &mut open()?)?,
        Command::Erase { person, reason } => admin_cmd::erase(&mut open()?, &person, &reason)?,
        Command::Settings { command } => settings_cmd::run(command, &mut open()?)?,
        Command::Rollover { to, dry_run } => {
            let mut store = open()?;
            let summary = if dry_run {
                rollover::preview(&store, to)?
            } else {
                rollover::apply(&mut store, to)?
            };
            output::print_rollover(&summary, dry_run);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `assent demo`: the demo school, or a generated school of `scale`.
fn demo_cmd(
    db: &std::path::Path,
    user: Option<&str>,
    scale: Option<demo::Scale>,
) -> assent_core::Result<()> {
    let username = user.unwrap_or("head").to_owned();
    let password = if db.exists() {
        users_cmd::password(
            users_cmd::PASSWORD_ENV,
            &format!("Password for {username}: "),
        )?
    } else {
        users_cmd::new_password(users_cmd::PASSWORD_ENV)?
    };
    let admin = Admin {
        display_name: "Helen Okafor".to_owned(),
        username,
        password,
    };
    if let Some(scale) = scale {
        let (store, s) = demo::create_scaled(db, &admin, &scale)?;
        println!("Generated school in {}: {s}", store.path().display());
        return Ok(());
    }
    let (store, s) = demo::create_or_fill(db, &admin)?;
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
    Ok(())
}
