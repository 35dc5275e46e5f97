//! A judge (评委) as stored and as the window shows it (phone masked by `judges::list_for_window`).
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
#[ts(export)]
pub struct Judge {
    pub id: i64,
    pub name: String,
    pub organization: Option<String>,
    pub title: Option<String>,
    pub expertise: Option<String>,
    pub phone: Option<String>,
    /// "import" or "manual": how the judge first came in.
    pub source: String,
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
}
