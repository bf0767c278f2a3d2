//! Setting the username a person's account will have, before it is first
//! exported: the one operation that edits usernames.

use crate::db::OptionalExtension;
use crate::params;

use super::status;
use super::usernames::validate;
use crate::auth::Permission;
use crate::{Error, Result, Store, audit, store};

/// Sets the username a person's account will have (before it is first exported).
///
/// Refused once the account exists or while it is in an export not yet marked
/// provisioned, and when someone else already has or is proposed that username.
pub fn set_username(store: &mut Store, person_id: &str, username: &str) -> Result<String> {
    let actor = store.require(Permission::Accounts)?.actor();
    let username = validate(username)?;
    store.write(|tx| {
        let rows = status::compute(tx, false)?;
        let Some(row) = rows.iter().find(|r| r.person_id == person_id) else {
            return Err(Error::invalid(
                "person",
                format!("There is no account to name for {person_id}: only pupils, staff, volunteers, governors and visitors who need one are listed."),
            ));
        };
        if row.provisioned_at.is_some() {
            return Err(Error::invalid(
                "username",
                format!(
                    "{}'s account already exists as {}; rename it in the admin console instead.",
                    row.name, row.username
                ),
            ));
        }
        if let Some(export) = &row.pending_export {
            return Err(Error::invalid(
                "username",
                format!(
                    "{} is in export {export}, which has not been marked provisioned yet; cancel that export first.",
                    row.name
                ),
            ));
        }
        if let Some(other) = rows
            .iter()
            .find(|r| r.person_id != person_id && r.username == username)
        {
            return Err(Error::invalid(
                "username",
                format!("{username} is already {}'s username.", other.name),
            ));
        }
        let held_elsewhere: Option<String> = tx
            .query_row(
                "SELECT person_id FROM account_usernames WHERE username = ?1 AND person_id <> ?2",
                params![username, person_id],
                |r| r.get(0),
            )
            .optional()?;
        if held_elsewhere.is_some() {
            return Err(Error::invalid(
                "username",
                format!("{username} already belongs to an earlier account."),
            ));
        }
        tx.execute(
            "INSERT INTO account_usernames (person_id, username, source, updated_at, updated_by)
             VALUES (?1, ?2, 'edited', ?3, ?4)
             ON CONFLICT (person_id) DO UPDATE SET username = excluded.username,
                 source = 'edited', updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            params![person_id, username, store::now(), actor.as_str()],
        )?;
        audit::record(
            tx,
            &actor,
            "accounts.username",
            "person",
            Some(person_id),
            &format!(
                "Set the account username for {} to {username} (was {})",
                row.name, row.username
            ),
        )
    })?;
    Ok(username)
}
