//! Export files for Google Workspace, Microsoft Entra and other tools, and
//! marking an export provisioned once it has been uploaded.
//!
//! Header rows, checked against the providers' own documentation:
//! - Google Workspace: the blank template of Admin console › Users › Bulk
//!   update users, described in Google Workspace Admin Help, "Add or update
//!   multiple users from a CSV file" (support.google.com/a/answer/40057).
//!   Columns are matched by name; some newer downloads add an optional
//!   `New Licenses [UPLOAD ONLY]` column, which Assent leaves out. An existing
//!   user's password is left unchanged by `****`; `New Status [UPLOAD ONLY]`
//!   takes `Suspended` or `Active`.
//! - Microsoft Entra: the template of Entra admin centre › Users › Bulk
//!   create, described in Microsoft Learn, "Bulk create users in Microsoft
//!   Entra ID" (learn.microsoft.com/entra/identity/users/users-bulk-add): a
//!   `version:v1.0` line, then the column headings, then one row per user (the
//!   template's examples row removed). Bulk create cannot change existing
//!   users, so suspensions and reactivations are left out of an Entra file and
//!   reported; Entra asks every new user to change their password at first
//!   sign-in.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::passwords::{self, InitialPassword};
use super::settings::{AccountSettings, settings_in, template_parts};
use super::status::{AccountRow, AccountStatus, compute};
use super::{AccountGroup, usernames};
use crate::auth::Permission;
use crate::templates::TemplateKind;
use crate::{Error, Result, Store, audit, store, time};

/// The header row of Google Workspace's bulk upload template.
pub const GOOGLE_HEADERS: [&str; 28] = [
    "First Name [Required]",
    "Last Name [Required]",
    "Email Address [Required]",
    "Password [Required]",
    "Password Hash Function [UPLOAD ONLY]",
    "Org Unit Path [Required]",
    "New Primary Email [UPLOAD ONLY]",
    "Recovery Email",
    "Home Secondary Email",
    "Work Secondary Email",
    "Recovery Phone [MUST BE IN THE E.164 FORMAT]",
    "Work Phone",
    "Home Phone",
    "Mobile Phone",
    "Work Address",
    "Home Address",
    "Employee ID",
    "Employee Type",
    "Employee Title",
    "Manager Email",
    "Department",
    "Cost Center",
    "Building ID",
    "Floor Name",
    "Floor Section",
    "Change Password at Next Sign-In",
    "New Status [UPLOAD ONLY]",
    "Advanced Protection Program enrollment",
];

/// The first line of Microsoft Entra's bulk create template.
pub const ENTRA_VERSION_LINE: &str = "version:v1.0";

/// The header row (second line) of Microsoft Entra's bulk create template.
pub const ENTRA_HEADERS: [&str; 17] = [
    "Name [displayName] Required",
    "User name [userPrincipalName] Required",
    "Initial password [passwordProfile] Required",
    "Block sign in (Yes/No) [accountEnabled] Required",
    "First name [givenName]",
    "Last name [surname]",
    "Job title [jobTitle]",
    "Department [department]",
    "Usage location [usageLocation]",
    "Street address [streetAddress]",
    "State or province [state]",
    "Country or region [country]",
    "Office [physicalDeliveryOfficeName]",
    "City [city]",
    "ZIP or postal code [postalCode]",
    "Office phone [telephoneNumber]",
    "Mobile phone [mobile]",
];

/// The header row of the plain CSV, for RM Unify, Active Directory scripts and other tools.
pub const PLAIN_HEADERS: [&str; 12] = [
    "Username",
    "First Name",
    "Last Name",
    "Group",
    "Class or Role",
    "Email",
    "Initial Password",
    "Action",
    "Change Password at Next Sign-In",
    "Org Unit",
    "Expires",
    "Assent ID",
];

/// Which file to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Google Workspace bulk upload.
    Google,
    /// Microsoft Entra bulk create.
    Entra,
    /// A plain CSV.
    Csv,
}

impl ExportFormat {
    /// The code used on the command line and in the store.
    pub fn code(self) -> &'static str {
        match self {
            ExportFormat::Google => "google",
            ExportFormat::Entra => "entra",
            ExportFormat::Csv => "csv",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<ExportFormat> {
        [ExportFormat::Google, ExportFormat::Entra, ExportFormat::Csv]
            .into_iter()
            .find(|f| f.code() == code.trim())
    }

    /// The format in words.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Google => "Google Workspace",
            ExportFormat::Entra => "Microsoft Entra",
            ExportFormat::Csv => "plain CSV",
        }
    }
}

/// What an export row asks the technician's system to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AccountAction {
    /// Make a new account, with an initial password.
    Create,
    /// Suspend the account (the person may no longer have one).
    Suspend,
    /// Turn a suspended account back on (its password is unchanged).
    Reactivate,
    /// Leave the account as it is (listed only in an export of everything).
    Keep,
}

impl AccountAction {
    /// The stored code, also used in the plain CSV.
    pub fn code(self) -> &'static str {
        match self {
            AccountAction::Create => "create",
            AccountAction::Suspend => "suspend",
            AccountAction::Reactivate => "reactivate",
            AccountAction::Keep => "keep",
        }
    }
}

/// One row of an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportedAccount {
    /// The person.
    pub person_id: String,
    /// Their name as the school uses it.
    pub name: String,
    /// Given name on the account.
    pub first_name: String,
    /// Family name on the account.
    pub last_name: String,
    /// Their account group.
    pub group: AccountGroup,
    /// Their class, for pupils.
    pub class: Option<String>,
    /// Their role, for adults.
    pub role: Option<String>,
    /// The agreement the account depends on.
    pub agreement_kind: TemplateKind,
    /// The username.
    pub username: String,
    /// The full address.
    pub email: String,
    /// The organisational unit.
    pub org_unit: String,
    /// What to do.
    pub action: AccountAction,
    /// The initial password, for a new account only. Never stored in plain text.
    pub password: Option<InitialPassword>,
    /// Whether they must choose their own password at first sign-in (adults).
    pub change_password_at_next_sign_in: bool,
    /// The last day of a visitor's visit.
    pub expires: Option<String>,
}

/// Someone with a change due who is not in this export, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LeftOut {
    /// The person.
    pub person_id: String,
    /// Their name.
    pub name: String,
    /// Why they are not in the file.
    pub reason: String,
}

/// An export just written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AccountExport {
    /// Its id, for marking it provisioned; `None` when there was nothing to export
    /// (no file was written and nothing was recorded).
    pub export_id: Option<String>,
    /// The format.
    pub format: ExportFormat,
    /// Whether it lists everyone with an account, not only the changes.
    pub everything: bool,
    /// The file written.
    pub file: Option<String>,
    /// The rows, with the new accounts' passwords (kept sealed only until the export is marked).
    pub accounts: Vec<ExportedAccount>,
    /// People with a change due who are not in the file.
    pub left_out: Vec<LeftOut>,
}

/// What an export wrote, without the passwords: for the screen and for scripts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportDone {
    /// Its id, for marking it provisioned; `None` when nothing was due.
    pub export_id: Option<String>,
    /// The format.
    pub format: ExportFormat,
    /// Whether it lists everyone with an account, not only the changes.
    pub everything: bool,
    /// The file written.
    pub file: Option<String>,
    /// Rows in the file.
    pub rows: u32,
    /// New accounts.
    pub created: u32,
    /// Accounts to suspend.
    pub suspended: u32,
    /// Accounts to turn back on.
    pub reactivated: u32,
    /// Accounts listed unchanged.
    pub unchanged: u32,
    /// People with a change due who are not in the file, with the reason.
    pub left_out: Vec<LeftOut>,
    /// How many login slips were printed with it, if any were asked for.
    pub slips: Option<u32>,
    /// Where the slips were saved.
    pub slips_file: Option<String>,
}

impl AccountExport {
    /// What was written, without the passwords.
    pub fn summary(&self) -> ExportDone {
        let n = |action| {
            u32::try_from(self.accounts.iter().filter(|a| a.action == action).count())
                .unwrap_or(u32::MAX)
        };
        ExportDone {
            export_id: self.export_id.clone(),
            format: self.format,
            everything: self.everything,
            file: self.file.clone(),
            rows: u32::try_from(self.accounts.len()).unwrap_or(u32::MAX),
            created: n(AccountAction::Create),
            suspended: n(AccountAction::Suspend),
            reactivated: n(AccountAction::Reactivate),
            unchanged: n(AccountAction::Keep),
            left_out: self.left_out.clone(),
            slips: None,
            slips_file: None,
        }
    }
}

/// One export as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportSummary {
    /// Its id.
    pub id: String,
    /// The format.
    pub format: ExportFormat,
    /// Whether it listed everyone with an account.
    pub everything: bool,
    /// The file it was written to.
    pub file: String,
    /// When (UK time).
    pub created_at: String,
    /// By whom.
    pub created_by: String,
    /// New accounts in it.
    pub creates: u32,
    /// Suspensions in it.
    pub suspends: u32,
    /// Accounts turned back on in it.
    pub reactivates: u32,
    /// Accounts listed unchanged.
    pub keeps: u32,
    /// `provisioned`, `cancelled`, or `None` while it is pending.
    pub outcome: Option<String>,
    /// When and by whom it was marked, if it was.
    pub outcome_by: Option<String>,
    /// Login slips that can still be printed (the export is waiting to be uploaded).
    pub slips_available: u32,
}

/// What marking an export provisioned recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MarkedExport {
    /// The export.
    pub export_id: String,
    /// Accounts recorded as created.
    pub created: u32,
    /// Accounts recorded as suspended.
    pub suspended: u32,
    /// Accounts recorded as turned back on.
    pub reactivated: u32,
}

/// The organisational unit for `row` from the group's path template.
fn org_unit(template: &str, row: &AccountRow) -> String {
    let mut out = String::new();
    for (is_field, text) in template_parts(template).unwrap_or_default() {
        if !is_field {
            out.push_str(text);
            continue;
        }
        let value = match text {
            "year" => row.year_group.as_deref(),
            "class" => row.class.as_deref(),
            "role" => row.role.as_deref(),
            _ => None,
        };
        // A / inside a value would make a deeper unit than the school meant.
        out.push_str(&value.unwrap_or_default().replace('/', "-"));
    }
    let parts: Vec<&str> = out
        .split('/')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    format!("/{}", parts.join("/"))
}

/// The action due for `row`, if any.
fn action_for(row: &AccountRow, everything: bool) -> Option<AccountAction> {
    match row.status {
        AccountStatus::Ready if row.suspended_at.is_some() => Some(AccountAction::Reactivate),
        AccountStatus::Ready => Some(AccountAction::Create),
        AccountStatus::ToSuspend => Some(AccountAction::Suspend),
        AccountStatus::Provisioned if everything => Some(AccountAction::Keep),
        AccountStatus::Provisioned | AccountStatus::Blocked | AccountStatus::Suspended => None,
    }
}

/// Chooses the rows of an export and makes the new accounts' passwords.
fn choose(
    rows: Vec<AccountRow>,
    settings: &AccountSettings,
    format: ExportFormat,
    everything: bool,
) -> Result<(Vec<ExportedAccount>, Vec<LeftOut>)> {
    let mut accounts = Vec::new();
    let mut left_out = Vec::new();
    let mut no_domain: Vec<AccountGroup> = Vec::new();
    for row in rows {
        let Some(action) = action_for(&row, everything) else {
            continue;
        };
        if let Some(export) = &row.pending_export {
            if action != AccountAction::Keep {
                left_out.push(LeftOut {
                    person_id: row.person_id,
                    name: row.name,
                    reason: format!(
                        "Already in export {export}, which has not been marked provisioned (or cancelled) yet"
                    ),
                });
            }
            continue;
        }
        if format == ExportFormat::Entra && action != AccountAction::Create {
            if action != AccountAction::Keep {
                left_out.push(LeftOut {
                    person_id: row.person_id,
                    name: row.name,
                    reason: format!(
                        "Microsoft Entra's bulk create cannot change an existing account: {} {} in the Entra admin centre, or export it in the plain CSV format",
                        if action == AccountAction::Suspend { "block sign-in for" } else { "allow sign-in for" },
                        row.username
                    ),
                });
            }
            continue;
        }
        let group = settings.group(row.group);
        if group.domain.is_empty() {
            if !no_domain.contains(&row.group) {
                no_domain.push(row.group);
            }
            continue;
        }
        let password = if action == AccountAction::Create {
            Some(if row.group.children() {
                passwords::for_child()?
            } else {
                passwords::for_adult()?
            })
        } else {
            None
        };
        accounts.push(ExportedAccount {
            org_unit: org_unit(&group.org_unit, &row),
            email: format!("{}@{}", row.username, group.domain),
            person_id: row.person_id,
            name: row.name,
            first_name: row.first_name,
            last_name: row.last_name,
            group: row.group,
            class: row.class,
            role: row.role,
            agreement_kind: row.agreement_kind,
            username: row.username,
            action,
            password,
            change_password_at_next_sign_in: action == AccountAction::Create
                && !row.group.children(),
            expires: row.expires,
        });
    }
    if !no_domain.is_empty() {
        no_domain.sort_by_key(|g| AccountGroup::ALL.iter().position(|x| x == g));
        return Err(Error::DomainsMissing { groups: no_domain });
    }
    // Pupils by class, then everyone by name, so a class's slips come out together.
    accounts.sort_by(|a, b| {
        let group = |g: AccountGroup| AccountGroup::ALL.iter().position(|x| *x == g);
        (group(a.group), &a.class, &a.last_name, &a.first_name).cmp(&(
            group(b.group),
            &b.class,
            &b.last_name,
            &b.first_name,
        ))
    });
    Ok((accounts, left_out))
}

fn csv_error(e: &csv::Error) -> Error {
    Error::Database {
        message: format!("could not write the CSV: {e}"),
    }
}

fn password_text(a: &ExportedAccount) -> String {
    a.password
        .as_ref()
        .map_or(String::new(), |p| p.reveal().to_owned())
}

/// One row of the Google Workspace file.
fn google_row(a: &ExportedAccount) -> Vec<String> {
    let mut row = vec![String::new(); GOOGLE_HEADERS.len()];
    let mut set = |header: &str, value: String| {
        let i = GOOGLE_HEADERS
            .iter()
            .position(|h| *h == header)
            .expect("a Google column");
        row[i] = value;
    };
    set("First Name [Required]", a.first_name.clone());
    set("Last Name [Required]", a.last_name.clone());
    set("Email Address [Required]", a.email.clone());
    // Four asterisks leave an existing account's password as it is.
    set(
        "Password [Required]",
        a.password
            .as_ref()
            .map_or_else(|| "****".to_owned(), |p| p.reveal().to_owned()),
    );
    set("Org Unit Path [Required]", a.org_unit.clone());
    set("Employee Type", a.group.singular().to_owned());
    set("Employee Title", a.role.clone().unwrap_or_default());
    set("Department", a.class.clone().unwrap_or_default());
    if a.action == AccountAction::Create {
        let change = if a.change_password_at_next_sign_in {
            "TRUE"
        } else {
            "FALSE"
        };
        set("Change Password at Next Sign-In", change.to_owned());
    }
    match a.action {
        AccountAction::Suspend => set("New Status [UPLOAD ONLY]", "Suspended".into()),
        AccountAction::Reactivate => set("New Status [UPLOAD ONLY]", "Active".into()),
        AccountAction::Create | AccountAction::Keep => {}
    }
    row
}

/// One row of the Microsoft Entra file (new accounts only).
fn entra_row(a: &ExportedAccount) -> Vec<String> {
    let singular = || a.group.singular().to_owned();
    let mut row = vec![
        format!("{} {}", a.first_name, a.last_name),
        a.email.clone(),
        password_text(a),
        "No".to_owned(),
        a.first_name.clone(),
        a.last_name.clone(),
        a.role.clone().unwrap_or_else(singular),
        a.class.clone().unwrap_or_else(singular),
        "GB".to_owned(),
    ];
    row.resize(ENTRA_HEADERS.len(), String::new());
    row
}

/// One row of the plain CSV.
fn plain_row(a: &ExportedAccount) -> Vec<String> {
    let change = if a.change_password_at_next_sign_in {
        "yes"
    } else {
        "no"
    };
    vec![
        a.username.clone(),
        a.first_name.clone(),
        a.last_name.clone(),
        a.group.code().to_owned(),
        a.class
            .clone()
            .or_else(|| a.role.clone())
            .unwrap_or_default(),
        a.email.clone(),
        password_text(a),
        a.action.code().to_owned(),
        change.to_owned(),
        a.org_unit.clone(),
        a.expires.clone().unwrap_or_default(),
        a.person_id.clone(),
    ]
}

/// Makes one row of a file.
type RowFn = fn(&ExportedAccount) -> Vec<String>;

/// The file's bytes (UTF-8, comma-separated, CRLF line ends as spreadsheets write them).
fn render(format: ExportFormat, accounts: &[ExportedAccount]) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let (headers, row): (&[&str], RowFn) = match format {
        ExportFormat::Google => (&GOOGLE_HEADERS, google_row),
        ExportFormat::Entra => {
            w.write_record([ENTRA_VERSION_LINE])
                .map_err(|e| csv_error(&e))?;
            (&ENTRA_HEADERS, entra_row)
        }
        ExportFormat::Csv => (&PLAIN_HEADERS, plain_row),
    };
    w.write_record(headers).map_err(|e| csv_error(&e))?;
    for a in accounts {
        w.write_record(row(a)).map_err(|e| csv_error(&e))?;
    }
    w.into_inner().map_err(|e| Error::Database {
        message: format!("could not write the CSV: {e}"),
    })
}

/// Writes `bytes` to a new hidden file beside `out`, readable only by its owner,
/// flushed to disk; returns its path. Folders on the way to `out` that do not
/// exist yet are made first.
fn write_temp(out: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let name = out
        .file_name()
        .ok_or_else(|| Error::invalid("file", format!("{} is not a file name", out.display())))?;
    crate::files::prepare(out)?;
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = dir.join(format!(
        ".{}.{}.part",
        name.to_string_lossy(),
        Uuid::now_v7().simple()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // The file holds passwords. On Windows it takes the permissions of
        // its folder, which for the user's own folders (Documents, Desktop)
        // already keep it to them.
        options.mode(0o600);
    }
    let written = options.open(&temp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(Error::io(out, &e));
    }
    Ok(temp)
}

fn record(
    tx: &Connection,
    id: &str,
    format: ExportFormat,
    everything: bool,
    out: &Path,
    accounts: &[ExportedAccount],
    by: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO account_exports (id, format, everything, file_name, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            format.code(),
            everything,
            out.display().to_string(),
            store::now(),
            by
        ],
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO account_export_rows (export_id, person_id, action, username, email, org_unit, password_issued)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for a in accounts {
        usernames::keep(tx, &a.person_id, &a.username, by)?;
        insert.execute(params![
            id,
            a.person_id,
            a.action.code(),
            a.username,
            a.email,
            a.org_unit,
            a.password.is_some()
        ])?;
    }
    Ok(())
}

fn count(accounts: &[ExportedAccount], action: AccountAction) -> usize {
    accounts.iter().filter(|a| a.action == action).count()
}

/// Writes an export of the changes since the last one (new accounts,
/// suspensions, accounts to turn back on), or of everyone with an account
/// when `everything` is set, and records it.
///
/// New accounts get initial passwords made now, which appear only in the file
/// and in the returned rows (for the login slips); only the fact that one was
/// issued is stored. People already in an export that has not been marked
/// provisioned are left out. The file is written whole or not at all; when
/// there is nothing to export, nothing is written or recorded.
pub fn export(
    store: &mut Store,
    format: ExportFormat,
    out: &Path,
    everything: bool,
) -> Result<AccountExport> {
    let actor = store.require(Permission::Accounts)?.actor();
    let key = store.data_key().clone();
    let mut temp: Option<PathBuf> = None;
    let mut renamed = false;
    let result = store.write(|tx| {
        let settings = settings_in(tx)?;
        let rows = compute(tx, false)?;
        let (accounts, left_out) = choose(rows, &settings, format, everything)?;
        if accounts.is_empty() {
            return Ok(AccountExport {
                export_id: None,
                format,
                everything,
                file: None,
                accounts,
                left_out,
            });
        }
        let bytes = render(format, &accounts)?;
        let id = Uuid::now_v7().to_string();
        record(tx, &id, format, everything, out, &accounts, actor.as_str())?;
        super::slips::keep(tx, &key, &id, &accounts)?;
        audit::record(
            tx,
            &actor,
            "accounts.export",
            "account_export",
            Some(&id),
            &format!(
                "Exported {} account row(s) for {} to {}: {} new, {} to suspend, {} to turn back on{}",
                accounts.len(),
                format.label(),
                out.display(),
                count(&accounts, AccountAction::Create),
                count(&accounts, AccountAction::Suspend),
                count(&accounts, AccountAction::Reactivate),
                if everything { ", with every existing account" } else { "" }
            ),
        )?;
        let part = temp.insert(write_temp(out, &bytes)?);
        crate::files::replace(part, out).map_err(|e| crate::files::replace_failed(out, &e))?;
        renamed = true;
        if let Some(dir) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(AccountExport {
            export_id: Some(id),
            format,
            everything,
            file: Some(out.display().to_string()),
            accounts,
            left_out,
        })
    });
    if result.is_err() {
        if let Some(part) = &temp {
            let _ = std::fs::remove_file(part);
        }
        if renamed {
            // The record was not saved, so the file must not stay either.
            let _ = std::fs::remove_file(out);
        }
    }
    result
}

/// An export's outcome so far, or an error if there is no such export.
pub(super) fn outcome(tx: &Connection, export_id: &str) -> Result<Option<String>> {
    let found: Option<Option<String>> = tx
        .query_row(
            "SELECT (SELECT outcome FROM account_export_outcomes o WHERE o.export_id = e.id)
             FROM account_exports e WHERE e.id = ?1",
            [export_id],
            |r| r.get(0),
        )
        .optional()?;
    found.ok_or_else(|| {
        Error::invalid(
            "export",
            format!("There is no account export with id {export_id}."),
        )
    })
}

/// Records that an export was uploaded: each new account as created, each
/// suspension as suspended, each reactivation as turned back on, in one step.
pub fn mark_provisioned(store: &mut Store, export_id: &str) -> Result<MarkedExport> {
    let actor = store.require(Permission::Accounts)?.actor();
    let export_id = export_id.trim();
    store.write(|tx| {
        if let Some(done) = outcome(tx, export_id)? {
            return Err(Error::invalid(
                "export",
                format!("Export {export_id} was already marked {done}."),
            ));
        }
        let now = store::now();
        tx.execute(
            "INSERT INTO account_export_outcomes (export_id, outcome, at, by) VALUES (?1, 'provisioned', ?2, ?3)",
            params![export_id, now, actor.as_str()],
        )?;
        let rows: Vec<(String, String, String)> = tx
            .prepare_cached(
                "SELECT person_id, action, username FROM account_export_rows WHERE export_id = ?1 AND action <> 'keep'",
            )?
            .query_map([export_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut marked = MarkedExport {
            export_id: export_id.to_owned(),
            created: 0,
            suspended: 0,
            reactivated: 0,
        };
        let mut insert = tx.prepare_cached(
            "INSERT INTO account_events (id, person_id, action, username, export_id, at, by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (person, action, username) in rows {
            let event = match action.as_str() {
                "create" => {
                    marked.created += 1;
                    "created"
                }
                "suspend" => {
                    marked.suspended += 1;
                    "suspended"
                }
                _ => {
                    marked.reactivated += 1;
                    "reactivated"
                }
            };
            insert.execute(params![
                Uuid::now_v7().to_string(),
                person,
                event,
                username,
                export_id,
                now,
                actor.as_str()
            ])?;
        }
        audit::record(
            tx,
            &actor,
            "accounts.provisioned",
            "account_export",
            Some(export_id),
            &format!(
                "Marked export {export_id} provisioned: {} created, {} suspended, {} turned back on",
                marked.created, marked.suspended, marked.reactivated
            ),
        )?;
        Ok(marked)
    })
}

/// Cancels an export that was never uploaded: its people are due again in the next one.
pub fn cancel_export(store: &mut Store, export_id: &str) -> Result<()> {
    let actor = store.require(Permission::Accounts)?.actor();
    let export_id = export_id.trim();
    store.write(|tx| {
        if let Some(done) = outcome(tx, export_id)? {
            return Err(Error::invalid(
                "export",
                format!("Export {export_id} was already marked {done}."),
            ));
        }
        tx.execute(
            "INSERT INTO account_export_outcomes (export_id, outcome, at, by) VALUES (?1, 'cancelled', ?2, ?3)",
            params![export_id, store::now(), actor.as_str()],
        )?;
        audit::record(
            tx,
            &actor,
            "accounts.cancel_export",
            "account_export",
            Some(export_id),
            &format!("Cancelled export {export_id}: it was not uploaded"),
        )
    })
}

/// Every export, newest first.
pub fn exports(store: &Store) -> Result<Vec<ExportSummary>> {
    store.require(Permission::Accounts)?;
    let mut stmt = store.conn().prepare_cached(
        "SELECT e.id, e.format, e.everything, e.file_name, e.created_at, e.created_by,
                (SELECT count(*) FROM account_export_rows r WHERE r.export_id = e.id AND r.action = 'create'),
                (SELECT count(*) FROM account_export_rows r WHERE r.export_id = e.id AND r.action = 'suspend'),
                (SELECT count(*) FROM account_export_rows r WHERE r.export_id = e.id AND r.action = 'reactivate'),
                (SELECT count(*) FROM account_export_rows r WHERE r.export_id = e.id AND r.action = 'keep'),
                o.outcome, o.at, o.by,
                (SELECT count(*) FROM account_slip_passwords p WHERE p.export_id = e.id)
         FROM account_exports e LEFT JOIN account_export_outcomes o ON o.export_id = e.id
         ORDER BY e.created_at DESC, e.id DESC",
    )?;
    let when = |text: String| time::from_stored(&text).map_or(text, time::display_london);
    let rows = stmt.query_map([], |r| {
        let format: String = r.get(1)?;
        let outcome_at: Option<String> = r.get(11)?;
        let outcome_by: Option<String> = r.get(12)?;
        Ok(ExportSummary {
            id: r.get(0)?,
            format: ExportFormat::from_code(&format).unwrap_or(ExportFormat::Csv),
            everything: r.get(2)?,
            file: r.get(3)?,
            created_at: when(r.get(4)?),
            created_by: r.get(5)?,
            creates: r.get(6)?,
            suspends: r.get(7)?,
            reactivates: r.get(8)?,
            keeps: r.get(9)?,
            outcome: r.get(10)?,
            outcome_by: outcome_at
                .zip(outcome_by)
                .map(|(at, by)| format!("{} by {by}", when(at))),
            slips_available: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(year: Option<&str>, class: Option<&str>, role: Option<&str>) -> AccountRow {
        AccountRow {
            person_id: "p".into(),
            name: "A B".into(),
            first_name: "A".into(),
            last_name: "B".into(),
            kind: crate::people::PersonKind::Pupil,
            group: AccountGroup::Pupils,
            class: class.map(Into::into),
            year_group: year.map(Into::into),
            role: role.map(Into::into),
            agreement_kind: TemplateKind::Ks2,
            status: AccountStatus::Ready,
            blockers: Vec::new(),
            reasons: Vec::new(),
            username: "ab".into(),
            username_edited: false,
            email: None,
            provisioned_at: None,
            provisioned_by: None,
            suspended_at: None,
            pending_export: None,
            expires: None,
            notes: Vec::new(),
        }
    }

    #[test]
    fn org_units_come_from_the_year_class_or_role() {
        let r = row(Some("Year 4"), Some("Maple"), None);
        assert_eq!(org_unit("/Pupils/{year}", &r), "/Pupils/Year 4");
        assert_eq!(
            org_unit("/Pupils/{year}/{class}", &r),
            "/Pupils/Year 4/Maple"
        );
        assert_eq!(org_unit("/Staff/{role}", &r), "/Staff", "nothing to add");
        assert_eq!(org_unit("/", &r), "/");
        let staff = row(None, None, Some("IT/Network"));
        assert_eq!(org_unit("/Staff/{role}", &staff), "/Staff/IT-Network");
    }

    #[test]
    fn the_header_rows_have_no_stray_spaces() {
        for h in GOOGLE_HEADERS
            .iter()
            .chain(&ENTRA_HEADERS)
            .chain(&PLAIN_HEADERS)
        {
            assert_eq!(h.trim(), *h);
        }
    }
}
