//! The app's state: where the database is, and the one long-lived store once it is open.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use assent_core::{Actor, Error, Result, Store};

use crate::kiosk::Kiosk;

/// The database path and, once opened or created, the one long-lived store.
pub struct AppState {
    pub db_path: PathBuf,
    pub store: Mutex<Option<Store>>,
    pub kiosk: Mutex<Kiosk>,
    /// Tries to leave kiosk mode take turns, so tries sent all at once still
    /// wait out each other's slow answers.
    pub exit_turn: tauri::async_runtime::Mutex<()>,
}

impl AppState {
    pub fn new(db_path: PathBuf) -> AppState {
        AppState {
            db_path,
            store: Mutex::new(None),
            kiosk: Mutex::new(Kiosk::default()),
            exit_turn: tauri::async_runtime::Mutex::new(()),
        }
    }

    pub fn kiosk(&self) -> MutexGuard<'_, Kiosk> {
        // Kiosk state is a few fields set in one go; a panic cannot leave it half-changed.
        self.kiosk
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The name of this computer, for the evidence of where an agreement was signed.
    pub fn device(&self) -> String {
        let host = std::fs::read_to_string("/etc/hostname")
            .ok()
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty())
            .or_else(|| std::env::var("COMPUTERNAME").ok())
            .unwrap_or_else(|| "this computer".to_owned());
        if self.kiosk().scope().is_some() {
            format!("{host} (kiosk mode)")
        } else {
            host
        }
    }

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
