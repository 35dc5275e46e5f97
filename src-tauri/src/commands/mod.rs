//! Thin `#[tauri::command]` adapters over saiwu-core, one module per domain.
pub mod awards;
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
