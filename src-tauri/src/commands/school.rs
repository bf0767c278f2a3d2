//! Starting up: creating the school, opening the demo, signing in and out, the dashboard.

use assent_core::auth::Session;
use assent_core::dashboard::{self, Checklist, Dashboard, Launch, Overview};
use assent_core::{Admin, Error, Result, Store, demo, school};
use tauri::{AppHandle, Manager, State};

use crate::state::AppState;

#[tauri::command]
pub fn launch_state(state: State<'_, AppState>) -> Result<Launch> {
    let guard = state.lock();
    match guard.as_ref() {
        Some(store) if store.session().is_ok() => Ok(Launch::Ready {
            dashboard: Box::new(dashboard::load(store)?),
        }),
        _ if !state.db_path.exists() => Ok(Launch::NoDatabase {
            db_path: state.db_path.display().to_string(),
        }),
        _ => Ok(Launch::SignIn {
            db_path: state.db_path.display().to_string(),
        }),
    }
}

// Creating, opening and signing in check a password on purpose slowly (Argon2,
// and a growing wait after failed attempts), so they run off the main thread:
// the window keeps drawing and says it is busy meanwhile.
/// Creates the school's database with its first headteacher or DSL user, who is then signed in.
#[tauri::command]
pub async fn create_school(
    state: State<'_, AppState>,
    name: String,
    admin: Admin,
) -> Result<Dashboard> {
    let store = Store::create(&state.db_path, &name, &admin)?;
    finish_opening(&state, store)
}

/// Renames the school (head users); resolves to the name as stored.
#[tauri::command]
pub fn set_school_name(state: State<'_, AppState>, name: String) -> Result<String> {
    state.with_store(|store| school::set_name(store, &name))
}

/// Creates the fictional demo school with `admin` as its headteacher; the demo
/// users office, teacher and it get the same password. `admin` is then signed in.
#[tauri::command]
pub async fn open_demo(state: State<'_, AppState>, admin: Admin) -> Result<Dashboard> {
    let (store, _) = demo::create_or_fill(&state.db_path, &admin)?;
    finish_opening(&state, store)
}

/// Signs a staff user in; refused with `sign_in_failed` without saying which part was wrong.
#[tauri::command]
pub async fn sign_in(
    state: State<'_, AppState>,
    username: String,
    password: String,
) -> Result<Dashboard> {
    let mut guard = state.lock();
    if let Some(store) = guard.as_mut() {
        store.sign_in(&username, &password)?;
        state.touch();
        return dashboard::load(store);
    }
    drop(guard);
    let store = Store::open(&state.db_path, &username, &password)?;
    finish_opening(&state, store)
}

/// Signs out (or locks after the idle time): everything is refused until someone signs in.
#[tauri::command]
pub fn sign_out(state: State<'_, AppState>) {
    if let Some(store) = state.lock().as_mut() {
        store.sign_out();
    }
}

/// Who is signed in. Also tells the backend that the window is still in use.
#[tauri::command]
pub fn current_user(state: State<'_, AppState>) -> Result<Session> {
    state.with_store(|store| store.session().cloned())
}

#[tauri::command]
pub fn dashboard(state: State<'_, AppState>) -> Result<Dashboard> {
    state.with_store(|store| dashboard::load(store))
}

/// Everything the dashboard page draws: the figures, the bars per class and
/// group, the term's trend and the set-up checklist. Worked out away from the
/// window's thread, since a large school's history takes a moment to recount.
#[tauri::command]
pub async fn dashboard_overview(app: AppHandle) -> Result<Overview> {
    tauri::async_runtime::spawn_blocking(move || {
        app.state::<AppState>()
            .with_store(|store| dashboard::overview(store))
    })
    .await
    .map_err(|e| Error::Database {
        message: e.to_string(),
    })?
}

/// Puts the set-up checklist away for everyone, or brings it back (head users).
#[tauri::command]
pub fn set_checklist_dismissed(
    state: State<'_, AppState>,
    dismissed: bool,
) -> Result<Option<Checklist>> {
    state.with_store(|store| dashboard::set_checklist_dismissed(store, dismissed))
}

fn finish_opening(state: &AppState, store: Store) -> Result<Dashboard> {
    let dashboard = dashboard::load(&store)?;
    *state.lock() = Some(store);
    state.touch();
    Ok(dashboard)
}
