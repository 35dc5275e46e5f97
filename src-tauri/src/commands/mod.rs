//! Thin `#[tauri::command]` adapters over saiwu-core, one module per domain.
pub mod about;
pub mod awards;
pub mod backups;
pub mod certificates;
pub mod contest;
pub mod entries;
pub mod exports;
pub mod import;
pub mod judges;
pub mod judging;
pub mod letters;
pub mod lan;
pub mod overview;
pub mod reference;
pub mod screening;
pub mod season;
pub mod season_new;
pub mod settings;

pub(crate) fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Utc::now().with_timezone(&saiwu_core::model::beijing())
}

/// The path the user chose, with `ext` added when they typed a name without one (save dialogs on
/// Linux do not always add it).
pub(crate) fn with_extension(path: std::path::PathBuf, ext: &str) -> std::path::PathBuf {
    if path.extension().is_none() {
        path.with_extension(ext)
    } else {
        path
    }
}

/// Runs blocking work on Tauri's blocking pool. Commands are `async` so Tauri does not run them on
/// the main thread, and the work goes here so no async worker waits on the store lock either: a
/// long import then freezes no window.
pub(crate) async fn blocking<T: Send + 'static>(f: impl FnOnce() -> crate::error::CmdResult<T> + Send + 'static) -> crate::error::CmdResult<T> {
    tauri::async_runtime::spawn_blocking(f).await.map_err(|e| crate::error::CommandError::internal(format!("后台任务意外中断：{e}")))?
}

/// [`blocking`] with the app state (for work that needs more than the store, e.g. `data_dir()`).
pub(crate) async fn with_state<R: tauri::Runtime, T: Send + 'static>(
    app: tauri::AppHandle<R>,
    f: impl FnOnce(&crate::state::AppState) -> crate::error::CmdResult<T> + Send + 'static,
) -> crate::error::CmdResult<T> {
    blocking(move || {
        use tauri::Manager;
        f(&app.state::<crate::state::AppState>())
    })
    .await
}

/// [`blocking`] with the open contest locked: `NO_CONTEST` when no contest file is open.
pub(crate) async fn with_store<R: tauri::Runtime, T: Send + 'static>(
    app: tauri::AppHandle<R>,
    f: impl FnOnce(&mut saiwu_core::Store) -> crate::error::CmdResult<T> + Send + 'static,
) -> crate::error::CmdResult<T> {
    with_state(app, move |state| f(&mut *state.store()?)).await
}
