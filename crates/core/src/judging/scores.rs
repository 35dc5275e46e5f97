//! Score keeping: one judge's sheet for one entry, validated against the group's score sheet,
//! every change written to the append-only score log in the same transaction. Pass 1 is the score
//! in force; pass 2 is the second keying of double entry, compared cell by cell.
use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::{criteria_text, group_label, judges_by_id, points, round_entries, Round, RoundEntry};
use crate::error::{CoreError, Result};
use crate::settings::{self, ScoreSheet};
use crate::store::Store;

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
    fn describe(&self) -> Option<String> {
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
                return Err(CoreError::Invalid(format!(
                    "{at}有 {} 项，{}评分表有 {} 项评分标准。",
                    values.len(),
                    group_label(&sheet.group),
                    sheet.criteria.len()
                )));
            }
            for (v, c) in values.iter().zip(&sheet.criteria) {
                if *v < 0 || *v > i64::from(c.max) * 100 {
                    return Err(CoreError::Invalid(format!("{at}中“{}”为 {}，超出 0～{} 分。", c.name, points(*v), c.max)));
                }
            }
        }
        ScoreValue::Total { total } => {
            let max: i64 = sheet.criteria.iter().map(|c| i64::from(c.max)).sum();
            if *total < 0 || *total > max * 100 {
                return Err(CoreError::Invalid(format!("{at}总分为 {}，超出 0～{max} 分。", points(*total))));
            }
        }
        ScoreValue::Recused | ScoreValue::Clear => {}
    }
    Ok(())
}

/// The judges allowed to score an entry: its panel's, or any judge while it is in no panel.
pub(crate) fn panel_of(tx: &rusqlite::Connection, round: Round, entry_key: &str) -> Result<Option<(i64, String, Vec<i64>)>> {
    let panel: Option<(i64, String)> = tx
        .query_row(
            "SELECT p.id, p.name FROM panel_entries e JOIN panels p ON p.id = e.panel_id WHERE e.round = ?1 AND e.entry_key = ?2",
            params![round.code(), entry_key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((id, name)) = panel else { return Ok(None) };
    let mut stmt = tx.prepare("SELECT judge_id FROM panel_judges WHERE panel_id = ?1 ORDER BY position")?;
    let ids = stmt.query_map([id], |r| r.get::<_, i64>(0))?.collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(Some((id, name, ids)))
}

/// Writes one cell inside the caller's transaction and logs the change; unchanged values write nothing.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_cell(
    tx: &Transaction,
    round: Round,
    judge_id: i64,
    entry_key: &str,
    pass: u8,
    value: &ScoreValue,
    who: &str,
    reason: &str,
    now: &str,
) -> Result<bool> {
    let old: Option<(bool, Option<String>, Option<i64>)> = tx
        .query_row(
            "SELECT recused, criteria, total FROM scores WHERE round = ?1 AND judge_id = ?2 AND entry_key = ?3 AND pass = ?4",
            params![round.code(), judge_id, entry_key, pass],
            |r| Ok((r.get::<_, i64>(0)? != 0, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let old_value = old.as_ref().map(|(rec, crit, total)| stored_value(*rec, crit.as_deref(), *total));
    let old_text = old_value.as_ref().and_then(ScoreValue::describe);
    let new_text = value.describe();
    if old_text == new_text {
        return Ok(false);
    }
    match value {
        ScoreValue::Clear => {
            tx.execute(
                "DELETE FROM scores WHERE round = ?1 AND judge_id = ?2 AND entry_key = ?3 AND pass = ?4",
                params![round.code(), judge_id, entry_key, pass],
            )?;
        }
        _ => {
            let (recused, criteria, total) = match value {
                ScoreValue::Criteria { values } => (0, Some(serde_json::to_string(values).unwrap_or_default()), Some(values.iter().sum::<i64>())),
                ScoreValue::Total { total } => (0, None, Some(*total)),
                _ => (1, None, None),
            };
            tx.execute(
                "INSERT INTO scores(round, judge_id, entry_key, pass, recused, criteria, total, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT(round, judge_id, entry_key, pass) DO UPDATE SET recused = excluded.recused,
                   criteria = excluded.criteria, total = excluded.total, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                params![round.code(), judge_id, entry_key, pass, recused, criteria, total, now, who],
            )?;
        }
    }
    tx.execute(
        "INSERT INTO score_log(at, who, round, judge_id, entry_key, pass, old_value, new_value, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![now, who, round.code(), judge_id, entry_key, pass, old_text, new_text, reason],
    )?;
    Ok(true)
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

/// Keys one cell from the window: validated against the sheet, the panel and the round; logged.
/// Changing a score that was already there needs a reason.
#[allow(clippy::too_many_arguments)]
pub fn set_score(
    store: &mut Store,
    round: Round,
    judge_id: i64,
    entry: &str,
    pass: u8,
    value: &ScoreValue,
    who: &str,
    reason: &str,
    now: DateTime<FixedOffset>,
) -> Result<bool> {
    if !matches!(pass, 1 | 2) {
        return Err(CoreError::Invalid("录入遍次只能是 1（第一遍）或 2（第二遍核对）。".into()));
    }
    if who.trim().is_empty() {
        return Err(CoreError::Invalid("请填写录入人。".into()));
    }
    let settings = settings::load(store)?;
    let judges = judges_by_id(store)?;
    let judge = judges.get(&judge_id).ok_or_else(|| CoreError::NotFound(format!("找不到评委（编号 {judge_id}）。")))?;
    let entries = round_entries(store, round)?;
    let e = find_entry(&entries, entry, round)?;
    let sheet = settings
        .score_sheet(&e.group)
        .ok_or_else(|| CoreError::Invalid(format!("{}还没有评分表，请在赛事设置中填写评分标准。", group_label(&e.group))))?;
    check_value(value, sheet, &judge.name, &e.project_no)?;
    let tx = store.conn_mut().transaction()?;
    if let Some((_, panel, ids)) = panel_of(&tx, round, &e.key)? {
        if !ids.contains(&judge_id) {
            return Err(CoreError::Invalid(format!("评委“{}”不在项目 {} 所在的“{panel}”中。", judge.name, e.project_no)));
        }
    }
    let existed: bool = tx.query_row(
        "SELECT count(*) FROM scores WHERE round = ?1 AND judge_id = ?2 AND entry_key = ?3 AND pass = ?4",
        params![round.code(), judge_id, e.key, pass],
        |r| r.get::<_, i64>(0),
    )? > 0;
    let reason = reason.trim();
    if existed && reason.is_empty() && pass == 1 {
        return Err(CoreError::Invalid(format!("修改评委“{}”对项目 {} 已录入的分数需要填写原因。", judge.name, e.project_no)));
    }
    let reason = if reason.is_empty() { "录入" } else { reason };
    let changed = write_cell(&tx, round, judge_id, &e.key, pass, value, who.trim(), reason, &now.to_rfc3339())?;
    tx.commit()?;
    Ok(changed)
}

pub(crate) fn find_entry<'a>(entries: &'a [RoundEntry], entry: &str, round: Round) -> Result<&'a RoundEntry> {
    let entry = entry.trim();
    entries
        .iter()
        .find(|r| r.key == entry || r.project_no == entry)
        .ok_or_else(|| CoreError::Invalid(format!("项目“{entry}”不在{}名单中。", round.label())))
}

/// One row of a keying grid: one entry on one judge's paper sheet.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct GridRow {
    pub entry_key: String,
    pub project_no: String,
    pub project_name: String,
    pub group: String,
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
    /// Score sheets of the groups in this grid.
    pub sheets: Vec<ScoreSheet>,
    pub rows: Vec<GridRow>,
}

fn cells_of(store: &Store, round: Round, judge_id: Option<i64>, pass: u8) -> Result<HashMap<(i64, String), GridCell>> {
    let mut stmt = store.conn().prepare(
        "SELECT judge_id, entry_key, recused, criteria, total FROM scores WHERE round = ?1 AND pass = ?2 AND (?3 IS NULL OR judge_id = ?3)",
    )?;
    let rows = stmt.query_map(params![round.code(), pass, judge_id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)? != 0, r.get::<_, Option<String>>(3)?, r.get::<_, Option<i64>>(4)?))
    })?;
    let mut m = HashMap::new();
    for row in rows {
        let (j, k, rec, crit, total) = row?;
        let criteria = crit.and_then(|c| serde_json::from_str::<Vec<i64>>(&c).ok());
        m.insert((j, k), GridCell { criteria, total, recused: rec, keyed: true });
    }
    Ok(m)
}

pub(crate) const EMPTY: GridCell = GridCell { criteria: None, total: None, recused: false, keyed: false };

/// One judge's paper sheet for keying: the entries of the judge's panels in the round (every
/// entry of the round when the round has no panels), with what is keyed in this pass and the other.
pub fn grid(store: &Store, round: Round, judge_id: i64, pass: u8) -> Result<Grid> {
    let judges = judges_by_id(store)?;
    let judge = judges.get(&judge_id).ok_or_else(|| CoreError::NotFound(format!("找不到评委（编号 {judge_id}）。")))?;
    let settings = settings::load(store)?;
    let entries = round_entries(store, round)?;
    let panelled: HashMap<String, i64> = {
        let mut stmt = store.conn().prepare("SELECT entry_key, panel_id FROM panel_entries WHERE round = ?1")?;
        let m = stmt.query_map([round.code()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?.collect::<std::result::Result<_, _>>()?;
        m
    };
    let my_panels: Vec<i64> = {
        let mut stmt = store
            .conn()
            .prepare("SELECT j.panel_id FROM panel_judges j JOIN panels p ON p.id = j.panel_id WHERE p.round = ?1 AND j.judge_id = ?2")?;
        let v = stmt.query_map(params![round.code(), judge_id], |r| r.get::<_, i64>(0))?.collect::<std::result::Result<_, _>>()?;
        v
    };
    let mine = cells_of(store, round, Some(judge_id), pass)?;
    let other = cells_of(store, round, Some(judge_id), if pass == 1 { 2 } else { 1 })?;
    let conflicts = super::conflicts::active_conflicts(store, round)?;
    let mut rows = Vec::new();
    let mut groups: Vec<String> = Vec::new();
    for e in &entries {
        let take = if panelled.is_empty() { true } else { panelled.get(&e.key).map(|p| my_panels.contains(p)).unwrap_or(false) };
        if !take {
            continue;
        }
        if !groups.contains(&e.group) {
            groups.push(e.group.clone());
        }
        let k = (judge_id, e.key.clone());
        rows.push(GridRow {
            entry_key: e.key.clone(),
            project_no: e.project_no.clone(),
            project_name: e.project_name.clone(),
            group: e.group.clone(),
            cell: mine.get(&k).cloned().unwrap_or(EMPTY),
            other_pass: other.get(&k).cloned(),
            conflict: conflicts.get(&k).cloned(),
        });
    }
    let sheets = groups.iter().filter_map(|g| settings.score_sheet(g).cloned()).collect();
    Ok(Grid { round, judge_id, judge_name: judge.name.clone(), pass, sheets, rows })
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

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct LogEntry {
    pub id: i64,
    pub at: String,
    pub who: String,
    pub round: String,
    pub judge_name: String,
    pub project_no: String,
    pub pass: i64,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: String,
}

/// The score log, newest first.
pub fn score_log(store: &Store, round: Option<Round>, limit: usize) -> Result<Vec<LogEntry>> {
    let judges = judges_by_id(store)?;
    let mut stmt = store.conn().prepare(
        "SELECT l.id, l.at, l.who, l.round, l.judge_id, coalesce(e.project_no, l.entry_key), l.pass, l.old_value, l.new_value, l.reason
         FROM score_log l LEFT JOIN entries e ON e.key = l.entry_key
         WHERE ?1 IS NULL OR l.round = ?1 ORDER BY l.id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![round.map(Round::code), limit as i64], |r| {
        let jid: i64 = r.get(4)?;
        Ok(LogEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            who: r.get(2)?,
            round: r.get(3)?,
            judge_name: judges.get(&jid).map(|j| j.name.clone()).unwrap_or_default(),
            project_no: r.get(5)?,
            pass: r.get(6)?,
            old_value: r.get(7)?,
            new_value: r.get(8)?,
            reason: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}
