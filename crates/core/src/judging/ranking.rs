//! The ranking of a round per group, built from the stored scores with `crate::scoring`; the
//! committee's tie decisions; advancement from the preliminary round to the final.
use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use rusqlite::params;
use serde::Serialize;

use super::conflicts::active_conflicts;
use super::scores::{find_entry, stored_value, ScoreValue};
use super::{group_label, judges_by_id, round_entries, Round, RoundEntry};
use crate::error::{CoreError, Result};
use crate::scoring::{self, AggregateRule, JudgeCell, OpenTie, RankInput, Ranked, TieDecision};
use crate::settings;
use crate::store::Store;

/// One entry of a round's ranking: SPEC §11 ranking shape plus what the window shows.
#[derive(Debug, Clone, Serialize)]
pub struct RankedEntry {
    pub project_no: String,
    pub group: String,
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
pub struct RoundGroup {
    pub group: String,
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
    let mut stmt = store.conn().prepare(
        "SELECT e.entry_key, j.judge_id FROM panel_entries e JOIN panel_judges j ON j.panel_id = e.panel_id WHERE e.round = ?1 ORDER BY j.position",
    )?;
    for row in stmt.query_map([round.code()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (k, j) = row?;
        by_entry.entry(k).or_default().push(j);
    }
    let group_of: HashMap<&str, &str> = entries.iter().map(|e| (e.key.as_str(), e.group.as_str())).collect();
    let mut by_group: HashMap<&str, Vec<i64>> = HashMap::new();
    for (j, k) in scores.keys() {
        if let Some(g) = group_of.get(k.as_str()) {
            let v = by_group.entry(g).or_default();
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
            by_entry.insert(e.key.clone(), by_group.get(e.group.as_str()).cloned().unwrap_or_default());
        }
    }
    Ok(by_entry)
}

fn pass1_scores(store: &Store, round: Round) -> Result<HashMap<(i64, String), ScoreValue>> {
    let mut stmt = store.conn().prepare("SELECT judge_id, entry_key, recused, criteria, total FROM scores WHERE round = ?1 AND pass = 1")?;
    let rows = stmt.query_map([round.code()], |r| {
        Ok(((r.get::<_, i64>(0)?, r.get::<_, String>(1)?), r.get::<_, i64>(2)? != 0, r.get::<_, Option<String>>(3)?, r.get::<_, Option<i64>>(4)?))
    })?;
    let mut m = HashMap::new();
    for row in rows {
        let (k, rec, crit, total) = row?;
        m.insert(k, stored_value(rec, crit.as_deref(), total));
    }
    Ok(m)
}

fn tie_decisions(store: &Store, round: Round, group: &str, no_of: &HashMap<String, String>) -> Result<Vec<TieDecision>> {
    let mut stmt = store.conn().prepare("SELECT entry_keys FROM tie_decisions WHERE round = ?1 AND group_code = ?2 ORDER BY id")?;
    let rows = stmt.query_map(params![round.code(), group], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for row in rows {
        let keys: Vec<String> = serde_json::from_str(&row?).unwrap_or_default();
        out.push(TieDecision { order: keys.iter().map(|k| no_of.get(k).cloned().unwrap_or_else(|| k.clone())).collect() });
    }
    Ok(out)
}

/// The ranking of a round, per group in settings order. Entries whose sheets are not complete
/// are listed after the ranked ones, without a rank ("评分未完成"), so a live ranking never shows a
/// score from half the panel.
pub fn ranking(store: &Store, round: Round) -> Result<Vec<RoundGroup>> {
    let settings = settings::load(store)?;
    let rule = AggregateRule { trim_min: settings.trim_min_judges as usize, min_valid: settings.min_valid_judges as usize };
    let judges = judges_by_id(store)?;
    let entries = round_entries(store, round)?;
    let scores = pass1_scores(store, round)?;
    let conflicts = active_conflicts(store, round)?;
    let expected = expected_judges(store, round, &entries, &scores)?;
    let no_of: HashMap<String, String> = entries.iter().map(|e| (e.key.clone(), e.project_no.clone())).collect();
    let mut groups: Vec<String> = settings.groups.iter().map(|g| g.code.clone()).collect();
    for e in &entries {
        if !groups.contains(&e.group) {
            groups.push(e.group.clone());
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
        let decisions = tie_decisions(store, round, &g, &no_of)?;
        let report = scoring::rank_group_report(inputs, &decisions);
        let entries = report
            .entries
            .into_iter()
            .filter_map(|r| {
                let (e, done, expected) = info.get(&r.project_no).copied()?;
                Some(RankedEntry {
                    project_no: r.project_no.clone(),
                    group: g.clone(),
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
        out.push(RoundGroup { label: group_label(&g).to_string(), group: g, entries, open_ties: report.open_ties });
    }
    Ok(out)
}

/// Leniency diagnostics of one group (advisory).
#[derive(Debug, Clone, Serialize)]
pub struct GroupLeniency {
    pub group: String,
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
        out.push(GroupLeniency { group: g.group.clone(), label: g.label.clone(), leniency: scoring::leniency(&cells, &rule) });
    }
    Ok(out)
}

/// Records the committee's order for entries the tie chain could not separate (best first).
pub fn decide_tie(
    store: &mut Store,
    round: Round,
    group: &str,
    entries: &[String],
    reason: &str,
    who: &str,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    if reason.trim().is_empty() || who.trim().is_empty() {
        return Err(CoreError::Invalid("记录评审委员会的决定需要填写依据（如“评委会投票 5:2”）和记录人。".into()));
    }
    if entries.len() < 2 {
        return Err(CoreError::Invalid("并列决定至少涉及两个项目。".into()));
    }
    let all = round_entries(store, round)?;
    let mut keys = Vec::new();
    for e in entries {
        let hit = find_entry(&all, e, round)?;
        if hit.group != group {
            return Err(CoreError::Invalid(format!("项目 {} 不在{}。", hit.project_no, group_label(group))));
        }
        keys.push(hit.key.clone());
    }
    store.conn().execute(
        "INSERT INTO tie_decisions(round, group_code, entry_keys, reason, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![round.code(), group, serde_json::to_string(&keys).unwrap_or_default(), reason.trim(), who.trim(), now.to_rfc3339()],
    )?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct AdvanceGroup {
    pub group: String,
    pub label: String,
    pub advanced: Vec<String>,
    pub line_tie: Option<scoring::LineTie>,
    pub unranked: Vec<String>,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AdvanceResult {
    pub top_n: usize,
    pub groups: Vec<AdvanceGroup>,
    /// Manual changes kept as they were.
    pub manual_kept: usize,
}

/// Sends the top N per group of the preliminary ranking to the final. Entries tied across the line
/// are not sent: they are reported for a decision (a committee tie decision, then advance again, or
/// a manual change). Manual changes made before are kept. One transaction.
pub fn advance(store: &mut Store, top_n: usize, who: &str, now: DateTime<FixedOffset>) -> Result<AdvanceResult> {
    if top_n == 0 {
        return Err(CoreError::Invalid("进入决赛的项目数至少为 1。".into()));
    }
    let ranking = ranking(store, Round::Preliminary)?;
    if ranking.iter().all(|g| g.entries.iter().all(|e| e.rank.is_none())) {
        return Err(CoreError::Invalid("初赛还没有完成评分的项目，无法确定晋级名单。请先录入或导入初赛评分。".into()));
    }
    let key_of: HashMap<String, String> = ranking.iter().flat_map(|g| g.entries.iter().map(|e| (e.project_no.clone(), e.key.clone()))).collect();
    let tx = store.conn_mut().transaction()?;
    let manual: std::collections::HashSet<String> = {
        let mut stmt = tx.prepare("SELECT entry_key FROM advancement WHERE round = 'final' AND manual = 1")?;
        let m = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<std::result::Result<_, _>>()?;
        m
    };
    tx.execute("DELETE FROM advancement WHERE round = 'final' AND manual = 0", [])?;
    let mut groups = Vec::new();
    for g in &ranking {
        let ranked: Vec<Ranked> = g.entries.iter().map(|e| e.detail.clone()).collect();
        let adv = scoring::advance_top_n(&ranked, top_n);
        for (i, no) in adv.advanced.iter().enumerate() {
            let Some(key) = key_of.get(no) else { continue };
            if manual.contains(key) {
                continue;
            }
            tx.execute(
                "INSERT INTO advancement(round, entry_key, included, manual, reason, decided_by, decided_at) VALUES ('final', ?1, 1, 0, ?2, ?3, ?4)",
                params![key, format!("初赛{}第 {} 名（前 {top_n} 名晋级）", g.label, i + 1), who, now.to_rfc3339()],
            )?;
        }
        groups.push(AdvanceGroup {
            group: g.group.clone(),
            label: g.label.clone(),
            advanced: adv.advanced.clone(),
            line_tie: adv.line_tie.clone(),
            unranked: adv.unranked.clone(),
            summary: adv.summary.clone(),
        });
    }
    tx.commit()?;
    Ok(AdvanceResult { top_n, groups, manual_kept: manual.len() })
}

/// A manual change to the final's list, with a reason (e.g. a tie at the line decided by the committee).
pub fn adjust_advancement(store: &mut Store, entry: &str, included: bool, reason: &str, who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    if reason.trim().is_empty() || who.trim().is_empty() {
        return Err(CoreError::Invalid("调整晋级名单需要填写理由和操作人。".into()));
    }
    let all = round_entries(store, Round::Preliminary)?;
    let e = find_entry(&all, entry, Round::Preliminary)?;
    store.conn().execute(
        "INSERT INTO advancement(round, entry_key, included, manual, reason, decided_by, decided_at) VALUES ('final', ?1, ?2, 1, ?3, ?4, ?5)
         ON CONFLICT(round, entry_key) DO UPDATE SET included = excluded.included, manual = 1, reason = excluded.reason,
           decided_by = excluded.decided_by, decided_at = excluded.decided_at",
        params![e.key, included as i64, reason.trim(), who.trim(), now.to_rfc3339()],
    )?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct AdvancementRow {
    pub entry_key: String,
    pub project_no: String,
    pub project_name: String,
    pub group: String,
    pub included: bool,
    pub manual: bool,
    pub reason: String,
    pub decided_by: String,
    pub decided_at: String,
}

pub fn advancement(store: &Store) -> Result<Vec<AdvancementRow>> {
    let mut stmt = store.conn().prepare(
        "SELECT a.entry_key, coalesce(e.project_no, a.entry_key), coalesce(e.project_name, ''), coalesce(e.group_code, ''), a.included, a.manual, a.reason, a.decided_by, a.decided_at
         FROM advancement a LEFT JOIN entries e ON e.key = a.entry_key WHERE a.round = 'final' ORDER BY a.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(AdvancementRow {
            entry_key: r.get(0)?,
            project_no: r.get(1)?,
            project_name: r.get(2)?,
            group: r.get(3)?,
            included: r.get::<_, i64>(4)? != 0,
            manual: r.get::<_, i64>(5)? != 0,
            reason: r.get(6)?,
            decided_by: r.get(7)?,
            decided_at: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// 排名表 (SPEC §8): per group the ranking of a round — rank, project, entrant, exact and displayed
/// score, valid judges, recused and dropped judges, state — as xlsx (numbers typed, no formulas).
pub fn ranking_xlsx(store: &Store, round: Round, path: &std::path::Path) -> Result<usize> {
    use crate::export::{Table, Value};
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
        return Err(CoreError::Invalid(format!("{}还没有项目，无法导出排名。", round.label())));
    }
    wb.save(path)?;
    Ok(n)
}
