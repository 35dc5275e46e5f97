use std::path::PathBuf;

use saiwu_core::import::MappingChoice;
use saiwu_core::reference::{self, RefImportOptions, RefImportResult, RefKind, RefPreview, RefStatus};
use tauri::{AppHandle, Runtime};

use super::{now, with_store};
use crate::error::{CmdResult, CommandError};

/// Each reference list: imported or not, how many rows, from which file (judges: how many judges).
#[tauri::command]
pub async fn reference_status<R: Runtime>(app: AppHandle<R>) -> CmdResult<Vec<RefStatus>> {
    with_store(app, move |store| Ok(reference::status(&*store)?)).await
}

/// How a list file would be read: sheet, header row, each column's automatic field and samples, the
/// kind's fields, the first rows and the problems. Changes nothing (and needs no contest file).
#[tauri::command]
pub async fn reference_preview(kind: String, path: PathBuf, sheet: Option<String>) -> CmdResult<RefPreview> {
    let kind = RefKind::parse(&kind)?;
    tauri::async_runtime::spawn_blocking(move || Ok(reference::preview(kind, &path, sheet.as_deref())?))
        .await
        .map_err(|e| CommandError::internal(format!("预览失败：{e}")))?
}

/// Imports a reference list (`kind`: provincial-winners | dishonesty | other-awards | recommendations |
/// judges). The four rule lists replace that kind's previous list; judges are upserted. `sheet`,
/// `header_row` (1-based) and `mapping` (as import_apply's: `[{ index, field }]`, null fields and
/// unlisted columns not imported) override the automatic choices; `append` adds the rows to a rule list
/// instead of replacing it (rows already in it are not added twice).
#[tauri::command]
pub async fn reference_import<R: Runtime>(
    app: AppHandle<R>,
    kind: String,
    path: PathBuf,
    sheet: Option<String>,
    header_row: Option<usize>,
    mapping: Option<Vec<MappingChoice>>,
    append: Option<bool>,
) -> CmdResult<RefImportResult> {
    let kind = RefKind::parse(&kind)?;
    let options = RefImportOptions {
        sheet,
        header_row,
        mapping: mapping.map(|m| m.into_iter().filter_map(|c| c.field.map(|f| (c.index, f))).collect()),
        append: append.unwrap_or(false),
    };
    with_store(app, move |store| Ok(saiwu_core::actions::reference::import_with(store, kind, &path, &options, now())?)).await
}
