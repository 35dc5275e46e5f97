use std::path::PathBuf;

use saiwu_core::actions::contest::{self, ContestInfo, NewContest};
use serde::Serialize;
use tauri::{AppHandle, Runtime};

use super::{with_state, with_store};
use crate::error::CmdResult;
use crate::recent::RecentContest;
use crate::state::{self, AppState, StartupProblem};

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
        Ok(make_current(state, store)?)
    })
    .await
}

#[tauri::command]
pub async fn contest_create<R: Runtime>(app: AppHandle<R>, path: PathBuf) -> CmdResult<ContestInfo> {
    with_state(app, move |state| Ok(make_current(state, contest::create(&path)?)?)).await
}

/// Makes `store` the open contest and the newest recent file.
fn make_current(state: &AppState, store: saiwu_core::Store) -> CmdResult<ContestInfo> {
    let i = info(&store)?;
    state::remember(state.data_dir(), &store);
    state.replace(store);
    Ok(i)
}

/// What the welcome page's 新建赛事 form starts with: the notice's name, edition, year and city.
#[tauri::command]
pub fn contest_defaults() -> NewContest {
    NewContest::default()
}

/// 新建赛事 from the welcome page: a new file at `path` with what was typed and the notice's other defaults.
#[tauri::command]
pub async fn contest_new<R: Runtime>(app: AppHandle<R>, path: PathBuf, contest: NewContest) -> CmdResult<ContestInfo> {
    with_state(app, move |state| {
        let path = super::with_extension(path, "sqlite");
        Ok(make_current(state, contest::create_with(&path, &contest, crate::commands::now())?)?)
    })
    .await
}

/// The demo contest's source files, from `fixtures/` (the same ones `scripts/demo.sh` imports), inside
/// the program so an installed app has them too.
const DEMO_ENTRIES: &[u8] = include_bytes!("../../../fixtures/generated/export_v1.xlsx");
const DEMO_JUDGES: &[u8] = include_bytes!("../../../fixtures/handmade/judges.xlsx");
/// The demo contest's file in the data folder.
pub const DEMO_FILE: &str = "演示赛事.sqlite";

/// 打开演示赛事: `<data dir>/演示赛事.sqlite`, built on first use from the bundled fixtures (entries,
/// judges, preliminary panels), then reopened as it was left.
#[tauri::command]
pub async fn contest_demo<R: Runtime>(app: AppHandle<R>) -> CmdResult<ContestInfo> {
    with_state(app, move |state| {
        let path = state.data_dir().join(DEMO_FILE);
        if path.is_file() {
            let mut store = contest::open_existing(&path)?;
            contest::bring_current(&mut store, crate::commands::now())?;
            return make_current(state, store);
        }
        let src = state.data_dir().join("demo-source");
        let io = |e: std::io::Error| crate::error::CommandError::internal(format!("无法在数据文件夹 {} 中准备演示数据：{e}", src.display()));
        std::fs::create_dir_all(&src).map_err(io)?;
        let (entries, judges) = (src.join("报名表.xlsx"), src.join("评委名单.xlsx"));
        std::fs::write(&entries, DEMO_ENTRIES).map_err(io)?;
        std::fs::write(&judges, DEMO_JUDGES).map_err(io)?;
        let built = contest::build_demo(&path, &entries, &judges, crate::commands::now());
        let _ = std::fs::remove_dir_all(&src);
        match built {
            Ok(store) => make_current(state, store),
            Err(e) => {
                // A half-built demo would be reopened as it is next time: remove it so the next try starts
                // clean (never a file that was there before: that is refused as STORE_EXISTS).
                if e.code() != "STORE_EXISTS" {
                    for suffix in ["", "-wal", "-shm"] {
                        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                    }
                }
                Err(e.into())
            }
        }
    })
    .await
}

/// The recent contest files for the welcome page, newest first, missing ones marked.
#[tauri::command]
pub async fn recent_list<R: Runtime>(app: AppHandle<R>) -> CmdResult<Vec<RecentContest>> {
    with_state(app, move |state| Ok(crate::recent::recent(state.data_dir()))).await
}

/// 移除 one file from the recent list (the file itself is not touched); returns the new list.
#[tauri::command]
pub async fn recent_forget<R: Runtime>(app: AppHandle<R>, path: String) -> CmdResult<Vec<RecentContest>> {
    with_state(app, move |state| {
        crate::recent::forget(state.data_dir(), &path).map_err(|e| {
            crate::error::CommandError::internal(format!("无法保存最近的赛事文件列表（数据文件夹 {}）：{e}", state.data_dir().display()))
        })?;
        Ok(crate::recent::recent(state.data_dir()))
    })
    .await
}

/// A command that touches no store and runs on the main thread: it answers at once even while an
/// import holds the contest, which the window tests use to prove nothing waits on the store lock.
#[tauri::command]
pub fn app_ping() -> &'static str {
    "pong"
}
