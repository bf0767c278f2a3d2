//! `assent accounts …`: who may have an IT account, the files to upload, and what was provisioned.

use std::fmt::Write as _;
use std::path::PathBuf;

use assent_core::accounts::{self, AccountGroup, AccountSettings, ExportFormat};
use assent_core::{Error, Result, Store};
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
    /// New accounts get initial passwords, which are in this file only (and
    /// never stored): keep it safe and delete it once it has been uploaded.
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
        /// Also print login slips for the new accounts to this PDF (the
        /// passwords exist only now, so the slips are made with the export).
        #[arg(long, value_name = "FILE.pdf")]
        slips: Option<PathBuf>,
        /// Only this class's slips (all new accounts' without it).
        #[arg(long, value_name = "CLASS", requires = "slips")]
        class: Option<String>,
        /// Print a summary as JSON (without passwords).
        #[arg(long)]
        json: bool,
    },
    /// Record that an export was uploaded: its accounts are created, suspended or turned back on.
    MarkProvisioned {
        /// The export's id, as printed by `assent accounts export`.
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
        AccountsCommand::MarkProvisioned { export_id } => {
            let m = accounts::mark_provisioned(store, &export_id)?;
            output::print(&format!(
                "Marked export {} provisioned: {} created, {} suspended, {} turned back on.\n",
                m.export_id, m.created, m.suspended, m.reactivated
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
    }
}

fn list_exports(store: &Store, json: bool) -> Result<()> {
    let list = accounts::exports(store)?;
    if json {
        return output::print(&output::json(&list)?);
    }
    let mut text = String::new();
    for e in list {
        let _ = writeln!(
            text,
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
                (Some(o), Some(by)) => format!("{o} {by}"),
                _ => "pending".to_owned(),
            }
        );
    }
    output::print(&text)
}

fn settings(store: &mut Store, args: SettingsArgs) -> Result<()> {
    let SettingsArgs {
        domains,
        patterns,
        org_units,
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
        s = accounts::set_settings(store, &s)?;
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
            "{:<11} {:<4} usernames {:<34} domain {:<28} org unit {}",
            g.code(),
            if gs.enabled { "on" } else { "off" },
            gs.pattern,
            if gs.domain.is_empty() {
                "(not set)"
            } else {
                &gs.domain
            },
            gs.org_unit
        );
    }
    let on = |b: bool| if b { "on" } else { "off" };
    let _ = writeln!(
        text,
        "Nursery {}, Reception {}",
        on(s.include_nursery),
        on(s.include_reception)
    );
    text
}

fn print_status(store: &Store, only: Option<StatusArg>, json: bool) -> Result<()> {
    let mut rows = accounts::status(store)?;
    if let Some(only) = only {
        rows.retain(|r| only.matches(r.status));
    }
    if json {
        return output::print(&output::json(&rows)?);
    }
    let mut text = String::new();
    for r in &rows {
        let mut details: Vec<String> = r.reasons.clone();
        if let (Some(at), Some(by)) = (&r.provisioned_at, &r.provisioned_by) {
            details.push(format!("provisioned {at} by {by}"));
        }
        if let Some(export) = &r.pending_export {
            details.push(format!("in export {export}, not yet marked provisioned"));
        }
        details.extend(r.notes.iter().cloned());
        let _ = writeln!(
            text,
            "{}\t{}\t{}\t{}\t{}\t{}",
            r.person_id,
            r.name,
            r.group.code(),
            r.status.label(),
            r.username,
            details.join("; ")
        );
    }
    output::print(&text)
}

#[derive(serde::Serialize)]
struct ExportJson<'a> {
    export_id: Option<&'a str>,
    format: ExportFormat,
    file: Option<&'a str>,
    created: usize,
    suspended: usize,
    reactivated: usize,
    unchanged: usize,
    left_out: &'a [accounts::LeftOut],
    slips: Option<usize>,
    slips_file: Option<String>,
}

/// Where to print login slips, and for which class.
pub struct SlipsArg {
    pub file: PathBuf,
    pub class: Option<String>,
}

/// Writes the login slips for `done`'s new accounts (one class's, or all);
/// returns how many slips were printed.
fn write_slips(store: &Store, done: &accounts::AccountExport, slips: &SlipsArg) -> Result<usize> {
    let class = slips.class.as_deref().map(str::trim);
    let list = accounts::login_slips(done, class);
    let covers = match (class, &done.export_id) {
        (Some(c), Some(id)) => format!("Class: {c}; new accounts in export {id}"),
        (None, Some(id)) => format!("New accounts in export {id}"),
        (Some(c), None) => format!("Class: {c}"),
        (None, None) => "No new accounts".to_owned(),
    };
    let by = store.session()?.actor();
    let pdf = assent_reports::slips::login_slips(store, &list, &covers, by.as_str())
        .map_err(report_error)?;
    assent_reports::write_atomically(&slips.file, &pdf.bytes).map_err(report_error)?;
    Ok(list.len())
}

fn report_error(e: assent_reports::Error) -> Error {
    match e {
        assent_reports::Error::Core(e) => e,
        other => Error::invalid("slips", other.to_string()),
    }
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
    let printed = match slips {
        Some(s) if done.export_id.is_some() => Some(write_slips(store, &done, s)?),
        _ => None,
    };
    let n = |action: accounts::AccountAction| {
        done.accounts.iter().filter(|a| a.action == action).count()
    };
    let summary = ExportJson {
        export_id: done.export_id.as_deref(),
        format,
        file: done.file.as_deref(),
        created: n(accounts::AccountAction::Create),
        suspended: n(accounts::AccountAction::Suspend),
        reactivated: n(accounts::AccountAction::Reactivate),
        unchanged: n(accounts::AccountAction::Keep),
        left_out: &done.left_out,
        slips: printed,
        slips_file: printed.and(slips).map(|s| s.file.display().to_string()),
    };
    if json {
        return output::print(&output::json(&summary)?);
    }
    let mut text = String::new();
    match &done.export_id {
        None => text.push_str("Nothing to export: no new accounts, suspensions or reactivations are due. No file was written.\n"),
        Some(id) => {
            let _ = writeln!(
                text,
                "Wrote {} row(s) for {} to {}: {} new, {} to suspend, {} to turn back on{}.",
                done.accounts.len(),
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
    if let (Some(n), Some(s)) = (printed, slips) {
        let _ = writeln!(
            text,
            "Wrote {n} login slip(s) to {}. They carry the initial passwords: print them, then delete the file.",
            s.file.display()
        );
    }
    for l in &done.left_out {
        let _ = writeln!(text, "Not in this file: {} — {}", l.name, l.reason);
    }
    output::print(&text)
}
