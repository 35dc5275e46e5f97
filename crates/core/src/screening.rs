//! Screening over the store: run every rule on every current entry, apply the people's decisions,
//! and record new decisions. `check` computes verdicts afresh (rules are cheap), so they always
//! reflect the latest import and settings; `rerun` — called after every import, undo, reference
//! list and settings change — stores them with their findings and keeps each entry's history of
//! changed verdicts, so a verdict can be traced back to the change that caused it.
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::error::{CoreError, Result};
use crate::import::MappingChoice;
use crate::model::Entry;
use crate::model::Problem;
use crate::model::{verdict_of, Finding, Outcome, Verdict};
use crate::reference::{self, RefKind};
use crate::rules::{check_entry, Context, EntryInput, References};
use crate::settings;
use crate::store::Store;

/// A person's decision in force for an entry.
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    pub verdict: Verdict,
    pub reason: String,
    pub decided_by: String,
    pub decided_at: String,
}

/// One entry's screening result (SPEC §11 `check --json` shape, plus what the window shows).
#[derive(Debug, Clone, Serialize)]
pub struct EntryVerdict {
    pub project_no: Option<String>,
    pub key: String,
    pub group: Option<String>,
    pub project_name: Option<String>,
    pub entrant_name: Option<String>,
    pub unit: Option<String>,
    /// The effective verdict: the person's decision when there is one.
    pub verdict: Verdict,
    /// The rules' own verdict.
    pub auto_verdict: Verdict,
    pub decided_by_person: bool,
    pub needs_reconfirmation: bool,
    pub decision: Option<Decision>,
    pub findings: Vec<Finding>,
    /// What the organizing units' recommendation list says about this entry (when imported):
    /// who recommended it, or that no unit's list names it. Advisory, not a rule.
    pub recommendation: Option<String>,
    /// 取消资格 with its reason, when the entry was disqualified.
    pub disqualified: Option<String>,
}

struct Row {
    key: String,
    entry: Entry,
    hash: String,
    import_id: i64,
}

fn load(store: &Store) -> Result<(Vec<Row>, HashMap<i64, HashSet<String>>, HashMap<String, Vec<Problem>>)> {
    let c = store.conn();
    let mut stmt = c.prepare("SELECT key, data, content_hash, import_id FROM entries WHERE missing = 0 ORDER BY first_import_id, source_row, id")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?)))?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (key, data, hash, import_id) in rows {
        let entry: Entry = serde_json::from_str(&data).map_err(|e| CoreError::Invalid(format!("报名数据无法读取（{e}）")))?;
        out.push(Row { key, entry, hash, import_id });
    }
    // Which canonical fields each import had: a rule without its column is 未检查.
    let mut fields: HashMap<i64, HashSet<String>> = HashMap::new();
    let mut stmt = c.prepare("SELECT id, mapping FROM imports WHERE id IN (SELECT DISTINCT import_id FROM entries)")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, mapping) = row?;
        let choices: Vec<MappingChoice> = serde_json::from_str(&mapping).unwrap_or_default();
        fields.insert(id, choices.into_iter().filter_map(|m| m.field).collect());
    }
    let mut problems: HashMap<String, Vec<Problem>> = HashMap::new();
    let cols: Vec<String> = crate::import::PROBLEM_COLUMNS.split(", ").map(|c| format!("p.{c}")).collect();
    let mut stmt = c.prepare(&format!(
        "SELECT {}, p.entry_key FROM import_problems p JOIN entries e ON e.key = p.entry_key AND e.import_id = p.import_id ORDER BY p.id",
        cols.join(", ")
    ))?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(9)?, crate::import::problem_from_row(r)?)))? {
        let (k, p) = row?;
        problems.entry(k).or_default().push(p);
    }
    Ok((out, fields, problems))
}

fn decisions(store: &Store) -> Result<HashMap<String, (Decision, String)>> {
    let mut stmt = store.conn().prepare(
        "SELECT entry_key, verdict, reason, decided_by, decided_at, data_hash FROM decisions d
         WHERE id = (SELECT max(id) FROM decisions WHERE entry_key = d.entry_key)",
    )?;
    let rows = stmt.query_map([], |r| {
        let v: String = r.get(1)?;
        Ok((
            r.get::<_, String>(0)?,
            Decision {
                verdict: if v == "eligible" { Verdict::Eligible } else { Verdict::Ineligible },
                reason: r.get(2)?,
                decided_by: r.get(3)?,
                decided_at: r.get(4)?,
            },
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (k, d, h) = row?;
        out.insert(k, (d, h));
    }
    Ok(out)
}

/// Screens every current entry (entries missing from the latest import are left out).
pub fn check(store: &Store) -> Result<Vec<EntryVerdict>> {
    let settings = settings::load(store)?;
    let (rows, fields, problems) = load(store)?;
    let decided = decisions(store)?;
    let empty_fields = HashSet::new();
    let inputs: Vec<EntryInput> = rows
        .iter()
        .map(|r| EntryInput {
            key: &r.key,
            entry: &r.entry,
            fields: fields.get(&r.import_id).unwrap_or(&empty_fields),
            problems: problems.get(&r.key).map(Vec::as_slice).unwrap_or(&[]),
        })
        .collect();
    let refs = References {
        provincial_winners: reference::rows(store, RefKind::ProvincialWinners)?,
        dishonesty: reference::rows(store, RefKind::Dishonesty)?,
        other_awards: reference::rows(store, RefKind::OtherAwards)?,
    };
    let ctx = Context::new(&settings, &refs, &inputs);
    let recommendations = reference::rows(store, RefKind::Recommendations)?;
    let dq = disqualified(store)?;
    let mut out = Vec::with_capacity(rows.len());
    for (input, row) in inputs.iter().zip(&rows) {
        let findings = check_entry(input, &ctx);
        let auto = verdict_of(&findings);
        let decision = decided.get(&row.key);
        let e = &row.entry;
        out.push(EntryVerdict {
            project_no: e.project_no.clone(),
            key: row.key.clone(),
            group: e.group.map(|g| g.code().to_string()),
            project_name: e.project_name.clone(),
            entrant_name: e.entrant_name.clone(),
            unit: e.unit.clone(),
            verdict: decision.map(|(d, _)| d.verdict).unwrap_or(auto),
            auto_verdict: auto,
            decided_by_person: decision.is_some(),
            needs_reconfirmation: decision.map(|(_, h)| *h != row.hash).unwrap_or(false),
            decision: decision.map(|(d, _)| d.clone()),
            findings,
            recommendation: recommendations.as_deref().map(|list| recommendation_note(e, list)),
            disqualified: dq.get(&row.key).cloned(),
        });
    }
    Ok(out)
}

/// Contest-level warnings: rules that are 未检查 for some entries, e.g. "R09 未检查：未导入失信名单".
pub fn unchecked_summary(verdicts: &[EntryVerdict]) -> Vec<String> {
    let mut seen: Vec<(String, String, usize)> = Vec::new();
    for f in verdicts.iter().flat_map(|v| &v.findings).filter(|f| f.outcome == Outcome::Unchecked) {
        match seen.iter_mut().find(|(r, m, _)| *r == f.rule && *m == f.message) {
            Some(s) => s.2 += 1,
            None => seen.push((f.rule.clone(), f.message.clone(), 1)),
        }
    }
    seen.into_iter().map(|(r, m, n)| format!("{r} {m}（{n} 个项目）")).collect()
}

/// Records a person's decision (符合 / 不符合) with a reason; the rules' verdict stays visible.
pub fn decide(store: &mut Store, project_no_or_key: &str, verdict: Verdict, reason: &str, who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    if verdict == Verdict::Review {
        return Err(CoreError::Invalid("人工审核只能决定“符合”或“不符合”。".into()));
    }
    if reason.trim().is_empty() {
        return Err(CoreError::Invalid("请填写审核理由。".into()));
    }
    if who.trim().is_empty() {
        return Err(CoreError::Invalid("请填写审核人。".into()));
    }
    let tx = store.conn_mut().transaction()?;
    let (key, hash): (String, String) = tx
        .query_row(
            // The exact key first, then a current entry with that number before one missing from the latest import.
            "SELECT key, content_hash FROM entries WHERE project_no = ?1 OR key = ?1 ORDER BY key = ?1 DESC, missing, id DESC LIMIT 1",
            [project_no_or_key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("找不到项目编号为“{project_no_or_key}”的报名项目。")))?;
    let v = if verdict == Verdict::Eligible { "eligible" } else { "ineligible" };
    tx.execute(
        "INSERT INTO decisions(entry_key, verdict, reason, decided_by, decided_at, data_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![key, v, reason.trim(), who.trim(), now.to_rfc3339(), hash],
    )?;
    tx.commit()?;
    Ok(())
}

fn field<'a>(row: &'a reference::RefRow, key: &str) -> Option<&'a str> {
    row.get(key).and_then(|v| v.as_str()).filter(|s| !s.trim().is_empty())
}

/// Looks the entry up in the organizing units' recommendation lists: same entrant (normalised
/// name) and the same or a similar project name. Says which unit listed it and whether that agrees
/// with the 推荐单位 the entry gave.
pub fn recommendation_note(e: &Entry, list: &[reference::RefRow]) -> String {
    use crate::text::{name_key, name_similarity};
    let entrant = e.entrant_name.as_deref().map(name_key).unwrap_or_default();
    let project = e.project_name.as_deref().unwrap_or("");
    let hit = list.iter().find(|r| {
        let same_entrant = !entrant.is_empty() && field(r, "entrant_name").map(name_key).as_deref() == Some(entrant.as_str());
        let similar_project = field(r, "project_name").map(|p| name_similarity(p, project) >= 0.8).unwrap_or(false);
        same_entrant && similar_project
    });
    let Some(r) = hit else {
        return "组织单位推荐名单中未找到此项目（按参赛主体和项目名称查找）".into();
    };
    let listed = field(r, "unit").unwrap_or("（未填写推荐单位）");
    match e.unit.as_deref().filter(|u| !u.trim().is_empty()) {
        Some(u) if name_key(u) == name_key(listed) => format!("由“{listed}”推荐，与报名表一致"),
        Some(u) => format!("推荐名单中由“{listed}”推荐，报名表填写的推荐单位为“{u}”，请核对"),
        None => format!("推荐名单中由“{listed}”推荐（报名表未填写推荐单位）"),
    }
}

/// A stored screening run.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub id: i64,
    pub ran_at: String,
    pub trigger: String,
    pub entries: i64,
    pub eligible: i64,
    pub ineligible: i64,
    pub review: i64,
    pub changed: i64,
}

/// One change of an entry's automatic verdict or findings.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryItem {
    pub run_id: i64,
    pub ran_at: String,
    pub trigger: String,
    pub auto_verdict: Verdict,
    pub findings: Vec<Finding>,
}

fn verdict_code(v: Verdict) -> &'static str {
    match v {
        Verdict::Eligible => "eligible",
        Verdict::Ineligible => "ineligible",
        Verdict::Review => "review",
    }
}

fn verdict_from(code: &str) -> Verdict {
    match code {
        "eligible" => Verdict::Eligible,
        "ineligible" => Verdict::Ineligible,
        _ => Verdict::Review,
    }
}

/// Re-screens every entry and stores the result as a run: the current verdict and findings of each
/// entry, and a history row for each entry whose automatic verdict or findings changed. One
/// transaction. `trigger` says, in Chinese, what caused the run.
pub fn rerun(store: &mut Store, trigger: &str, now: DateTime<FixedOffset>) -> Result<Run> {
    let verdicts = check(store)?;
    let tx = store.conn_mut().transaction()?;
    let mut previous: HashMap<String, String> = HashMap::new();
    {
        let mut stmt = tx.prepare("SELECT entry_key, findings_hash FROM verdicts")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (k, h) = row?;
            previous.insert(k, h);
        }
    }
    let count = |v: Verdict| verdicts.iter().filter(|x| x.auto_verdict == v).count() as i64;
    tx.execute(
        "INSERT INTO screening_runs(ran_at, trigger, entries, eligible, ineligible, review, changed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
        params![now.to_rfc3339(), trigger, verdicts.len() as i64, count(Verdict::Eligible), count(Verdict::Ineligible), count(Verdict::Review)],
    )?;
    let run_id = tx.last_insert_rowid();
    let mut changed = 0i64;
    {
        let mut upsert = tx.prepare(
            "INSERT INTO verdicts(entry_key, run_id, auto_verdict, findings_hash, history_id) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(entry_key) DO UPDATE SET run_id = excluded.run_id, auto_verdict = excluded.auto_verdict,
                 findings_hash = excluded.findings_hash, history_id = excluded.history_id",
        )?;
        let mut history = tx.prepare("INSERT INTO verdict_history(entry_key, run_id, auto_verdict, findings) VALUES (?1, ?2, ?3, ?4)")?;
        for v in &verdicts {
            let findings = serde_json::to_string(&v.findings).map_err(|e| CoreError::Invalid(format!("审查结果无法保存（{e}）")))?;
            let code = verdict_code(v.auto_verdict);
            let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(format!("{code}\n{findings}").as_bytes()));
            if previous.remove(&v.key).as_deref() == Some(hash.as_str()) {
                continue;
            }
            changed += 1;
            history.execute(params![v.key, run_id, code, findings])?;
            upsert.execute(params![v.key, run_id, code, hash, tx.last_insert_rowid()])?;
        }
    }
    // Entries no longer current (undone, or missing from the latest import) leave the current table;
    // their history stays.
    for key in previous.keys() {
        tx.execute("DELETE FROM verdicts WHERE entry_key = ?1", [key])?;
    }
    tx.execute("UPDATE screening_runs SET changed = ?1 WHERE id = ?2", params![changed, run_id])?;
    tx.commit()?;
    Ok(Run {
        id: run_id,
        ran_at: now.to_rfc3339(),
        trigger: trigger.to_string(),
        entries: verdicts.len() as i64,
        eligible: count(Verdict::Eligible),
        ineligible: count(Verdict::Ineligible),
        review: count(Verdict::Review),
        changed,
    })
}

/// The stored runs, newest first.
pub fn runs(store: &Store, limit: usize) -> Result<Vec<Run>> {
    let mut stmt = store
        .conn()
        .prepare("SELECT id, ran_at, trigger, entries, eligible, ineligible, review, changed FROM screening_runs ORDER BY id DESC LIMIT ?1")?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok(Run {
            id: r.get(0)?,
            ran_at: r.get(1)?,
            trigger: r.get(2)?,
            entries: r.get(3)?,
            eligible: r.get(4)?,
            ineligible: r.get(5)?,
            review: r.get(6)?,
            changed: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// How an entry's automatic verdict and findings changed over the runs, oldest first.
pub fn history(store: &Store, project_no_or_key: &str) -> Result<Vec<HistoryItem>> {
    let mut stmt = store.conn().prepare(
        "SELECT h.run_id, r.ran_at, r.trigger, h.auto_verdict, h.findings FROM verdict_history h
         JOIN screening_runs r ON r.id = h.run_id
         WHERE h.entry_key = ?1 OR h.entry_key IN (SELECT key FROM entries WHERE project_no = ?1)
         ORDER BY h.id",
    )?;
    let rows = stmt.query_map([project_no_or_key], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (run_id, ran_at, trigger, v, f) = row?;
        let findings: Vec<Finding> = serde_json::from_str(&f).map_err(|e| CoreError::Invalid(format!("审查记录无法读取（{e}）")))?;
        out.push(HistoryItem { run_id, ran_at, trigger, auto_verdict: verdict_from(&v), findings });
    }
    Ok(out)
}

/// Disqualified entries: key → "取消资格：reason（who，date）".
pub fn disqualified(store: &Store) -> Result<HashMap<String, String>> {
    let mut stmt = store.conn().prepare("SELECT entry_key, reason, decided_by, decided_at FROM disqualifications")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            format!(
                "取消资格：{}（{}，{}）",
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?.chars().take(10).collect::<String>()
            ),
        ))
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// 取消资格 (notice §五(四)) at any stage, with a reason: the entry leaves the rounds; when the award
/// list is frozen and the entry has an award, the withdrawal is recorded as an amendment. One transaction.
pub fn disqualify(store: &mut Store, project_no_or_key: &str, reason: &str, who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    if reason.trim().is_empty() || who.trim().is_empty() {
        return Err(CoreError::Invalid("取消资格需要填写理由和操作人。".into()));
    }
    let key: String = store
        .conn()
        .query_row(
            "SELECT key FROM entries WHERE project_no = ?1 OR key = ?1 ORDER BY key = ?1 DESC, missing, id DESC LIMIT 1",
            [project_no_or_key.trim()],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("找不到项目编号为“{}”的报名项目。", project_no_or_key.trim())))?;
    // The award in force before, to withdraw it from a frozen list.
    let awarded = crate::awards::awards(store)?;
    let held = awarded.frozen.as_ref().and_then(|f| awarded.awards.iter().find(|a| a.key == key && a.level.is_some()).map(|a| (f.id, a.level)));
    store.backup("before-disqualification", now)?;
    let tx = store.conn_mut().transaction()?;
    tx.execute(
        "INSERT INTO disqualifications(entry_key, reason, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(entry_key) DO UPDATE SET reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at",
        params![key, reason.trim(), who.trim(), now.to_rfc3339()],
    )?;
    if let Some((set_id, Some(level))) = held {
        tx.execute(
            "INSERT INTO award_amendments(set_id, entry_key, old_level, new_level, reason, amended_by, amended_at) VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6)",
            params![set_id, key, level.code(), format!("取消资格：{}", reason.trim()), who.trim(), now.to_rfc3339()],
        )?;
    }
    tx.commit()?;
    // Its certificate is voided (the number is never reused).
    let live: Vec<String> =
        crate::certificates::list(store)?.into_iter().filter(|c| c.voided_at.is_none() && c.subject_key == key).map(|c| c.number).collect();
    for number in live {
        crate::actions::certificates::void(store, &number, &format!("取消资格：{}", reason.trim()), who.trim(), now)?;
    }
    Ok(())
}
