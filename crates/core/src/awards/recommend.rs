//! The provincial recommendation list (推荐参加省赛): per group the top entries of the final ranking
//! up to the provincial quota, a tie across the line held for a decision, manual changes with
//! reasons. Columns per DOMAIN §5.
use std::collections::HashMap;

use serde::Serialize;

use crate::error::Result;
use crate::judging::{self};
use crate::model::{Group, Round};
use crate::settings;
use crate::store::{self, Store};

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct RecommendedEntry {
    pub key: String,
    pub project_no: String,
    pub group: Option<Group>,
    pub group_label: String,
    pub project_name: String,
    pub entrant_name: String,
    pub credit_code: Option<String>,
    pub field: Option<String>,
    pub county: Option<String>,
    pub prize: Option<String>,
    pub score_display: Option<String>,
    pub rank: Option<u32>,
    pub leader_name: Option<String>,
    /// Full number: the list goes to the provincial department, not to the public.
    pub leader_phone: Option<String>,
    pub unit: Option<String>,
    pub included: bool,
    /// A person changed this entry's place on the list.
    pub manual: bool,
    pub reason: String,
    /// Tied across the quota line and not yet decided.
    pub pending: bool,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Recommendation {
    /// Included entries first (by group, then rank), then pending ties and the entries a person took off.
    pub entries: Vec<RecommendedEntry>,
    pub warnings: Vec<String>,
}

pub fn recommendation(store: &Store) -> Result<Recommendation> {
    let settings = settings::load(store)?;
    let ranking = judging::ranking(store, Round::Final)?;
    let awards = super::awards(store)?;
    let prize: HashMap<&str, &str> = awards.awards.iter().filter_map(|a| a.level_label.as_deref().map(|l| (a.key.as_str(), l))).collect();
    let manual = store::awards::recommendation_changes(store.conn())?;
    let entries = crate::entries::by_key(store, false)?;
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for g in &ranking {
        let quota = g.group.map(|gr| settings.provincial_quota(gr)).unwrap_or(0) as usize;
        let ranked: Vec<_> = g.entries.iter().filter(|e| e.rank.is_some()).collect();
        if g.entries.iter().any(|e| !e.complete) {
            warnings.push(format!("{}决赛评分尚未全部完成，推荐名单可能变化。", g.label));
        }
        let mut taken = 0;
        for e in &ranked {
            // Entries sharing this rank: do they all fit under the quota?
            let same = ranked.iter().filter(|x| x.rank == e.rank).count();
            let before = ranked.iter().filter(|x| x.rank < e.rank).count();
            let (auto_in, pending, why) = if before >= quota {
                (false, false, String::new())
            } else if before + same <= quota {
                (true, false, format!("{}决赛第 {} 名（名额 {quota} 个）", g.label, e.rank.unwrap_or(0)))
            } else {
                (false, true, format!("与其他 {} 个项目并列第 {} 名，跨越推荐名额线，待决定", same - 1, e.rank.unwrap_or(0)))
            };
            let m = manual.get(&e.key);
            let included = m.map(|(i, _)| *i).unwrap_or(auto_in);
            if !included && !pending && m.is_none() {
                continue;
            }
            if included {
                taken += 1;
            }
            let entry = entries.get(&e.key);
            let leader = entry.and_then(|x| x.leader.clone());
            out.push(RecommendedEntry {
                key: e.key.clone(),
                project_no: e.project_no.clone(),
                group: g.group,
                group_label: g.label.clone(),
                project_name: e.project_name.clone(),
                entrant_name: e.entrant_name.clone(),
                credit_code: entry.and_then(|x| x.credit_code.clone()),
                field: entry.and_then(|x| x.field.clone()),
                county: entry.and_then(|x| x.county.clone()),
                prize: prize.get(e.key.as_str()).map(|s| s.to_string()),
                score_display: e.score_display.clone(),
                rank: e.rank,
                leader_name: leader.as_ref().and_then(|l| l.name.clone()),
                leader_phone: leader.as_ref().and_then(|l| l.phone.clone()),
                unit: entry.and_then(|x| x.unit.clone()),
                included,
                manual: m.is_some(),
                reason: m.map(|(_, r)| r.clone()).unwrap_or(why),
                pending: pending && m.is_none(),
            });
        }
        if taken > quota {
            warnings.push(format!("{}推荐 {taken} 个项目，超过名额 {quota} 个（含人工调整）。", g.label));
        }
        if out.iter().any(|x| x.group == g.group && x.pending) {
            warnings.push(format!("{}有跨越推荐名额线的并列，请人工决定。", g.label));
        }
    }
    out.sort_by_key(|x| (!x.included, x.pending, x.group != Some(Group::Enterprise), x.rank));
    Ok(Recommendation { entries: out, warnings })
}
