//! The 导出 page over the core's export registry: the list of kinds and one command that writes any of them.
use std::path::PathBuf;

use saiwu_core::export::registry::{self, ExportKindInfo};
use saiwu_core::model::Round;
use tauri::{AppHandle, Runtime};

use super::with_store;
use crate::error::CmdResult;

#[tauri::command]
pub async fn export_kinds() -> CmdResult<Vec<ExportKindInfo>> {
    Ok(registry::kinds().iter().map(|k| k.info()).collect())
}

/// Writes export `kind` (a registry name) to `path`, adding the format's extension when the name has none;
/// `round` only for the kinds that need one. Returns the written path.
#[tauri::command]
pub async fn export_run<R: Runtime>(app: AppHandle<R>, kind: String, path: PathBuf, round: Option<String>) -> CmdResult<String> {
    with_store(app, move |store| run(store, &kind, path, round.as_deref())).await
}

/// The one path every export command takes; the older per-page commands call it too.
pub(crate) fn run(store: &saiwu_core::Store, kind: &str, path: PathBuf, round: Option<&str>) -> CmdResult<String> {
    let k = registry::find(kind)?;
    let round = round.map(Round::parse).transpose()?;
    let path = super::with_extension(path, k.format.extension());
    let done = registry::run(store, k.kind, &path, round)?;
    Ok(done.path.display().to_string())
}
