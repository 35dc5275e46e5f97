//! Score keeping: one judge's sheet for one entry, validated against the group's score sheet,
//! every change written to the append-only score log in the same transaction. Pass 1 is the score
//! in force; pass 2 is the second keying of double entry, compared cell by cell.
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{criteria_text, judges_by_id, points, round_entries, Round, RoundEntry};
use crate::error::{CoreError, Result};
use crate::model::Group;
pub use crate::model::LogEntry;
use crate::settings::{self, ScoreSheet};
use crate::store::{self, Store};

/// What a judge gave an entry, in hundredths of a point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ScoreValue {
    /// One value per criterion of the group's sheet, in sheet order.
    Criteria { values: Vec<i64> },
    /// Only a 总分 (the paper sheet has no breakdown).
    Total { total: i64 },
    /// 回避: the judge stands aside; never a zero.
    Recused,
    /// Removes the cell (keyed by mistake).
    Clear,
}

impl ScoreValue {
    pub(crate) fn describe(&self) -> Option<String> {
        match self {
            ScoreValue::Criteria { values } => Some(criteria_text(values)),
            ScoreValue::Total { total } => Some(format!("{}（总分）", points(*total))),
            ScoreValue::Recused => Some("回避".into()),
            ScoreValue::Clear => None,
        }
    }
}

/// Checks a value against the group's score sheet; the message names the judge, the entry and the criterion.
pub(crate) fn check_value(value: &ScoreValue, sheet: &ScoreSheet, judge: &str, project_no: &str) -> Result<()> {
    let at = format!("评委“{judge}”对项目 {project_no} 的评分");
    match value {
        ScoreValue::Criteria { values } => {
            if values.len() != sheet.criteria.len() {
                return Err(CoreError::validation(
                    Some("score"),
                    format!("{at}有 {} 项，{}评分表有 {} 项评分标准。", values.len(), sheet.group.label(), sheet.criteria.len()),
                ));
            }
            for (v, c) in values.iter().zip(&sheet.criteria) {
                if *v < 0 || *v > i64::from(c.max) * 100 {
                    return Err(CoreError::validation(Some("score"), format!("{at}中“{}”为 {}，超出 0～{} 分。", c.name, points(*v), c.max)));
                }
            }
        }
        ScoreValue::Total { total } => {
            let max = i64::from(sheet.max_total());
            if *total < 0 || *total > max * 100 {
                return Err(CoreError::validation(Some("score"), format!("{at}总分为 {}，超出 0～{max} 分。", points(*total))));
            }
        }
        ScoreValue::Recused | ScoreValue::Clear => {}
    }
    Ok(())
}

/// The judges allowed to score an entry: its panel's, or any judge while it is in no panel.
pub(crate) fn panel_of(conn: &rusqlite::Connection, round: Round, entry_key: &str) -> Result<Option<(i64, String, Vec<i64>)>> {
    let Some((id, name)) = store::panels::panel_of_entry(conn, round.code(), entry_key)? else { return Ok(None) };
    Ok(Some((id, name, store::panels::judge_ids(conn, id)?)))
}

pub(crate) fn stored_value(recused: bool, criteria: Option<&str>, total: Option<i64>) -> ScoreValue {
    if recused {
        return ScoreValue::Recused;
    }
    match criteria.and_then(|c| serde_json::from_str::<Vec<i64>>(c).ok()) {
        Some(values) => ScoreValue::Criteria { values },
        None => ScoreValue::Total { total: total.unwrap_or(0) },
    }
}

pub(crate) fn find_entry<'a>(entries: &'a [RoundEntry], entry: &str, round: Round) -> Result<&'a RoundEntry> {
    let entry = entry.trim();
    entries
        .iter()
        .find(|r| r.key == entry || r.project_no == entry)
        .ok_or_else(|| CoreError::not_in_round(format!("项目“{entry}”不在{}名单中。", round.label())))
}

/// One row of a keying grid: one entry on one judge's paper sheet.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct GridRow {
    pub entry_key: String,
    pub project_no: String,
    pub project_name: String,
    pub group: Option<Group>,
    pub cell: GridCell,
    /// The other pass's value, for double entry (None when not keyed).
    pub other_pass: Option<GridCell>,
    /// A confirmed or declared 回避 for this judge and entry.
    pub conflict: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct GridCell {
    /// Hundredths per criterion; None when not keyed or keyed as a lone total.
    pub criteria: Option<Vec<i64>>,
    pub total: Option<i64>,
    pub recused: bool,
    pub keyed: bool,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Grid {
    pub round: Round,
    pub judge_id: i64,
    pub judge_name: String,
    pub pass: u8,
    /// The round keys only a 总分 per entry (setting `total_only_rounds`); a sheet without criteria
    /// is keyed as a total too.
    pub total_only: bool,
    /// Score sheets of the groups in this grid.
    pub sheets: Vec<ScoreSheet>,
    pub rows: Vec<GridRow>,
}

fn cells_of(store: &Store, round: Round, judge_id: Option<i64>, pass: u8) -> Result<HashMap<(i64, String), GridCell>> {
    let mut m = HashMap::new();
    for c in store::scores::cells(store.conn(), round.code(), pass, judge_id)? {
        let criteria = c.criteria.and_then(|c| serde_json::from_str::<Vec<i64>>(&c).ok());
        m.insert((c.judge_id, c.entry_key), GridCell { criteria, total: c.total, recused: c.recused, keyed: true });
    }
    Ok(m)
}

/// The first-pass values of a round: (judge, entry key) → value (the ranking and the score sheets read them).
pub(crate) fn pass1_values(store: &Store, round: Round) -> Result<HashMap<(i64, String), ScoreValue>> {
    Ok(store::scores::cells(store.conn(), round.code(), 1, None)?
        .into_iter()
        .map(|c| ((c.judge_id, c.entry_key), stored_value(c.recused, c.criteria.as_deref(), c.total)))
        .collect())
}

pub(crate) const EMPTY: GridCell = GridCell { criteria: None, total: None, recused: false, keyed: false };

/// One judge's paper sheet for keying: the entries of the judge's panels in the round (every
/// entry of the round when the round has no panels), with what is keyed in this pass and the other.
pub fn grid(store: &Store, round: Round, judge_id: i64, pass: u8) -> Result<Grid> {
    let judges = judges_by_id(store)?;
    let judge = judges.get(&judge_id).ok_or_else(|| CoreError::NotFound(format!("找不到评委（编号 {judge_id}）。")))?;
    let settings = settings::load(store)?;
    let entries = round_entries(store, round)?;
    let panelled = store::panels::entry_panels(store.conn(), round.code())?;
    let my_panels = store::panels::panels_of_judge(store.conn(), round.code(), judge_id)?;
    let mine = cells_of(store, round, Some(judge_id), pass)?;
    let other = cells_of(store, round, Some(judge_id), if pass == 1 { 2 } else { 1 })?;
    let conflicts = super::conflicts::active_conflicts(store, round)?;
    let mut rows = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    for e in &entries {
        let take = if panelled.is_empty() { true } else { panelled.get(&e.key).map(|p| my_panels.contains(p)).unwrap_or(false) };
        if !take {
            continue;
        }
        if let Some(g) = e.group.filter(|g| !groups.contains(g)) {
            groups.push(g);
        }
        let k = (judge_id, e.key.clone());
        rows.push(GridRow {
            entry_key: e.key.clone(),
            project_no: e.project_no.clone(),
            project_name: e.project_name.clone(),
            group: e.group,
            cell: mine.get(&k).cloned().unwrap_or(EMPTY),
            other_pass: other.get(&k).cloned(),
            conflict: conflicts.get(&k).cloned(),
        });
    }
    let sheets = groups.iter().filter_map(|g| settings.score_sheet(*g).cloned()).collect();
    Ok(Grid { round, judge_id, judge_name: judge.name.clone(), pass, total_only: settings.total_only(round), sheets, rows })
}

/// A cell where the two keyings of double entry disagree.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Mismatch {
    pub judge_id: i64,
    pub judge_name: String,
    pub entry_key: String,
    pub project_no: String,
    pub first: Option<String>,
    pub second: Option<String>,
    pub message: String,
}

/// Every cell keyed in pass 2 whose value differs from pass 1 (or is missing there), and every
/// pass-1 cell of a judge whose sheet is being double-keyed but was not keyed again.
pub fn double_entry_mismatches(store: &Store, round: Round) -> Result<Vec<Mismatch>> {
    let judges = judges_by_id(store)?;
    let entries = round_entries(store, round)?;
    let no: HashMap<&str, &str> = entries.iter().map(|e| (e.key.as_str(), e.project_no.as_str())).collect();
    let first = cells_of(store, round, None, 1)?;
    let second = cells_of(store, round, None, 2)?;
    let double_keyed: std::collections::HashSet<i64> = second.keys().map(|(j, _)| *j).collect();
    let text = |c: &GridCell| -> String {
        if c.recused {
            return "回避".into();
        }
        match &c.criteria {
            Some(v) => criteria_text(v),
            None => c.total.map(points).unwrap_or_default(),
        }
    };
    let mut keys: Vec<&(i64, String)> = first.keys().filter(|(j, _)| double_keyed.contains(j)).chain(second.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = Vec::new();
    for k in keys {
        let (a, b) = (first.get(k), second.get(k));
        if a.map(text) == b.map(text) {
            continue;
        }
        let judge_name = judges.get(&k.0).map(|j| j.name.clone()).unwrap_or_else(|| format!("评委{}", k.0));
        let project_no = no.get(k.1.as_str()).map(|s| s.to_string()).unwrap_or_else(|| k.1.clone());
        let (fa, fb) = (a.map(text), b.map(text));
        let message = match (&fa, &fb) {
            (Some(x), Some(y)) => format!("评委“{judge_name}”对项目 {project_no}：第一遍 {x}，第二遍 {y}，请核对纸质评分表后改正其中一遍。"),
            (Some(x), None) => format!("评委“{judge_name}”对项目 {project_no}：第一遍 {x}，第二遍未录入。"),
            (None, Some(y)) => format!("评委“{judge_name}”对项目 {project_no}：第二遍 {y}，第一遍未录入。"),
            (None, None) => continue,
        };
        out.push(Mismatch { judge_id: k.0, judge_name, entry_key: k.1.clone(), project_no, first: fa, second: fb, message });
    }
    Ok(out)
}

/// The score log, newest first.
pub fn score_log(store: &Store, round: Option<Round>, limit: usize) -> Result<Vec<LogEntry>> {
    store::scores::log(store.conn(), round.map(Round::code), limit)
}
