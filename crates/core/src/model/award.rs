//! Prizes: the award levels and an amendment of a frozen award list as stored.
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    First,
    Second,
    Third,
    Excellence,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::First, Level::Second, Level::Third, Level::Excellence];

    pub fn label(self) -> &'static str {
        match self {
            Level::First => "一等奖",
            Level::Second => "二等奖",
            Level::Third => "三等奖",
            Level::Excellence => "优胜奖",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Level::First => "first",
            Level::Second => "second",
            Level::Third => "third",
            Level::Excellence => "excellence",
        }
    }

    pub fn parse(s: &str) -> Result<Level> {
        Level::ALL.into_iter().find(|l| l.code() == s.trim() || l.label() == s.trim()).ok_or_else(|| {
            CoreError::validation(
                Some("level"),
                format!("未知的奖项“{s}”。可用：first（一等奖）、second（二等奖）、third（三等奖）、excellence（优胜奖）。"),
            )
        })
    }
}

/// A change to a frozen award list (levels as read from the store; an unreadable one is None).
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Amendment {
    pub project_no: String,
    pub old_level: Option<Level>,
    pub new_level: Option<Level>,
    pub reason: String,
    pub amended_by: String,
    pub amended_at: String,
}
