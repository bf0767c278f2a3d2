//! Login slips: what each new account holder needs to sign in the first time.
//!
//! Initial passwords are made when an export is written. So that the slips
//! can be printed then, or later for one class at a time, the passwords of an
//! export waiting to be uploaded are kept sealed under a key derived from the
//! database key (see migration 0010). Marking the export provisioned or
//! cancelling it removes them, so a password can never be read back once the
//! account exists.

use crate::db::{Conn, OptionalExtension};
use crate::params;
use serde::Serialize;
use ts_rs::TS;

use super::AccountGroup;
use super::formats::ExportedAccount;
use super::passwords::InitialPassword;
use super::settings::settings_in;
use super::status::compute;
use crate::auth::Permission;
use crate::keys::DataKey;
use crate::templates::TemplateKind;
use crate::{Error, Result, Store, audit};

/// A kept password's row: person, username, email, nonce, sealed bytes.
type Kept = (String, String, String, Vec<u8>, Vec<u8>);

/// What the sealing key is for, so it differs from any other derived key.
const PURPOSE: &str = "initial passwords";

/// One login slip: what a pupil (or adult) needs to sign in the first time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LoginSlip {
    /// Their name as the school uses it.
    pub name: String,
    /// Their class, for pupils.
    pub class: Option<String>,
    /// Their account group.
    pub group: AccountGroup,
    /// The username.
    pub username: String,
    /// The full address they sign in with.
    pub email: String,
    /// The initial password.
    pub password: InitialPassword,
    /// Where to sign in, as the school's settings say; `None` when they say nothing.
    pub sign_in_at: Option<String>,
    /// A one-line reminder of the agreement they signed, unless the school's
    /// settings leave it out.
    pub reminder: Option<String>,
}

/// The slips of one export waiting to be uploaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PendingSlips {
    /// The export they come from.
    pub export_id: String,
    /// The class asked for, if any.
    pub class: Option<String>,
    /// In class and name order.
    pub slips: Vec<LoginSlip>,
}

/// Login slips printed to a file (the passwords stay in the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SlipsPrinted {
    /// The export they come from.
    pub export_id: String,
    /// How many slips.
    pub slips: u32,
    /// The file written.
    pub file: String,
}

impl PendingSlips {
    /// What the slips cover, for the document's heading.
    pub fn covers(&self) -> String {
        match &self.class {
            Some(c) => format!("Class: {c}; new accounts in export {}", self.export_id),
            None => format!("New accounts in export {}", self.export_id),
        }
    }
}

fn context(export_id: &str, person_id: &str) -> String {
    format!("{export_id}/{person_id}")
}

/// Keeps the new accounts' passwords of export `export_id`, sealed, until it is marked.
pub(super) fn keep(
    tx: &Conn,
    key: &DataKey,
    export_id: &str,
    accounts: &[ExportedAccount],
) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO account_slip_passwords (export_id, person_id, nonce, sealed) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for a in accounts {
        if let Some(password) = &a.password {
            let (nonce, sealed) = key.seal_value(
                PURPOSE,
                &context(export_id, &a.person_id),
                password.reveal().as_bytes(),
            )?;
            insert.execute(params![export_id, a.person_id, &nonce[..], sealed])?;
        }
    }
    Ok(())
}

/// The export the slips come from: the one named, or the newest still
/// waiting to be uploaded. Errors say why there is nothing to print.
fn which_export(conn: &Conn, export_id: Option<&str>) -> Result<String> {
    let Some(id) = export_id.map(str::trim).filter(|s| !s.is_empty()) else {
        let newest: Option<String> = conn
            .query_row(
                "SELECT e.id FROM account_exports e
                 WHERE NOT EXISTS (SELECT 1 FROM account_export_outcomes o WHERE o.export_id = e.id)
                 ORDER BY e.created_at DESC, e.id DESC LIMIT 1",
                (),
                |r| r.get(0),
            )
            .optional()?;
        return newest.ok_or_else(|| {
            Error::invalid(
                "export",
                "No export is waiting to be uploaded. Initial passwords are kept only until an export is marked provisioned or cancelled; export the new accounts first.",
            )
        });
    };
    match super::exports::outcome(conn, id)? {
        Some(done) => Err(Error::invalid(
            "export",
            format!(
                "Export {id} was marked {done}, so its initial passwords are gone. Slips can only be printed for an export waiting to be uploaded."
            ),
        )),
        None if ever_marked(conn, id)? => Err(Error::invalid(
            "export",
            format!(
                "Export {id} was marked provisioned before that was undone, so its initial passwords are gone. Slips can only be printed for an export that has never been marked."
            ),
        )),
        None => Ok(id.to_owned()),
    }
}

/// Whether an export has ever had an outcome (its passwords went then, even if it was undone since).
fn ever_marked(conn: &Conn, export_id: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM account_export_outcomes WHERE export_id = ?1)",
        [export_id],
        |r| r.get(0),
    )?)
}

/// The login slips for the new accounts of a pending export (the newest
/// unless `export_id` names one), for one class or everyone. Printing
/// passwords is recorded in the audit log.
pub fn pending_slips(
    store: &mut Store,
    export_id: Option<&str>,
    class: Option<&str>,
) -> Result<PendingSlips> {
    let actor = store.require(Permission::Accounts)?.actor();
    let key = store.data_key().clone();
    let class = class.map(str::trim).filter(|c| !c.is_empty());
    store.write(|tx| {
        let id = which_export(tx, export_id)?;
        let sealed: Vec<Kept> = tx
            .prepare_cached(
                "SELECT p.person_id, r.username, r.email, p.nonce, p.sealed
                 FROM account_slip_passwords p
                 JOIN account_export_rows r ON r.export_id = p.export_id AND r.person_id = p.person_id
                 WHERE p.export_id = ?1",
            )?
            .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<crate::db::Result<_>>()?;
        let options = settings_in(tx)?.slips;
        let sign_in_at = Some(options.sign_in_at).filter(|s| !s.is_empty());
        let people: std::collections::HashMap<String, super::AccountRow> = compute(tx, false)?
            .into_iter()
            .map(|r| (r.person_id.clone(), r))
            .collect();
        let mut slips = Vec::new();
        for (person_id, username, email, nonce, sealed) in sealed {
            let Some(row) = people.get(&person_id) else { continue };
            if class.is_some_and(|c| row.class.as_deref() != Some(c)) {
                continue;
            }
            let plain = key
                .open_value(PURPOSE, &context(&id, &person_id), &nonce, &sealed)
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| Error::Database {
                    message: format!("the kept password for {} could not be opened", row.name),
                })?;
            slips.push(LoginSlip {
                name: row.name.clone(),
                class: row.class.clone(),
                group: row.group,
                username,
                email,
                password: InitialPassword::kept(plain),
                sign_in_at: sign_in_at.clone(),
                reminder: options
                    .reminder
                    .then(|| reminder(row.agreement_kind, row.expires.as_deref())),
            });
        }
        if slips.is_empty() {
            return Err(Error::invalid(
                "class",
                match class {
                    Some(c) => format!("Export {id} has no new accounts in class {c}."),
                    None => format!("Export {id} has no new accounts, so there are no slips to print."),
                },
            ));
        }
        slips.sort_by(|a, b| {
            (a.class.is_none(), &a.class, &a.name).cmp(&(b.class.is_none(), &b.class, &b.name))
        });
        audit::record(
            tx,
            &actor,
            "accounts.slips",
            "account_export",
            Some(&id),
            &format!(
                "Printed {} login slip(s) from export {id}{}",
                slips.len(),
                class.map(|c| format!(" for class {c}")).unwrap_or_default()
            ),
        )?;
        Ok(PendingSlips {
            export_id: id,
            class: class.map(str::to_owned),
            slips,
        })
    })
}

fn reminder(kind: TemplateKind, expires: Option<&str>) -> String {
    let text = match kind {
        TemplateKind::Ks1 => {
            "Remember our computer rules: ask before you click, and tell a grown-up if something worries you."
        }
        TemplateKind::Ks2 => {
            "You agreed to our online rules: keep your password secret, be kind online, and tell an adult if anything worries you."
        }
        TemplateKind::Staff | TemplateKind::Parent => {
            "You signed the staff acceptable use agreement: choose your own password when you first sign in, and never share it."
        }
        TemplateKind::GovernorVisitor => {
            "You signed the governor and visitor acceptable use agreement: choose your own password when you first sign in, and never share it."
        }
    };
    match expires {
        Some(day) => format!("{text} This account ends after {day}."),
        None => text.to_owned(),
    }
}
