//! Printable documents of a round: per-judge score sheets (one PDF per panel) and the roadshow
//! order sheet of a draw. Only project numbers, names and entrants are printed — no personal data. While
//! phone scoring is open for the round, each judge's pages carry that judge's QR code and address.
use std::collections::HashMap;

use super::conflicts::active_conflicts;
use super::{draws, judges_by_id, panels, round_entries, Round};
use crate::error::{CoreError, Result};
use crate::pdf::{self, Criterion, OrderEntry, OrderSheetDoc, PhoneLink, ScoreSheetDoc, SheetEntry, SheetGroup};
use crate::settings;
use crate::store::Store;

/// The score-sheet documents of a round: one per panel, or one for the whole round (all active
/// judges, every entry) while it has no panels. Returns (file stem, document). Projects follow the
/// roadshow order of the group's latest draw (projects not in it come after, in list order); a
/// confirmed 回避 is marked on that judge's sheet; a totals-only round prints only a 总分 column.
pub fn score_sheet_docs(store: &Store, round: Round) -> Result<Vec<(String, ScoreSheetDoc)>> {
    let settings = settings::load(store)?;
    let mut entries = round_entries(store, round)?;
    // The latest draw per group decides the order: (group, entry key) → position.
    let mut position: HashMap<String, usize> = HashMap::new();
    for d in draws(store, round)? {
        for e in &d.order {
            position.insert(e.entry_key.clone(), e.position);
        }
    }
    // Stable: entries without a position keep the list order after the drawn ones.
    entries.sort_by_key(|e| position.get(&e.key).copied().unwrap_or(usize::MAX));
    let judges = judges_by_id(store)?;
    let mut recused: HashMap<String, Vec<String>> = HashMap::new();
    for (judge_id, key) in active_conflicts(store, round)?.into_keys() {
        if let Some(j) = judges.get(&judge_id) {
            recused.entry(key).or_default().push(j.name.clone());
        }
    }
    let total_only = settings.total_only(round);
    let groups_for = |keys: Option<&[String]>| -> Vec<SheetGroup> {
        settings
            .score_sheets
            .iter()
            .map(|sh| SheetGroup {
                group_label: sh.group.label().to_string(),
                criteria: if total_only {
                    Vec::new()
                } else {
                    sh.criteria.iter().map(|c| Criterion { name: c.name.clone(), max_points: c.max }).collect()
                },
                entries: entries
                    .iter()
                    .filter(|e| e.group == Some(sh.group) && keys.map(|k| k.contains(&e.key)).unwrap_or(true))
                    .map(|e| SheetEntry {
                        project_no: e.project_no.clone(),
                        project_name: e.project_name.clone(),
                        recused: recused.get(&e.key).cloned().unwrap_or_default(),
                    })
                    .collect(),
            })
            .filter(|g| !g.entries.is_empty())
            .collect()
    };
    // While phone scoring is open, every judge's pages carry that judge's own address (SPEC §12).
    let lan = super::lan::lan_state(store, round)?;
    let phone_links: Vec<PhoneLink> = if lan.status == "open" {
        lan.tokens.into_iter().filter_map(|t| Some(PhoneLink { judge: t.judge, url: t.url? })).collect()
    } else {
        Vec::new()
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
                phone_links: phone_links.clone(),
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
                    phone_links: phone_links.clone(),
                },
            ));
        }
    }
    Ok(out)
}

/// Per-judge score sheets as a PDF: one panel by name, or — with no name — every panel of the round
/// one after the other in one PDF (the whole round while it has no panels). Printing every panel
/// refuses, naming them, when a panel has no judges or no projects.
pub fn score_sheets_pdf(store: &Store, round: Round, panel_name: Option<&str>) -> Result<Vec<u8>> {
    let docs = score_sheet_docs(store, round)?;
    let chosen: Vec<ScoreSheetDoc> = match panel_name {
        Some(n) => vec![
            docs.into_iter()
                .find(|(_, d)| d.panel_name == n)
                .ok_or_else(|| CoreError::NotFound(format!("{}没有名为“{n}”的评审组。", round.label())))?
                .1,
        ],
        None => docs.into_iter().map(|(_, d)| d).collect(),
    };
    let no_judges: Vec<&str> = chosen.iter().filter(|d| d.judges.is_empty()).map(|d| d.panel_name.as_str()).collect();
    if !no_judges.is_empty() {
        return Err(CoreError::precondition(format!("“{}”还没有评委，无法打印评分表。请先在“评审组”中添加评委。", no_judges.join("”“"))));
    }
    let no_entries: Vec<&str> = chosen.iter().filter(|d| d.groups.is_empty()).map(|d| d.panel_name.as_str()).collect();
    if !no_entries.is_empty() {
        return Err(CoreError::precondition(format!("“{}”没有待评审的项目，无法打印评分表。请先在“评审组”中分配项目。", no_entries.join("”“"))));
    }
    pdf::score_sheets(&chosen)
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
