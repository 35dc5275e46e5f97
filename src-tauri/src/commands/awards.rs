//! 获奖与推荐: the award list, the committee's freeze and amendments, the provincial recommendation,
//! 优秀组织单位 (the committee's lists are written through the export registry: commands/exports.rs).
use saiwu_core::awards::{self, Level};
use tauri::{AppHandle, Runtime};

use super::{now, with_store};
use crate::error::CmdResult;

#[tauri::command]
pub async fn awards_list<R: Runtime>(app: AppHandle<R>) -> CmdResult<awards::AwardList> {
    with_store(app, move |store| Ok(awards::awards(&*store)?)).await
}

/// Locks the list; returns its content hash.
#[tauri::command]
pub async fn awards_freeze<R: Runtime>(app: AppHandle<R>, frozen_by: String, override_reason: Option<String>) -> CmdResult<String> {
    with_store(app, move |store| Ok(saiwu_core::actions::awards::freeze(&mut *store, &frozen_by, override_reason.as_deref(), now())?)).await
}

/// After the freeze: `level` null withdraws the award.
#[tauri::command]
pub async fn awards_amend<R: Runtime>(app: AppHandle<R>, entry: String, level: Option<String>, reason: String, amended_by: String) -> CmdResult<()> {
    with_store(app, move |store| {
        let level = match level.as_deref() {
            Some(l) if !l.is_empty() => Some(Level::parse(l)?),
            _ => None,
        };
        Ok(saiwu_core::actions::awards::amend(&mut *store, &entry, level, &reason, &amended_by, now())?)
    })
    .await
}

#[tauri::command]
pub async fn recommendation_list<R: Runtime>(app: AppHandle<R>) -> CmdResult<awards::Recommendation> {
    with_store(app, move |store| Ok(awards::recommendation(&*store)?)).await
}

#[tauri::command]
pub async fn recommendation_set<R: Runtime>(app: AppHandle<R>, entry: String, included: bool, reason: String, decided_by: String) -> CmdResult<()> {
    with_store(app, move |store| Ok(saiwu_core::actions::awards::set_recommendation(&mut *store, &entry, included, &reason, &decided_by, now())?))
        .await
}

#[tauri::command]
pub async fn units_stats<R: Runtime>(app: AppHandle<R>) -> CmdResult<Vec<awards::UnitStats>> {
    with_store(app, move |store| Ok(awards::unit_stats(&*store)?)).await
}

#[tauri::command]
pub async fn unit_choose<R: Runtime>(app: AppHandle<R>, unit: String, chosen: bool, reason: String, decided_by: String) -> CmdResult<()> {
    with_store(app, move |store| Ok(saiwu_core::actions::awards::choose_unit(&mut *store, &unit, chosen, &reason, &decided_by, now())?)).await
}
