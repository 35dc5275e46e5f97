//! 评审: panels, 回避, score keeping and sheets, ranking, advancement, the draw, the projector window.
//! Every command that changes scores emits `scores-changed` so the projector window refreshes.
use std::path::PathBuf;

use saiwu_core::judging::{self, Round, ScoreValue};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use super::now;
use crate::error::CmdResult;
use crate::state::AppState;

fn round(r: &str) -> CmdResult<Round> {
    Ok(Round::parse(r)?)
}

fn changed<R: Runtime>(app: &AppHandle<R>, r: Round) {
    // The projector refreshes on this; a failed emit only delays it until its next poll.
    let _ = app.emit("scores-changed", r.code());
}

#[derive(Serialize)]
pub struct RoundOverview {
    pub round: Round,
    pub label: String,
    pub entries: usize,
    pub panels: Vec<judging::Panel>,
    pub judges: usize,
    pub conflicts_open: usize,
    pub mismatches: usize,
}

#[tauri::command]
pub fn round_overview(state: State<'_, AppState>, round_code: String) -> CmdResult<RoundOverview> {
    let r = round(&round_code)?;
    let store = state.store();
    let entries = judging::round_entries(&store, r)?.len();
    let panels = judging::panels(&store, r)?;
    let judges: i64 =
        store.conn().query_row("SELECT count(*) FROM judges WHERE active = 1", [], |x| x.get(0)).map_err(saiwu_core::CoreError::from)?;
    let conflicts_open = judging::conflicts(&store, r)?.iter().filter(|c| c.status == "suggested").count();
    let mismatches = judging::double_entry_mismatches(&store, r)?.len();
    Ok(RoundOverview { round: r, label: r.label().into(), entries, panels, judges: judges as usize, conflicts_open, mismatches })
}

#[tauri::command]
pub fn panels_auto(state: State<'_, AppState>, round_code: String) -> CmdResult<Vec<judging::Panel>> {
    Ok(judging::auto_panels(&mut state.store(), round(&round_code)?, now())?)
}

#[tauri::command]
pub fn panel_create(state: State<'_, AppState>, round_code: String, name: String) -> CmdResult<i64> {
    Ok(judging::create_panel(&mut state.store(), round(&round_code)?, &name, now())?)
}

#[tauri::command]
pub fn panel_delete(state: State<'_, AppState>, panel_id: i64) -> CmdResult<()> {
    Ok(judging::delete_panel(&mut state.store(), panel_id)?)
}

#[tauri::command]
pub fn panel_set_judges(state: State<'_, AppState>, panel_id: i64, judge_ids: Vec<i64>) -> CmdResult<()> {
    Ok(judging::set_panel_judges(&mut state.store(), panel_id, &judge_ids)?)
}

#[tauri::command]
pub fn panel_set_entries(state: State<'_, AppState>, panel_id: i64, entries: Vec<String>) -> CmdResult<()> {
    Ok(judging::set_panel_entries(&mut state.store(), panel_id, &entries)?)
}

#[tauri::command]
pub fn round_entries(state: State<'_, AppState>, round_code: String) -> CmdResult<Vec<judging::RoundEntry>> {
    Ok(judging::round_entries(&state.store(), round(&round_code)?)?)
}

#[tauri::command]
pub fn conflicts_list(state: State<'_, AppState>, round_code: String, suggest: bool) -> CmdResult<Vec<judging::Conflict>> {
    let r = round(&round_code)?;
    let mut store = state.store();
    if suggest {
        judging::suggest_conflicts(&mut store, r, now())?;
    }
    Ok(judging::conflicts(&store, r)?)
}

#[tauri::command]
pub fn conflict_decide<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, id: i64, confirm: bool, decided_by: String) -> CmdResult<()> {
    judging::decide_conflict(&mut state.store(), id, confirm, &decided_by, now())?;
    let _ = app.emit("scores-changed", "conflict");
    Ok(())
}

#[tauri::command]
pub fn conflict_declare<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    round_code: String,
    judge_id: i64,
    entry: String,
    reason: String,
    decided_by: String,
) -> CmdResult<()> {
    let r = round(&round_code)?;
    judging::declare_conflict(&mut state.store(), r, judge_id, &entry, &reason, &decided_by, now())?;
    changed(&app, r);
    Ok(())
}

#[tauri::command]
pub fn score_grid(state: State<'_, AppState>, round_code: String, judge_id: i64, pass: u8) -> CmdResult<judging::Grid> {
    Ok(judging::grid(&state.store(), round(&round_code)?, judge_id, pass)?)
}

#[allow(clippy::too_many_arguments)]
#[tauri::command]
pub fn score_set<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    round_code: String,
    judge_id: i64,
    entry: String,
    pass: u8,
    value: ScoreValue,
    keyed_by: String,
    reason: String,
) -> CmdResult<bool> {
    let r = round(&round_code)?;
    let changed_any = judging::set_score(&mut state.store(), r, judge_id, &entry, pass, &value, &keyed_by, &reason, now())?;
    if changed_any {
        changed(&app, r);
    }
    Ok(changed_any)
}

#[tauri::command]
pub fn score_mismatches(state: State<'_, AppState>, round_code: String) -> CmdResult<Vec<judging::Mismatch>> {
    Ok(judging::double_entry_mismatches(&state.store(), round(&round_code)?)?)
}

#[tauri::command]
pub fn score_log(state: State<'_, AppState>, round_code: Option<String>, limit: Option<usize>) -> CmdResult<Vec<judging::LogEntry>> {
    let r = match round_code {
        Some(c) => Some(round(&c)?),
        None => None,
    };
    Ok(judging::score_log(&state.store(), r, limit.unwrap_or(500))?)
}

#[tauri::command]
pub fn scores_check(state: State<'_, AppState>, round_code: String, path: PathBuf) -> CmdResult<judging::ScoresImport> {
    Ok(judging::validate_scores_file(&state.store(), round(&round_code)?, &path)?)
}

#[tauri::command]
pub async fn scores_import<R: Runtime>(app: AppHandle<R>, round_code: String, path: PathBuf, keyed_by: String) -> CmdResult<judging::ScoresImport> {
    let r = round(&round_code)?;
    let app2 = app.clone();
    let result = tauri::async_runtime::spawn_blocking(move || {
        let state = app2.state::<AppState>();
        let mut store = state.store();
        judging::import_scores(&mut store, r, &path, &keyed_by, now())
    })
    .await
    .map_err(|e| saiwu_core::CoreError::Invalid(format!("导入评分表时出错：{e}")))??;
    changed(&app, r);
    Ok(result)
}

#[tauri::command]
pub fn scores_export(state: State<'_, AppState>, round_code: String, path: PathBuf) -> CmdResult<String> {
    let path = super::with_extension(path, "xlsx");
    judging::export_score_workbook(&state.store(), round(&round_code)?, &path)?;
    Ok(path.display().to_string())
}

#[tauri::command]
pub fn ranking(state: State<'_, AppState>, round_code: String) -> CmdResult<Vec<judging::RoundGroup>> {
    Ok(judging::ranking(&state.store(), round(&round_code)?)?)
}

#[tauri::command]
pub fn tie_decide<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    round_code: String,
    group: String,
    entries: Vec<String>,
    reason: String,
    decided_by: String,
) -> CmdResult<()> {
    let r = round(&round_code)?;
    judging::decide_tie(&mut state.store(), r, &group, &entries, &reason, &decided_by, now())?;
    changed(&app, r);
    Ok(())
}

#[tauri::command]
pub fn advance(state: State<'_, AppState>, top_n: usize, decided_by: String) -> CmdResult<judging::AdvanceResult> {
    Ok(judging::advance(&mut state.store(), top_n, &decided_by, now())?)
}

#[tauri::command]
pub fn advancement_list(state: State<'_, AppState>) -> CmdResult<Vec<judging::AdvancementRow>> {
    Ok(judging::advancement(&state.store())?)
}

#[tauri::command]
pub fn advancement_adjust(state: State<'_, AppState>, entry: String, included: bool, reason: String, decided_by: String) -> CmdResult<()> {
    Ok(judging::adjust_advancement(&mut state.store(), &entry, included, &reason, &decided_by, now())?)
}

/// Draws the roadshow order; the seed is drawn here (randomness stays out of the core) and recorded.
#[tauri::command]
pub fn draw(state: State<'_, AppState>, round_code: String, group: String, seed: Option<u64>, drawn_by: String) -> CmdResult<judging::Draw> {
    let seed = seed.unwrap_or_else(rand::random);
    Ok(judging::draw(&mut state.store(), round(&round_code)?, &group, seed, &drawn_by, now())?)
}

#[tauri::command]
pub fn draws_list(state: State<'_, AppState>, round_code: String) -> CmdResult<Vec<judging::Draw>> {
    Ok(judging::draws(&state.store(), round(&round_code)?)?)
}

/// Opens (or focuses) the projector window: the live ranking in large type, no personal data.
#[tauri::command]
pub fn projector_open<R: Runtime>(app: AppHandle<R>, round_code: String) -> CmdResult<()> {
    let r = round(&round_code)?;
    if let Some(w) = app.get_webview_window("projector") {
        let _ = w.set_focus();
        let _ = app.emit("projector-round", r.code());
        return Ok(());
    }
    let url = tauri::WebviewUrl::App(format!("index.html#/projector?round={}", r.code()).into());
    tauri::WebviewWindowBuilder::new(&app, "projector", url)
        .title("创客大赛 实时排名")
        .inner_size(1280.0, 800.0)
        .build()
        .map_err(|e| saiwu_core::CoreError::Invalid(format!("无法打开投屏窗口：{e}")))?;
    Ok(())
}

/// Writes the per-judge score sheets of one panel (the whole round while it has no panels) as a PDF.
#[tauri::command]
pub fn score_sheets_pdf(state: State<'_, AppState>, round_code: String, panel_name: Option<String>, path: PathBuf) -> CmdResult<String> {
    let bytes = judging::score_sheets_pdf(&state.store(), round(&round_code)?, panel_name.as_deref())?;
    let path = super::with_extension(path, "pdf");
    std::fs::write(&path, bytes).map_err(saiwu_core::CoreError::from)?;
    Ok(path.display().to_string())
}

/// Writes the printable roadshow order of a recorded draw.
#[tauri::command]
pub fn order_sheet_pdf(state: State<'_, AppState>, round_code: String, draw_id: i64, path: PathBuf) -> CmdResult<String> {
    let bytes = judging::order_sheet_pdf(&state.store(), round(&round_code)?, draw_id)?;
    let path = super::with_extension(path, "pdf");
    std::fs::write(&path, bytes).map_err(saiwu_core::CoreError::from)?;
    Ok(path.display().to_string())
}

/// Advisory leniency diagnostics per group: each judge's mean and spread, and the order under
/// plain mean, trimmed mean and per-judge z-scores side by side.
#[tauri::command]
pub fn leniency(state: State<'_, AppState>, round_code: String) -> CmdResult<Vec<judging::GroupLeniency>> {
    Ok(judging::leniency(&state.store(), round(&round_code)?)?)
}

/// Writes the ranking of a round (排名表, one sheet per group); returns the path.
#[tauri::command]
pub fn ranking_export(state: State<'_, AppState>, round_code: String, path: PathBuf) -> CmdResult<String> {
    let path = super::with_extension(path, "xlsx");
    judging::ranking_xlsx(&state.store(), round(&round_code)?, &path)?;
    Ok(path.display().to_string())
}
