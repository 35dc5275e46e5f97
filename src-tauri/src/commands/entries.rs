use saiwu_core::entries::{self, EntryDetail, EntryRow};
use tauri::{AppHandle, Runtime};

use super::with_store;
use crate::error::CmdResult;

/// Rows for the table: never ID numbers or phones.
#[tauri::command]
pub async fn entries_list<R: Runtime>(app: AppHandle<R>) -> CmdResult<Vec<EntryRow>> {
    with_store(app, move |store| Ok(entries::list_rows(&*store)?)).await
}

/// One entry; ID numbers and phones masked unless the user switched on 显示完整.
#[tauri::command]
pub async fn entry_get<R: Runtime>(app: AppHandle<R>, project_no: String, reveal: bool) -> CmdResult<EntryDetail> {
    with_store(app, move |store| Ok(entries::detail(&*store, &project_no, reveal)?)).await
}
