//! 新建下一届赛事 (issue #12 item 6): what will be carried, creating the next season's file from the open
//! contest (it stays open; the window then offers `contest_open`), and the 请核对 banner of a contest made
//! from the previous one.
use std::path::PathBuf;

use saiwu_core::actions::season_new::{self as act, NewSeason};
use saiwu_core::season::next::{self, NextSeasonPlan, SeasonCheck};
use tauri::{AppHandle, Runtime};

use super::{now, with_extension, with_store};
use crate::error::CmdResult;

#[tauri::command]
pub async fn season_next_plan<R: Runtime>(app: AppHandle<R>) -> CmdResult<NextSeasonPlan> {
    with_store(app, move |store| Ok(next::plan(&*store)?)).await
}

/// Creates the next season's contest file at `path` (`.sqlite` added when the name has none); an existing file
/// is refused (`STORE_EXISTS`).
#[tauri::command]
pub async fn season_new_create<R: Runtime>(app: AppHandle<R>, path: PathBuf) -> CmdResult<NewSeason> {
    with_store(app, move |store| Ok(act::create_next(&mut *store, &with_extension(path, "sqlite"), now())?)).await
}

/// The open contest's 请核对 flag: None when it was not made from a previous contest.
#[tauri::command]
pub async fn season_check_get<R: Runtime>(app: AppHandle<R>) -> CmdResult<Option<SeasonCheck>> {
    with_store(app, move |store| Ok(next::check(&*store)?)).await
}

/// 已核对: `who` confirms the moved settings.
#[tauri::command]
pub async fn season_check_confirm<R: Runtime>(app: AppHandle<R>, who: String) -> CmdResult<SeasonCheck> {
    with_store(app, move |store| Ok(act::confirm_check(&mut *store, &who, now())?)).await
}
