//! The app's state: where the database is, and the one long-lived store once
//! a staff user has signed in.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use assent_core::{Error, Result, Store};

/// The database path and, once someone has signed in, the one long-lived store.
pub struct AppState {
    pub db_path: PathBuf,
    pub store: Mutex<Option<Store>>,
    /// When a command last ran, for the idle lock.
    pub last_used: Mutex<Instant>,
}

impl AppState {
    pub fn new(db_path: PathBuf) -> Self {
        AppState {
            db_path,
            store: Mutex::new(None),
            last_used: Mutex::new(Instant::now()),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Option<Store>> {
        // A panic while holding the lock cannot leave the store half-written
        // (every write is one transaction), so a poisoned lock is still usable.
        self.store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Runs `f` on the open store as the signed-in user.
    ///
    /// The UI locks itself after the idle time, but the lock is also kept
    /// here: a command arriving after that long signs the user out first, so
    /// a window left open cannot be used without the password.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard = self.lock();
        let store = guard.as_mut().ok_or(Error::NotSignedIn)?;
        let mut last = self
            .last_used
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if store.session().is_ok() && last.elapsed() > idle_limit(store) {
            store.sign_out();
        }
        *last = Instant::now();
        drop(last);
        f(store)
    }

    /// Records activity, so the idle lock starts counting again.
    pub fn touch(&self) {
        *self
            .last_used
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Instant::now();
    }
}

fn idle_limit(store: &Store) -> Duration {
    let minutes = assent_core::school::idle_lock_minutes(store).unwrap_or(15);
    Duration::from_secs(u64::from(minutes) * 60)
}
