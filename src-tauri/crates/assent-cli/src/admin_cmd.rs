//! Keeping the record safe: the audit log, backups, subject access, retention and erasure.

use std::path::Path;
use std::process::ExitCode;

use assent_core::audit::{self, AuditFilter};
use assent_core::{Result, Store, backup, retention};
use clap::Subcommand;

use crate::users_cmd;

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check that no entry was altered, removed or moved; names the first broken entry (exit 1).
    Verify,
    /// List entries, newest first (head users only).
    List {
        /// Only entries about this person (by id) or their agreements.
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        /// Only changes by users whose name contains this (not `--user`, which signs you in).
        #[arg(long = "by", value_name = "TEXT")]
        by: Option<String>,
        /// From this day (YYYY-MM-DD or DD/MM/YYYY, UK time).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// To this day, inclusive.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Only actions starting with this, e.g. "consent" or "agreement.sign".
        #[arg(long, value_name = "ACTION")]
        action: Option<String>,
        /// At most this many entries.
        #[arg(long, default_value_t = 500)]
        limit: u32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum RetentionCommand {
    /// Show whose records a purge would destroy today, and why.
    Preview {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Destroy the records the preview lists (after their retention period).
    Purge,
    /// Set how many years after leaving records are kept.
    Years {
        /// Years (1 to 50).
        years: u32,
    },
    /// Show the destruction log: what was destroyed, when and by whom (no personal data).
    Log,
}

pub fn audit(command: AuditCommand, store: &Store) -> Result<ExitCode> {
    match command {
        AuditCommand::Verify => {
            let report = audit::verify(store)?;
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
        AuditCommand::List {
            person,
            by,
            from,
            to,
            action,
            limit,
            json,
        } => {
            let rows = audit::list(
                store,
                &AuditFilter {
                    person_id: person,
                    user: by,
                    from,
                    to,
                    action,
                    category: None,
                    limit: Some(limit),
                },
            )?;
            crate::output::rows(&rows, json, |r| {
                format!(
                    "{}\t{}\t{}\t{}\t{}",
                    r.seq, r.at, r.actor, r.action, r.summary
                )
            })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn backup(store: &mut Store, out: &Path, force: bool) -> Result<()> {
    let info = backup::create(store, out, force)?;
    println!(
        "Backed up to {} ({} bytes, SHA-256 {})",
        out.display(),
        info.db_len + info.keys_len,
        info.sha256
    );
    Ok(())
}

pub fn restore(db: &Path, user: Option<&str>, input: &Path) -> Result<()> {
    let name = users_cmd::username(user)?;
    let pass = users_cmd::password(users_cmd::PASSWORD_ENV, &format!("Password for {name}: "))?;
    let done = backup::restore(input, db, &name, &pass)?;
    println!(
        "Restored {} from the backup taken at {} by {}",
        db.display(),
        done.info.taken_at,
        done.info.taken_by
    );
    if let Some(kept) = done.kept {
        println!("The database it replaced is kept as {kept}");
    }
    Ok(())
}

pub fn subject_access(store: &mut Store, person: &str, out: &Path) -> Result<()> {
    // The readable PDF is made by the reports crate, which the core must not depend on.
    let files = assent_reports::subject_access::export_with_pdf(store, person, out)
        .map_err(assent_core::Error::from)?;
    println!("Wrote {} file(s) to {}:", files.len(), out.display());
    for f in files {
        println!("  {}", f.display());
    }
    Ok(())
}

pub fn retention(command: &RetentionCommand, store: &mut Store) -> Result<()> {
    match command {
        &RetentionCommand::Preview { json } => {
            let p = retention::preview(store)?;
            if json {
                crate::output::print(&crate::output::json(&p)?)?;
                return Ok(());
            }
            println!(
                "Records are kept for {} years after leaving: people who left before {} are destroyed.",
                p.years, p.cutoff
            );
            if p.people.is_empty() {
                println!("Nobody's records are due for destruction.");
            }
            for c in &p.people {
                println!(
                    "{}\t{}\t{}\tleft {}\t{} agreement(s), {} consent decision(s)",
                    c.person_id,
                    c.name,
                    c.kind,
                    c.left_on.as_deref().unwrap_or("(with their children)"),
                    c.agreements,
                    c.consent_decisions
                );
            }
        }
        RetentionCommand::Purge => {
            let n = retention::purge(store)?;
            println!("Destroyed the records of {n} people; see `assent retention log`.");
        }
        &RetentionCommand::Years { years } => {
            retention::set_years(store, years)?;
            println!("Records are now kept for {years} years after leaving.");
        }
        RetentionCommand::Log => {
            crate::output::rows(&retention::destruction_log(store)?, false, |r| {
                format!(
                    "{}\t{}\t{}\t{}\tleft {}\t{}",
                    r.destroyed_at,
                    r.destroyed_by,
                    r.reason,
                    r.person_kind,
                    r.left_on.as_deref().unwrap_or("-"),
                    r.records
                )
            })?;
        }
    }
    Ok(())
}

pub fn erase(store: &mut Store, person: &str, reason: &str) -> Result<()> {
    retention::erase(store, person, reason)?;
    println!("Erased the records of {person}; see `assent retention log`.");
    Ok(())
}
