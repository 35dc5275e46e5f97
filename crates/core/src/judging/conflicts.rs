//! 回避 (conflicts of interest): suggested from the data — a judge's organisation matching the
//! entrant, the IP holder or the recommending unit after name normalisation, or a judge named in
//! the team — then confirmed or dismissed by a person; or declared by hand. A confirmed or declared
//! conflict makes the judge's cell 回避 in the ranking, whatever was keyed.
use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use rusqlite::params;
use serde::Serialize;

use super::{judges_by_id, round_entries, Round};
use crate::error::{CoreError, Result};
use crate::store::Store;
use crate::text::{name_key, name_similarity};

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Conflict {
    pub id: i64,
    pub round: String,
    pub judge_id: i64,
    pub judge_name: String,
    pub entry_key: String,
    pub project_no: String,
    pub project_name: String,
    /// "suggested" (from the data) or "declared" (by hand).
    pub source: String,
    /// "suggested", "confirmed" or "dismissed".
    pub status: String,
    pub reason: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
}

/// Why a judge's organisation or name ties them to an entry, if it does.
pub(crate) fn why(judge_name: &str, organization: Option<&str>, e: &super::RoundEntry) -> Option<String> {
    if let Some(org) = organization.filter(|o| !name_key(o).is_empty()) {
        let matches = |other: &str| !name_key(other).is_empty() && (name_key(org) == name_key(other) || name_similarity(org, other) >= 0.85);
        if matches(&e.entrant_name) {
            return Some(format!("评委工作单位“{org}”与参赛主体“{}”相同或相近", e.entrant_name));
        }
        if let Some(h) = e.ip_holder.as_deref().filter(|h| matches(h)) {
            return Some(format!("评委工作单位“{org}”与知识产权权利人“{h}”相同或相近"));
        }
        if let Some(u) = e.unit.as_deref().filter(|u| matches(u)) {
            return Some(format!("评委工作单位“{org}”与推荐单位“{u}”相同或相近"));
        }
    }
    let jn = name_key(judge_name);
    if !jn.is_empty() && e.member_names.iter().any(|m| name_key(m) == jn) {
        return Some(format!("评委“{judge_name}”与团队成员同名，请核实是否为同一人"));
    }
    None
}

/// Looks for conflicts between the round's judges (of the entry's panel, when panels exist) and its
/// entries and records new suggestions; decided ones are left as they are. Returns how many are new.
pub fn suggest_conflicts(store: &mut Store, round: Round, now: DateTime<FixedOffset>) -> Result<usize> {
    let judges = judges_by_id(store)?;
    let entries = round_entries(store, round)?;
    let mut by_panel: HashMap<String, Vec<i64>> = HashMap::new();
    {
        let mut stmt = store
            .conn()
            .prepare("SELECT e.entry_key, j.judge_id FROM panel_entries e JOIN panel_judges j ON j.panel_id = e.panel_id WHERE e.round = ?1")?;
        for row in stmt.query_map([round.code()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (k, j) = row?;
            by_panel.entry(k).or_default().push(j);
        }
    }
    let all: Vec<i64> = {
        let mut v: Vec<i64> = judges.keys().copied().collect();
        v.sort();
        v
    };
    let tx = store.conn_mut().transaction()?;
    let mut added = 0;
    for e in &entries {
        let candidates = by_panel.get(&e.key).unwrap_or(&all);
        for jid in candidates {
            let Some(j) = judges.get(jid) else { continue };
            let Some(reason) = why(&j.name, j.organization.as_deref(), e) else { continue };
            added += tx.execute(
                "INSERT OR IGNORE INTO conflicts(round, judge_id, entry_key, source, status, reason) VALUES (?1, ?2, ?3, 'suggested', 'suggested', ?4)",
                params![round.code(), jid, e.key, reason],
            )?;
        }
    }
    tx.commit()?;
    let _ = now; // suggestions carry no decision time; kept in the signature for symmetry with the other changes
    Ok(added)
}

/// Confirms (the judge stands aside) or dismisses a suggested conflict; a person's call, logged with who and when.
pub fn decide_conflict(store: &mut Store, id: i64, confirm: bool, who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    if who.trim().is_empty() {
        return Err(CoreError::Invalid("请填写确认人。".into()));
    }
    let n = store.conn().execute(
        "UPDATE conflicts SET status = ?2, decided_by = ?3, decided_at = ?4 WHERE id = ?1",
        params![id, if confirm { "confirmed" } else { "dismissed" }, who.trim(), now.to_rfc3339()],
    )?;
    if n == 0 {
        return Err(CoreError::NotFound(format!("找不到回避记录（编号 {id}）。")));
    }
    Ok(())
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
        return Err(CoreError::Invalid("申报回避需要填写原因和登记人。".into()));
    }
    let judges = judges_by_id(store)?;
    if !judges.contains_key(&judge_id) {
        return Err(CoreError::NotFound(format!("找不到评委（编号 {judge_id}）。")));
    }
    let entries = round_entries(store, round)?;
    let e = super::scores::find_entry(&entries, entry, round)?;
    store.conn().execute(
        "INSERT INTO conflicts(round, judge_id, entry_key, source, status, reason, decided_by, decided_at) VALUES (?1, ?2, ?3, 'declared', 'confirmed', ?4, ?5, ?6)
         ON CONFLICT(round, judge_id, entry_key) DO UPDATE SET source = 'declared', status = 'confirmed', reason = excluded.reason,
           decided_by = excluded.decided_by, decided_at = excluded.decided_at",
        params![round.code(), judge_id, e.key, reason.trim(), who.trim(), now.to_rfc3339()],
    )?;
    Ok(())
}

/// Confirmed and declared conflicts of a round: (judge, entry key) → reason.
pub(crate) fn active_conflicts(store: &Store, round: Round) -> Result<HashMap<(i64, String), String>> {
    let mut stmt = store.conn().prepare("SELECT judge_id, entry_key, reason FROM conflicts WHERE round = ?1 AND status = 'confirmed'")?;
    let rows = stmt.query_map([round.code()], |r| Ok(((r.get::<_, i64>(0)?, r.get::<_, String>(1)?), r.get::<_, String>(2)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Every conflict of a round (suggested, confirmed, dismissed), for the judge × entry matrix.
pub fn conflicts(store: &Store, round: Round) -> Result<Vec<Conflict>> {
    let judges = judges_by_id(store)?;
    let mut stmt = store.conn().prepare(
        "SELECT c.id, c.round, c.judge_id, c.entry_key, coalesce(e.project_no, c.entry_key), coalesce(e.project_name, ''), c.source, c.status, c.reason, c.decided_by, c.decided_at
         FROM conflicts c LEFT JOIN entries e ON e.key = c.entry_key WHERE c.round = ?1 ORDER BY c.id",
    )?;
    let rows = stmt.query_map([round.code()], |r| {
        let jid: i64 = r.get(2)?;
        Ok(Conflict {
            id: r.get(0)?,
            round: r.get(1)?,
            judge_id: jid,
            judge_name: judges.get(&jid).map(|j| j.name.clone()).unwrap_or_default(),
            entry_key: r.get(3)?,
            project_no: r.get(4)?,
            project_name: r.get(5)?,
            source: r.get(6)?,
            status: r.get(7)?,
            reason: r.get(8)?,
            decided_by: r.get(9)?,
            decided_at: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}
