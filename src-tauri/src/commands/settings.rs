use saiwu_core::settings::{self, Settings};
use tauri::{AppHandle, Runtime};

use super::{now, with_store};
use crate::error::CmdResult;

#[tauri::command]
pub async fn settings_get<R: Runtime>(app: AppHandle<R>) -> CmdResult<Settings> {
    with_store(app, move |store| Ok(settings::load(&*store)?)).await
}

#[tauri::command]
pub async fn settings_save<R: Runtime>(app: AppHandle<R>, settings: Settings) -> CmdResult<Settings> {
    with_store(app, move |store| Ok(saiwu_core::actions::settings::save(&mut *store, &settings, now())?)).await
}
