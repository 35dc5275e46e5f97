//! Thin `#[tauri::command]` adapters over saiwu-core, one module per domain.
pub mod awards;
pub mod backups;
pub mod certificates;
pub mod contest;
pub mod entries;
pub mod import;
pub mod judges;
pub mod judging;
pub mod overview;
pub mod reference;
pub mod screening;
pub mod settings;

pub(crate) fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Utc::now().with_timezone(&saiwu_core::import::cells::beijing())
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
