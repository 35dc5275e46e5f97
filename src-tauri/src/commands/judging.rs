//! 评审: panels, 回避, score keeping and sheets, ranking, advancement, the draw, the projector window.
//! Every command that changes scores emits `scores-changed` so the projector window refreshes.
use std::path::PathBuf;

use saiwu_core::judging::{self, ScoreValue};

use saiwu_core::model::{Group, Round};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use super::{now, with_store};
use crate::error::CmdResult;

fn round(r: &str) -> CmdResult<Round> {
    Ok(Round::parse(r)?)
}

fn changed<R: Runtime>(app: &AppHandle<R>, r: Round) {
    // The projector refreshes on this; a failed emit only delays it until its next poll.
    let _ = app.emit("scores-changed", r.code());
}

#[tauri::command]
pub async fn round_overview<R: Runtime>(app: AppHandle<R>, round_code: String) -> CmdResult<judging::RoundOverview> {
    with_store(app, move |store| Ok(judging::round_overview(&*store, round(&round_code)?)?)).await
}

#[tauri::command]
pub async fn panels_auto<R: Runtime>(app: AppHandle<R>, round_code: String, judges_per_panel: Option<usize>) -> CmdResult<Vec<judging::Panel>> {
    with_store(app, move |store| Ok(saiwu_core::actions::judging::auto_panels(&mut *store, round(&round_code)?, judges_per_panel, now())?)).await
}

#[tauri::command]
pub async fn panel_create<R: Runtime>(app: AppHandle<R>, round_code: String, name: String) -> CmdResult<i64> {
    with_store(app, move |store| Ok(saiwu_core::actions::judging::create_panel(&mut *store, round(&round_code)?, &name, now())?)).await
}

#[tauri::command]
pub async fn panel_delete<R: Runtime>(app: AppHandle<R>, panel_id: i64) -> CmdResult<()> {
    with_store(app, move |store| Ok(saiwu_core::actions::judging::delete_panel(&mut *store, panel_id)?)).await
}

#[tauri::command]
pub async fn panel_set_judges<R: Runtime>(app: AppHandle<R>, panel_id: i64, judge_ids: Vec<i64>) -> CmdResult<()> {
    with_store(app, move |store| Ok(saiwu_core::actions::judging::set_panel_judges(&mut *store, panel_id, &judge_ids)?)).await
}

#[tauri::command]
pub async fn panel_set_entries<R: Runtime>(app: AppHandle<R>, panel_id: i64, entries: Vec<String>) -> CmdResult<()> {
    with_store(app, move |store| Ok(saiwu_core::actions::judging::set_panel_entries(&mut *store, panel_id, &entries)?)).await
}

#[tauri::command]
pub async fn round_entries<R: Runtime>(app: AppHandle<R>, round_code: String) -> CmdResult<Vec<judging::RoundEntry>> {
    with_store(app, move |store| Ok(judging::round_entries(&*store, round(&round_code)?)?)).await
}

#[tauri::command]
pub async fn conflicts_list<R: Runtime>(app: AppHandle<R>, round_code: String, suggest: bool) -> CmdResult<Vec<judging::Conflict>> {
    with_store(app, move |store| {
        let r = round(&round_code)?;
        if suggest {
            saiwu_core::actions::judging::suggest_conflicts(&mut *store, r, now())?;
        }
        Ok(judging::conflicts(&*store, r)?)
    })
    .await
}

#[tauri::command]
pub async fn conflict_decide<R: Runtime>(app: AppHandle<R>, id: i64, confirm: bool, decided_by: String) -> CmdResult<()> {
    with_store(app.clone(), move |store| {
        saiwu_core::actions::judging::decide_conflict(&mut *store, id, confirm, &decided_by, now())?;
        let _ = app.emit("scores-changed", "conflict");
        Ok(())
    })
    .await
}

/// Dismisses several suggested 回避 at once with one reason; returns how many.
#[tauri::command]
pub async fn conflicts_dismiss<R: Runtime>(
    app: AppHandle<R>,
    round_code: String,
    ids: Vec<i64>,
    reason: String,
    decided_by: String,
) -> CmdResult<usize> {
    with_store(app.clone(), move |store| {
        let r = round(&round_code)?;
        let n = saiwu_core::actions::judging::dismiss_conflicts(&mut *store, r, &ids, &reason, &decided_by, now())?;
        changed(&app, r);
        Ok(n)
    })
    .await
}

#[tauri::command]
pub async fn conflict_declare<R: Runtime>(
    app: AppHandle<R>,
    round_code: String,
    judge_id: i64,
    entry: String,
    reason: String,
    decided_by: String,
) -> CmdResult<()> {
    with_store(app.clone(), move |store| {
        let r = round(&round_code)?;
        saiwu_core::actions::judging::declare_conflict(&mut *store, r, judge_id, &entry, &reason, &decided_by, now())?;
        changed(&app, r);
        Ok(())
    })
    .await
}

#[tauri::command]
pub async fn score_grid<R: Runtime>(app: AppHandle<R>, round_code: String, judge_id: i64, pass: u8) -> CmdResult<judging::Grid> {
    with_store(app, move |store| Ok(judging::grid(&*store, round(&round_code)?, judge_id, pass)?)).await
}

#[allow(clippy::too_many_arguments)]
#[tauri::command]
pub async fn score_set<R: Runtime>(
    app: AppHandle<R>,
    round_code: String,
    judge_id: i64,
    entry: String,
    pass: u8,
    value: ScoreValue,
    keyed_by: String,
    reason: String,
) -> CmdResult<bool> {
    with_store(app.clone(), move |store| {
        let r = round(&round_code)?;
        let changed_any = saiwu_core::actions::judging::set_score(&mut *store, r, judge_id, &entry, pass, &value, &keyed_by, &reason, now())?;
        if changed_any {
            changed(&app, r);
        }
        Ok(changed_any)
    })
    .await
}

#[tauri::command]
pub async fn score_mismatches<R: Runtime>(app: AppHandle<R>, round_code: String) -> CmdResult<Vec<judging::Mismatch>> {
    with_store(app, move |store| Ok(judging::double_entry_mismatches(&*store, round(&round_code)?)?)).await
}

#[tauri::command]
pub async fn score_log<R: Runtime>(app: AppHandle<R>, round_code: Option<String>, limit: Option<usize>) -> CmdResult<Vec<judging::LogEntry>> {
    with_store(app, move |store| {
        let r = match round_code {
            Some(c) => Some(round(&c)?),
            None => None,
        };
        Ok(judging::score_log(&*store, r, limit.unwrap_or(500))?)
    })
    .await
}

#[tauri::command]
pub async fn scores_check<R: Runtime>(app: AppHandle<R>, round_code: String, path: PathBuf) -> CmdResult<judging::ScoresImport> {
    with_store(app, move |store| Ok(judging::validate_scores_file(&*store, round(&round_code)?, &path)?)).await
}

#[tauri::command]
pub async fn scores_import<R: Runtime>(
    app: AppHandle<R>,
    round_code: String,
    path: PathBuf,
    keyed_by: String,
    overwrite: Option<bool>,
) -> CmdResult<judging::ScoresImport> {
    let r = round(&round_code)?;
    let overwrite = overwrite.unwrap_or(false);
    let result =
        with_store(app.clone(), move |store| Ok(saiwu_core::actions::judging::import_scores(store, r, &path, &keyed_by, overwrite, now())?)).await?;
    changed(&app, r);
    Ok(result)
}

#[tauri::command]
pub async fn scores_export<R: Runtime>(app: AppHandle<R>, round_code: String, path: PathBuf) -> CmdResult<String> {
    with_store(app, move |store| super::exports::run(store, "scores", path, Some(&round_code))).await
}

#[tauri::command]
pub async fn ranking<R: Runtime>(app: AppHandle<R>, round_code: String) -> CmdResult<Vec<judging::RoundGroup>> {
    with_store(app, move |store| Ok(judging::ranking(&*store, round(&round_code)?)?)).await
}

#[tauri::command]
pub async fn tie_decide<R: Runtime>(
    app: AppHandle<R>,
    round_code: String,
    group: Group,
    entries: Vec<String>,
    reason: String,
    decided_by: String,
) -> CmdResult<()> {
    with_store(app.clone(), move |store| {
        let r = round(&round_code)?;
        saiwu_core::actions::judging::decide_tie(&mut *store, r, group, &entries, &reason, &decided_by, now())?;
        changed(&app, r);
        Ok(())
    })
    .await
}

/// The round an advancement command fills: `to_round` (复赛 or 决赛), the 决赛 when not given.
fn target_round(r: Option<String>) -> CmdResult<Round> {
    r.as_deref().map(round).unwrap_or(Ok(Round::Final))
}

/// Top N per group of the previous round in force enter `to_round` (复赛 or 决赛; 决赛 when not given).
#[tauri::command]
pub async fn advance<R: Runtime>(app: AppHandle<R>, top_n: usize, decided_by: String, to_round: Option<String>) -> CmdResult<judging::AdvanceResult> {
    with_store(app, move |store| Ok(saiwu_core::actions::judging::advance_to(&mut *store, target_round(to_round)?, top_n, &decided_by, now())?)).await
}

#[tauri::command]
pub async fn advancement_list<R: Runtime>(app: AppHandle<R>, to_round: Option<String>) -> CmdResult<Vec<judging::AdvancementRow>> {
    with_store(app, move |store| Ok(judging::advancement(&*store, target_round(to_round)?)?)).await
}

#[tauri::command]
pub async fn advancement_adjust<R: Runtime>(
    app: AppHandle<R>,
    entry: String,
    included: bool,
    reason: String,
    decided_by: String,
    to_round: Option<String>,
) -> CmdResult<()> {
    with_store(app, move |store| {
        let to = target_round(to_round)?;
        Ok(saiwu_core::actions::judging::adjust_advancement_to(&mut *store, to, &entry, included, &reason, &decided_by, now())?)
    })
    .await
}

/// Draws the roadshow order; the seed is drawn here (randomness stays out of the core) and recorded.
#[tauri::command]
pub async fn draw<R: Runtime>(app: AppHandle<R>, round_code: String, group: Group, seed: Option<u64>, drawn_by: String) -> CmdResult<judging::Draw> {
    with_store(app, move |store| {
        let seed = seed.unwrap_or_else(rand::random);
        Ok(saiwu_core::actions::judging::draw(&mut *store, round(&round_code)?, group, seed, &drawn_by, now())?)
    })
    .await
}

#[tauri::command]
pub async fn draws_list<R: Runtime>(app: AppHandle<R>, round_code: String) -> CmdResult<Vec<judging::Draw>> {
    with_store(app, move |store| Ok(judging::draws(&*store, round(&round_code)?)?)).await
}

/// Opens (or focuses) the projector window: the live ranking in large type, no personal data. It goes full screen
/// on `monitor` (a name from the window's monitor list; the UI picks a second screen when there is one), else on
/// the main window's screen; Esc in the projector leaves full screen.
#[tauri::command]
pub fn projector_open<R: Runtime>(app: AppHandle<R>, round_code: String, monitor: Option<String>) -> CmdResult<()> {
    let r = round(&round_code)?;
    let target = projector_monitor(&app, monitor.as_deref());
    if let Some(w) = app.get_webview_window("projector") {
        if let Some((x, y)) = target {
            // Moving a full-screen window: leave full screen, move, enter it again on the new screen.
            let _ = w.set_fullscreen(false);
            let _ = w.set_position(tauri::LogicalPosition::new(x, y));
            let _ = w.set_fullscreen(true);
        }
        let _ = w.set_focus();
        let _ = app.emit("projector-round", r.code());
        return Ok(());
    }
    let url = tauri::WebviewUrl::App(format!("index.html#/projector?round={}", r.code()).into());
    let mut builder = tauri::WebviewWindowBuilder::new(&app, "projector", url).title("创客大赛 实时排名").inner_size(1280.0, 800.0);
    if let Some((x, y)) = target {
        builder = builder.position(x, y);
    }
    builder.fullscreen(true).build().map_err(|e| saiwu_core::CoreError::precondition(format!("无法打开投屏窗口：{e}")))?;
    Ok(())
}

/// The top-left corner (logical pixels) of the screen the projector should fill: the named monitor, else the one
/// the main window is on; None when the system lists no monitors (the window opens where the system puts it).
fn projector_monitor<R: Runtime>(app: &AppHandle<R>, name: Option<&str>) -> Option<(f64, f64)> {
    let monitors = app.available_monitors().unwrap_or_default();
    let named = name.and_then(|n| monitors.iter().find(|m| m.name().is_some_and(|x| x.as_str() == n)).cloned());
    let chosen = named.or_else(|| app.get_webview_window("main").and_then(|w| w.current_monitor().ok().flatten()))?;
    let p = chosen.position().to_logical::<f64>(chosen.scale_factor());
    Some((p.x, p.y))
}

/// Writes the per-judge score sheets of one panel (the whole round while it has no panels) as a PDF.
#[tauri::command]
pub async fn score_sheets_pdf<R: Runtime>(app: AppHandle<R>, round_code: String, panel_name: Option<String>, path: PathBuf) -> CmdResult<String> {
    with_store(app, move |store| {
        let bytes = judging::score_sheets_pdf(&*store, round(&round_code)?, panel_name.as_deref())?;
        let path = super::with_extension(path, "pdf");
        std::fs::write(&path, bytes).map_err(saiwu_core::CoreError::from)?;
        Ok(path.display().to_string())
    })
    .await
}

/// Writes the printable roadshow order of a recorded draw.
#[tauri::command]
pub async fn order_sheet_pdf<R: Runtime>(app: AppHandle<R>, round_code: String, draw_id: i64, path: PathBuf) -> CmdResult<String> {
    with_store(app, move |store| {
        let bytes = judging::order_sheet_pdf(&*store, round(&round_code)?, draw_id)?;
        let path = super::with_extension(path, "pdf");
        std::fs::write(&path, bytes).map_err(saiwu_core::CoreError::from)?;
        Ok(path.display().to_string())
    })
    .await
}

/// Advisory leniency diagnostics per group: each judge's mean and spread, and the order under
/// plain mean, trimmed mean and per-judge z-scores side by side.
#[tauri::command]
pub async fn leniency<R: Runtime>(app: AppHandle<R>, round_code: String) -> CmdResult<Vec<judging::GroupLeniency>> {
    with_store(app, move |store| Ok(judging::leniency(&*store, round(&round_code)?)?)).await
}
