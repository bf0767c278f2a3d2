//! Clearing the leaving dates a full-roll import set, in one action: the way
//! back when a file turns out not to have been the whole roll.

use crate::db::OptionalExtension;
use crate::params;
use serde::Serialize;
use ts_rs::TS;

use super::plan::display_name;
use crate::auth::Permission;
use crate::{Error, Result, Store, audit, people};

/// What clearing an import's leavers did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct LeaversCleared {
    /// Pupils whose leaving date was cleared: they are on roll again.
    pub cleared: u32,
    /// Pupils left alone because their leaving date has changed since the
    /// import (edited by hand or set by a later import), or they are gone.
    pub kept: u32,
}

/// Clears the leaving date of every pupil that import `import_id` marked as
/// leaving, where it is still the date the import gave. Done once per import,
/// in one transaction, with an audit entry for each pupil.
pub fn clear_leavers(store: &mut Store, import_id: &str) -> Result<LeaversCleared> {
    let actor = &store.require(Permission::Import)?.actor();
    store.write(|tx| {
        let file: Option<(String, u32)> = tx
            .query_row(
                "SELECT file_name, leaving FROM imports WHERE id = ?1",
                [import_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((file, leaving)) = file else {
            return Err(Error::invalid("import", "there is no such import"));
        };
        if leaving == 0 {
            return Err(Error::invalid(
                "import",
                format!("the import of {file} marked nobody as leaving"),
            ));
        }
        let done: Option<String> = tx
            .query_row(
                "SELECT at FROM import_leavers_cleared WHERE import_id = ?1",
                [import_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(at) = done {
            let when = crate::time::from_stored(&at).map_or(at, crate::time::display_london);
            return Err(Error::invalid(
                "import",
                format!("the leaving dates from the import of {file} were already cleared on {when}"),
            ));
        }
        let leavers: Vec<(String, String)> = tx
            .prepare("SELECT person_id, leaving_date FROM import_leavers WHERE import_id = ?1")?
            .query_map([import_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<crate::db::Result<_>>()?;
        let now = people::now();
        let mut result = LeaversCleared {
            cleared: 0,
            kept: 0,
        };
        for (id, date) in &leavers {
            let Some(mut fields) = people::get(tx, id)? else {
                result.kept += 1;
                continue;
            };
            if fields.leaving_date.as_deref() != Some(date) {
                result.kept += 1;
                continue;
            }
            fields.leaving_date = None;
            people::update_recorded(
                tx,
                actor,
                id,
                &fields,
                &now,
                &format!(
                    "Cleared the leaving date {date} of {} set by the import of {file}",
                    display_name(&fields)
                ),
            )?;
            result.cleared += 1;
        }
        tx.execute(
            "INSERT INTO import_leavers_cleared (import_id, cleared, at, by) VALUES (?1, ?2, ?3, ?4)",
            params![import_id, result.cleared, now, actor.as_str()],
        )?;
        audit::record(
            tx,
            actor,
            "import.clear_leavers",
            "import",
            Some(import_id),
            &format!(
                "Cleared the leaving dates set by the import of {file}: {} cleared, {} kept",
                result.cleared, result.kept
            ),
        )?;
        Ok(result)
    })
}
