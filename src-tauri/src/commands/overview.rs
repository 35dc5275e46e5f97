use saiwu_core::overview::{self, Dashboard};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub fn dashboard(state: State<'_, AppState>) -> CmdResult<Dashboard> {
    Ok(overview::dashboard(&state.store())?)
}
