//! `assent incidents …`: the e-safety incident log — record, act, close, and
//! the access removals the IT technician carries out.

use std::fmt::Write as _;
use std::path::PathBuf;

use assent_core::incidents::{
    self, ActionInput, ActionKind, AttachmentInput, IncidentCategory, IncidentDetail,
    IncidentFilter, IncidentInput, IncidentStatus, IncidentSummary, InvolvedInput, InvolvedRole,
};
use assent_core::{Error, Result, Store};
use clap::Subcommand;

use crate::output;

fn category(text: &str) -> std::result::Result<IncidentCategory, String> {
    IncidentCategory::from_code(text).ok_or_else(|| {
        let codes: Vec<&str> = IncidentCategory::ALL.iter().map(|c| c.code()).collect();
        format!("not a category; use one of {}", codes.join(", "))
    })
}

fn action_kind(text: &str) -> std::result::Result<ActionKind, String> {
    ActionKind::from_code(text).ok_or_else(|| {
        let codes: Vec<&str> = ActionKind::ALL.iter().map(|c| c.code()).collect();
        format!("not an action; use one of {}", codes.join(", "))
    })
}

fn status(text: &str) -> std::result::Result<IncidentStatus, String> {
    IncidentStatus::from_code(text)
        .ok_or_else(|| "not a status; use open, under_review or closed".to_owned())
}

#[derive(Subcommand)]
pub enum IncidentsCommand {
    /// Record an incident (teachers and the office see the ones they record; the head sees all).
    Add {
        /// The day it happened (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long, value_name = "DATE")]
        date: String,
        /// The time it happened (HH:MM, UK time).
        #[arg(long, value_name = "HH:MM")]
        time: Option<String>,
        /// Who reported it.
        #[arg(long, value_name = "NAME")]
        reported_by: String,
        /// What sort of misuse: illegal-material, inappropriate-material, bypassing-filtering,
        /// account-misuse, cyberbullying, copyright-data-protection, unauthorised-device, damage or other.
        #[arg(long, value_parser = category)]
        category: IncidentCategory,
        /// What happened.
        #[arg(long, value_name = "TEXT")]
        description: String,
        /// Someone involved who has a record, by id (repeatable).
        #[arg(long = "person", value_name = "ID")]
        people: Vec<String>,
        /// Someone involved without a record, as "NAME" or "NAME:pupil|staff|other" (repeatable).
        #[arg(long = "name", value_name = "NAME")]
        names: Vec<String>,
        /// A web address involved (repeatable).
        #[arg(long = "url", value_name = "URL")]
        urls: Vec<String>,
        /// A screenshot or other file to keep with it: PNG, JPEG or PDF (repeatable).
        #[arg(long = "attach", value_name = "FILE")]
        attachments: Vec<PathBuf>,
        /// A child-protection matter: its details are for the head or DSL only.
        #[arg(long)]
        child_protection: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The incidents you may see, newest first.
    List {
        /// Happened on or after this day.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Happened on or before this day.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Only this category.
        #[arg(long, value_parser = category)]
        category: Option<IncidentCategory>,
        /// Only those involving this person (by id).
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        /// Only those involving a pupil in this class.
        #[arg(long, value_name = "CLASS")]
        class: Option<String>,
        /// Only those with this status: open, under-review or closed.
        #[arg(long, value_parser = status)]
        status: Option<IncidentStatus>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// One incident in full: people, addresses, files, actions and history.
    Show {
        /// The incident's number (or id).
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Record a step taken: who was told, a warning, a sanction, or removing access (head users).
    Action {
        /// The incident's number (or id).
        id: String,
        /// class-teacher, head-of-computing, headteacher, police, technical-support,
        /// parents-informed, warning, further-sanction or access-removed.
        #[arg(long, value_parser = action_kind)]
        kind: ActionKind,
        /// Who did it.
        #[arg(long, value_name = "NAME")]
        by: String,
        /// When (default today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Anything worth noting.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// For access-removed: whose access (someone involved, by id).
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        /// For access-removed: the last day it is removed (without it: until review).
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
    },
    /// Lift an access removal today (its id is in `assent incidents show`).
    Lift {
        /// The access removal's id.
        action_id: String,
        /// Why, or what the review decided.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Move an incident to open or under review (head users).
    Status {
        /// The incident's number (or id).
        id: String,
        /// open or under-review (use `close` to close it).
        #[arg(value_parser = status)]
        status: IncidentStatus,
    },
    /// Close an incident with its outcome (head users). It is kept until the retention period has passed.
    Close {
        /// The incident's number (or id).
        id: String,
        /// What the outcome was.
        #[arg(long, value_name = "TEXT")]
        outcome: String,
    },
    /// Keep another file with an incident: a screenshot (PNG or JPEG) or a PDF, up to 10 MB.
    Attach {
        /// The incident's number (or id).
        id: String,
        /// The file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Save a copy of a file kept with an incident (its id is in `assent incidents show`).
    Attachment {
        /// The incident's number (or id).
        id: String,
        /// The file's id.
        #[arg(value_name = "FILE_ID")]
        attachment_id: String,
        /// Where to save the copy.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Whose network and internet access is removed now (head and IT users).
    Sanctions {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// "Name" or "Name:role" for someone without a record.
fn named(text: &str) -> InvolvedInput {
    let (name, role) = match text.rsplit_once(':') {
        Some((n, r)) if matches!(r.trim(), "pupil" | "staff" | "other") => (n, Some(r.trim())),
        _ => (text, None),
    };
    InvolvedInput {
        person_id: None,
        name: Some(name.trim().to_owned()),
        role: Some(match role {
            Some("pupil") => InvolvedRole::Pupil,
            Some("staff") => InvolvedRole::Staff,
            _ => InvolvedRole::Other,
        }),
    }
}

fn line(i: &IncidentSummary) -> String {
    let people = if i.restricted {
        "(child-protection matter: details held by the head)".to_owned()
    } else {
        i.people.join(", ")
    };
    let mut out = format!(
        "{:>4}  {:<28} {:<13} {:<46} {people}",
        i.number,
        i.occurred,
        i.status.label(),
        i.category_label
    );
    if i.active_sanctions > 0 {
        let _ = write!(out, "  [access removed: {}]", i.active_sanctions);
    }
    out
}

fn print_detail(d: &IncidentDetail) -> Result<()> {
    let s = &d.summary;
    let mut t = format!(
        "Incident {} ({}): {}\nHappened: {}\nReported by: {}\nRecorded by: {}\n",
        s.number,
        s.status.label(),
        s.category_label,
        s.occurred,
        s.reported_by,
        d.recorded
    );
    if s.child_protection {
        t.push_str("A child-protection matter.\n");
    }
    if s.restricted {
        t.push_str("Its details are held by the headteacher or DSL.\n");
        return output::print(&t);
    }
    for p in &d.people {
        let _ = writeln!(
            t,
            "Involved: {} ({}{})",
            p.name,
            p.role.code(),
            p.class
                .as_deref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default()
        );
    }
    let _ = writeln!(t, "What happened: {}", d.description);
    for u in &d.urls {
        let _ = writeln!(t, "Address: {u}");
    }
    for a in &d.attachments {
        let _ = writeln!(
            t,
            "File {}: {} ({} KB)",
            a.id,
            a.file_name,
            a.size.div_ceil(1024)
        );
    }
    for a in &d.actions {
        let _ = write!(
            t,
            "Action {}: {} by {} on {}",
            a.id, a.label, a.done_by, a.done_on
        );
        if let Some(who) = &a.person_name {
            let _ = write!(
                t,
                ", for {who} until {}",
                a.until.as_deref().unwrap_or("review")
            );
        }
        if let Some(day) = &a.lifted_on {
            let _ = write!(t, " (lifted on {day})");
        } else if a.in_force {
            t.push_str(" (in force)");
        }
        if let Some(n) = &a.note {
            let _ = write!(t, ". {n}");
        }
        t.push('\n');
    }
    for h in &d.history {
        let _ = write!(t, "{}: {} by {}", h.at, h.status.label(), h.by);
        if let Some(o) = &h.outcome {
            let _ = write!(t, ". Outcome: {o}");
        }
        t.push('\n');
    }
    output::print(&t)
}

/// `assent incidents add`: the files are read first, so a missing one records nothing.
fn add(command: IncidentsCommand, store: &mut Store) -> Result<()> {
    let IncidentsCommand::Add {
        date,
        time,
        reported_by,
        category,
        description,
        people,
        names,
        urls,
        attachments,
        child_protection,
        json,
    } = command
    else {
        unreachable!("only called for add")
    };
    let files = attachments
        .iter()
        .map(|p| read_file(p))
        .collect::<Result<Vec<_>>>()?;
    let mut involved: Vec<InvolvedInput> = people
        .into_iter()
        .map(|id| InvolvedInput {
            person_id: Some(id),
            ..InvolvedInput::default()
        })
        .collect();
    involved.extend(names.iter().map(|n| named(n)));
    let input = IncidentInput {
        date,
        time,
        reported_by,
        people: involved,
        category,
        description,
        urls,
        attachments: files,
        child_protection,
    };
    let d = incidents::record(store, &input)?;
    if json {
        output::print(&output::json(&d)?)?;
    } else {
        output::print(&format!("Recorded incident {}\n", d.summary.number))?;
    }
    Ok(())
}

/// `assent incidents sanctions`: whose access is removed now.
fn sanctions(store: &Store, json: bool) -> Result<()> {
    let list = incidents::sanctions(store)?;
    if list.is_empty() && !json {
        return output::print("Nobody's access is removed.\n");
    }
    output::rows(&list, json, |s| format!("{:<30} {}", s.name, s.reason))
}

/// `attach` and `attachment`: keeping a file with an incident, and saving a copy.
fn files(command: IncidentsCommand, store: &mut Store) -> Result<()> {
    match command {
        IncidentsCommand::Attach { id, file } => {
            let id = incidents::find(store, &id)?;
            let d = incidents::add_attachment(store, &id, &read_file(&file)?)?;
            output::print(&format!(
                "Kept {} with incident {}.\n",
                file.display(),
                d.summary.number
            ))?;
        }
        IncidentsCommand::Attachment {
            id,
            attachment_id,
            out,
        } => {
            let id = incidents::find(store, &id)?;
            let saved = incidents::save_attachment(store, &id, attachment_id.trim(), &out)?;
            output::print(&format!(
                "Saved {} to {}.\n",
                saved.file_name,
                out.display()
            ))?;
        }
        _ => unreachable!("only called for attach and attachment"),
    }
    Ok(())
}

/// A file to keep with an incident, read from disk.
fn read_file(path: &std::path::Path) -> Result<AttachmentInput> {
    Ok(AttachmentInput {
        file_name: path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        bytes: std::fs::read(path).map_err(|e| Error::io(path, &e))?,
    })
}

pub fn run(command: IncidentsCommand, store: &mut Store) -> Result<()> {
    match command {
        IncidentsCommand::Add { .. } => add(command, store)?,
        IncidentsCommand::List {
            from,
            to,
            category,
            person,
            class,
            status,
            json,
        } => {
            let filter = IncidentFilter {
                from,
                to,
                category,
                person_id: person,
                class,
                status,
            };
            let list = incidents::list(store, &filter)?;
            if list.is_empty() && !json {
                output::print("No incidents.\n")?;
            } else {
                output::rows(&list, json, line)?;
            }
        }
        IncidentsCommand::Show { id, json } => {
            let id = incidents::find(store, &id)?;
            let d = incidents::detail(store, &id)?;
            if json {
                output::print(&output::json(&d)?)?;
            } else {
                print_detail(&d)?;
            }
        }
        IncidentsCommand::Action {
            id,
            kind,
            by,
            date,
            note,
            person,
            until,
        } => {
            let id = incidents::find(store, &id)?;
            let input = ActionInput {
                kind,
                done_by: by,
                date,
                note,
                person_id: person,
                until,
            };
            let d = incidents::add_action(store, &id, &input)?;
            let a = d.actions.last().expect("the action just recorded");
            output::print(&format!(
                "Incident {}: {} ({})\n",
                d.summary.number, a.label, a.id
            ))?;
        }
        IncidentsCommand::Lift { action_id, note } => {
            let d = incidents::lift_sanction(store, &action_id, note.as_deref())?;
            output::print(&format!(
                "Incident {}: access removal lifted\n",
                d.summary.number
            ))?;
        }
        IncidentsCommand::Status { id, status } => {
            if status == IncidentStatus::Closed {
                return Err(Error::invalid(
                    "status",
                    "Use `assent incidents close ID --outcome TEXT` to close an incident.",
                ));
            }
            let id = incidents::find(store, &id)?;
            let d = incidents::set_status(store, &id, status, None)?;
            output::print(&format!(
                "Incident {} is now {}\n",
                d.summary.number,
                status.label().to_lowercase()
            ))?;
        }
        IncidentsCommand::Close { id, outcome } => {
            let id = incidents::find(store, &id)?;
            let d = incidents::set_status(store, &id, IncidentStatus::Closed, Some(&outcome))?;
            output::print(&format!("Closed incident {}\n", d.summary.number))?;
        }
        IncidentsCommand::Attach { .. } | IncidentsCommand::Attachment { .. } => {
            files(command, store)?;
        }
        IncidentsCommand::Sanctions { json } => sanctions(store, json)?,
    }
    Ok(())
}
