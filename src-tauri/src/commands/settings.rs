use saiwu_core::settings::{self, Settings};
use tauri::State;

use super::now;
use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub fn settings_get(state: State<'_, AppState>) -> CmdResult<Settings> {
    Ok(settings::load(&state.store())?)
}

#[tauri::command]
pub fn settings_save(state: State<'_, AppState>, settings: Settings) -> CmdResult<Settings> {
    Ok(settings::save(&mut state.store(), &settings, now())?)
}
