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
