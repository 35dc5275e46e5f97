//! The rounds of the contest.
use serde::Serialize;

use crate::error::{CoreError, Result};

/// 初赛 / 决赛.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Round {
    Preliminary,
    Final,
}

impl Round {
    pub fn code(self) -> &'static str {
        match self {
            Round::Preliminary => "preliminary",
            Round::Final => "final",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Round::Preliminary => "初赛",
            Round::Final => "决赛",
        }
    }

    pub fn parse(s: &str) -> Result<Round> {
        match s.trim() {
            "preliminary" | "初赛" => Ok(Round::Preliminary),
            "final" | "决赛" => Ok(Round::Final),
            other => Err(CoreError::validation(Some("round"), format!("未知的轮次“{other}”。可用：preliminary（初赛）、final（决赛）。"))),
        }
    }
}

/// One row of the final's list as stored, with the entry's number, name and group when known
/// (the store maps the `advancement` rows to it; the window lists it).
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct AdvancementRow {
    pub entry_key: String,
    pub project_no: String,
    pub project_name: String,
    /// None when the entry is no longer in the contest file or has no group.
    pub group: Option<super::Group>,
    pub included: bool,
    pub manual: bool,
    pub reason: String,
    pub decided_by: String,
    pub decided_at: String,
}
