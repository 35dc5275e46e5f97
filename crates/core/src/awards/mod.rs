//! Awards (SPEC §6): prizes per group by quota from the final ranking, a tie across a quota line
//! held for the committee, cash per level (none for entries flagged by R16), totals; the freeze
//! (a snapshot with a content hash) and amendments after it. Also the provincial recommendation
//! list, 优秀组织单位奖 statistics and the public lists (see `lists`).
mod lists;
mod recommend;
mod units;

pub use lists::{awards_xlsx, publicity_pdf, publicity_xlsx, recommendation_pdf, recommendation_xlsx, signoff_pdf, units_xlsx};
pub use recommend::{recommendation, Recommendation, RecommendedEntry};
pub use units::{unit_stats, UnitStats, NO_UNIT};

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{CoreError, Result};
use crate::judging::{self};
use crate::model::Round;
use crate::model::{Group, Outcome};
use crate::settings::{self, AwardCash, AwardQuota};
use crate::store::eligibility;
use crate::store::{self, Store};

pub use crate::model::{Amendment, Level};

/// What a prize pays under the settings (the settings are this domain's, so the method lives here).
impl Level {
    fn cash(self, c: &AwardCash) -> i64 {
        match self {
            Level::First => c.first,
            Level::Second => c.second,
            Level::Third => c.third,
            Level::Excellence => c.excellence,
        }
    }
}

/// One award (SPEC §11 award shape plus what the window and the lists show).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Award {
    pub project_no: String,
    pub group: Group,
    pub level: Option<Level>,
    pub pending_reason: Option<String>,
    pub cash_yuan: Option<i64>,
    pub certificate_no: Option<String>,
    // ---- beyond §11 ----
    pub key: String,
    pub group_label: String,
    pub level_label: Option<String>,
    pub project_name: String,
    pub entrant_name: String,
    pub unit: Option<String>,
    pub rank: Option<u32>,
    pub score: Option<String>,
    pub score_display: Option<String>,
    /// Why no cash (R16: already rewarded at another municipal contest this year).
    pub no_cash_reason: Option<String>,
}

/// The award list with its state.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct AwardList {
    pub awards: Vec<Award>,
    /// Per group: why awards cannot be settled yet (final scoring incomplete, ties at a line).
    pub warnings: Vec<String>,
    pub totals: Vec<Total>,
    pub frozen: Option<Frozen>,
    /// After the freeze: the live computation from the current scores differs from the frozen set.
    pub live_differs: bool,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Total {
    pub group: Group,
    pub group_label: String,
    pub level: Level,
    pub level_label: String,
    pub count: usize,
    pub cash_yuan: i64,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Frozen {
    pub id: i64,
    pub frozen_at: String,
    pub frozen_by: String,
    pub content_hash: String,
    pub amendments: Vec<Amendment>,
    /// The stored data still matches its hash.
    pub intact: bool,
}

fn slots(q: &AwardQuota) -> Vec<Level> {
    let mut v = Vec::new();
    for (l, n) in [(Level::First, q.first), (Level::Second, q.second), (Level::Third, q.third), (Level::Excellence, q.excellence)] {
        v.extend(std::iter::repeat_n(l, usize::try_from(n).unwrap_or(0)));
    }
    v
}

/// How a stored R16 warning reads in the findings JSON (serde order: rule, outcome, message): the
/// filter that keeps the award list from parsing every entry's findings.
const R16_WARN: &str = r#""rule":"R16","outcome":"warn""#;

/// Entries flagged by R16 (awarded at another municipal contest this year): no cash. Read from the
/// stored findings.
fn r16_flags(store: &Store) -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    for (key, findings) in eligibility::findings_mentioning(store.conn(), R16_WARN)? {
        if let Some(f) = findings.iter().find(|f| f.rule == "R16" && f.outcome == Outcome::Warn) {
            out.insert(key, format!("本年度已在其他市级赛事获奖，不重复资金奖励（R16：{}）", f.message));
        }
    }
    Ok(out)
}

/// Awards computed from the current final ranking (ignoring any freeze).
pub fn compute(store: &Store) -> Result<(Vec<Award>, Vec<String>)> {
    let settings = settings::load(store)?;
    // The final's entries once: the ranking and the units both come from them.
    let entries = judging::round_entries(store, Round::Final)?;
    let ranking = judging::ranking_of(store, Round::Final, &entries)?;
    let no_cash = r16_flags(store)?;
    let units: HashMap<String, Option<String>> = entries.into_iter().map(|e| (e.key, e.unit)).collect();
    let mut awards = Vec::new();
    let mut warnings = Vec::new();
    for g in &ranking {
        // Prizes go by a group's quota: entries without a group get none (only the warnings below).
        let quota = g.group.map(|gr| slots(&settings.award_quota(gr))).unwrap_or_default();
        let incomplete = g.entries.iter().filter(|e| !e.complete).count();
        let ranked: Vec<_> = g.entries.iter().filter(|e| e.rank.is_some()).collect();
        let mut p = 0;
        let mut i = 0;
        while i < ranked.len() && p < quota.len() {
            let Some(group) = g.group else { break };
            let rank = ranked[i].rank;
            let block: Vec<_> = ranked[i..].iter().take_while(|e| e.rank == rank).collect();
            let levels: Vec<Option<Level>> = (p..p + block.len()).map(|k| quota.get(k).copied()).collect();
            let same = levels.iter().all(|l| *l == levels[0]) && levels[0].is_some();
            for e in &block {
                let (level, pending) = if incomplete > 0 {
                    (None, Some(format!("{}决赛还有 {incomplete} 个项目评分未完成，奖项待评分完成后确定", g.label)))
                } else if same {
                    (levels[0], None)
                } else {
                    let names: Vec<String> = levels.iter().map(|l| l.map(|l| l.label()).unwrap_or("不获奖")).map(String::from).collect();
                    let mut uniq = names.clone();
                    uniq.dedup();
                    (
                        None,
                        Some(format!(
                            "{} 个项目并列第 {} 名，跨越“{}”名额线，待评审委员会决定先后（在“评审—排名”中记录决定）",
                            block.len(),
                            rank.unwrap_or(0),
                            uniq.join("／")
                        )),
                    )
                };
                let nc = no_cash.get(&e.key).cloned();
                awards.push(Award {
                    project_no: e.project_no.clone(),
                    group,
                    level,
                    pending_reason: pending,
                    cash_yuan: level.map(|l| if nc.is_some() { 0 } else { l.cash(settings.award_cash(group)) }),
                    certificate_no: None,
                    key: e.key.clone(),
                    group_label: g.label.clone(),
                    level_label: level.map(|l| l.label().to_string()),
                    project_name: e.project_name.clone(),
                    entrant_name: e.entrant_name.clone(),
                    unit: units.get(&e.key).cloned().flatten(),
                    rank: e.rank,
                    score: e.score.clone(),
                    score_display: e.score_display.clone(),
                    no_cash_reason: nc,
                });
            }
            p += block.len();
            i += block.len();
        }
        if incomplete > 0 {
            warnings.push(format!("{}决赛还有 {incomplete} 个项目评分未完成。", g.label));
        }
        if awards.iter().any(|a| Some(a.group) == g.group && a.pending_reason.is_some()) && incomplete == 0 {
            warnings.push(format!("{}有跨越名额线的并列，需评审委员会决定。", g.label));
        }
    }
    if ranking.is_empty() {
        warnings.push("还没有决赛项目。请先在“评审”中完成初赛并确定晋级名单。".into());
    }
    Ok((awards, warnings))
}

fn totals(awards: &[Award]) -> Vec<Total> {
    let mut out: Vec<Total> = Vec::new();
    for a in awards {
        let Some(level) = a.level else { continue };
        match out.iter_mut().find(|t| t.group == a.group && t.level == level) {
            Some(t) => {
                t.count += 1;
                t.cash_yuan += a.cash_yuan.unwrap_or(0);
            }
            None => out.push(Total {
                group: a.group,
                group_label: a.group_label.clone(),
                level,
                level_label: level.label().into(),
                count: 1,
                cash_yuan: a.cash_yuan.unwrap_or(0),
            }),
        }
    }
    out
}

fn amendments(store: &Store, set_id: i64) -> Result<Vec<(String, Amendment)>> {
    store::awards::amendments(store.conn(), set_id)
}

/// The hash a frozen list is kept with (SHA-256 of its JSON).
pub fn content_hash(data: &str) -> String {
    format!("{:x}", Sha256::digest(data.as_bytes()))
}

/// The awards in force: the frozen set with its amendments once frozen, else the live computation.
/// Certificate numbers are filled in from the certificate register when there is one (a store query:
/// awards sit below certificates and do not read that domain).
pub fn awards(store: &Store) -> Result<AwardList> {
    let mut list = awards_without_numbers(store)?;
    let live = crate::store::certificates::live_award_numbers(store.conn())?;
    for a in &mut list.awards {
        a.certificate_no = live.get(&a.key).cloned();
    }
    Ok(list)
}

fn awards_without_numbers(store: &Store) -> Result<AwardList> {
    let settings = settings::load(store)?;
    let (live, mut warnings) = compute(store)?;
    let Some(store::awards::FrozenSet { id, frozen_at, frozen_by, content_hash, data }) = store::awards::frozen_set(store.conn())? else {
        let totals = totals(&live);
        return Ok(AwardList { awards: live, warnings, totals, frozen: None, live_differs: false });
    };
    let intact = self::content_hash(&data) == content_hash;
    let mut list: Vec<Award> = serde_json::from_str(&data).map_err(|e| CoreError::precondition(format!("已锁定的获奖名单无法读取（{e}）。")))?;
    let amends = amendments(store, id)?;
    for (key, a) in &amends {
        match list.iter_mut().find(|x| &x.key == key) {
            Some(x) => {
                x.level = a.new_level;
                x.level_label = a.new_level.map(|l| l.label().to_string());
                x.pending_reason = None;
                x.cash_yuan = a.new_level.map(|l| if x.no_cash_reason.is_some() { 0 } else { l.cash(settings.award_cash(x.group)) });
            }
            None => {
                // An amendment may add an entry that the frozen set did not list.
                if let Some(mut x) = live.iter().find(|x| &x.key == key).cloned() {
                    x.level = a.new_level;
                    x.level_label = a.new_level.map(|l| l.label().to_string());
                    x.pending_reason = None;
                    x.cash_yuan = a.new_level.map(|l| if x.no_cash_reason.is_some() { 0 } else { l.cash(settings.award_cash(x.group)) });
                    list.push(x);
                }
            }
        }
    }
    list.retain(|a| a.level.is_some() || a.pending_reason.is_some());
    let live_levels: Vec<(String, Option<Level>)> = live.iter().map(|a| (a.key.clone(), a.level)).collect();
    let frozen_levels: Vec<(String, Option<Level>)> =
        serde_json::from_str::<Vec<Award>>(&data).unwrap_or_default().iter().map(|a| (a.key.clone(), a.level)).collect();
    let live_differs = live_levels != frozen_levels;
    if live_differs {
        warnings.push("锁定后评分或资格有变动，按当前评分计算的结果与锁定名单不同；锁定名单只能以更正记录修改。".into());
    }
    if !intact {
        warnings.push("锁定的获奖名单与其校验值不符：赛事文件可能被本软件以外的程序改动过。".into());
    }
    let totals = totals(&list);
    Ok(AwardList {
        awards: list,
        warnings,
        totals,
        frozen: Some(Frozen { id, frozen_at, frozen_by, content_hash, amendments: amends.into_iter().map(|(_, a)| a).collect(), intact }),
        live_differs,
    })
}
