use std::path::PathBuf;

use saiwu_core::{settings, store::SCHEMA_VERSION, Store};
use serde::Serialize;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[derive(Serialize)]
pub struct ContestInfo {
    pub db_path: String,
    pub contest_name: String,
    pub schema_version: i64,
}

fn info(store: &Store) -> CmdResult<ContestInfo> {
    Ok(ContestInfo { db_path: store.path().display().to_string(), contest_name: settings::load(store)?.contest_name, schema_version: SCHEMA_VERSION })
}

#[tauri::command]
pub fn contest_current(state: State<'_, AppState>) -> CmdResult<ContestInfo> {
    info(&state.store())
}

#[tauri::command]
pub fn contest_open(state: State<'_, AppState>, path: PathBuf) -> CmdResult<ContestInfo> {
    let store = Store::open_existing(&path)?;
    let i = info(&store)?;
    state.replace(store);
    Ok(i)
}

#[tauri::command]
pub fn contest_create(state: State<'_, AppState>, path: PathBuf) -> CmdResult<ContestInfo> {
    let store = Store::create_new(&path)?;
    let i = info(&store)?;
    state.replace(store);
    Ok(i)
}
