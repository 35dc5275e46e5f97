use saiwu_core::entries::{self, EntryDetail, EntryRow};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// Rows for the table: never ID numbers or phones.
#[tauri::command]
pub fn entries_list(state: State<'_, AppState>) -> CmdResult<Vec<EntryRow>> {
    Ok(entries::list_rows(&state.store())?)
}

/// One entry; ID numbers and phones masked unless the user switched on 显示完整.
#[tauri::command]
pub fn entry_get(state: State<'_, AppState>, project_no: String, reveal: bool) -> CmdResult<EntryDetail> {
    Ok(entries::detail(&state.store(), &project_no, reveal)?)
}
