//! The app's state: where the database is, and the one long-lived store once
//! a staff user has signed in.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use assent_core::{Error, Result, Store};

use crate::kiosk::Kiosk;

/// The database path and, once opened or created, the one long-lived store.
pub struct AppState {
    pub db_path: PathBuf,
    pub store: Mutex<Option<Store>>,
    pub kiosk: Mutex<Kiosk>,
    /// When a command last ran, for the idle lock.
    pub last_used: Mutex<Instant>,
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
            last_used: Mutex::new(Instant::now()),
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
        // Kiosk mode is a lock of its own (only its PIN leaves it), and a class
        // may take longer than the idle time to get round.
        let in_kiosk = self.kiosk().scope().is_some();
        if !in_kiosk && store.session().is_ok() && last.elapsed() > idle_limit(store) {
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
