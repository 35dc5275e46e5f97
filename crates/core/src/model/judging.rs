//! What the rounds' lists show as stored: a 回避 (conflict of interest) and a line of the score log,
//! each with the judge's name and the entry's number joined in by the store.
use serde::Serialize;

/// A conflict of interest of a judge and an entry in a round.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Conflict {
    pub id: i64,
    pub round: String,
    pub judge_id: i64,
    pub judge_name: String,
    pub entry_key: String,
    pub project_no: String,
    pub project_name: String,
    /// "suggested" (from the data) or "declared" (by hand).
    pub source: String,
    /// "suggested", "confirmed" or "dismissed".
    pub status: String,
    pub reason: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    /// The reason the person gave for the decision (e.g. one reason for several dismissed at once).
    pub note: Option<String>,
    /// For a 决赛 conflict carried over from the 初赛: where it came from, in words.
    pub carried_from: Option<String>,
}

/// One line of the score log (the entry as its project number when known).
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct LogEntry {
    pub id: i64,
    pub at: String,
    pub who: String,
    pub round: String,
    pub judge_name: String,
    pub project_no: String,
    pub pass: i64,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: String,
}
