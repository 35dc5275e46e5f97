//! 回避 (conflicts of interest): suggested from the data — a judge's organisation matching the
//! entrant, the IP holder or the recommending unit after name normalisation, or a judge named in
//! the team — then confirmed or dismissed by a person; or declared by hand. A confirmed or declared
//! conflict makes the judge's cell 回避 in the ranking, whatever was keyed.
use std::collections::HashMap;

use serde::Serialize;

use super::{judges_by_id, Round};
use crate::error::Result;
use crate::store::{self, Store};
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
pub fn why(judge_name: &str, organization: Option<&str>, e: &super::RoundEntry) -> Option<String> {
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

/// Confirmed and declared conflicts of a round: (judge, entry key) → reason.
pub(crate) fn active_conflicts(store: &Store, round: Round) -> Result<HashMap<(i64, String), String>> {
    store::conflicts::active(store.conn(), round.code())
}

/// Every conflict of a round (suggested, confirmed, dismissed), for the judge × entry matrix.
pub fn conflicts(store: &Store, round: Round) -> Result<Vec<Conflict>> {
    let judges = judges_by_id(store)?;
    Ok(store::conflicts::list(store.conn(), round.code())?
        .into_iter()
        .map(|c| Conflict {
            id: c.id,
            round: c.round,
            judge_id: c.judge_id,
            judge_name: judges.get(&c.judge_id).map(|j| j.name.clone()).unwrap_or_default(),
            entry_key: c.entry_key,
            project_no: c.project_no,
            project_name: c.project_name,
            source: c.source,
            status: c.status,
            reason: c.reason,
            decided_by: c.decided_by,
            decided_at: c.decided_at,
        })
        .collect())
}
