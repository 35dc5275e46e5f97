//! 回避 (conflicts of interest): suggested from the data — a judge's organisation matching the
//! entrant, the IP holder or the recommending unit after name normalisation, or a judge named in
//! the team — then confirmed or dismissed by a person; or declared by hand. A confirmed or declared
//! conflict makes the judge's cell 回避 in the ranking, whatever was keyed.
use std::collections::HashMap;

use super::Round;
use crate::error::Result;
pub use crate::model::Conflict;
use crate::store::{self, Store};
use crate::text::{name_key, name_similarity};

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
    store::conflicts::list(store.conn(), round.code())
}
