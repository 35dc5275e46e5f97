//! 评委 (judges): the window sees phones masked; a masked or missing phone sent back keeps the stored one.
use saiwu_core::judges::{self, Judge, JudgeInput};
use tauri::{AppHandle, Runtime};

use super::{now, with_store};
use crate::error::CmdResult;

#[tauri::command]
pub async fn judges_list<R: Runtime>(app: AppHandle<R>) -> CmdResult<Vec<Judge>> {
    with_store(app, move |store| Ok(judges::list_for_window(&*store)?)).await
}

#[tauri::command]
pub async fn judge_add<R: Runtime>(app: AppHandle<R>, judge: JudgeInput) -> CmdResult<Judge> {
    with_store(app, move |store| Ok(saiwu_core::actions::judges::add(&mut *store, &judge, now())?.masked())).await
}

/// `judge.phone`: null or the masked phone keeps it, "" clears it.
#[tauri::command]
pub async fn judge_update<R: Runtime>(app: AppHandle<R>, id: i64, judge: JudgeInput) -> CmdResult<Judge> {
    with_store(app, move |store| Ok(saiwu_core::actions::judges::update(&mut *store, id, &judge, now())?.masked())).await
}

/// Retires (or brings back) a judge; judges are never deleted.
#[tauri::command]
pub async fn judge_set_active<R: Runtime>(app: AppHandle<R>, id: i64, active: bool) -> CmdResult<Judge> {
    with_store(app, move |store| Ok(saiwu_core::actions::judges::set_active(&mut *store, id, active, now())?.masked())).await
}
