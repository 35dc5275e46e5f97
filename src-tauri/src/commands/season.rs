//! 公示与跟踪 (issue #12): the 公示's objections, the provincial results of the recommended projects and the
//! follow-up of the projects to year end.
use saiwu_core::actions::season::{self as act, FollowUpInput};
use saiwu_core::model::{beijing, FollowUp, FollowUpKind, Objection, ObjectionOutcome, ProvincialOutcome};
use saiwu_core::season::{self, GrowthFlag, ProvincialRow};
use tauri::{AppHandle, Runtime};

use super::{now, with_store};
use crate::error::CmdResult;

#[tauri::command]
pub async fn objections_list<R: Runtime>(app: AppHandle<R>) -> CmdResult<Vec<Objection>> {
    with_store(app, move |store| Ok(season::objections(&*store)?)).await
}

/// Returns the new objection's id.
#[tauri::command]
pub async fn objection_add<R: Runtime>(app: AppHandle<R>, entry: String, from: String, received: String, content: String) -> CmdResult<i64> {
    with_store(app, move |store| Ok(act::add_objection(&mut *store, &entry, &from, &received, &content, now())?)).await
}

/// `disqualifyBy`: the operator, when an upheld objection withdraws the entry's qualification too.
#[tauri::command]
pub async fn objection_close<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    outcome: String,
    handling: String,
    disqualify_by: Option<String>,
) -> CmdResult<Objection> {
    with_store(app, move |store| {
        let outcome = ObjectionOutcome::parse(&outcome)?;
        Ok(act::close_objection(&mut *store, id, outcome, &handling, disqualify_by.as_deref(), now())?)
    })
    .await
}

#[tauri::command]
pub async fn provincial_list<R: Runtime>(app: AppHandle<R>) -> CmdResult<Vec<ProvincialRow>> {
    with_store(app, move |store| Ok(season::provincial(&*store)?)).await
}

#[tauri::command]
pub async fn provincial_set<R: Runtime>(app: AppHandle<R>, entry: String, outcome: String) -> CmdResult<()> {
    with_store(app, move |store| {
        let outcome = ProvincialOutcome::parse(&outcome)?;
        Ok(act::set_provincial(&mut *store, &entry, outcome, now())?)
    })
    .await
}

/// Every record (of one project with `entry`); with `overdue`, each project's latest record whose next
/// contact is past due today.
#[tauri::command]
pub async fn followups_list<R: Runtime>(app: AppHandle<R>, entry: Option<String>, overdue: bool) -> CmdResult<Vec<FollowUp>> {
    with_store(app, move |store| {
        let today = overdue.then(|| now().with_timezone(&beijing()).date_naive());
        Ok(season::followups(&*store, entry.as_deref().filter(|e| !e.trim().is_empty()), today)?)
    })
    .await
}

#[tauri::command]
pub async fn followup_add<R: Runtime>(
    app: AppHandle<R>,
    entry: String,
    date: String,
    kind: String,
    note: String,
    amount_wan: Option<f64>,
    next_due: Option<String>,
) -> CmdResult<i64> {
    with_store(app, move |store| {
        let kind = FollowUpKind::parse(&kind)?;
        let input = FollowUpInput { entry: &entry, date: &date, kind, note: &note, amount_wan, next_due: next_due.as_deref() };
        Ok(act::add_followup(&mut *store, &input, now())?)
    })
    .await
}

#[tauri::command]
pub async fn growth_flags_list<R: Runtime>(app: AppHandle<R>) -> CmdResult<Vec<GrowthFlag>> {
    with_store(app, move |store| Ok(season::growth_flags(&*store)?)).await
}

/// `flag` null clears the mark.
#[tauri::command]
pub async fn growth_flag_set<R: Runtime>(app: AppHandle<R>, entry: String, flag: Option<String>, reason: String) -> CmdResult<()> {
    with_store(app, move |store| Ok(act::set_growth_flag(&mut *store, &entry, flag.as_deref(), &reason, now())?)).await
}
