//! The outcome of one rule, a rule's finding, and an entry's verdict.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Hash)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    Unchecked,
    Warn,
    Review,
    Fail,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Finding {
    pub rule: String,
    pub outcome: Outcome,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Eligible,
    Ineligible,
    Review,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Eligible => "符合",
            Verdict::Ineligible => "不符合",
            Verdict::Review => "待人工审核",
        }
    }
}

/// FAIL if any FAIL → 不符合; else REVIEW if any REVIEW → 待人工审核; else 符合 (WARNs shown,
/// unchecked rules do not change the verdict).
pub fn verdict_of(findings: &[Finding]) -> Verdict {
    if findings.iter().any(|f| f.outcome == Outcome::Fail) {
        Verdict::Ineligible
    } else if findings.iter().any(|f| f.outcome == Outcome::Review) {
        Verdict::Review
    } else {
        Verdict::Eligible
    }
}
