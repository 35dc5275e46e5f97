//! The ranking of a round per group, built from the stored scores with `crate::scoring`; the
//! committee's tie decisions; advancement from the preliminary round to the final.
use std::collections::HashMap;

use serde::Serialize;

use super::conflicts::active_conflicts;
use super::scores::ScoreValue;
use super::{judges_by_id, round_entries, Round, RoundEntry};
use crate::error::{CoreError, Result};
use crate::model::{AdvancementRow, Group};
use crate::scoring::{self, AggregateRule, JudgeCell, OpenTie, RankInput, Ranked, TieDecision};
use crate::settings;
use crate::store::{self, Store};

/// One entry of a round's ranking: SPEC §11 ranking shape plus what the window shows.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct RankedEntry {
    pub project_no: String,
    pub group: Option<Group>,
    pub score: Option<String>,
    pub score_display: Option<String>,
    pub rank: Option<u32>,
    pub tie_unresolved: bool,
    pub valid_judges: usize,
    pub recused: Vec<String>,
    pub dropped: Vec<String>,
    // ---- beyond §11 ----
    pub key: String,
    pub project_name: String,
    pub entrant_name: String,
    /// Every expected judge has a score or a 回避 for this entry.
    pub complete: bool,
    /// How many of the expected judges have a cell.
    pub judges_done: usize,
    pub judges_expected: usize,
    pub below_minimum: bool,
    pub tie_notes: Vec<String>,
    pub detail: Ranked,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct RoundGroup {
    pub group: Option<Group>,
    pub label: String,
    pub entries: Vec<RankedEntry>,
    pub open_ties: Vec<OpenTie>,
}

/// The judges expected to score each entry, in sheet order: its panel's, else every judge who
/// scored any entry of its group in this round (by judge id).
fn expected_judges(
    store: &Store,
    round: Round,
    entries: &[RoundEntry],
    scores: &HashMap<(i64, String), ScoreValue>,
) -> Result<HashMap<String, Vec<i64>>> {
    let mut by_entry: HashMap<String, Vec<i64>> = HashMap::new();
    for (k, j) in store::panels::entry_judges(store.conn(), round.code())? {
        by_entry.entry(k).or_default().push(j);
    }
    let group_of: HashMap<&str, Option<Group>> = entries.iter().map(|e| (e.key.as_str(), e.group)).collect();
    let mut by_group: HashMap<Option<Group>, Vec<i64>> = HashMap::new();
    for (j, k) in scores.keys() {
        if let Some(g) = group_of.get(k.as_str()) {
            let v = by_group.entry(*g).or_default();
            if !v.contains(j) {
                v.push(*j);
            }
        }
    }
    for v in by_group.values_mut() {
        v.sort();
    }
    for e in entries {
        if !by_entry.contains_key(&e.key) {
            by_entry.insert(e.key.clone(), by_group.get(&e.group).cloned().unwrap_or_default());
        }
    }
    Ok(by_entry)
}

fn pass1_scores(store: &Store, round: Round) -> Result<HashMap<(i64, String), ScoreValue>> {
    super::scores::pass1_values(store, round)
}

fn tie_decisions(store: &Store, round: Round, group: Option<Group>, no_of: &HashMap<String, String>) -> Result<Vec<TieDecision>> {
    let mut out = Vec::new();
    // Decisions are recorded per group; entries without one have none.
    let Some(group) = group else { return Ok(out) };
    for row in store::rounds::tie_decisions(store.conn(), round.code(), group)? {
        let keys: Vec<String> = serde_json::from_str(&row).unwrap_or_default();
        out.push(TieDecision { order: keys.iter().map(|k| no_of.get(k).cloned().unwrap_or_else(|| k.clone())).collect() });
    }
    Ok(out)
}

/// The ranking of a round, per group in settings order. Entries whose sheets are not complete
/// are listed after the ranked ones, without a rank ("评分未完成"), so a live ranking never shows a
/// score from half the panel.
pub fn ranking(store: &Store, round: Round) -> Result<Vec<RoundGroup>> {
    let entries = round_entries(store, round)?;
    ranking_of(store, round, &entries)
}

/// [`ranking`] of the round's entries as [`round_entries`] lists them, for readers that already
/// hold them (the award list, the dashboard), so the effective-verdict query runs once per reader.
pub(crate) fn ranking_of(store: &Store, round: Round, entries: &[RoundEntry]) -> Result<Vec<RoundGroup>> {
    let settings = settings::load(store)?;
    let rule = AggregateRule { trim_min: settings.trim_min_judges as usize, min_valid: settings.min_valid_judges as usize };
    let judges = judges_by_id(store)?;
    let scores = pass1_scores(store, round)?;
    let conflicts = active_conflicts(store, round)?;
    let expected = expected_judges(store, round, entries, &scores)?;
    let no_of: HashMap<String, String> = entries.iter().map(|e| (e.key.clone(), e.project_no.clone())).collect();
    let mut groups: Vec<Option<Group>> = settings.groups.iter().map(|g| Some(g.code)).collect();
    for e in entries {
        if !groups.contains(&e.group) {
            groups.push(e.group);
        }
    }
    let mut out = Vec::new();
    for g in groups {
        let members: Vec<&RoundEntry> = entries.iter().filter(|e| e.group == g).collect();
        if members.is_empty() {
            continue;
        }
        let mut inputs = Vec::new();
        let mut info: HashMap<String, (&RoundEntry, usize, usize)> = HashMap::new();
        for e in &members {
            let exp = expected.get(&e.key).cloned().unwrap_or_default();
            let mut cells = Vec::new();
            let mut done = 0;
            for j in &exp {
                let name = judges.get(j).map(|x| x.name.clone()).unwrap_or_else(|| format!("评委{j}"));
                let key = (*j, e.key.clone());
                if conflicts.contains_key(&key) {
                    cells.push(JudgeCell::recused(*j, name));
                    done += 1;
                    continue;
                }
                match scores.get(&key) {
                    Some(ScoreValue::Criteria { values }) => cells.push(JudgeCell::scored(*j, name, values.clone())),
                    Some(ScoreValue::Total { total }) => cells.push(JudgeCell::total_only(*j, name, *total)),
                    Some(ScoreValue::Recused) => cells.push(JudgeCell::recused(*j, name)),
                    Some(ScoreValue::Clear) | None => continue,
                }
                done += 1;
            }
            let complete = !exp.is_empty() && done == exp.len();
            info.insert(e.project_no.clone(), (e, done, exp.len()));
            // Incomplete sheets are not ranked yet: aggregate nothing for them.
            let agg = scoring::aggregate(if complete { &cells } else { &[] }, &rule);
            inputs.push(RankInput { project_no: e.project_no.clone(), agg });
        }
        let decisions = tie_decisions(store, round, g, &no_of)?;
        let report = scoring::rank_group_report(inputs, &decisions);
        let entries = report
            .entries
            .into_iter()
            .filter_map(|r| {
                let (e, done, expected) = info.get(&r.project_no).copied()?;
                Some(RankedEntry {
                    project_no: r.project_no.clone(),
                    group: g,
                    score: r.score.clone(),
                    score_display: r.score_display.clone(),
                    rank: r.rank,
                    tie_unresolved: r.tie_unresolved,
                    valid_judges: r.valid_judges,
                    recused: r.recused.clone(),
                    dropped: r.dropped.clone(),
                    key: e.key.clone(),
                    project_name: e.project_name.clone(),
                    entrant_name: e.entrant_name.clone(),
                    complete: expected > 0 && done == expected,
                    judges_done: done,
                    judges_expected: expected,
                    below_minimum: r.below_minimum,
                    tie_notes: r.tie_notes.clone(),
                    detail: r,
                })
            })
            .collect();
        out.push(RoundGroup { label: Group::label_of(g).to_string(), group: g, entries, open_ties: report.open_ties });
    }
    Ok(out)
}

/// Leniency diagnostics of one group (advisory).
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct GroupLeniency {
    pub group: Option<Group>,
    pub label: String,
    pub leniency: scoring::Leniency,
}

/// Per group, from the complete pass-1 sheets: judges' means and spreads and the order under three
/// methods. Advisory only — the ranking is always the trimmed mean.
pub fn leniency(store: &Store, round: Round) -> Result<Vec<GroupLeniency>> {
    let settings = settings::load(store)?;
    let rule = AggregateRule { trim_min: settings.trim_min_judges as usize, min_valid: settings.min_valid_judges as usize };
    let ranked = ranking(store, round)?;
    let mut out = Vec::new();
    for g in ranked {
        let cells: Vec<(String, Vec<JudgeCell>)> = g
            .entries
            .iter()
            .filter(|e| e.complete)
            .map(|e| {
                let cells = e
                    .detail
                    .card
                    .lines
                    .iter()
                    .map(|l| match l.total {
                        Some(t) => JudgeCell::total_only(l.judge_id, l.judge_name.clone(), t),
                        None => JudgeCell::recused(l.judge_id, l.judge_name.clone()),
                    })
                    .collect();
                (e.project_no.clone(), cells)
            })
            .collect();
        out.push(GroupLeniency { group: g.group, label: g.label.clone(), leniency: scoring::leniency(&cells, &rule) });
    }
    Ok(out)
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct AdvanceGroup {
    pub group: Option<Group>,
    pub label: String,
    pub advanced: Vec<String>,
    pub line_tie: Option<scoring::LineTie>,
    pub unranked: Vec<String>,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct AdvanceResult {
    pub top_n: usize,
    pub groups: Vec<AdvanceGroup>,
    /// Manual changes kept as they were.
    pub manual_kept: usize,
}

/// The list of entries advanced to `round` (the 复赛 or the 决赛) as stored.
pub fn advancement(store: &Store, round: Round) -> Result<Vec<AdvancementRow>> {
    store::rounds::advancement(store.conn(), round.code())
}

/// 排名表 (SPEC §8): per group the ranking of a round — rank, project, entrant, exact and displayed
/// score, valid judges, recused and dropped judges, state — as xlsx (numbers typed, no formulas).
pub fn ranking_xlsx(store: &Store, round: Round, path: &std::path::Path) -> Result<usize> {
    use crate::xlsx::{Table, Value};
    let groups = ranking(store, round)?;
    let mut wb = rust_xlsxwriter::Workbook::new();
    let mut n = 0;
    for g in &groups {
        let ws = wb.add_worksheet();
        ws.set_name(format!("{}{}排名", round.label(), g.label))?;
        let mut t = Table::new(
            ws,
            &[
                ("名次", 6.0),
                ("项目编号", 16.0),
                ("项目名称", 32.0),
                ("参赛主体", 28.0),
                ("得分", 9.0),
                ("精确得分", 12.0),
                ("有效评委", 9.0),
                ("回避评委", 16.0),
                ("去掉的评分", 16.0),
                ("状态", 24.0),
                ("并列说明", 40.0),
            ],
        )?;
        for e in &g.entries {
            let state = if !e.complete {
                format!("评分未完成（{}/{}）", e.judges_done, e.judges_expected)
            } else if e.tie_unresolved {
                "并列，待评审委员会决定".into()
            } else if e.below_minimum {
                "有效评委不足".into()
            } else {
                String::new()
            };
            t.row(&[
                Value::Int(e.rank.map(i64::from)),
                Value::Text(Some(e.project_no.clone())),
                Value::Text(Some(e.project_name.clone())),
                Value::Text(Some(e.entrant_name.clone())),
                Value::Num(e.score_display.as_deref().and_then(|s| s.parse().ok())),
                Value::Text(e.score.clone()),
                Value::Int(Some(e.valid_judges as i64)),
                Value::Text(Some(e.recused.join("、"))),
                Value::Text(Some(e.dropped.join("、"))),
                Value::Text(Some(state)),
                Value::Text(Some(e.tie_notes.join("；"))),
            ])?;
            n += 1;
        }
    }
    if groups.is_empty() {
        return Err(CoreError::precondition(format!("{}还没有项目，无法导出排名。", round.label())));
    }
    wb.save(path)?;
    Ok(n)
}
