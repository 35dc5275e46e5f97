//! The season after the scores (notice §五, §六): objections during the 公示, the provincial results of the
//! recommended projects and the follow-up to year end.
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};

/// How an objection ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionOutcome {
    /// 异议成立 (usually followed by 取消资格 or an award amendment).
    Upheld,
    Rejected,
    Withdrawn,
}

impl ObjectionOutcome {
    pub const ALL: [ObjectionOutcome; 3] = [ObjectionOutcome::Upheld, ObjectionOutcome::Rejected, ObjectionOutcome::Withdrawn];

    pub fn code(self) -> &'static str {
        match self {
            ObjectionOutcome::Upheld => "upheld",
            ObjectionOutcome::Rejected => "rejected",
            ObjectionOutcome::Withdrawn => "withdrawn",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ObjectionOutcome::Upheld => "异议成立",
            ObjectionOutcome::Rejected => "异议不成立",
            ObjectionOutcome::Withdrawn => "异议人撤回",
        }
    }

    pub fn parse(s: &str) -> Result<ObjectionOutcome> {
        let s = s.trim();
        ObjectionOutcome::ALL.into_iter().find(|o| o.code() == s || o.label() == s).ok_or_else(|| {
            CoreError::validation(
                Some("outcome"),
                format!("未知的处理结果“{s}”。可用：upheld（异议成立）、rejected（异议不成立）、withdrawn（异议人撤回）。"),
            )
        })
    }
}

/// An objection received during the 公示 (SPEC §12 "Objections"; `entry` is the project number).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Objection {
    pub id: i64,
    pub entry: String,
    /// The project's name, for the window (not in the CLI's JSON shape).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_name: Option<String>,
    /// Who raised it: a real name or a unit (the notice accepts no anonymous objection).
    pub from: String,
    /// YYYY-MM-DD.
    pub received: String,
    pub content: String,
    pub handling: Option<String>,
    pub outcome: Option<ObjectionOutcome>,
    /// `open` | `closed`.
    pub status: String,
    /// YYYY-MM-DD.
    pub closed_at: Option<String>,
    /// What closing it led to: `disqualified` when the entry's qualification was withdrawn with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked: Option<String>,
}

/// The kinds of follow-up record (notice §六: 跟踪服务, 产融对接).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpKind {
    Contact,
    Service,
    Financing,
    Matching,
    Policy,
    Note,
}

impl FollowUpKind {
    pub const ALL: [FollowUpKind; 6] =
        [FollowUpKind::Contact, FollowUpKind::Service, FollowUpKind::Financing, FollowUpKind::Matching, FollowUpKind::Policy, FollowUpKind::Note];

    pub fn code(self) -> &'static str {
        match self {
            FollowUpKind::Contact => "contact",
            FollowUpKind::Service => "service",
            FollowUpKind::Financing => "financing",
            FollowUpKind::Matching => "matching",
            FollowUpKind::Policy => "policy",
            FollowUpKind::Note => "note",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FollowUpKind::Contact => "联系回访",
            FollowUpKind::Service => "服务",
            FollowUpKind::Financing => "融资",
            FollowUpKind::Matching => "对接活动",
            FollowUpKind::Policy => "政策服务",
            FollowUpKind::Note => "备注",
        }
    }

    pub fn parse(s: &str) -> Result<FollowUpKind> {
        let s = s.trim();
        FollowUpKind::ALL.into_iter().find(|k| k.code() == s || k.label() == s).ok_or_else(|| {
            CoreError::validation(
                Some("kind"),
                format!("未知的跟踪记录类型“{s}”。可用：contact（联系回访）、service（服务）、financing（融资）、matching（对接活动）、policy（政策服务）、note（备注）。"),
            )
        })
    }
}

/// One follow-up record of a project (SPEC §12 "Follow-up"; `entry` is the project number).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct FollowUp {
    pub id: i64,
    pub entry: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_name: Option<String>,
    /// YYYY-MM-DD.
    pub date: String,
    pub kind: FollowUpKind,
    pub note: String,
    /// Money raised or needed, in 万元.
    pub amount_wan: Option<f64>,
    /// When the next contact is due (YYYY-MM-DD).
    pub next_due: Option<String>,
}

/// A recommended project's result at the provincial competition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ProvincialOutcome {
    First,
    Second,
    Third,
    Excellence,
    None,
    National,
}

impl ProvincialOutcome {
    pub const ALL: [ProvincialOutcome; 6] = [
        ProvincialOutcome::First,
        ProvincialOutcome::Second,
        ProvincialOutcome::Third,
        ProvincialOutcome::Excellence,
        ProvincialOutcome::None,
        ProvincialOutcome::National,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProvincialOutcome::First => "first",
            ProvincialOutcome::Second => "second",
            ProvincialOutcome::Third => "third",
            ProvincialOutcome::Excellence => "excellence",
            ProvincialOutcome::None => "none",
            ProvincialOutcome::National => "national",
        }
    }

    /// The words SPEC §12 gives (and `saiwu provincial set NO OUTCOME` accepts).
    pub fn label(self) -> &'static str {
        match self {
            ProvincialOutcome::First => "一等奖",
            ProvincialOutcome::Second => "二等奖",
            ProvincialOutcome::Third => "三等奖",
            ProvincialOutcome::Excellence => "优秀奖",
            ProvincialOutcome::None => "未获奖",
            ProvincialOutcome::National => "推荐国赛",
        }
    }

    /// A provincial prize (the next season's R03 list takes these).
    pub fn is_prize(self) -> bool {
        !matches!(self, ProvincialOutcome::None)
    }

    pub fn parse(s: &str) -> Result<ProvincialOutcome> {
        let s = s.trim();
        ProvincialOutcome::ALL.into_iter().find(|o| o.code() == s || o.label() == s).ok_or_else(|| {
            CoreError::validation(Some("outcome"), format!("未知的省赛结果“{s}”。可用：一等奖、二等奖、三等奖、优秀奖、未获奖、推荐国赛。"))
        })
    }
}

/// The provincial result recorded for a recommended project.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ProvincialResult {
    pub entry: String,
    pub project_name: Option<String>,
    pub outcome: ProvincialOutcome,
    pub outcome_label: String,
    pub set_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_words_parse_back() {
        for o in ObjectionOutcome::ALL {
            assert_eq!(ObjectionOutcome::parse(o.code()).unwrap(), o);
            assert_eq!(ObjectionOutcome::parse(o.label()).unwrap(), o);
        }
        for k in FollowUpKind::ALL {
            assert_eq!(FollowUpKind::parse(k.code()).unwrap(), k);
            assert_eq!(FollowUpKind::parse(k.label()).unwrap(), k);
        }
        for o in ProvincialOutcome::ALL {
            assert_eq!(ProvincialOutcome::parse(o.label()).unwrap(), o);
            assert_eq!(serde_json::to_value(o).unwrap(), serde_json::Value::String(o.code().into()));
        }
        assert_eq!(ProvincialOutcome::parse("特等奖").unwrap_err().code(), "INVALID_INPUT");
        assert_eq!(FollowUpKind::parse("visit").unwrap_err().code(), "INVALID_INPUT");
    }
}
