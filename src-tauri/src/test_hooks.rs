//! The UI's test hooks (ui/src/api/dialogs.ts: a path for the next save dialog, set through WebDriver) are on
//! only when this command answers, and it exists only in debug builds: a release build refuses it as unknown.

#[cfg(debug_assertions)]
#[tauri::command]
pub fn test_hooks_enabled() -> bool {
    true
}
