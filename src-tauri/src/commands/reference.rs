use std::path::PathBuf;

use saiwu_core::reference::{self, RefImportResult, RefKind, RefStatus};
use tauri::State;

use super::now;
use crate::error::CmdResult;
use crate::state::AppState;

/// Each reference list: imported or not, how many rows, from which file.
#[tauri::command]
pub fn reference_status(state: State<'_, AppState>) -> CmdResult<Vec<RefStatus>> {
    Ok(reference::status(&state.store())?)
}

/// Imports a reference list (`kind`: provincial-winners | dishonesty | other-awards | recommendations),
/// replacing the previous list of that kind.
#[tauri::command]
pub fn reference_import(state: State<'_, AppState>, kind: String, path: PathBuf) -> CmdResult<RefImportResult> {
    let kind = RefKind::parse(&kind)?;
    Ok(reference::import(&mut state.store(), kind, &path, now())?)
}
