use saiwu_core::model::Verdict;
use saiwu_core::screening::{self, EntryVerdict};
use serde::Serialize;
use tauri::{AppHandle, Runtime};

use super::{now, with_store};
use crate::error::{CmdResult, CommandError};

#[derive(Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ScreeningCounts {
    pub total: usize,
    pub eligible: usize,
    pub ineligible: usize,
    pub review: usize,
    pub decided: usize,
    pub needs_reconfirmation: usize,
}

#[derive(Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ScreeningOverview {
    pub counts: ScreeningCounts,
    /// Contest-level warnings such as "R09 未检查：未导入失信名单（240 个项目）".
    pub unchecked: Vec<String>,
    pub verdicts: Vec<EntryVerdict>,
    /// The latest stored screening run (after the last import, undo, list or settings change).
    pub last_run: Option<screening::Run>,
}

#[tauri::command]
pub async fn screening_list<R: Runtime>(app: AppHandle<R>) -> CmdResult<ScreeningOverview> {
    with_store(app, move |store| {
        let verdicts = screening::check(&*store)?;
        let n = |v: Verdict| verdicts.iter().filter(|e| e.verdict == v).count();
        let counts = ScreeningCounts {
            total: verdicts.len(),
            eligible: n(Verdict::Eligible),
            ineligible: n(Verdict::Ineligible),
            review: n(Verdict::Review),
            decided: verdicts.iter().filter(|e| e.decided_by_person).count(),
            needs_reconfirmation: verdicts.iter().filter(|e| e.needs_reconfirmation).count(),
        };
        let last_run = screening::runs(&*store, 1)?.into_iter().next();
        Ok(ScreeningOverview { counts, unchecked: screening::unchecked_summary(&verdicts), verdicts, last_run })
    })
    .await
}

/// How an entry's automatic verdict and findings changed, run by run (oldest first).
#[tauri::command]
pub async fn screening_history<R: Runtime>(app: AppHandle<R>, project_no: String) -> CmdResult<Vec<screening::HistoryItem>> {
    with_store(app, move |store| Ok(screening::history(&*store, &project_no)?)).await
}

/// A person's decision: `verdict` is "eligible" or "ineligible"; a reason is required.
#[tauri::command]
pub async fn screening_decide<R: Runtime>(
    app: AppHandle<R>,
    project_no: String,
    verdict: String,
    reason: String,
    decided_by: String,
) -> CmdResult<()> {
    with_store(app, move |store| {
        let v = match verdict.as_str() {
            "eligible" => Verdict::Eligible,
            "ineligible" => Verdict::Ineligible,
            other => {
                return Err(CommandError(saiwu_core::ErrorPayload::new(saiwu_core::ErrorCode::InvalidInput, format!("未知的审核结论“{other}”。"))))
            }
        };
        Ok(saiwu_core::actions::screening::decide(&mut *store, &project_no, v, &reason, &decided_by, now())?)
    })
    .await
}

/// Writes the eligibility report (xlsx) and returns the written path.
#[tauri::command]
pub async fn eligibility_export<R: Runtime>(app: AppHandle<R>, path: std::path::PathBuf) -> CmdResult<String> {
    with_store(app, move |store| super::exports::run(store, "eligibility", path, None)).await
}

/// 取消资格 at any stage, with a reason (leaves the rounds; a frozen award is withdrawn by amendment).
#[tauri::command]
pub async fn entry_disqualify<R: Runtime>(app: AppHandle<R>, project_no: String, reason: String, decided_by: String) -> CmdResult<()> {
    with_store(app, move |store| Ok(saiwu_core::actions::screening::disqualify(&mut *store, &project_no, &reason, &decided_by, now())?)).await
}
