use std::path::PathBuf;

use saiwu_core::export;
use saiwu_core::import::{self, fields::FieldDef, ApplyRequest, ImportPreview, ImportRecord, ImportResult, MappingChoice, Problem, UndoResult};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use super::now;
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

#[tauri::command]
pub fn import_fields() -> Vec<FieldDef> {
    import::field_catalogue().to_vec()
}

#[tauri::command]
pub fn profiles_list(state: State<'_, AppState>) -> CmdResult<Vec<String>> {
    Ok(import::profiles(&state.store())?)
}

#[tauri::command]
pub async fn import_preview<R: Runtime>(
    app: AppHandle<R>,
    path: PathBuf,
    sheet: Option<String>,
    profile: Option<String>,
) -> CmdResult<ImportPreview> {
    // Reading a big workbook takes seconds: keep it off the main thread.
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let store = state.store();
        Ok(import::preview(&store, &path, sheet.as_deref(), profile.as_deref())?)
    })
    .await
    .map_err(|e| CommandError::internal(format!("预览失败：{e}")))?
}

#[tauri::command]
pub async fn import_apply<R: Runtime>(
    app: AppHandle<R>,
    path: PathBuf,
    sheet: Option<String>,
    mapping: Option<Vec<MappingChoice>>,
    save_profile: Option<String>,
    profile: Option<String>,
) -> CmdResult<ImportResult> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let mut store = state.store();
        let req = ApplyRequest { path, sheet, mapping, profile, save_profile };
        let emitter = app.clone();
        let result = import::apply(&mut store, &req, now(), &mut |p| {
            let _ = emitter.emit("import-progress", p);
        })?;
        Ok(result)
    })
    .await
    .map_err(|e| CommandError::internal(format!("导入失败：{e}")))?
}

#[tauri::command]
pub fn import_undo_last(state: State<'_, AppState>) -> CmdResult<UndoResult> {
    Ok(import::undo_last(&mut state.store(), now())?)
}

#[tauri::command]
pub fn imports_list(state: State<'_, AppState>) -> CmdResult<Vec<ImportRecord>> {
    Ok(import::list_imports(&state.store())?)
}

#[tauri::command]
pub fn problems_list(state: State<'_, AppState>, import_id: Option<i64>) -> CmdResult<Vec<Problem>> {
    Ok(import::problems(&state.store(), import_id)?)
}

#[tauri::command]
pub fn problems_export(state: State<'_, AppState>, path: PathBuf, import_id: Option<i64>) -> CmdResult<String> {
    let list = import::problems(&state.store(), import_id)?;
    let path = super::with_extension(path, "xlsx");
    export::problems_xlsx(&list, &path)?;
    Ok(path.display().to_string())
}
