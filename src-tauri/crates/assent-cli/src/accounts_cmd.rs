//! `assent accounts …`: who may have an IT account, the files to upload, and what was provisioned.

use std::fmt::Write as _;
use std::path::PathBuf;

use assent_core::accounts::{self, AccountGroup, AccountSettings, ExportFormat, PasswordStyle};
use assent_core::people::FieldProblem;
use assent_core::{Error, Result, Store};
use assent_reports::slips;
use clap::{Args, Subcommand, ValueEnum};

use crate::output;

#[derive(Subcommand)]
pub enum AccountsCommand {
    /// Everyone who has or may need an account: blocked (with reasons), ready,
    /// provisioned, to suspend or suspended.
    Status {
        /// Only people with this status.
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the file to upload: the changes since the last export, or everything with --all.
    ///
    /// New accounts get initial passwords, which are in this file (and kept
    /// sealed only until the export is marked): keep the file safe and delete
    /// it once it has been uploaded.
    Export {
        /// google (Workspace bulk upload), entra (Microsoft bulk create) or csv (plain).
        #[arg(long, value_enum)]
        format: FormatArg,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Every account that should exist, not only the changes.
        #[arg(long)]
        all: bool,
        /// Also print login slips for the new accounts to this PDF (or later,
        /// with `assent accounts slips`, until the export is marked).
        #[arg(long, value_name = "FILE.pdf")]
        slips: Option<PathBuf>,
        /// Only this class's slips (all new accounts' without it).
        #[arg(long, value_name = "CLASS", requires = "slips")]
        class: Option<String>,
        /// Print a summary as JSON (without passwords).
        #[arg(long)]
        json: bool,
    },
    /// Print login slips for the new accounts of the export waiting to be
    /// uploaded: one class's, or all. Once an export is marked provisioned or
    /// cancelled its passwords are gone and no slips can be printed.
    Slips {
        /// Only this class's slips.
        #[arg(long, value_name = "CLASS")]
        class: Option<String>,
        /// The export (the newest one waiting to be uploaded without it).
        #[arg(long, value_name = "EXPORT_ID")]
        export: Option<String>,
        /// The PDF to write.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Record that an export was uploaded: its accounts are created, suspended or turned back on.
    MarkProvisioned {
        /// The export's id, as printed by `assent accounts export`.
        #[arg(value_name = "EXPORT_ID")]
        export_id: String,
    },
    /// Undo marking an export provisioned (a mistake), while no later export has
    /// been made: its people wait in it again, to be marked or cancelled. Its
    /// initial passwords went when it was marked, so its slips cannot be printed.
    Unmark {
        /// The export's id, as `assent accounts exports` lists it.
        #[arg(value_name = "EXPORT_ID")]
        export_id: String,
    },
    /// Cancel an export that was never uploaded; its people are due again in the next one.
    Cancel {
        /// The export's id.
        #[arg(value_name = "EXPORT_ID")]
        export_id: String,
    },
    /// Every export, newest first, and whether it was provisioned.
    Exports {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Set the username a person's account will have (before it is first exported).
    Username {
        /// The person's id.
        #[arg(value_name = "PERSON")]
        person: String,
        /// The username (letters a–z, digits, dots, hyphens, underscores).
        #[arg(value_name = "NAME")]
        name: String,
    },
    /// Show or change the account settings; with no options it shows them.
    Settings(SettingsArgs),
    /// The usernames a pattern would give five people of a group on roll,
    /// without saving anything.
    Preview {
        /// pupils, staff, volunteers, governors or visitors.
        #[arg(value_name = "GROUP")]
        group: String,
        /// The pattern to try (the group's saved one without it).
        #[arg(long, value_name = "PATTERN")]
        pattern: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct SettingsArgs {
    /// An email domain, as GROUP=DOMAIN (pupils=pupils.example.sch.uk). Repeatable.
    #[arg(long = "domain", value_name = "GROUP=DOMAIN")]
    pub domains: Vec<String>,
    /// A username pattern, as GROUP=PATTERN ("staff={initial}.{surname}"). Repeatable.
    #[arg(long = "pattern", value_name = "GROUP=PATTERN")]
    pub patterns: Vec<String>,
    /// An organisational unit path, as GROUP=PATH ("pupils=/Pupils/{year}"). Repeatable.
    #[arg(long = "org-unit", value_name = "GROUP=PATH")]
    pub org_units: Vec<String>,
    /// How a group's initial passwords are made, as GROUP=STYLE: words
    /// (tiger-moon-47) or characters (Kx7p-Qm3v-Tz8c-Wd4h). Repeatable.
    #[arg(long = "password", value_name = "GROUP=STYLE")]
    pub passwords: Vec<String>,
    /// Where the login slips say to sign in ("classroom.google.com"); "" for nowhere.
    #[arg(long = "slip-sign-in-at", value_name = "TEXT")]
    pub slip_sign_in_at: Option<String>,
    /// Whether each login slip reminds its holder of the agreement they signed.
    #[arg(long = "slip-reminder", value_enum, value_name = "on|off")]
    pub slip_reminder: Option<Switch>,
    /// Give a group accounts (pupils, staff, volunteers, governors, visitors). Repeatable.
    #[arg(long = "enable", value_name = "GROUP")]
    pub enable: Vec<String>,
    /// Give a group no accounts. Repeatable.
    #[arg(long = "disable", value_name = "GROUP")]
    pub disable: Vec<String>,
    /// Accounts for Nursery children.
    #[arg(long, value_enum, value_name = "on|off")]
    pub nursery: Option<Switch>,
    /// Accounts for Reception children.
    #[arg(long, value_enum, value_name = "on|off")]
    pub reception: Option<Switch>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Google,
    Entra,
    Csv,
}

impl From<FormatArg> for ExportFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Google => ExportFormat::Google,
            FormatArg::Entra => ExportFormat::Entra,
            FormatArg::Csv => ExportFormat::Csv,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Blocked,
    Ready,
    Provisioned,
    ToSuspend,
    Suspended,
}

impl StatusArg {
    fn matches(self, status: accounts::AccountStatus) -> bool {
        use accounts::AccountStatus as S;
        matches!(
            (self, status),
            (StatusArg::Blocked, S::Blocked)
                | (StatusArg::Ready, S::Ready)
                | (StatusArg::Provisioned, S::Provisioned)
                | (StatusArg::ToSuspend, S::ToSuspend)
                | (StatusArg::Suspended, S::Suspended)
        )
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

pub fn run(command: AccountsCommand, store: &mut Store) -> Result<()> {
    match command {
        AccountsCommand::Status { status, json } => print_status(store, status, json),
        AccountsCommand::Export {
            format,
            out,
            all,
            slips,
            class,
            json,
        } => {
            let slips = slips.map(|file| SlipsArg { file, class });
            export(store, format.into(), &out, all, slips.as_ref(), json)
        }
        AccountsCommand::Slips { class, export, out } => {
            let printed = slips::print_pending(store, export.as_deref(), class.as_deref(), &out)
                .map_err(Error::from)?;
            output::print(&format!(
                "Wrote {} login slip(s) from export {} to {}. They carry the initial passwords: print them, then delete the file.\n",
                printed.slips, printed.export_id, printed.file
            ))
        }
        AccountsCommand::MarkProvisioned { export_id } => {
            let m = accounts::mark_provisioned(store, &export_id)?;
            output::print(&format!(
                "Marked export {} provisioned: {} created, {} suspended, {} turned back on.\n",
                m.export_id, m.created, m.suspended, m.reactivated
            ))
        }
        AccountsCommand::Unmark { export_id } => {
            let m = accounts::unmark_provisioned(store, &export_id)?;
            output::print(&format!(
                "Export {} is no longer marked provisioned: {} to create, {} to suspend, {} to turn back on are waiting in it again. Its initial passwords were destroyed when it was marked, so its login slips cannot be printed. Mark it again with: assent accounts mark-provisioned {}\n",
                m.export_id, m.created, m.suspended, m.reactivated, m.export_id
            ))
        }
        AccountsCommand::Cancel { export_id } => {
            accounts::cancel_export(store, &export_id)?;
            output::print(&format!(
                "Cancelled export {}; its people will be in the next export.\n",
                export_id.trim()
            ))
        }
        AccountsCommand::Exports { json } => list_exports(store, json),
        AccountsCommand::Username { person, name } => {
            let set = accounts::set_username(store, &person, &name)?;
            output::print(&format!("The account username is now {set}.\n"))
        }
        AccountsCommand::Settings(args) => settings(store, args),
        AccountsCommand::Preview {
            group: name,
            pattern,
            json,
        } => preview(store, group(&name)?, pattern, json),
    }
}

fn preview(store: &Store, group: AccountGroup, pattern: Option<String>, json: bool) -> Result<()> {
    let saved = accounts::settings(store)?;
    let pattern = pattern.unwrap_or_else(|| saved.group(group).pattern.clone());
    let examples = accounts::preview_usernames(store, group, &pattern)
        .map_err(|e| flag_words(e, Some(group)))?;
    if json {
        return output::print(&output::json(&examples)?);
    }
    if examples.is_empty() {
        return output::print(&format!(
            "There are no {} on roll yet to try the pattern on.\n",
            group.code()
        ));
    }
    let domain = &saved.group(group).domain;
    let mut text = format!("Usernames from {pattern}:\n");
    for e in &examples {
        let address = if domain.is_empty() {
            e.username.clone()
        } else {
            format!("{}@{domain}", e.username)
        };
        let _ = writeln!(
            text,
            "{}\t{address}{}",
            e.name,
            if e.placeholder {
                "\t(a placeholder: the name has no Latin letters, so type the username they should have with `assent accounts username`)"
            } else {
                ""
            }
        );
    }
    output::print(&text)
}

/// The account settings' problems named by the options that set each field
/// (`--domain pupils`), as the core names them by field (`pupils.domain`).
/// `previewing` is the group whose pattern `preview` was given with `--pattern`.
fn flag_words(err: Error, previewing: Option<AccountGroup>) -> Error {
    let Error::InvalidFields { problems } = err else {
        return err;
    };
    let problems = problems
        .into_iter()
        .map(|p| {
            let (group, name) = p.field.split_once('.').unwrap_or(("", p.field.as_str()));
            let flag = match name {
                "pattern" if previewing.is_some_and(|g| g.code() == group) => {
                    "--pattern".to_owned()
                }
                "pattern" => format!("--pattern {group}"),
                "domain" => format!("--domain {group}"),
                "org_unit" => format!("--org-unit {group}"),
                "sign_in_at" => "--slip-sign-in-at".to_owned(),
                _ => p.field.clone(),
            };
            FieldProblem {
                field: flag,
                reason: p.reason,
            }
        })
        .collect();
    Error::InvalidFields { problems }
}

fn list_exports(store: &Store, json: bool) -> Result<()> {
    let list = accounts::exports(store)?;
    output::rows(&list, json, |e| {
        format!(
            "{}\t{}\t{}\t{}\t{} new, {} to suspend, {} to turn back on{}\t{}",
            e.id,
            e.format.code(),
            e.created_at,
            e.created_by,
            e.creates,
            e.suspends,
            e.reactivates,
            if e.everything {
                format!(", {} unchanged", e.keeps)
            } else {
                String::new()
            },
            match (&e.outcome, &e.outcome_by) {
                (Some(o), Some(by)) if e.undoable => format!("{o} {by} (can be undone)"),
                (Some(o), Some(by)) => format!("{o} {by}"),
                _ if e.unmarked => "pending (marking undone)".to_owned(),
                _ => "pending".to_owned(),
            }
        )
    })
}

fn settings(store: &mut Store, args: SettingsArgs) -> Result<()> {
    let SettingsArgs {
        domains,
        patterns,
        org_units,
        passwords,
        slip_sign_in_at,
        slip_reminder,
        enable,
        disable,
        nursery,
        reception,
        json,
    } = args;
    let mut s = accounts::settings(store)?;
    let changing = !(domains.is_empty()
        && patterns.is_empty()
        && org_units.is_empty()
        && passwords.is_empty()
        && slip_sign_in_at.is_none()
        && slip_reminder.is_none()
        && enable.is_empty()
        && disable.is_empty()
        && nursery.is_none()
        && reception.is_none());
    if changing {
        for (text, field) in domains
            .iter()
            .map(|t| (t, Field::Domain))
            .chain(patterns.iter().map(|t| (t, Field::Pattern)))
            .chain(org_units.iter().map(|t| (t, Field::OrgUnit)))
        {
            let (group, value) = group_value(text)?;
            let g = s.group_mut(group);
            match field {
                Field::Domain => g.domain = value,
                Field::Pattern => g.pattern = value,
                Field::OrgUnit => g.org_unit = value,
            }
        }
        for text in &passwords {
            let (group, value) = group_value(text)?;
            s.group_mut(group).password = PasswordStyle::from_code(&value).ok_or_else(|| {
                Error::invalid(
                    "--password",
                    format!("'{value}' is not a password style; use words or characters"),
                )
            })?;
        }
        if let Some(at) = slip_sign_in_at {
            s.slips.sign_in_at = at;
        }
        if let Some(r) = slip_reminder {
            s.slips.reminder = matches!(r, Switch::On);
        }
        for (names, on) in [(&enable, true), (&disable, false)] {
            for name in names {
                s.group_mut(group(name)?).enabled = on;
            }
        }
        if let Some(n) = nursery {
            s.include_nursery = matches!(n, Switch::On);
        }
        if let Some(r) = reception {
            s.include_reception = matches!(r, Switch::On);
        }
        s = accounts::set_settings(store, &s).map_err(|e| flag_words(e, None))?;
    }
    if json {
        output::print(&output::json(&s)?)
    } else {
        output::print(&describe_settings(&s))
    }
}

enum Field {
    Domain,
    Pattern,
    OrgUnit,
}

fn group(name: &str) -> Result<AccountGroup> {
    AccountGroup::from_code(name).ok_or_else(|| {
        Error::invalid(
            "group",
            format!(
                "'{name}' is not a group; use pupils, staff, volunteers, governors or visitors"
            ),
        )
    })
}

fn group_value(text: &str) -> Result<(AccountGroup, String)> {
    let (name, value) = text.split_once('=').ok_or_else(|| {
        Error::invalid(
            "setting",
            format!("'{text}': write it as GROUP=VALUE, for example pupils=pupils.example.sch.uk"),
        )
    })?;
    Ok((group(name)?, value.to_owned()))
}

fn describe_settings(s: &AccountSettings) -> String {
    let mut text = String::new();
    for g in AccountGroup::ALL {
        let gs = s.group(g);
        let _ = writeln!(
            text,
            "{:<11} {:<4} usernames {:<34} domain {:<28} org unit {:<18} passwords {}",
            g.code(),
            if gs.enabled { "on" } else { "off" },
            gs.pattern,
            if gs.domain.is_empty() {
                "(not set)"
            } else {
                &gs.domain
            },
            gs.org_unit,
            gs.password.code()
        );
    }
    let on = |b: bool| if b { "on" } else { "off" };
    let _ = writeln!(
        text,
        "Nursery {}, Reception {}",
        on(s.include_nursery),
        on(s.include_reception)
    );
    let _ = writeln!(
        text,
        "Login slips: sign in at {}; agreement reminder {}",
        if s.slips.sign_in_at.is_empty() {
            "(not said)"
        } else {
            &s.slips.sign_in_at
        },
        on(s.slips.reminder)
    );
    text
}

fn print_status(store: &Store, only: Option<StatusArg>, json: bool) -> Result<()> {
    let mut rows = accounts::status(store)?;
    if let Some(only) = only {
        rows.retain(|r| only.matches(r.status));
    }
    output::rows(&rows, json, |r| {
        let mut details: Vec<String> = r.reasons.clone();
        if let (Some(at), Some(by)) = (&r.provisioned_at, &r.provisioned_by) {
            details.push(format!("provisioned {at} by {by}"));
        }
        if let Some(export) = &r.pending_export {
            details.push(format!("in export {export}, not yet marked provisioned"));
        }
        details.extend(r.notes.iter().cloned());
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            r.person_id,
            r.name,
            r.group.code(),
            r.status.label(),
            r.username,
            details.join("; ")
        )
    })
}

/// Where to print login slips, and for which class.
pub struct SlipsArg {
    pub file: PathBuf,
    pub class: Option<String>,
}

fn export(
    store: &mut Store,
    format: ExportFormat,
    out: &std::path::Path,
    all: bool,
    slips: Option<&SlipsArg>,
    json: bool,
) -> Result<()> {
    let done = accounts::export(store, format, out, all)?;
    let mut summary = done.summary();
    // The export is written and recorded by now; if its slips cannot be
    // printed, say so after the summary, so it is clear the file exists.
    let slip_error = slips.and_then(|s| {
        slips::print_with_export(store, &mut summary, s.class.as_deref(), &s.file).err()
    });
    print_export(&summary, format, out, all, json)?;
    slip_error.map_or(Ok(()), |e| Err(Error::from(e)))
}

fn print_export(
    summary: &accounts::ExportDone,
    format: ExportFormat,
    out: &std::path::Path,
    all: bool,
    json: bool,
) -> Result<()> {
    if json {
        return output::print(&output::json(&summary)?);
    }
    let mut text = String::new();
    match &summary.export_id {
        None => text.push_str("Nothing to export: no new accounts, suspensions or reactivations are due. No file was written.\n"),
        Some(id) => {
            let _ = writeln!(
                text,
                "Wrote {} row(s) for {} to {}: {} new, {} to suspend, {} to turn back on{}.",
                summary.rows,
                format.label(),
                out.display(),
                summary.created,
                summary.suspended,
                summary.reactivated,
                if all {
                    format!(", {} unchanged", summary.unchanged)
                } else {
                    String::new()
                }
            );
            let _ = writeln!(text, "Export {id}");
            let _ = writeln!(
                text,
                "After uploading it, run: assent accounts mark-provisioned {id}"
            );
        }
    }
    match (summary.slips, &summary.slips_file) {
        (Some(n), Some(file)) => {
            let _ = writeln!(
                text,
                "Wrote {n} login slip(s) to {file}. They carry the initial passwords: print them, then delete the file."
            );
        }
        (Some(_), None) => text.push_str("No new accounts, so no login slips were printed.\n"),
        _ => {}
    }
    for l in &summary.left_out {
        let _ = writeln!(text, "Not in this file: {} — {}", l.name, l.reason);
    }
    output::print(&text)
}
