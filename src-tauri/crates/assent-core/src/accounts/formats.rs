//! The files the IT technician uploads: Google Workspace, Microsoft Entra
//! and plain CSV, one row per account.
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

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::AccountGroup;
use super::passwords::InitialPassword;
use crate::templates::TemplateKind;
use crate::{Error, Result};

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

pub(super) fn csv_error(e: &csv::Error) -> Error {
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

/// The file's bytes (UTF-8, comma-separated, CRLF line ends as spreadsheets write them).
pub(super) fn render(format: ExportFormat, accounts: &[ExportedAccount]) -> Result<Vec<u8>> {
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

/// Makes one row of a file.
type RowFn = fn(&ExportedAccount) -> Vec<String>;

#[cfg(test)]
mod tests {
    use super::*;

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
