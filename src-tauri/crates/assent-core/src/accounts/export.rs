//! Writing an export: who is in it (the changes since the last one, or
//! everyone), the file itself, and the record kept of it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::db::Conn;
use crate::params;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::formats::{AccountAction, ExportFormat, ExportedAccount, render};
use super::settings::{AccountSettings, settings_in, template_parts};
use super::status::{AccountRow, AccountStatus, compute};
use super::{AccountGroup, usernames};
use crate::auth::Permission;
use crate::{Error, Result, Store, audit, store};

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
            Some(group.password.make()?)
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
    tx: &Conn,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::TemplateKind;

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
}
