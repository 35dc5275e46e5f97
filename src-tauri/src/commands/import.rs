use std::path::PathBuf;

use saiwu_core::import::{self, fields::FieldDef, ApplyRequest, ImportPreview, ImportRecord, ImportResult, MappingChoice, UndoResult};
use saiwu_core::model::Problem;
use saiwu_core::{actions, export};
use tauri::{AppHandle, Emitter, Runtime};

use super::{now, with_store};
use crate::error::CmdResult;

#[tauri::command]
pub fn import_fields() -> Vec<FieldDef> {
    import::field_catalogue().to_vec()
}

#[tauri::command]
pub async fn profiles_list<R: Runtime>(app: AppHandle<R>) -> CmdResult<Vec<String>> {
    with_store(app, move |store| Ok(import::profiles(&*store)?)).await
}

#[tauri::command]
pub async fn import_preview<R: Runtime>(
    app: AppHandle<R>,
    path: PathBuf,
    sheet: Option<String>,
    profile: Option<String>,
) -> CmdResult<ImportPreview> {
    // Reading a big workbook takes seconds: keep it off the main thread.
    with_store(app, move |store| Ok(import::preview(store, &path, sheet.as_deref(), profile.as_deref())?)).await
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
    let emitter = app.clone();
    with_store(app, move |store| {
        let req = ApplyRequest { path, sheet, mapping, profile, save_profile };
        let result = actions::import::apply(store, &req, now(), &mut |p| {
            let _ = emitter.emit("import-progress", p);
        })?;
        Ok(result)
    })
    .await
}

#[tauri::command]
pub async fn import_undo_last<R: Runtime>(app: AppHandle<R>) -> CmdResult<UndoResult> {
    with_store(app, move |store| Ok(actions::import::undo_last(&mut *store, now())?)).await
}

#[tauri::command]
pub async fn imports_list<R: Runtime>(app: AppHandle<R>) -> CmdResult<Vec<ImportRecord>> {
    with_store(app, move |store| Ok(import::list_imports(&*store)?)).await
}

#[tauri::command]
pub async fn problems_list<R: Runtime>(app: AppHandle<R>, import_id: Option<i64>) -> CmdResult<Vec<Problem>> {
    with_store(app, move |store| Ok(import::problems(&*store, import_id)?)).await
}

#[tauri::command]
pub async fn problems_export<R: Runtime>(app: AppHandle<R>, path: PathBuf, import_id: Option<i64>) -> CmdResult<String> {
    with_store(app, move |store| {
        let list = import::problems(&*store, import_id)?;
        let path = super::with_extension(path, "xlsx");
        export::problems_xlsx(&list, &path)?;
        Ok(path.display().to_string())
    })
    .await
}
