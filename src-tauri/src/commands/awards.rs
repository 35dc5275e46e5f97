//! 获奖与推荐: the award list, the committee's freeze and amendments, the provincial recommendation,
//! 优秀组织单位, and the committee's lists (xlsx and PDF) written where the user chose.
use std::path::PathBuf;

use saiwu_core::awards::{self, Level};
use tauri::State;

use super::now;
use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub fn awards_list(state: State<'_, AppState>) -> CmdResult<awards::AwardList> {
    Ok(awards::awards(&state.store())?)
}

/// Locks the list; returns its content hash.
#[tauri::command]
pub fn awards_freeze(state: State<'_, AppState>, frozen_by: String) -> CmdResult<String> {
    Ok(awards::freeze(&mut state.store(), &frozen_by, now())?)
}

/// After the freeze: `level` null withdraws the award.
#[tauri::command]
pub fn awards_amend(state: State<'_, AppState>, entry: String, level: Option<String>, reason: String, amended_by: String) -> CmdResult<()> {
    let level = match level.as_deref() {
        Some(l) if !l.is_empty() => Some(Level::parse(l)?),
        _ => None,
    };
    Ok(awards::amend(&mut state.store(), &entry, level, &reason, &amended_by, now())?)
}

#[tauri::command]
pub fn recommendation_list(state: State<'_, AppState>) -> CmdResult<awards::Recommendation> {
    Ok(awards::recommendation(&state.store())?)
}

#[tauri::command]
pub fn recommendation_set(state: State<'_, AppState>, entry: String, included: bool, reason: String, decided_by: String) -> CmdResult<()> {
    Ok(awards::set_recommendation(&mut state.store(), &entry, included, &reason, &decided_by, now())?)
}

#[tauri::command]
pub fn units_stats(state: State<'_, AppState>) -> CmdResult<Vec<awards::UnitStats>> {
    Ok(awards::unit_stats(&state.store())?)
}

#[tauri::command]
pub fn unit_choose(state: State<'_, AppState>, unit: String, chosen: bool, reason: String, decided_by: String) -> CmdResult<()> {
    Ok(awards::choose_unit(&mut state.store(), &unit, chosen, &reason, &decided_by, now())?)
}

/// Writes one of the committee's lists. `kind`: awards | publicity | recommendation | units (xlsx),
/// publicity-pdf | recommendation-pdf | signoff-pdf (PDF). Returns the written path.
#[tauri::command]
pub fn awards_export(state: State<'_, AppState>, kind: String, path: PathBuf) -> CmdResult<String> {
    let store = state.store();
    let written = match kind.as_str() {
        "awards" => {
            let p = super::with_extension(path, "xlsx");
            awards::awards_xlsx(&store, &p)?;
            p
        }
        "publicity" => {
            let p = super::with_extension(path, "xlsx");
            awards::publicity_xlsx(&store, &p)?;
            p
        }
        "recommendation" => {
            let p = super::with_extension(path, "xlsx");
            awards::recommendation_xlsx(&store, &p)?;
            p
        }
        "units" => {
            let p = super::with_extension(path, "xlsx");
            awards::units_xlsx(&store, &p)?;
            p
        }
        "publicity-pdf" | "recommendation-pdf" | "signoff-pdf" => {
            let bytes = match kind.as_str() {
                "publicity-pdf" => awards::publicity_pdf(&store)?,
                "recommendation-pdf" => awards::recommendation_pdf(&store)?,
                _ => awards::signoff_pdf(&store)?,
            };
            let p = super::with_extension(path, "pdf");
            std::fs::write(&p, bytes).map_err(saiwu_core::CoreError::from)?;
            p
        }
        other => return Err(saiwu_core::CoreError::Invalid(format!("未知的名单类型“{other}”。")).into()),
    };
    Ok(written.display().to_string())
}
