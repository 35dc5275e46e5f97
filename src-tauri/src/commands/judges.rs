//! 评委 (judges): the window sees phones masked; a masked or missing phone sent back keeps the stored one.
use saiwu_core::judges::{self, Judge, JudgeInput};
use tauri::State;

use super::now;
use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub fn judges_list(state: State<'_, AppState>) -> CmdResult<Vec<Judge>> {
    Ok(judges::list_for_window(&state.store())?)
}

#[tauri::command]
pub fn judge_add(state: State<'_, AppState>, judge: JudgeInput) -> CmdResult<Judge> {
    Ok(judges::add(&mut state.store(), &judge, now())?.masked())
}

/// `judge.phone`: null or the masked phone keeps it, "" clears it.
#[tauri::command]
pub fn judge_update(state: State<'_, AppState>, id: i64, judge: JudgeInput) -> CmdResult<Judge> {
    Ok(judges::update(&mut state.store(), id, &judge, now())?.masked())
}

/// Retires (or brings back) a judge; judges are never deleted.
#[tauri::command]
pub fn judge_set_active(state: State<'_, AppState>, id: i64, active: bool) -> CmdResult<Judge> {
    Ok(judges::set_active(&mut state.store(), id, active, now())?.masked())
}
