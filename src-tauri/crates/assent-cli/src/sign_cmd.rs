//! `assent sign …`, `assent agreements …` and `assent status`.

use std::path::PathBuf;

use assent_core::agreements::{
    self, AgreementRecord, ConsentChoice, Method, SignRequest, SignatureInput, SignerRole,
    StatusFilter,
};
use assent_core::people::{self, PersonKind};
use assent_core::templates::{self, TemplateKind};
use assent_core::{Error, Store};
use clap::{Subcommand, ValueEnum};

use crate::output;
use crate::people_cmd::KindArg;

#[derive(Subcommand)]
pub enum SignCommand {
    /// Record a returned paper form (a KS2 form carries the pupil's and a parent's signature).
    Paper {
        /// Whose agreement it is.
        #[arg(long, value_name = "ID")]
        person: String,
        /// ks1, ks2, staff, governor-visitor or parent.
        #[arg(long, value_name = "KIND")]
        kind: String,
        /// The name of the person who signed.
        #[arg(long, value_name = "NAME")]
        signer: String,
        /// Who signed: the pupil, a parent or carer, or the person themselves.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// On a KS2 form, the parent or carer who signed the permission section.
        #[arg(long, value_name = "NAME")]
        parent_signer: Option<String>,
        /// The date written on the form (YYYY-MM-DD or dd/mm/yyyy).
        #[arg(long, value_name = "DATE")]
        date: String,
        /// A scan of the form (PNG, JPEG or PDF, up to 10 MB).
        #[arg(long, value_name = "FILE")]
        scan: Option<PathBuf>,
        /// For the parent agreement: a photo and video choice as made on it, as
        /// PUPIL:PURPOSE=yes or =no (PUPIL is the child's id, PURPOSE a code from
        /// `assent consent purposes`); one for every question for every child.
        #[arg(long = "choice", value_name = "PUPIL:PURPOSE=ANSWER")]
        choices: Vec<String>,
    },
    /// Record a typed signature ("I agree") for an adult's own agreement.
    Typed {
        /// Whose agreement it is.
        #[arg(long, value_name = "ID")]
        person: String,
        /// staff, governor-visitor or parent.
        #[arg(long, value_name = "KIND")]
        kind: String,
        /// The full name as typed.
        #[arg(long, value_name = "NAME")]
        signer: String,
        /// For the parent agreement: a photo and video choice as made on it, as
        /// PUPIL:PURPOSE=yes or =no (PUPIL is the child's id, PURPOSE a code from
        /// `assent consent purposes`); one for every question for every child.
        #[arg(long = "choice", value_name = "PUPIL:PURPOSE=ANSWER")]
        choices: Vec<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Pupil,
    Parent,
    #[value(name = "self")]
    Themselves,
}

#[derive(Subcommand)]
pub enum AgreementsCommand {
    /// Agreements recorded, newest first.
    List {
        /// Only this person's.
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Withdraw an agreement; it stays on record, marked withdrawn.
    Withdraw {
        /// The agreement's id.
        id: String,
        /// Why.
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Recompute an agreement's fingerprints (text, record, signatures) and compare
    /// them with those stored when it was signed; exit 1 if any differs.
    Verify {
        /// The agreement's id.
        id: String,
    },
}

fn device() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map_or_else(
            || "command line".to_owned(),
            |h| format!("{h} (command line)"),
        )
}

fn paper(role: SignerRole, signer: &str, who: Option<String>, date: &str) -> SignatureInput {
    SignatureInput {
        role,
        signer_person_id: who,
        signer_name: signer.to_owned(),
        method: Method::Paper,
        agreed: false,
        image_png: None,
        strokes: None,
        signed_on: Some(date.to_owned()),
    }
}

/// `PUPIL:PURPOSE=yes` as a choice.
fn parse_choice(text: &str) -> assent_core::Result<ConsentChoice> {
    let bad = || {
        Error::invalid(
            "choice",
            format!("'{text}' is not a choice; write it as PUPIL:PURPOSE=yes or PUPIL:PURPOSE=no"),
        )
    };
    let (which, answer) = text.rsplit_once('=').ok_or_else(bad)?;
    let (pupil, purpose) = which.split_once(':').ok_or_else(bad)?;
    if pupil.trim().is_empty() || purpose.trim().is_empty() {
        return Err(bad());
    }
    Ok(ConsentChoice {
        pupil_id: pupil.trim().to_owned(),
        purpose: purpose.trim().to_owned(),
        yes: assent_core::consent::parse_answer(answer)?,
    })
}

pub fn run_sign(command: SignCommand, store: &mut Store) -> assent_core::Result<()> {
    let (person, kind, signatures, scan, choices) = match command {
        SignCommand::Paper {
            person,
            kind,
            signer,
            role,
            parent_signer,
            date,
            scan,
            choices,
        } => {
            let kind = TemplateKind::parse_arg(&kind)?;
            let mut sigs = Vec::new();
            match role {
                RoleArg::Pupil => sigs.push(paper(SignerRole::Pupil, &signer, None, &date)),
                RoleArg::Parent => {
                    let who = people::find_contact(store, &person, &signer, true)?;
                    sigs.push(paper(SignerRole::Parent, &signer, Some(who), &date));
                }
                RoleArg::Themselves => {
                    sigs.push(paper(SignerRole::Themselves, &signer, None, &date));
                }
            }
            if let Some(p) = parent_signer {
                let who = people::find_contact(store, &person, &p, true)?;
                sigs.push(paper(SignerRole::Parent, &p, Some(who), &date));
            }
            let scan = scan
                .map(|f| std::fs::read(&f).map_err(|e| Error::io(&f, &e)))
                .transpose()?;
            (person, kind, sigs, scan, choices)
        }
        SignCommand::Typed {
            person,
            kind,
            signer,
            choices,
        } => {
            let sig = SignatureInput {
                method: Method::Typed,
                agreed: true,
                signed_on: None,
                ..paper(SignerRole::Themselves, &signer, None, "")
            };
            (
                person,
                TemplateKind::parse_arg(&kind)?,
                vec![sig],
                None,
                choices,
            )
        }
    };
    let current = templates::version(store, kind, None)?;
    let req = SignRequest {
        submission_id: uuid::Uuid::now_v7().to_string(),
        person_id: person.clone(),
        kind,
        version: current.version,
        template_sha256: current.sha256,
        signatures,
        scan,
        device: device(),
        consents: choices
            .iter()
            .map(|c| parse_choice(c))
            .collect::<assent_core::Result<_>>()?,
    };
    let a = agreements::sign(store, &req)?;
    let status = agreements::status_for(store, &person)?.map_or("", |s| s.status.label());
    output::print(&format!("Recorded {}; status now: {status}\n", named(&a)))
}

/// An agreement as the messages name it: "agreement ID (KIND version N)".
fn named(a: &AgreementRecord) -> String {
    format!(
        "agreement {} ({} version {})",
        a.id,
        a.kind.code(),
        a.version
    )
}

pub fn run_agreements(
    command: AgreementsCommand,
    store: &mut Store,
) -> assent_core::Result<std::process::ExitCode> {
    match command {
        AgreementsCommand::Verify { id } => crate::report_cmd::verify(store, &id),
        other => list_or_withdraw(other, store).map(|()| std::process::ExitCode::SUCCESS),
    }
}

fn list_or_withdraw(command: AgreementsCommand, store: &mut Store) -> assent_core::Result<()> {
    match command {
        // Answered by `run_agreements`, which needs its exit code.
        AgreementsCommand::Verify { .. } => Ok(()),
        AgreementsCommand::List { person, json } => {
            let all = agreements::agreements_for(store, person.as_deref())?;
            output::rows(&all, json, |a| {
                let signers: Vec<String> = a
                    .signatures
                    .iter()
                    .map(|s| format!("{} ({}, {})", s.signer_name, s.role.code(), s.method))
                    .collect();
                format!(
                    "{}\t{}\tv{}\t{}\t{}\t{}",
                    a.id,
                    a.kind.code(),
                    a.version,
                    a.recorded_at,
                    signers.join("; "),
                    a.withdrawn
                        .as_deref()
                        .map_or(String::new(), |w| format!("WITHDRAWN {w}"))
                )
            })
        }
        AgreementsCommand::Withdraw { id, reason } => {
            let a = agreements::withdraw(store, &id, &reason)?;
            output::print(&format!("Withdrew {}\n", named(&a)))
        }
    }
}

pub fn run_status(
    store: &Store,
    class: Option<String>,
    kind: Option<KindArg>,
    json: bool,
) -> assent_core::Result<()> {
    let rows = agreements::status(
        store,
        &StatusFilter {
            class,
            kind: kind.map(PersonKind::from),
            person_id: None,
        },
    )?;
    output::rows(&rows, json, |r| {
        format!(
            "{}\t{}\t{}\t{}\t{}",
            r.person_id,
            r.name,
            r.agreement_kind.code(),
            r.status.label(),
            r.signed_at.as_deref().unwrap_or("")
        )
    })
}
