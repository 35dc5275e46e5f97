use std::path::PathBuf;

use saiwu_core::actions::contest::{self, ContestInfo};
use serde::Serialize;
use tauri::{AppHandle, Runtime};

use super::{with_state, with_store};
use crate::error::CmdResult;
use crate::state::StartupProblem;

fn info(store: &saiwu_core::Store) -> CmdResult<ContestInfo> {
    Ok(contest::info(store)?)
}

/// What the window shows first: the open contest, or none and why (the file and the core's message).
#[derive(Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ContestStatus {
    pub contest: Option<ContestInfo>,
    pub problem: Option<StartupProblem>,
    pub data_dir: String,
}

#[tauri::command]
pub async fn contest_current<R: Runtime>(app: AppHandle<R>) -> CmdResult<ContestInfo> {
    with_store(app, move |store| info(store)).await
}

#[tauri::command]
pub async fn contest_status<R: Runtime>(app: AppHandle<R>) -> CmdResult<ContestStatus> {
    with_state(app, move |state| {
        // The store is locked once: NO_CONTEST is the one error `store()` gives.
        let contest = match state.store() {
            Ok(store) => Some(info(&store)?),
            Err(_) => None,
        };
        Ok(ContestStatus { contest, problem: state.problem(), data_dir: state.data_dir().display().to_string() })
    })
    .await
}

#[tauri::command]
pub async fn contest_open<R: Runtime>(app: AppHandle<R>, path: PathBuf) -> CmdResult<ContestInfo> {
    with_state(app, move |state| {
        let mut store = contest::open_existing(&path)?;
        contest::bring_current(&mut store, crate::commands::now())?;
        let i = info(&store)?;
        state.replace(store);
        Ok(i)
    })
    .await
}

#[tauri::command]
pub async fn contest_create<R: Runtime>(app: AppHandle<R>, path: PathBuf) -> CmdResult<ContestInfo> {
    with_state(app, move |state| {
        let store = contest::create(&path)?;
        let i = info(&store)?;
        state.replace(store);
        Ok(i)
    })
    .await
}

/// A command that touches no store and runs on the main thread: it answers at once even while an
/// import holds the contest, which the window tests use to prove nothing waits on the store lock.
#[tauri::command]
pub fn app_ping() -> &'static str {
    "pong"
}
