//! Restoring over the database that is open in the window. The head gives
//! their password again for it; the open database is closed (Windows cannot
//! replace an open file), the backup restored as [`super::restore`] does, and
//! whatever is then in place opened again for them: the backup, or the
//! database as it was when the restore was refused. A school on a server is
//! restored through the open connection instead (nothing there to close).

use std::path::Path;

use super::onto_server::restore_through;
use super::{RestoreOutcome, restore};
use crate::auth::Permission;
use crate::{Error, Result, Store, keys};

/// Restores `input` over the database open in `slot`, for its signed-in head
/// user, and leaves the result open in `slot` for them.
///
/// A wrong password is refused before anything is closed. Only if the
/// database cannot be opened again afterwards is `slot` left empty, so the
/// user signs in again.
pub fn restore_open(
    slot: &mut Option<Store>,
    input: &Path,
    password: &str,
) -> Result<RestoreOutcome> {
    let store = slot.as_ref().ok_or(Error::NotSignedIn)?;
    let username = store.require(Permission::DataProtection)?.username.clone();
    let db = store.path().to_owned();
    // Checked against the key file without touching the session, so a typing
    // slip does not sign the head out.
    keys::unlock(&db, &username, password)?;
    let store = slot.take().ok_or(Error::NotSignedIn)?;
    if store.conn().sqlite().is_none() {
        // On a server nothing is closed: the rows are replaced through the
        // open connection, and the head signed in again on it.
        let (restored, conn) = restore_through(store.into_conn(), input, &db, &username, password);
        *slot = Some(Store::reopen_on_server(conn, &db, &username, password)?);
        return restored;
    }
    drop(store);
    let restored = restore(input, &db, &username, password);
    *slot = Some(Store::open(&db, &username, password)?);
    restored
}
