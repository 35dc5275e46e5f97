//! Advancement (SPEC §5): the top N of a group's ranking. A set of entries sharing the rank that
//! straddles position N is reported for a decision and nobody in it is put through silently.
use serde::Serialize;

use super::rank::Ranked;

/// Entries sharing the rank at the line, competing for the seats left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub struct LineTie {
    pub rank: u32,
    pub seats_left: usize,
    pub candidates: Vec<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct Advancement {
    pub seats: usize,
    /// Certainly in, rank order.
    pub advanced: Vec<String>,
    /// The tie at the line, to be decided (recording a committee decision and ranking again
    /// separates it).
    pub line_tie: Option<LineTie>,
    /// Ranked below the line.
    pub not_advanced: Vec<String>,
    /// No valid score: not ranked, cannot advance.
    pub unranked: Vec<String>,
    pub summary: String,
}

/// Splits a ranked group (from `rank_group`) at `n` seats. Works from `rank` alone, so the order of
/// `ranked` does not matter beyond keeping equal ranks in a stable order.
pub fn advance_top_n(ranked: &[Ranked], n: usize) -> Advancement {
    let mut by_rank: Vec<(u32, &str)> = ranked.iter().filter_map(|r| Some((r.rank?, r.project_no.as_str()))).collect();
    by_rank.sort_by_key(|r| r.0);
    let unranked: Vec<String> = ranked.iter().filter(|r| r.rank.is_none()).map(|r| r.project_no.clone()).collect();

    let (mut advanced, mut not_advanced, mut line_tie) = (Vec::new(), Vec::new(), None);
    let mut start = 0;
    while start < by_rank.len() {
        let rank = by_rank[start].0;
        let end = by_rank[start..].iter().position(|r| r.0 != rank).map_or(by_rank.len(), |k| start + k);
        let members: Vec<String> = by_rank[start..end].iter().map(|r| r.1.to_string()).collect();
        // Seats taken by everything ranked ahead of this set (standard ranks may skip numbers, so
        // count positions, not rank values).
        let ahead = start;
        if ahead + members.len() <= n {
            advanced.extend(members);
        } else if ahead < n {
            let seats_left = n - ahead;
            line_tie = Some(LineTie {
                rank,
                seats_left,
                message: format!(
                    "第{rank}名有 {} 个项目并列（{}），只剩 {seats_left} 个晋级名额：需评审委员会决定，不自动取舍。",
                    members.len(),
                    members.join("、")
                ),
                candidates: members,
            });
        } else {
            not_advanced.extend(members);
        }
        start = end;
    }

    let mut summary = format!("晋级名额 {n} 个：确定晋级 {} 个", advanced.len());
    if let Some(t) = &line_tie {
        summary.push_str(&format!("，另有 {} 个项目并列争 {} 个名额待决定", t.candidates.len(), t.seats_left));
    }
    if !unranked.is_empty() {
        summary.push_str(&format!("；{} 个项目没有有效得分，未参加排名", unranked.len()));
    }
    summary.push('。');
    Advancement { seats: n, advanced, line_tie, not_advanced, unranked, summary }
}
