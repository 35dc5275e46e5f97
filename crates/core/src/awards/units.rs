//! 优秀组织单位奖 support (DOMAIN §5): per organizing unit the counts of valid entries, finalists and
//! awards, ranked, for the committee's choice; the chosen units get certificates too.
use std::collections::HashMap;

use serde::Serialize;

use crate::error::Result;
use crate::judging::{self};
use crate::model::Round;
use crate::model::Verdict;
use crate::store::eligibility;
use crate::store::Store;

pub const NO_UNIT: &str = "（未填写推荐单位）";

#[derive(Debug, Clone, Serialize, PartialEq)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct UnitStats {
    pub unit: String,
    pub rank: u32,
    pub entries: usize,
    /// Entries whose effective screening verdict is 符合.
    pub valid: usize,
    pub finalists: usize,
    pub awards: usize,
    pub first: usize,
    pub second: usize,
    pub third: usize,
    pub excellence: usize,
    pub chosen: bool,
    pub chosen_reason: Option<String>,
}

/// Ranked by awards, then finalists, then valid entries (ties share a rank). Reads the stored verdicts.
pub fn unit_stats(store: &Store) -> Result<Vec<UnitStats>> {
    let verdicts = eligibility::effective(store.conn())?;
    let awards = super::awards(store)?;
    let finalists: std::collections::HashSet<String> = judging::round_entries(store, Round::Final)?.into_iter().map(|e| e.key).collect();
    let level: HashMap<&str, super::Level> = awards.awards.iter().filter_map(|a| a.level.map(|l| (a.key.as_str(), l))).collect();
    let chosen: HashMap<String, String> = crate::store::awards::chosen_units(store.conn())?;
    let mut by: Vec<UnitStats> = Vec::new();
    for v in &verdicts {
        let unit = v.unit.clone().filter(|u| !u.trim().is_empty()).unwrap_or_else(|| NO_UNIT.to_string());
        let i = match by.iter().position(|s| s.unit == unit) {
            Some(i) => i,
            None => {
                by.push(UnitStats {
                    chosen: chosen.contains_key(&unit),
                    chosen_reason: chosen.get(&unit).cloned(),
                    unit,
                    rank: 0,
                    entries: 0,
                    valid: 0,
                    finalists: 0,
                    awards: 0,
                    first: 0,
                    second: 0,
                    third: 0,
                    excellence: 0,
                });
                by.len() - 1
            }
        };
        let s = &mut by[i];
        s.entries += 1;
        if v.verdict == Verdict::Eligible {
            s.valid += 1;
        }
        if finalists.contains(&v.key) {
            s.finalists += 1;
        }
        if let Some(l) = level.get(v.key.as_str()) {
            s.awards += 1;
            match l {
                super::Level::First => s.first += 1,
                super::Level::Second => s.second += 1,
                super::Level::Third => s.third += 1,
                super::Level::Excellence => s.excellence += 1,
            }
        }
    }
    let key = |s: &UnitStats| (s.awards, s.finalists, s.valid);
    by.sort_by(|a, b| key(b).cmp(&key(a)).then_with(|| a.unit.cmp(&b.unit)));
    let keys: Vec<_> = by.iter().map(key).collect();
    for (i, s) in by.iter_mut().enumerate() {
        s.rank = 1 + keys.iter().filter(|k| **k > keys[i]).count() as u32;
    }
    Ok(by)
}
