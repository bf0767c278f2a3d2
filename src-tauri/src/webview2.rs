//! The window is drawn by the Microsoft Edge WebView2 Runtime on Windows.
//! Windows 11 has it, and Windows Update brings it to Windows 10, but a PC
//! kept offline or stripped down may not. Without it Tauri cannot open a
//! window at all, so the app checks first and, if it is missing, says so in
//! a plain message box that a school technician can act on, then exits.

/// The title of the message box; tests look for it.
const TITLE: &str = "Assent cannot start on this PC";

/// What the message box says.
const MESSAGE: &str = "Assent needs the Microsoft Edge WebView2 Runtime to show its window, \
and it is not installed on this PC.\n\n\
Windows 11 includes it, and Windows Update adds it to Windows 10. If this PC does not \
receive updates, ask your IT technician to install the \"Evergreen\" WebView2 Runtime \
from Microsoft's WebView2 page (search for \"WebView2 Runtime download\"), then start \
Assent again.\n\n\
Nothing has been changed: the school's data is safe.";

/// `true` when the runtime is present. When it is missing, the message is
/// shown (and written to standard error, for a technician's log) before
/// returning `false`.
pub fn present_or_explained() -> bool {
    match tauri::webview_version() {
        Ok(_) => true,
        Err(err) => {
            eprintln!("{TITLE}: {MESSAGE} ({err})");
            rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title(TITLE)
                .set_description(MESSAGE)
                .set_buttons(rfd::MessageButtons::Ok)
                .show();
            false
        }
    }
}
