//! The rounds of the contest.
use serde::Serialize;

use crate::error::{CoreError, Result};

/// 初赛 / 复赛 / 决赛. The 复赛 is optional (setting `rounds.semifinal`, off by default): the rounds in
/// force are [`Round::enabled`], and every "which round comes before / after" goes through
/// [`Round::previous_enabled`] / [`Round::next_enabled`] instead of assuming 初赛 → 决赛.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Round {
    Preliminary,
    Semifinal,
    Final,
}

impl Round {
    /// Every round the app knows, in order (the 复赛 whether enabled or not).
    pub const ALL: [Round; 3] = [Round::Preliminary, Round::Semifinal, Round::Final];

    pub fn code(self) -> &'static str {
        match self {
            Round::Preliminary => "preliminary",
            Round::Semifinal => "semifinal",
            Round::Final => "final",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Round::Preliminary => "初赛",
            Round::Semifinal => "复赛",
            Round::Final => "决赛",
        }
    }

    pub fn parse(s: &str) -> Result<Round> {
        match s.trim() {
            "preliminary" | "初赛" => Ok(Round::Preliminary),
            "semifinal" | "复赛" => Ok(Round::Semifinal),
            "final" | "决赛" => Ok(Round::Final),
            other => Err(CoreError::validation(
                Some("round"),
                format!("未知的轮次“{other}”。可用：preliminary（初赛）、semifinal（复赛，需在赛事设置中启用）、final（决赛）。"),
            )),
        }
    }

    /// The rounds in force, in order: 初赛, 复赛 when `semifinal` (the setting `rounds.semifinal`), 决赛.
    pub fn enabled(semifinal: bool) -> Vec<Round> {
        Round::ALL.into_iter().filter(|r| *r != Round::Semifinal || semifinal).collect()
    }

    /// The round whose ranking feeds this one: None for the 初赛; the 复赛 for the 决赛 when it is enabled.
    pub fn previous_enabled(self, semifinal: bool) -> Option<Round> {
        let rounds = Round::enabled(semifinal);
        let i = rounds.iter().position(|r| *r == self)?;
        i.checked_sub(1).map(|p| rounds[p])
    }

    /// The round this one's top entries advance to (the letters' "next round"): None for the 决赛.
    pub fn next_enabled(self, semifinal: bool) -> Option<Round> {
        let rounds = Round::enabled(semifinal);
        let i = rounds.iter().position(|r| *r == self)?;
        rounds.get(i + 1).copied()
    }

    /// Refuses the 复赛 while it is off, with what to do; other rounds pass.
    pub fn check_enabled(self, semifinal: bool) -> Result<Round> {
        if self == Round::Semifinal && !semifinal {
            return Err(CoreError::precondition(
                "复赛未启用：本届只有初赛和决赛。如需复赛，请在“赛事设置”的评审部分打开“设置复赛”（命令行：saiwu settings set rounds.semifinal true）。",
            ));
        }
        Ok(self)
    }
}

/// One row of a round's list of advanced entries (复赛 or 决赛) as stored, with the entry's number, name and group when known
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_semifinal_sits_between_the_rounds_only_when_enabled() {
        assert_eq!(Round::parse("复赛").unwrap(), Round::Semifinal);
        assert_eq!(Round::parse("semifinal").unwrap().code(), "semifinal");
        assert_eq!(Round::Semifinal.label(), "复赛");
        assert_eq!(Round::enabled(false), [Round::Preliminary, Round::Final]);
        assert_eq!(Round::enabled(true), [Round::Preliminary, Round::Semifinal, Round::Final]);
        assert_eq!(Round::Final.previous_enabled(false), Some(Round::Preliminary));
        assert_eq!(Round::Final.previous_enabled(true), Some(Round::Semifinal));
        assert_eq!(Round::Semifinal.previous_enabled(true), Some(Round::Preliminary));
        assert_eq!(Round::Preliminary.previous_enabled(true), None);
        assert_eq!(Round::Preliminary.next_enabled(false), Some(Round::Final));
        assert_eq!(Round::Preliminary.next_enabled(true), Some(Round::Semifinal));
        assert_eq!(Round::Semifinal.next_enabled(true), Some(Round::Final));
        assert_eq!(Round::Final.next_enabled(true), None);
        // A disabled 复赛 is in no chain and is refused by name.
        assert_eq!(Round::Semifinal.next_enabled(false), None);
        let e = Round::Semifinal.check_enabled(false).unwrap_err();
        assert!(e.to_string().contains("rounds.semifinal"), "{e}");
        assert!(Round::Semifinal.check_enabled(true).is_ok());
    }
}
