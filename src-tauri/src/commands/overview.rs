use saiwu_core::overview::{self, Dashboard};
use tauri::{AppHandle, Runtime};

use super::with_store;
use crate::error::CmdResult;

#[tauri::command]
pub async fn dashboard<R: Runtime>(app: AppHandle<R>) -> CmdResult<Dashboard> {
    with_store(app, move |store| Ok(overview::dashboard(&*store)?)).await
}
