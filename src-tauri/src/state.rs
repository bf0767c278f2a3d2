//! The app's state: where the database is, and the one long-lived store once it is open.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use assent_core::{Actor, Error, Result, Store};

/// The database path and, once opened or created, the one long-lived store.
pub struct AppState {
    pub db_path: PathBuf,
    pub store: Mutex<Option<Store>>,
}

impl AppState {
    pub fn lock(&self) -> MutexGuard<'_, Option<Store>> {
        // A panic while holding the lock cannot leave the store half-written
        // (every write is one transaction), so a poisoned lock is still usable.
        self.store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard = self.lock();
        let store = guard.as_mut().ok_or_else(|| Error::NoDatabase {
            path: self.db_path.display().to_string(),
        })?;
        f(store)
    }
}

/// Who the app records as making changes, until staff sign in.
pub fn actor() -> Actor {
    Actor::local("Assent app")
}
