//! One entry's score from its judges' cells (SPEC §5): drop one highest and one lowest total when
//! enough judges are valid, else the plain mean; exact, with a score card that explains it.
use num_rational::Ratio;
use serde::{Serialize, Serializer};

use super::number::{display_2dp, exact_string, formula_value, hundredths_display};
use super::{AggregateRule, CellValue, JudgeCell};

/// Which rule produced the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum RuleUsed {
    /// 去掉一个最高分和一个最低分后取平均.
    Trimmed,
    /// Too few valid judges to trim: the arithmetic mean of all of them.
    PlainMean,
    /// No valid score (all recused, or none entered), or totals too large to compute.
    NoScore,
}

/// What became of one judge's cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum LineStatus {
    Kept,
    DroppedHighest,
    DroppedLowest,
    Recused,
}

impl LineStatus {
    pub fn label(self) -> &'static str {
        match self {
            LineStatus::Kept => "计入",
            LineStatus::DroppedHighest => "去掉（最高分）",
            LineStatus::DroppedLowest => "去掉（最低分）",
            LineStatus::Recused => "回避",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub struct CardLine {
    pub judge_id: i64,
    pub judge_name: String,
    /// Hundredths; `None` for 回避.
    pub total: Option<i64>,
    /// "86.00", or "回避".
    pub total_display: String,
    pub status: LineStatus,
    pub status_label: String,
}

/// The explanation of one entry's score, in sheet order and in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub struct ScoreCard {
    pub lines: Vec<CardLine>,
    pub valid_judges: usize,
    pub rule: RuleUsed,
    /// "去掉一个最高分和一个最低分后取平均" / "有效评委不足5人，取算术平均" / "无有效评分，不计算得分".
    pub rule_text: String,
    /// "(86.00 + 85.50 + 84.00) ÷ 3 = 85.1667（精确值 511/6）"; `None` without a score.
    pub formula: Option<String>,
    pub score: Option<String>,
    pub score_display: Option<String>,
    /// Warnings for people: too few valid judges, no score.
    pub notes: Vec<String>,
}

/// An entry's result. `score` and `untrimmed_mean` are exact points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub struct Aggregate {
    /// `None`: no valid judge (the entry is incomplete).
    #[serde(serialize_with = "ser_ratio")]
    #[ts(type = "string | null")]
    pub score: Option<Ratio<i64>>,
    pub valid_judges: usize,
    /// Names of recused judges, sheet order.
    pub recused: Vec<String>,
    /// Names of judges whose totals were trimmed, sheet order.
    pub dropped: Vec<String>,
    /// Mean of all valid totals (tie step 1).
    #[serde(serialize_with = "ser_ratio")]
    #[ts(type = "string | null")]
    pub untrimmed_mean: Option<Ratio<i64>>,
    /// Sum over valid judges of criterion 1, hundredths (tie step 2); `None` when any valid judge has
    /// only a 总分, or no judge is valid.
    pub criterion1_total: Option<i64>,
    /// Fewer valid judges than `AggregateRule::min_valid`.
    pub below_minimum: bool,
    pub rule: RuleUsed,
    pub card: ScoreCard,
}

/// Serialises an exact value as its `exact_string` (not as a numerator/denominator pair).
pub(crate) fn ser_ratio<S: Serializer>(r: &Option<Ratio<i64>>, s: S) -> std::result::Result<S::Ok, S::Error> {
    match r {
        Some(r) => s.serialize_str(&exact_string(r)),
        None => s.serialize_none(),
    }
}

/// sum / (100·count) in points, reduced; `None` when it cannot be held in i64 (absurd totals).
fn mean_points(sum_hundredths: i128, count: usize) -> Option<Ratio<i64>> {
    if count == 0 {
        return None;
    }
    let r = Ratio::<i128>::new(sum_hundredths, 100 * count as i128);
    Some(Ratio::new_raw(i64::try_from(*r.numer()).ok()?, i64::try_from(*r.denom()).ok()?))
}

/// The entry's score from its cells (sheet order). Trims when at least `rule.trim_min` judges are
/// valid (and never below 3); of two equal extreme totals, the first in sheet order is dropped.
pub fn aggregate(cells: &[JudgeCell], rule: &AggregateRule) -> Aggregate {
    let valid: Vec<(usize, i64)> = cells.iter().enumerate().filter_map(|(i, c)| c.total().map(|t| (i, t))).collect();
    let n = valid.len();
    let trim_from = rule.effective_trim_min();
    let trimmed = n >= trim_from;

    let (mut high, mut low) = (None, None);
    if trimmed {
        // Strict comparisons keep the first in sheet order among equals.
        let mut h = valid[0];
        for &v in &valid[1..] {
            if v.1 > h.1 {
                h = v;
            }
        }
        let mut l: Option<(usize, i64)> = None;
        for &v in valid.iter().filter(|v| v.0 != h.0) {
            if l.is_none_or(|l| v.1 < l.1) {
                l = Some(v);
            }
        }
        high = Some(h.0);
        low = l.map(|l| l.0);
    }

    let kept: Vec<(usize, i64)> = valid.iter().copied().filter(|v| Some(v.0) != high && Some(v.0) != low).collect();
    let sum_all: i128 = valid.iter().map(|v| v.1 as i128).sum();
    let sum_kept: i128 = kept.iter().map(|v| v.1 as i128).sum();
    let score = mean_points(sum_kept, kept.len());
    let untrimmed_mean = mean_points(sum_all, n);
    let overflow = n > 0 && (score.is_none() || untrimmed_mean.is_none());

    let criterion1_total = if n == 0 {
        None
    } else {
        let mut sum: i128 = 0;
        let mut all = true;
        for c in cells {
            match &c.value {
                CellValue::Scored { criteria: Some(cr), .. } if !cr.is_empty() => sum += cr[0] as i128,
                CellValue::Scored { .. } => all = false,
                CellValue::Recused => {}
            }
        }
        if all {
            i64::try_from(sum).ok()
        } else {
            None
        }
    };

    let rule_used = if n == 0 || overflow {
        RuleUsed::NoScore
    } else if trimmed {
        RuleUsed::Trimmed
    } else {
        RuleUsed::PlainMean
    };
    let rule_text = match rule_used {
        RuleUsed::Trimmed => "去掉一个最高分和一个最低分后取平均".to_string(),
        RuleUsed::PlainMean => format!("有效评委不足{trim_from}人，取算术平均"),
        RuleUsed::NoScore => "无有效评分，不计算得分".to_string(),
    };

    let lines: Vec<CardLine> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let status = match c.value {
                CellValue::Recused => LineStatus::Recused,
                _ if Some(i) == high => LineStatus::DroppedHighest,
                _ if Some(i) == low => LineStatus::DroppedLowest,
                _ => LineStatus::Kept,
            };
            CardLine {
                judge_id: c.judge_id,
                judge_name: c.judge_name.clone(),
                total: c.total(),
                total_display: c.total().map(hundredths_display).unwrap_or_else(|| "回避".into()),
                status,
                status_label: status.label().into(),
            }
        })
        .collect();

    let (score, untrimmed_mean) = if overflow { (None, None) } else { (score, untrimmed_mean) };
    let formula = score.map(|s| {
        let terms: Vec<String> = kept.iter().map(|v| hundredths_display(v.1)).collect();
        let lhs = if terms.len() == 1 { terms[0].clone() } else { format!("({})", terms.join(" + ")) };
        format!("{lhs} ÷ {} = {}", kept.len(), formula_value(&s))
    });

    let below_minimum = n < rule.min_valid;
    let mut notes = Vec::new();
    if n == 0 {
        notes.push("没有有效评分（评委全部回避或尚未录入），暂不计算得分。".to_string());
    } else if overflow {
        notes.push("评分数值超出可计算范围，请核对录入的分数。".to_string());
    }
    if below_minimum {
        notes.push(format!("有效评委 {n} 人，少于规定的最低人数 {} 人，需复核或补充评分。", rule.min_valid));
    }

    let recused: Vec<String> = cells.iter().filter(|c| c.value == CellValue::Recused).map(|c| c.judge_name.clone()).collect();
    let dropped: Vec<String> =
        lines.iter().filter(|l| matches!(l.status, LineStatus::DroppedHighest | LineStatus::DroppedLowest)).map(|l| l.judge_name.clone()).collect();

    Aggregate {
        score,
        valid_judges: n,
        recused,
        dropped,
        untrimmed_mean,
        criterion1_total,
        below_minimum,
        rule: rule_used,
        card: ScoreCard {
            lines,
            valid_judges: n,
            rule: rule_used,
            rule_text,
            formula,
            score: score.as_ref().map(exact_string),
            score_display: score.as_ref().map(display_2dp),
            notes,
        },
    }
}
