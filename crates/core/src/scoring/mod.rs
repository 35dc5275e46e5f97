//! The scoring mathematics of the contest (SPEC §5, §11; DOMAIN §4.3) as pure functions over plain
//! data: no database, no I/O. Scores are integer hundredths (85.5 points = 8550); an entry's score is
//! an exact rational number of points, ranked exactly and rounded only for display.
//!
//! - `aggregate`     one entry's judge cells → exact score, trimmed judges and a Chinese score card
//! - `exact_string`, `display_2dp`  the two texts of a score ("82.625" / "82.63", "250/3" / "83.33")
//! - `rank_group`    one group's ranking with the tie chain and recorded committee decisions
//! - `leniency`      advisory: per-judge statistics and the group's order under three methods
//! - `advance_top_n` top N, with a tie at the line reported for decision, never broken silently
mod advance;
mod aggregate;
mod leniency;
mod number;
mod rank;

#[cfg(test)]
mod tests;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};

pub use advance::{advance_top_n, Advancement, LineTie};
pub use aggregate::{aggregate, Aggregate, CardLine, LineStatus, RuleUsed, ScoreCard};
pub use leniency::{leniency, JudgeStats, Leniency, LeniencyEntry};
pub use number::{display_2dp, exact_string, formula_value, hundredths_display, is_terminating, round_half_up};
pub use rank::{rank_group, rank_group_report, GroupRanking, OpenTie, RankInput, Ranked, TieDecision, TieStep};

/// The exact arithmetic type: points as a reduced fraction (hundredths / 100).
pub use num_rational::Ratio;

/// One judge's cell for one entry, in sheet order (the order decides which of two equal extreme
/// totals is dropped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct JudgeCell {
    pub judge_id: i64,
    pub judge_name: String,
    pub value: CellValue,
}

/// A score, or 回避: a recused judge is left out of the entry's result, never counted as zero.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CellValue {
    /// `total` in hundredths is authoritative; `criteria` (hundredths, sheet order) is `None` when only
    /// a 总分 was recorded.
    Scored {
        total: i64,
        criteria: Option<Vec<i64>>,
    },
    Recused,
}

impl JudgeCell {
    /// A cell keyed per criterion; the total is their sum.
    pub fn scored(judge_id: i64, judge_name: impl Into<String>, criteria: Vec<i64>) -> Self {
        let total = criteria.iter().fold(0i64, |a, &c| a.saturating_add(c));
        JudgeCell { judge_id, judge_name: judge_name.into(), value: CellValue::Scored { total, criteria: Some(criteria) } }
    }

    /// A cell where only the 总分 was recorded.
    pub fn total_only(judge_id: i64, judge_name: impl Into<String>, total: i64) -> Self {
        JudgeCell { judge_id, judge_name: judge_name.into(), value: CellValue::Scored { total, criteria: None } }
    }

    pub fn recused(judge_id: i64, judge_name: impl Into<String>) -> Self {
        JudgeCell { judge_id, judge_name: judge_name.into(), value: CellValue::Recused }
    }

    pub fn total(&self) -> Option<i64> {
        match &self.value {
            CellValue::Scored { total, .. } => Some(*total),
            CellValue::Recused => None,
        }
    }
}

/// How an entry's score is formed. Defaults (DOMAIN §4.3): trim from 5 valid judges, flag below 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct AggregateRule {
    /// Drop one highest and one lowest total when at least this many judges are valid.
    pub trim_min: usize,
    /// Fewer valid judges than this flags the entry (`below_minimum`).
    pub min_valid: usize,
}

impl Default for AggregateRule {
    fn default() -> Self {
        AggregateRule { trim_min: 5, min_valid: 3 }
    }
}

impl AggregateRule {
    /// Trimming two of fewer than three totals would leave nothing to average, so a smaller setting
    /// is refused here (and `aggregate` never trims below three in any case).
    pub fn validate(&self) -> Result<()> {
        if self.trim_min < 3 {
            return Err(CoreError::validation(
                None,
                format!("“去掉最高分和最低分”的起始评委人数不能小于 3（当前为 {}）：少于 3 人时去掉两个分数后没有分数可平均。", self.trim_min),
            ));
        }
        if self.min_valid < 1 {
            return Err(CoreError::validation(None, "每个项目的最低有效评委人数至少为 1。"));
        }
        Ok(())
    }

    /// The number of valid judges from which trimming actually applies.
    pub fn effective_trim_min(&self) -> usize {
        self.trim_min.max(3)
    }
}

/// Checks one entry's cells before they are scored: each judge once, no negative score, and a
/// total that equals the sum of its criteria. The message names the judge, in Chinese.
pub fn validate_cells(project_no: &str, cells: &[JudgeCell]) -> Result<()> {
    let mut seen = HashSet::new();
    for c in cells {
        if !seen.insert(c.judge_id) {
            return Err(CoreError::validation(None, format!("项目 {project_no} 中评委“{}”出现了不止一次，请删除重复的评分。", c.judge_name)));
        }
        if let CellValue::Scored { total, criteria } = &c.value {
            if *total < 0 {
                return Err(CoreError::validation(
                    None,
                    format!("项目 {project_no} 评委“{}”的总分为负数（{}），请核对。", c.judge_name, hundredths_display(*total)),
                ));
            }
            if let Some(cr) = criteria {
                if cr.is_empty() {
                    return Err(CoreError::validation(None, format!("项目 {project_no} 评委“{}”的分项评分为空。", c.judge_name)));
                }
                if let Some(bad) = cr.iter().position(|v| *v < 0) {
                    return Err(CoreError::validation(
                        None,
                        format!("项目 {project_no} 评委“{}”的第 {} 项评分为负数，请核对。", c.judge_name, bad + 1),
                    ));
                }
                let sum: i128 = cr.iter().map(|v| *v as i128).sum();
                if sum != *total as i128 {
                    return Err(CoreError::validation(
                        None,
                        format!(
                            "项目 {project_no} 评委“{}”的总分 {} 与各项之和 {} 不一致，请核对。",
                            c.judge_name,
                            hundredths_display(*total),
                            number::hundredths_display_wide(sum)
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}
