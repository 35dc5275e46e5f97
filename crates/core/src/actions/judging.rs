//! Changes to the rounds: panels, 回避, score keeping (one cell or a whole score file, each change
//! logged), the committee's tie decisions, advancement to the final and the roadshow draw.
use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;

use crate::error::{CoreError, Result};
use crate::judging::{self, AdvanceGroup, AdvanceResult, Draw, Panel, Round, ScoreValue, ScoresImport};
use crate::model::Group;
use crate::scoring::{self, Ranked};
use crate::settings;
use crate::store::{self, Store};

pub fn create_panel(store: &mut Store, round: Round, name: &str, now: DateTime<FixedOffset>) -> Result<i64> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CoreError::validation(Some("name"), "请填写评审组名称。"));
    }
    settings::load(store)?.check_round(round)?;
    if store::panels::id_by_name(store.conn(), round.code(), name)?.is_some() {
        return Err(CoreError::conflict(format!("{}已有名为“{name}”的评审组。", round.label())));
    }
    store::panels::insert(store.conn(), round.code(), name, &now.to_rfc3339())
}

pub fn delete_panel(store: &mut Store, panel_id: i64) -> Result<()> {
    let tx = store.conn_mut().transaction()?;
    store::panels::delete(&tx, panel_id)?;
    tx.commit()?;
    Ok(())
}

/// Sets a panel's judges, in score-sheet order.
pub fn set_panel_judges(store: &mut Store, panel_id: i64, judge_ids: &[i64]) -> Result<()> {
    judging::panel_round(store, panel_id)?;
    let known = judging::judges_by_id(store)?;
    let mut seen = HashSet::new();
    for id in judge_ids {
        if !known.contains_key(id) {
            return Err(CoreError::NotFound(format!("找不到评委（编号 {id}），请先在评委名单中添加。")));
        }
        if !seen.insert(id) {
            return Err(CoreError::validation(Some("judges"), format!("评委“{}”在评审组中重复了。", known[id].name)));
        }
    }
    let tx = store.conn_mut().transaction()?;
    store::panels::set_judges(&tx, panel_id, judge_ids)?;
    tx.commit()?;
    Ok(())
}

/// Sets a panel's entries (keys or project numbers); an entry moves here from another panel of the round.
pub fn set_panel_entries(store: &mut Store, panel_id: i64, entries: &[String]) -> Result<()> {
    let round = judging::panel_round(store, panel_id)?;
    let in_round = judging::round_entries(store, round)?;
    let mut keys = Vec::new();
    for e in entries {
        let hit = in_round.iter().find(|r| r.key == *e || r.project_no == *e).ok_or_else(|| {
            CoreError::not_in_round(format!("项目“{e}”不在{}名单中（初赛只含资格审查结论为“符合”的项目，复赛和决赛只含晋级项目）。", round.label()))
        })?;
        if !keys.contains(&hit.key) {
            keys.push(hit.key.clone());
        }
    }
    let tx = store.conn_mut().transaction()?;
    store::panels::set_entries(&tx, panel_id, round.code(), &keys)?;
    carry_conflicts(&tx, round, &in_round)?;
    tx.commit()?;
    Ok(())
}

/// The quick start: one panel per group ("企业组评审组"), holding every entry of the round in that
/// group, and `judges_per_panel` active judges (all of them when None). With fewer judges than the
/// panels need, judges are shared: the panels take the active judges in turn, so the load is even.
/// Panels that exist are left as they are; entries already in a panel stay there. In the 决赛, the
/// confirmed 回避 of the 初赛 are carried over for the same judge and entry.
pub fn auto_panels(store: &mut Store, round: Round, judges_per_panel: Option<usize>, now: DateTime<FixedOffset>) -> Result<Vec<Panel>> {
    let entries = judging::round_entries(store, round)?;
    let judges = store::judges::active_ids(store.conn())?;
    if let Some(n) = judges_per_panel {
        if n == 0 || n > judges.len() {
            return Err(CoreError::validation(
                Some("judges_per_panel"),
                format!("每个评审组的评委人数应在 1 到 {} 之间（在用评委共 {} 人）。", judges.len().max(1), judges.len()),
            ));
        }
    }
    let placed = store::panels::placed(store.conn(), round.code())?;
    let mut groups: Vec<Option<Group>> = Vec::new();
    for e in &entries {
        if !groups.contains(&e.group) {
            groups.push(e.group);
        }
    }
    let tx = store.conn_mut().transaction()?;
    let mut next_judge = 0usize;
    for g in groups {
        let name = format!("{}评审组", Group::label_of(g));
        let id = match store::panels::id_by_name(&tx, round.code(), &name)? {
            Some(id) => id,
            None => {
                let id = store::panels::insert(&tx, round.code(), &name, &now.to_rfc3339())?;
                store::panels::set_judges(&tx, id, &panel_share(&judges, judges_per_panel, &mut next_judge))?;
                id
            }
        };
        for e in entries.iter().filter(|e| e.group == g && !placed.contains(&e.key)) {
            store::panels::add_entry_if_free(&tx, id, round.code(), &e.key)?;
        }
    }
    carry_conflicts(&tx, round, &entries)?;
    tx.commit()?;
    judging::panels(store, round)
}

/// The next panel's judges: `n` of the active judges taken in turn from `next` (all when None).
fn panel_share(judges: &[i64], n: Option<usize>, next: &mut usize) -> Vec<i64> {
    let Some(n) = n.filter(|n| *n < judges.len()) else { return judges.to_vec() };
    let out = (0..n).map(|i| judges[(*next + i) % judges.len()]).collect();
    *next = (*next + n) % judges.len();
    out
}

/// In a later round (复赛, 决赛): the previous enabled round's confirmed 回避 carried over for the same judge
/// and entry (see `store::conflicts::carry_confirmed`); the 复赛's own include those it carried from the
/// 初赛. The 初赛 carries nothing.
fn carry_conflicts(tx: &Connection, round: Round, entries: &[judging::RoundEntry]) -> Result<usize> {
    let Some(from) = settings::load_from(tx)?.previous_round(round) else { return Ok(0) };
    let keys: Vec<String> = entries.iter().map(|e| e.key.clone()).collect();
    store::conflicts::carry_confirmed(tx, from.code(), round.code(), &keys)
}

/// Looks for conflicts between the round's judges (of the entry's panel, when panels exist) and its
/// entries and records new suggestions; decided ones are left as they are. In the 决赛 the 初赛's
/// confirmed 回避 are carried over first. Returns how many suggestions are new.
pub fn suggest_conflicts(store: &mut Store, round: Round, now: DateTime<FixedOffset>) -> Result<usize> {
    let judges = judging::judges_by_id(store)?;
    let mut entries = judging::round_entries(store, round)?;
    judging::with_people(store, &mut entries)?;
    let mut by_panel: HashMap<String, Vec<i64>> = HashMap::new();
    for (k, j) in store::panels::entry_judges(store.conn(), round.code())? {
        by_panel.entry(k).or_default().push(j);
    }
    let all: Vec<i64> = {
        let mut v: Vec<i64> = judges.keys().copied().collect();
        v.sort();
        v
    };
    let tx = store.conn_mut().transaction()?;
    // Carried first, so a 回避 confirmed in the 初赛 stands in the 决赛 instead of coming back as a suggestion.
    carry_conflicts(&tx, round, &entries)?;
    let mut added = 0;
    for e in &entries {
        let candidates = by_panel.get(&e.key).unwrap_or(&all);
        for jid in candidates {
            let Some(j) = judges.get(jid) else { continue };
            let Some(reason) = judging::why(&j.name, j.organization.as_deref(), e) else { continue };
            added += store::conflicts::suggest(&tx, round.code(), *jid, &e.key, &reason)? as usize;
        }
    }
    tx.commit()?;
    let _ = now; // suggestions carry no decision time; kept in the signature for symmetry with the other changes
    Ok(added)
}

/// Confirms (the judge stands aside) or dismisses a suggested conflict; a person's call, logged with who and when.
pub fn decide_conflict(store: &mut Store, id: i64, confirm: bool, who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    if who.trim().is_empty() {
        return Err(CoreError::validation(Some("who"), "请填写确认人。"));
    }
    if !store::conflicts::decide(store.conn(), id, confirm, who.trim(), &now.to_rfc3339())? {
        return Err(CoreError::NotFound(format!("找不到回避记录（编号 {id}）。")));
    }
    Ok(())
}

/// Dismisses several suggested conflicts of a round at once with one reason (e.g. "同名不同人，已电话核实"),
/// in one transaction: all of them or none. Each row keeps who, when and the reason (audited).
pub fn dismiss_conflicts(store: &mut Store, round: Round, ids: &[i64], reason: &str, who: &str, now: DateTime<FixedOffset>) -> Result<usize> {
    if ids.is_empty() {
        return Err(CoreError::validation(Some("ids"), "请先勾选要排除的回避提示。"));
    }
    if reason.trim().is_empty() {
        return Err(CoreError::validation(Some("reason"), "批量排除需要填写一个理由，如“同名不同人，已电话核实”。"));
    }
    if who.trim().is_empty() {
        return Err(CoreError::validation(Some("who"), "请填写确认人。"));
    }
    let mut unique: Vec<i64> = Vec::new();
    for id in ids {
        if !unique.contains(id) {
            unique.push(*id);
        }
    }
    let tx = store.conn_mut().transaction()?;
    let skipped = store::conflicts::dismiss_suggested(&tx, round.code(), &unique, who.trim(), &now.to_rfc3339(), reason.trim())?;
    if !skipped.is_empty() {
        // Dropping the transaction undoes the others: one action, all or nothing.
        return Err(CoreError::conflict(format!(
            "编号 {} 的回避记录不是{}待确认的提示（可能已被确认或排除），本次没有排除任何记录。请刷新后重新勾选。",
            skipped.iter().map(i64::to_string).collect::<Vec<_>>().join("、"),
            round.label()
        )));
    }
    tx.commit()?;
    Ok(unique.len())
}

/// A judge declares a conflict by hand (or the secretariat records one).
pub fn declare_conflict(
    store: &mut Store,
    round: Round,
    judge_id: i64,
    entry: &str,
    reason: &str,
    who: &str,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    if reason.trim().is_empty() || who.trim().is_empty() {
        return Err(CoreError::validation(Some("reason"), "申报回避需要填写原因和登记人。"));
    }
    let judges = judging::judges_by_id(store)?;
    if !judges.contains_key(&judge_id) {
        return Err(CoreError::NotFound(format!("找不到评委（编号 {judge_id}）。")));
    }
    let entries = judging::round_entries(store, round)?;
    let e = judging::find_entry(&entries, entry, round)?;
    store::conflicts::declare(store.conn(), round.code(), judge_id, &e.key, reason.trim(), who.trim(), &now.to_rfc3339())
}

/// Writes one cell inside the caller's transaction and logs the change; unchanged values write nothing.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_cell(
    tx: &Connection,
    round: Round,
    judge_id: i64,
    entry_key: &str,
    pass: u8,
    value: &ScoreValue,
    who: &str,
    reason: &str,
    now: &str,
) -> Result<bool> {
    let old = store::scores::cell(tx, round.code(), judge_id, entry_key, pass)?;
    let old_value = old.as_ref().map(|c| judging::stored_value(c.recused, c.criteria.as_deref(), c.total));
    let old_text = old_value.as_ref().and_then(ScoreValue::describe);
    let new_text = value.describe();
    if old_text == new_text {
        return Ok(false);
    }
    match value {
        ScoreValue::Clear => {
            store::scores::delete(tx, round.code(), judge_id, entry_key, pass)?;
        }
        _ => {
            let (recused, criteria, total) = match value {
                ScoreValue::Criteria { values } => (false, Some(serde_json::to_string(values).unwrap_or_default()), Some(values.iter().sum::<i64>())),
                ScoreValue::Total { total } => (false, None, Some(*total)),
                _ => (true, None, None),
            };
            store::scores::upsert(tx, round.code(), judge_id, entry_key, pass, recused, criteria.as_deref(), total, now, who)?;
        }
    }
    store::scores::log_change(tx, now, who, round.code(), judge_id, entry_key, pass, old_text.as_deref(), new_text.as_deref(), reason)?;
    Ok(true)
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
        return Err(CoreError::validation(Some("pass"), "录入遍次只能是 1（第一遍）或 2（第二遍核对）。"));
    }
    if who.trim().is_empty() {
        return Err(CoreError::validation(Some("who"), "请填写录入人。"));
    }
    let settings = settings::load(store)?;
    let judges = judging::judges_by_id(store)?;
    let judge = judges.get(&judge_id).ok_or_else(|| CoreError::NotFound(format!("找不到评委（编号 {judge_id}）。")))?;
    let entries = judging::round_entries(store, round)?;
    let e = judging::find_entry(&entries, entry, round)?;
    let sheet = e
        .group
        .and_then(|g| settings.score_sheet(g))
        .ok_or_else(|| CoreError::precondition(format!("{}还没有评分表，请在赛事设置中填写评分标准。", Group::label_of(e.group))))?;
    judging::check_value(value, sheet, &judge.name, &e.project_no)?;
    let tx = store.conn_mut().transaction()?;
    if let Some((_, panel, ids)) = judging::panel_of(&tx, round, &e.key)? {
        if !ids.contains(&judge_id) {
            return Err(CoreError::precondition(format!("评委“{}”不在项目 {} 所在的“{panel}”中。", judge.name, e.project_no)));
        }
    }
    let existed = store::scores::cell(&tx, round.code(), judge_id, &e.key, pass)?.is_some();
    let reason = reason.trim();
    if existed && reason.is_empty() && pass == 1 {
        return Err(CoreError::validation(Some("reason"), format!("修改评委“{}”对项目 {} 已录入的分数需要填写原因。", judge.name, e.project_no)));
    }
    let reason = if reason.is_empty() { "录入" } else { reason };
    let changed = write_cell(&tx, round, judge_id, &e.key, pass, value, who.trim(), reason, &now.to_rfc3339())?;
    tx.commit()?;
    Ok(changed)
}

/// Imports a score file: every cell is checked first; with any problem the whole file is refused
/// (`CoreError::ScoresRefused`) and nothing is stored. A file that would replace hand-keyed scores with
/// other values is refused (CONFLICT, naming them) unless `overwrite` says the user confirmed it.
/// Otherwise every changed cell is written and logged in one transaction.
pub fn import_scores(store: &mut Store, round: Round, path: &Path, who: &str, overwrite: bool, now: DateTime<FixedOffset>) -> Result<ScoresImport> {
    let (file, rows, problems) = judging::sheets::parse(store, round, path)?;
    if !problems.is_empty() {
        let summary = problems
            .iter()
            .take(10)
            .map(|p| format!("  “{}”第 {} 行 {}：{}", p.sheet, p.row.unwrap_or(0), p.column.clone().unwrap_or_default(), p.message))
            .collect::<Vec<_>>()
            .join("\n");
        let more = if problems.len() > 10 { format!("\n  ……另有 {} 处", problems.len() - 10) } else { String::new() };
        return Err(CoreError::ScoresRefused { file, count: problems.len(), summary: summary + &more });
    }
    if rows.is_empty() {
        return Err(CoreError::validation(Some("file"), format!("评分表“{file}”中没有评分行。")));
    }
    let (_, _, overwrites) = judging::sheets::changes(store, round, &rows)?;
    if !overwrites.is_empty() && !overwrite {
        let list = overwrites
            .iter()
            .take(10)
            .map(|o| {
                format!("  评委“{}” × {}：已录入 {}（{} {}），文件中为 {}", o.judge_name, o.project_no, o.stored, o.keyed_by, o.keyed_at, o.incoming)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let more = if overwrites.len() > 10 { format!("\n  ……另有 {} 处", overwrites.len() - 10) } else { String::new() };
        return Err(CoreError::conflict(format!(
            "评分表“{file}”会覆盖 {} 个手工录入的不同分数，没有导入：\n{list}{more}\n请核对纸质评分表；确认以文件为准时再导入并确认覆盖（命令行加 --overwrite）。",
            overwrites.len()
        )));
    }
    let who = if who.trim().is_empty() { "导入" } else { who.trim() };
    store.backup("before-scores-import", now)?;
    let tx = store.conn_mut().transaction()?;
    let mut written = 0;
    let reason = judging::sheets::import_reason(&file);
    for r in &rows {
        if write_cell(&tx, round, r.judge_id, &r.entry_key, 1, &r.value, who, &reason, &now.to_rfc3339())? {
            written += 1;
        }
    }
    tx.commit()?;
    Ok(ScoresImport {
        file,
        round,
        recusals: rows.iter().filter(|r| r.value == ScoreValue::Recused).count(),
        rows: rows.len(),
        written,
        unchanged: rows.len() - written,
        problems: Vec::new(),
        overwrites,
        applied: true,
    })
}

/// Records the committee's order for entries the tie chain could not separate (best first).
pub fn decide_tie(
    store: &mut Store,
    round: Round,
    group: Group,
    entries: &[String],
    reason: &str,
    who: &str,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    if reason.trim().is_empty() || who.trim().is_empty() {
        return Err(CoreError::validation(Some("reason"), "记录评审委员会的决定需要填写依据（如“评委会投票 5:2”）和记录人。"));
    }
    if entries.len() < 2 {
        return Err(CoreError::validation(Some("entries"), "并列决定至少涉及两个项目。"));
    }
    let all = judging::round_entries(store, round)?;
    let mut keys = Vec::new();
    for e in entries {
        let hit = judging::find_entry(&all, e, round)?;
        if hit.group != Some(group) {
            return Err(CoreError::not_in_round(format!("项目 {} 不在{}。", hit.project_no, group.label())));
        }
        keys.push(hit.key.clone());
    }
    let keys_json = serde_json::to_string(&keys).map_err(|e| CoreError::precondition(e.to_string()))?;
    store::rounds::insert_tie_decision(store.conn(), round.code(), group, &keys_json, reason.trim(), who.trim(), &now.to_rfc3339())
}

/// Sends the top N per group of the preliminary ranking to the final (the 复赛's when it is enabled):
/// [`advance_to`] the 决赛.
pub fn advance(store: &mut Store, top_n: usize, who: &str, now: DateTime<FixedOffset>) -> Result<AdvanceResult> {
    advance_to(store, Round::Final, top_n, who, now)
}

/// Sends the top N per group of the previous enabled round's ranking to `to` (复赛 from the 初赛; 决赛 from
/// the 复赛 when it is enabled, else from the 初赛). Entries tied across the line are not sent: they are
/// reported for a decision (a committee tie decision, then advance again, or a manual change). Manual
/// changes made before are kept. One transaction.
pub fn advance_to(store: &mut Store, to: Round, top_n: usize, who: &str, now: DateTime<FixedOffset>) -> Result<AdvanceResult> {
    let st = settings::load(store)?;
    st.check_round(to)?;
    let from = st
        .previous_round(to)
        .ok_or_else(|| CoreError::validation(Some("round"), "初赛是第一轮，没有晋级：请选择复赛或决赛（项目从上一轮晋级进入）。"))?;
    if top_n == 0 {
        return Err(CoreError::validation(Some("count"), format!("进入{}的项目数至少为 1。", to.label())));
    }
    let ranking = judging::ranking(store, from)?;
    if ranking.iter().all(|g| g.entries.iter().all(|e| e.rank.is_none())) {
        return Err(CoreError::precondition(format!(
            "{from_l}还没有完成评分的项目，无法确定进入{to_l}的名单。请先录入或导入{from_l}评分。",
            from_l = from.label(),
            to_l = to.label()
        )));
    }
    let key_of: HashMap<String, String> = ranking.iter().flat_map(|g| g.entries.iter().map(|e| (e.project_no.clone(), e.key.clone()))).collect();
    let tx = store.conn_mut().transaction()?;
    let manual = store::rounds::manual_advanced(&tx, to.code())?;
    store::rounds::clear_computed_advancement(&tx, to.code())?;
    let mut groups = Vec::new();
    for g in &ranking {
        let ranked: Vec<Ranked> = g.entries.iter().map(|e| e.detail.clone()).collect();
        let adv = scoring::advance_top_n(&ranked, top_n);
        for (i, no) in adv.advanced.iter().enumerate() {
            let Some(key) = key_of.get(no) else { continue };
            if manual.contains(key) {
                continue;
            }
            store::rounds::insert_computed_advancement(
                &tx,
                to.code(),
                key,
                &format!("{}{}第 {} 名（前 {top_n} 名晋级）", from.label(), g.label, i + 1),
                who,
                &now.to_rfc3339(),
            )?;
        }
        groups.push(AdvanceGroup {
            group: g.group,
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
    adjust_advancement_to(store, Round::Final, entry, included, reason, who, now)
}

/// A manual change to `to`'s list (复赛 or 决赛), with a reason; the entry must be in the previous enabled round.
#[allow(clippy::too_many_arguments)]
pub fn adjust_advancement_to(
    store: &mut Store,
    to: Round,
    entry: &str,
    included: bool,
    reason: &str,
    who: &str,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    if reason.trim().is_empty() || who.trim().is_empty() {
        return Err(CoreError::validation(Some("reason"), "调整晋级名单需要填写理由和操作人。"));
    }
    let st = settings::load(store)?;
    st.check_round(to)?;
    let from = st.previous_round(to).ok_or_else(|| CoreError::validation(Some("round"), "初赛没有晋级名单：请选择复赛或决赛。"))?;
    let all = judging::round_entries(store, from)?;
    let e = judging::find_entry(&all, entry, from)?;
    store::rounds::set_manual_advancement(store.conn(), to.code(), &e.key, included, reason.trim(), who.trim(), &now.to_rfc3339())
}

/// Draws the roadshow order of one group of a round and records it with its seed.
pub fn draw(store: &mut Store, round: Round, group: Group, seed: u64, who: &str, now: DateTime<FixedOffset>) -> Result<Draw> {
    if who.trim().is_empty() {
        return Err(CoreError::validation(Some("who"), "请填写抽签操作人。"));
    }
    let entries: Vec<_> = judging::round_entries(store, round)?.into_iter().filter(|e| e.group == Some(group)).collect();
    if entries.is_empty() {
        return Err(CoreError::precondition(format!("{}{}没有项目，无法抽签。", round.label(), group.label())));
    }
    let nos: Vec<String> = entries.iter().map(|e| e.project_no.clone()).collect();
    let order = judging::order_for_seed(&nos, seed);
    let keys: Vec<String> = order.iter().filter_map(|n| entries.iter().find(|e| &e.project_no == n).map(|e| e.key.clone())).collect();
    let keys_json = serde_json::to_string(&keys).map_err(|e| CoreError::precondition(e.to_string()))?;
    let id = store::rounds::insert_draw(store.conn(), round.code(), group, &seed.to_string(), &now.to_rfc3339(), who.trim(), &keys_json)?;
    judging::draws(store, round)?.into_iter().find(|d| d.id == id).ok_or_else(|| CoreError::NotFound("抽签结果未能保存。".into()))
}
