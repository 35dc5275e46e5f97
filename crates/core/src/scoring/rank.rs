//! Ranking within one group (SPEC §5): exact score descending, then the tie chain — (1) untrimmed
//! mean, (2) criterion-1 total (skipped for a tied set where any judge recorded only a 总分), (3) a
//! recorded committee decision. Whatever is still tied shares a standard competition rank.
//!
//! The chain works on tied *sets*, step by step, rather than as one pairwise comparator: skipping
//! step 2 for some pairs only would make a comparator inconsistent.
use num_rational::Ratio;
use serde::{Deserialize, Serialize};

use super::aggregate::{ser_ratio, Aggregate, ScoreCard};
use super::number::{display_2dp, exact_string, hundredths_display, is_terminating, round_half_up};

/// A committee decision for one tied set: the project numbers from first to last. It applies when
/// its projects are exactly the set still tied after steps 1–2; when several match, the last wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct TieDecision {
    pub order: Vec<String>,
}

/// The tie-break step that separated entries with equal scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum TieStep {
    UntrimmedMean,
    Criterion1,
    Committee,
}

impl TieStep {
    pub fn label(self) -> &'static str {
        match self {
            TieStep::UntrimmedMean => "全部有效评委总分的平均分（不去掉最高最低分）",
            TieStep::Criterion1 => "各有效评委第1项评分之和",
            TieStep::Committee => "评审委员会决定",
        }
    }
}

#[derive(Debug, Clone)]
pub struct RankInput {
    pub project_no: String,
    pub agg: Aggregate,
}

/// One ranked entry (SPEC §11 ranking shape, plus the explanation). The caller adds `group`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub struct Ranked {
    pub project_no: String,
    /// Exact: "82.625" or "250/3".
    pub score: Option<String>,
    /// 2 decimals, 四舍五入: "82.63", "83.33".
    pub score_display: Option<String>,
    /// Standard competition rank (1, 2, 2, 4); `None` without a valid score (listed last).
    pub rank: Option<u32>,
    /// Shares its rank with another entry that nothing separated.
    pub tie_unresolved: bool,
    /// The deepest tie-break step that separated this entry from an equal-score neighbour; `None`
    /// when its score alone placed it (or nothing separated it).
    pub decided_by: Option<TieStep>,
    /// How ties around this entry were settled or why not, in Chinese.
    pub tie_notes: Vec<String>,
    pub valid_judges: usize,
    pub recused: Vec<String>,
    pub dropped: Vec<String>,
    pub below_minimum: bool,
    #[serde(serialize_with = "ser_ratio")]
    #[ts(type = "string | null")]
    pub untrimmed_mean: Option<Ratio<i64>>,
    /// Hundredths.
    pub criterion1_total: Option<i64>,
    pub card: ScoreCard,
    /// The exact score, for callers that compute further (awards).
    #[serde(skip)]
    pub exact_score: Option<Ratio<i64>>,
}

/// A set of entries sharing a rank, waiting for a committee decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub struct OpenTie {
    pub rank: u32,
    pub project_nos: Vec<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct GroupRanking {
    /// Ranked entries first (rank order), then the entries without a score (input order).
    pub entries: Vec<Ranked>,
    pub open_ties: Vec<OpenTie>,
    /// Indexes into `decisions` that matched no tied set (stale after a correction, or superseded).
    pub unused_decisions: Vec<usize>,
}

/// Ranks one group. See `rank_group_report` for the open ties and unused decisions as well.
pub fn rank_group(inputs: Vec<RankInput>, decisions: &[TieDecision]) -> Vec<Ranked> {
    rank_group_report(inputs, decisions).entries
}

/// A group's entries cut into classes (entries no step separates), best first, with the step that
/// separated each class from the next (`None` = different scores).
struct Chain<'a> {
    inputs: &'a [RankInput],
    decisions: &'a [TieDecision],
    used: Vec<bool>,
    /// Entries of a tied set where step 2 was skipped for lack of criteria.
    c1_skipped: Vec<bool>,
    classes: Vec<Vec<usize>>,
    bounds: Vec<Option<TieStep>>,
}

impl Chain<'_> {
    fn push(&mut self, class: Vec<usize>, bound: Option<TieStep>) {
        if !self.classes.is_empty() {
            self.bounds.push(bound);
        }
        self.classes.push(class);
    }

    /// Splits an equal-score set by `step` and the steps after it; `bound` is the boundary to the
    /// class before the first piece.
    fn split(&mut self, set: Vec<usize>, step: Option<TieStep>, bound: Option<TieStep>) {
        if set.len() == 1 {
            return self.push(set, bound);
        }
        match step {
            Some(TieStep::UntrimmedMean) => {
                let parts = partition_desc(set, |i| self.inputs[i].agg.untrimmed_mean);
                for (k, p) in parts.into_iter().enumerate() {
                    self.split(p, Some(TieStep::Criterion1), if k == 0 { bound } else { Some(TieStep::UntrimmedMean) });
                }
            }
            Some(TieStep::Criterion1) => {
                if set.iter().all(|&i| self.inputs[i].agg.criterion1_total.is_some()) {
                    let parts = partition_desc(set, |i| self.inputs[i].agg.criterion1_total);
                    for (k, p) in parts.into_iter().enumerate() {
                        self.split(p, Some(TieStep::Committee), if k == 0 { bound } else { Some(TieStep::Criterion1) });
                    }
                } else {
                    for &i in &set {
                        self.c1_skipped[i] = true;
                    }
                    self.split(set, Some(TieStep::Committee), bound);
                }
            }
            Some(TieStep::Committee) => match self.decision_for(&set) {
                Some(order) => {
                    for (k, i) in order.into_iter().enumerate() {
                        self.push(vec![i], if k == 0 { bound } else { Some(TieStep::Committee) });
                    }
                }
                None => self.split(set, None, bound),
            },
            None => self.push(set, bound),
        }
    }

    /// The last decision whose projects are exactly this set, as the set's members in its order.
    fn decision_for(&mut self, set: &[usize]) -> Option<Vec<usize>> {
        let mut nos: Vec<&str> = set.iter().map(|&i| self.inputs[i].project_no.as_str()).collect();
        nos.sort_unstable();
        if nos.windows(2).any(|w| w[0] == w[1]) {
            return None; // duplicate project numbers cannot be told apart by a decision
        }
        let k = self.decisions.iter().rposition(|d| {
            let mut o: Vec<&str> = d.order.iter().map(String::as_str).collect();
            o.sort_unstable();
            o == nos
        })?;
        self.used[k] = true;
        let order = self.decisions[k].order.iter().filter_map(|no| set.iter().copied().find(|&i| self.inputs[i].project_no == *no)).collect();
        Some(order)
    }
}

/// Stable partition into runs of equal key, keys descending.
fn partition_desc<K: Ord + Copy>(mut set: Vec<usize>, key: impl Fn(usize) -> K) -> Vec<Vec<usize>> {
    set.sort_by_key(|&i| std::cmp::Reverse(key(i)));
    let mut out: Vec<Vec<usize>> = Vec::new();
    for i in set {
        match out.last_mut() {
            Some(last) if key(last[0]) == key(i) => last.push(i),
            _ => out.push(vec![i]),
        }
    }
    out
}

/// An exact value for a note: "85.5", or "≈85.1667（511/6）".
fn readable(r: &Option<Ratio<i64>>) -> String {
    match r {
        Some(r) if is_terminating(r) => exact_string(r),
        Some(r) => format!("≈{}（{}）", round_half_up(r, 4), exact_string(r)),
        None => "无".into(),
    }
}

fn step_value(a: &Aggregate, step: TieStep) -> String {
    match step {
        TieStep::UntrimmedMean => readable(&a.untrimmed_mean),
        TieStep::Criterion1 => a.criterion1_total.map(hundredths_display).unwrap_or_else(|| "无".into()),
        TieStep::Committee => String::new(),
    }
}

/// Ranks one group and reports what is left for the committee.
pub fn rank_group_report(inputs: Vec<RankInput>, decisions: &[TieDecision]) -> GroupRanking {
    let n = inputs.len();
    let mut chain =
        Chain { inputs: &inputs, decisions, used: vec![false; decisions.len()], c1_skipped: vec![false; n], classes: Vec::new(), bounds: Vec::new() };
    let mut scored: Vec<usize> = (0..n).filter(|&i| inputs[i].agg.score.is_some()).collect();
    scored.sort_by(|&a, &b| inputs[b].agg.score.cmp(&inputs[a].agg.score));
    let mut start = 0;
    while start < scored.len() {
        let mut end = start + 1;
        while end < scored.len() && inputs[scored[end]].agg.score == inputs[scored[start]].agg.score {
            end += 1;
        }
        chain.split(scored[start..end].to_vec(), Some(TieStep::UntrimmedMean), None);
        start = end;
    }
    let Chain { used, c1_skipped, classes, bounds, .. } = chain;

    let names = |c: &[usize]| c.iter().map(|&i| inputs[i].project_no.clone()).collect::<Vec<_>>().join("、");
    let mut rank_of = vec![None; n];
    let mut decided = vec![None; n];
    let mut notes: Vec<Vec<String>> = vec![Vec::new(); n];
    let mut open_ties = Vec::new();
    let mut pos = 0u32;
    for (k, class) in classes.iter().enumerate() {
        let rank = pos + 1;
        let above = if k > 0 { bounds[k - 1] } else { None };
        let below = bounds.get(k).copied().flatten();
        for &i in class {
            rank_of[i] = Some(rank);
            decided[i] = above.max(below);
            let me = &inputs[i].agg;
            for (step, other, before) in [(above, k.wrapping_sub(1), false), (below, k + 1, true)] {
                let Some(step) = step else { continue };
                let o = &classes[other];
                let pos_word = if before { "前" } else { "后" };
                notes[i].push(match step {
                    TieStep::Committee => format!("与 {} 得分及前序比较均相同，按评审委员会决定排在其{pos_word}", names(o)),
                    _ => format!(
                        "与 {} 得分相同，按{}比较：本项目 {}，对方 {}，排在其{pos_word}",
                        names(o),
                        step.label(),
                        step_value(me, step),
                        step_value(&inputs[o[0]].agg, step)
                    ),
                });
            }
            if class.len() > 1 {
                let others: Vec<usize> = class.iter().copied().filter(|&j| j != i).collect();
                let skipped = if c1_skipped[i] { "（有评委只录入了总分，第1项评分比较已跳过）" } else { "" };
                notes[i].push(format!("与 {} 得分及各项比较均相同{skipped}，尚无评审委员会决定：并列第{rank}名，需评审委员会决定", names(&others)));
            }
        }
        if class.len() > 1 {
            open_ties.push(OpenTie {
                rank,
                project_nos: class.iter().map(|&i| inputs[i].project_no.clone()).collect(),
                message: format!("第{rank}名并列：{}，按规则无法区分，需评审委员会决定先后。", names(class)),
            });
        }
        pos += class.len() as u32;
    }

    let order: Vec<usize> = classes.iter().flatten().copied().chain((0..n).filter(|&i| inputs[i].agg.score.is_none())).collect();
    let tied: Vec<bool> = {
        let mut t = vec![false; n];
        for c in classes.iter().filter(|c| c.len() > 1) {
            for &i in c {
                t[i] = true;
            }
        }
        t
    };
    let mut slots: Vec<Option<RankInput>> = inputs.into_iter().map(Some).collect();
    let entries = order
        .into_iter()
        .filter_map(|i| {
            let RankInput { project_no, agg } = slots[i].take()?;
            Some(Ranked {
                project_no,
                score: agg.score.as_ref().map(exact_string),
                score_display: agg.score.as_ref().map(display_2dp),
                rank: rank_of[i],
                tie_unresolved: tied[i],
                decided_by: decided[i],
                tie_notes: std::mem::take(&mut notes[i]),
                valid_judges: agg.valid_judges,
                recused: agg.recused,
                dropped: agg.dropped,
                below_minimum: agg.below_minimum,
                untrimmed_mean: agg.untrimmed_mean,
                criterion1_total: agg.criterion1_total,
                card: agg.card,
                exact_score: agg.score,
            })
        })
        .collect();
    let unused_decisions = used.iter().enumerate().filter(|(_, u)| !**u).map(|(k, _)| k).collect();
    GroupRanking { entries, open_ties, unused_decisions }
}
