//! 评审组: a round's judges and entries in named panels. An entry is in at most one panel per round;
//! a judge's position in the panel is the score-sheet order.
use serde::Serialize;

use super::{judges_by_id, JudgeRef, Round};
use crate::error::{CoreError, Result};
use crate::store::{self, Store};

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Panel {
    pub id: i64,
    pub round: Round,
    pub name: String,
    /// In score-sheet order.
    pub judges: Vec<JudgeRef>,
    /// Entry keys.
    pub entries: Vec<String>,
}

pub fn panels(store: &Store, round: Round) -> Result<Vec<Panel>> {
    let judges = judges_by_id(store)?;
    let c = store.conn();
    let mut out = Vec::new();
    for (id, name) in store::panels::list(c, round.code())? {
        let ids = store::panels::judge_ids(c, id)?;
        let entries = store::panels::entry_keys(c, id)?;
        out.push(Panel { id, round, name, judges: ids.iter().filter_map(|i| judges.get(i).cloned()).collect(), entries });
    }
    Ok(out)
}

/// The round of a panel (NOT_FOUND when there is none).
pub fn panel_round(store: &Store, panel_id: i64) -> Result<Round> {
    let code = store::panels::round_of(store.conn(), panel_id)?;
    Round::parse(&code.ok_or_else(|| CoreError::NotFound(format!("找不到评审组（编号 {panel_id}）。")))?)
}
