//! Printable documents of a round: per-judge score sheets (one PDF per panel) and the roadshow
//! order sheet of a draw. Only project numbers, names and entrants are printed — no personal data.
use super::{draws, panels, round_entries, Round};
use crate::error::{CoreError, Result};
use crate::pdf::{self, Criterion, OrderEntry, OrderSheetDoc, ScoreSheetDoc, SheetEntry, SheetGroup};
use crate::settings;
use crate::store::Store;

/// The score-sheet documents of a round: one per panel, or one for the whole round (all active
/// judges, every entry) while it has no panels. Returns (file stem, document).
pub fn score_sheet_docs(store: &Store, round: Round) -> Result<Vec<(String, ScoreSheetDoc)>> {
    let settings = settings::load(store)?;
    let entries = round_entries(store, round)?;
    let groups_for = |keys: Option<&[String]>| -> Vec<SheetGroup> {
        settings
            .score_sheets
            .iter()
            .map(|sh| SheetGroup {
                group_label: sh.group.label().to_string(),
                criteria: sh.criteria.iter().map(|c| Criterion { name: c.name.clone(), max_points: c.max }).collect(),
                entries: entries
                    .iter()
                    .filter(|e| e.group == Some(sh.group) && keys.map(|k| k.contains(&e.key)).unwrap_or(true))
                    .map(|e| SheetEntry { project_no: e.project_no.clone(), project_name: e.project_name.clone() })
                    .collect(),
            })
            .filter(|g| !g.entries.is_empty())
            .collect()
    };
    let list = panels(store, round)?;
    let mut out = Vec::new();
    if list.is_empty() {
        let judges = crate::store::judges::active_names(store.conn())?;
        out.push((
            format!("{}评分表", round.label()),
            ScoreSheetDoc {
                contest_title: settings.contest_name.clone(),
                round_label: round.label().into(),
                panel_name: "全部项目".into(),
                judges,
                groups: groups_for(None),
            },
        ));
    } else {
        for p in list {
            out.push((
                format!("{}评分表-{}", round.label(), p.name),
                ScoreSheetDoc {
                    contest_title: settings.contest_name.clone(),
                    round_label: round.label().into(),
                    panel_name: p.name.clone(),
                    judges: p.judges.iter().map(|j| j.name.clone()).collect(),
                    groups: groups_for(Some(&p.entries)),
                },
            ));
        }
    }
    Ok(out)
}

/// One panel's per-judge score sheets as a PDF (the whole round while it has no panels).
pub fn score_sheets_pdf(store: &Store, round: Round, panel_name: Option<&str>) -> Result<Vec<u8>> {
    let docs = score_sheet_docs(store, round)?;
    let doc = match panel_name {
        Some(n) => docs
            .into_iter()
            .find(|(_, d)| d.panel_name == n)
            .ok_or_else(|| CoreError::NotFound(format!("{}没有名为“{n}”的评审组。", round.label())))?,
        None if docs.len() == 1 => docs.into_iter().next().ok_or_else(|| CoreError::precondition("没有评分表"))?,
        None => return Err(CoreError::validation(Some("panel"), format!("{}有多个评审组，请选择要打印的评审组。", round.label()))),
    };
    if doc.1.judges.is_empty() {
        return Err(CoreError::precondition(format!("“{}”还没有评委，无法打印评分表。", doc.1.panel_name)));
    }
    pdf::score_sheet(&doc.1)
}

/// The printable roadshow order of a recorded draw, with its seed and time.
pub fn order_sheet_pdf(store: &Store, round: Round, draw_id: i64) -> Result<Vec<u8>> {
    let settings = settings::load(store)?;
    let d = draws(store, round)?
        .into_iter()
        .find(|d| d.id == draw_id)
        .ok_or_else(|| CoreError::NotFound(format!("找不到抽签记录（编号 {draw_id}）。")))?;
    let drawn_at = d.drawn_at.chars().take(19).collect::<String>().replace('T', " ");
    pdf::order_sheet(&OrderSheetDoc {
        contest_title: settings.contest_name,
        round_label: round.label().into(),
        group_label: d.group_label.clone(),
        seed: d.seed.clone(),
        drawn_at,
        entries: d
            .order
            .iter()
            .map(|e| OrderEntry {
                order: e.position as u32,
                project_no: e.project_no.clone(),
                project_name: e.project_name.clone(),
                entrant: e.entrant_name.clone(),
            })
            .collect(),
    })
}
