use saiwu_core::overview::{self, Dashboard};
use tauri::{AppHandle, Runtime};

use super::with_store;
use crate::error::CmdResult;

#[tauri::command]
pub async fn dashboard<R: Runtime>(app: AppHandle<R>) -> CmdResult<Dashboard> {
    // Today's Beijing date from the edge's clock: overdue follow-ups and the follow-up's end (the core never reads it).
    let today = super::now().date_naive();
    with_store(app, move |store| Ok(overview::dashboard_on(&*store, today)?)).await
}
