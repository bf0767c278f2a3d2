//! `assent consent …`

use std::fmt::Write as _;

use assent_core::consent::{self, ConsentMethod, DecisionInput};
use assent_core::people;
use assent_core::{Error, Store, values};
use clap::{Subcommand, ValueEnum};

use crate::output;

#[derive(Subcommand)]
pub enum ConsentCommand {
    /// The purposes families are asked about, with what they are told.
    Purposes {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add a purpose families are asked about (head users).
    AddPurpose {
        /// A short code for the command line, such as "trips".
        code: String,
        /// Its name, as families and registers show it.
        #[arg(long, value_name = "NAME")]
        name: String,
        /// What families are told when they choose.
        #[arg(long, value_name = "TEXT")]
        explanation: String,
    },
    /// Rename a purpose or give it new words for families; earlier decisions keep the words they were given.
    EditPurpose {
        /// The purpose's code.
        code: String,
        /// A new name.
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// A new explanation.
        #[arg(long, value_name = "TEXT")]
        explanation: Option<String>,
    },
    /// Stop asking about a purpose; its decisions stay on record (purposes are never deleted).
    RetirePurpose {
        /// The purpose's code.
        code: String,
    },
    /// Consents withdrawn on or after a date, across the school, so published material can be taken down.
    Withdrawn {
        /// The first day to include (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long, value_name = "DATE")]
        since: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Record a yes or no for one purpose.
    Set {
        /// The pupil (or member of staff).
        person: String,
        /// The purpose's code (see `assent consent purposes`).
        purpose: String,
        /// yes or no.
        answer: String,
        /// Who decided: a contact's id or full name (a member of staff decides for themselves).
        #[arg(long, value_name = "CONTACT")]
        by: String,
        /// How the choice reached the school.
        #[arg(long, value_enum)]
        method: MethodArg,
        /// When it was given (default today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Withdraw consent for one purpose, at once.
    Withdraw {
        /// The pupil.
        person: String,
        /// The purpose's code.
        purpose: String,
        /// Why (optional).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Set (or with --release, lift) a safeguarding hold: never photograph or publish.
    Hold {
        /// The pupil.
        person: String,
        /// The private reason.
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Lift the hold instead.
        #[arg(long)]
        release: bool,
    },
    /// Each pupil's answer for each purpose.
    List {
        /// Only these classes (repeatable).
        #[arg(long = "class", value_name = "C")]
        classes: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Every decision about one person.
    History {
        /// The person.
        person: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Pupils who must not be photographed for at least one purpose, by class then surname.
    NoPhoto {
        /// Only these classes (repeatable; default the whole school).
        #[arg(long = "class", value_name = "C")]
        classes: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum MethodArg {
    Agreement,
    Paper,
    Phone,
    Email,
}

pub fn run(command: ConsentCommand, store: &mut Store) -> assent_core::Result<()> {
    match command {
        c @ (ConsentCommand::AddPurpose { .. }
        | ConsentCommand::EditPurpose { .. }
        | ConsentCommand::RetirePurpose { .. }) => edit_purposes(c, store),
        ConsentCommand::Withdrawn { since, json } => withdrawn(store, &since, json),
        ConsentCommand::Purposes { json } => {
            let all = consent::purposes(store)?;
            output::rows(&all, json, |p| {
                format!(
                    "{:<10} {}{}\n           {}",
                    p.code,
                    p.name,
                    if p.retired { " (retired)" } else { "" },
                    p.explanation
                )
            })
        }
        ConsentCommand::Set {
            person,
            purpose,
            answer,
            by,
            method,
            date,
        } => {
            let yes = consent::parse_answer(&answer)?;
            let date = date
                .map(|d| values::parse_date(&d).map_err(|reason| Error::invalid("--date", reason)))
                .transpose()?;
            // A member of staff decides for themselves; a pupil's contact is named or given by id.
            let given_by = if by.trim() == person {
                person.clone()
            } else {
                people::find_contact(store, &person, &by, false)?
            };
            let method = match method {
                MethodArg::Agreement => ConsentMethod::Agreement,
                MethodArg::Paper => ConsentMethod::Paper,
                MethodArg::Phone => ConsentMethod::Phone,
                MethodArg::Email => ConsentMethod::Email,
            };
            consent::set(
                store,
                &DecisionInput {
                    person_id: person,
                    purpose: purpose.clone(),
                    yes,
                    given_by,
                    method,
                    date,
                },
            )?;
            output::print(&format!(
                "Recorded {purpose}: {}\n",
                if yes { "yes" } else { "no" }
            ))
        }
        ConsentCommand::Withdraw {
            person,
            purpose,
            reason,
        } => {
            consent::withdraw(store, &person, &purpose, reason.as_deref())?;
            output::print(&format!("Withdrew consent for {purpose}\n"))
        }
        ConsentCommand::Hold {
            person,
            reason,
            release,
        } => {
            if release {
                consent::release_hold(store, &person, &reason)?;
                output::print("Safeguarding hold released\n")
            } else {
                consent::hold(store, &person, &reason)?;
                output::print("Safeguarding hold set: never photograph or publish\n")
            }
        }
        ConsentCommand::List { classes, json } => print_grid(store, &classes, json),
        ConsentCommand::History { person, json } => print_history(store, &person, json),
        ConsentCommand::NoPhoto { classes, json } => print_no_photo(store, &classes, json),
    }
}

fn print_grid(store: &Store, classes: &[String], json: bool) -> assent_core::Result<()> {
    let grid = consent::grid(store, classes)?;
    if json {
        let rows: Vec<serde_json::Value> = grid
            .rows
            .iter()
            .map(|r| {
                let mut o = serde_json::json!({ "person_id": r.person_id, "name": r.name, "class": r.class, "hold": r.hold });
                for ((code, _), cell) in grid.purposes.iter().zip(&r.cells) {
                    o[code] = serde_json::Value::from(cell.state.code());
                }
                o
            })
            .collect();
        return output::print(&output::json(&rows)?);
    }
    let mut text = format!("{:<28}{:<10}", "Name", "Class");
    for (code, _) in &grid.purposes {
        let _ = write!(text, "{code:<10}");
    }
    text.push('\n');
    for r in &grid.rows {
        let _ = write!(
            text,
            "{:<28}{:<10}",
            r.name,
            r.class.as_deref().unwrap_or("")
        );
        for c in &r.cells {
            let _ = write!(
                text,
                "{:<10}",
                format!("{}{}", c.state.code(), if c.conflict { "!" } else { "" })
            );
        }
        text.push('\n');
    }
    output::print(&text)
}

fn print_history(store: &Store, person: &str, json: bool) -> assent_core::Result<()> {
    let all = consent::history(store, person)?;
    output::rows(&all, json, |d| {
        format!(
            "{}  {:<28} {:<3} {} ({}, recorded {} by {}){}",
            d.decided_on,
            d.purpose,
            d.answer,
            d.given_by,
            d.method,
            d.recorded_at,
            d.recorded_by,
            if d.withdrawal { " WITHDRAWAL" } else { "" }
        )
    })
}

fn print_no_photo(store: &Store, classes: &[String], json: bool) -> assent_core::Result<()> {
    let list = consent::no_photo(store, classes)?;
    output::rows(&list, json, |r| {
        format!(
            "{:<10} {:<28} {}",
            r.class.as_deref().unwrap_or(""),
            r.name,
            if r.hold {
                "NEVER PHOTOGRAPH OR PUBLISH".to_owned()
            } else {
                format!("not for: {}", r.refused.join(", "))
            }
        )
    })
}

/// Adding, editing and retiring purposes (head users).
fn edit_purposes(command: ConsentCommand, store: &mut Store) -> assent_core::Result<()> {
    match command {
        ConsentCommand::AddPurpose {
            code,
            name,
            explanation,
        } => {
            let p = consent::add_purpose(store, &code, &name, &explanation)?;
            output::print(&format!("Added the purpose {} ({})\n", p.name, p.code))
        }
        ConsentCommand::EditPurpose {
            code,
            name,
            explanation,
        } => {
            let p = consent::edit_purpose(store, &code, name.as_deref(), explanation.as_deref())?;
            output::print(&format!("{} ({}): {}\n", p.name, p.code, p.explanation))
        }
        ConsentCommand::RetirePurpose { code } => {
            consent::retire_purpose(store, &code)?;
            output::print(&format!(
                "Retired the purpose {code}; its decisions stay on record.\n"
            ))
        }
        // `run` sends only the three purpose commands here.
        _ => Ok(()),
    }
}

fn withdrawn(store: &Store, since: &str, json: bool) -> assent_core::Result<()> {
    let rows = consent::withdrawn_since_text(store, since)?;
    if rows.is_empty() && !json {
        return output::print("Nothing has been withdrawn since then.\n");
    }
    output::rows(&rows, json, |r| {
        format!(
            "{}\t{}\t{}\t{}\t{}",
            r.recorded_at,
            r.person_name,
            r.purpose,
            r.reason.as_deref().unwrap_or(""),
            r.recorded_by
        )
    })
}
