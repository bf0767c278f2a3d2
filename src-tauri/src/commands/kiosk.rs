//! Handing the device to a pupil or parent, and taking it back.

use assent_core::Result;
use tauri::{State, WebviewWindow};

use crate::kiosk::KioskScope;
use crate::state::AppState;

/// The kiosk scope if the device is handed over now, else null.
#[tauri::command]
pub fn kiosk_state(state: State<'_, AppState>) -> Option<KioskScope> {
    state.kiosk().scope()
}

/// Hands the device over: full screen, signing only, until `secret` is given again.
#[tauri::command]
pub fn enter_kiosk(
    window: WebviewWindow,
    state: State<'_, AppState>,
    secret: String,
    scope: KioskScope,
) -> Result<KioskScope> {
    let scope = state.kiosk().enter(&secret, scope)?;
    // The lock is in force whether or not the window manager allows full screen.
    let _ = window.set_fullscreen(true);
    Ok(scope)
}

// Async, so the waits after wrong tries happen off the main thread and the window keeps drawing.
/// Leaves kiosk mode; a wrong PIN or password is refused, more slowly each time.
#[tauri::command]
pub async fn exit_kiosk(
    window: WebviewWindow,
    state: State<'_, AppState>,
    secret: String,
) -> Result<()> {
    let _turn = state.exit_turn.lock().await;
    let wait = state.kiosk().wait();
    pause(wait).await;
    let outcome = state.kiosk().try_exit(&secret);
    match outcome {
        Ok(()) => {
            let _ = window.set_fullscreen(false);
            Ok(())
        }
        Err((error, wait)) => {
            pause(wait).await;
            Err(error)
        }
    }
}

async fn pause(wait: std::time::Duration) {
    if !wait.is_zero() {
        let _ = tauri::async_runtime::spawn_blocking(move || std::thread::sleep(wait)).await;
    }
}
