//! Starting up: creating the school, opening the demo, the dashboard.

use assent_core::dashboard::{self, Dashboard, Launch};
use assent_core::{Result, Store, demo};
use tauri::State;

use crate::state::{AppState, actor};

#[tauri::command]
pub fn launch_state(state: State<'_, AppState>) -> Result<Launch> {
    let mut guard = state.lock();
    if guard.is_none() {
        if !state.db_path.exists() {
            return Ok(Launch::NoDatabase {
                db_path: state.db_path.display().to_string(),
            });
        }
        *guard = Some(Store::open(&state.db_path)?);
    }
    let store = guard.as_ref().expect("opened above");
    Ok(Launch::Ready {
        dashboard: dashboard::load(store)?,
    })
}

#[tauri::command]
pub fn create_school(state: State<'_, AppState>, name: String) -> Result<Dashboard> {
    let store = Store::create(&state.db_path, &name, &actor())?;
    let dashboard = dashboard::load(&store)?;
    *state.lock() = Some(store);
    Ok(dashboard)
}

#[tauri::command]
pub fn open_demo(state: State<'_, AppState>) -> Result<Dashboard> {
    let (store, _) = demo::create_or_fill(&state.db_path, &actor())?;
    let dashboard = dashboard::load(&store)?;
    *state.lock() = Some(store);
    Ok(dashboard)
}

#[tauri::command]
pub fn dashboard(state: State<'_, AppState>) -> Result<Dashboard> {
    state.with_store(|store| dashboard::load(store))
}
