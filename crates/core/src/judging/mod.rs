//! Running the rounds (SPEC §5): who is in a round, panels (评审组) of judges and entries, conflicts
//! of interest (回避), score keeping with an append-only log, score-sheet files, the ranking built
//! on `crate::scoring`, advancement to the final, committee tie decisions and the roadshow draw.
//! The arithmetic lives in `scoring`; this module stores and validates.
mod conflicts;
mod draw;
mod panels;
mod print;
mod ranking;
mod scores;
mod sheets;

pub use conflicts::{conflicts, decide_conflict, declare_conflict, suggest_conflicts, Conflict};
pub use draw::{draw, draws, Draw};
pub use panels::{auto_panels, create_panel, delete_panel, panels, set_panel_entries, set_panel_judges, Panel};
pub use print::{order_sheet_pdf, score_sheet_docs, score_sheets_pdf};
pub use ranking::{
    adjust_advancement, advance, advancement, decide_tie, leniency, ranking, ranking_with, ranking_xlsx, AdvanceGroup, AdvanceResult, AdvancementRow,
    GroupLeniency, RankedEntry, RoundGroup,
};
pub use scores::{double_entry_mismatches, grid, score_log, set_score, Grid, GridCell, GridRow, LogEntry, Mismatch, ScoreValue};
pub use sheets::{export_score_workbook, import_scores, validate_scores_file, ScoresImport};

use std::collections::HashMap;

use serde::Serialize;

use crate::error::Result;
pub use crate::model::Round;
use crate::model::Verdict;
use crate::store::Store;

/// An entry taking part in a round, with what conflict checks and lists need (no personal data
/// beyond member names, which the conflict check compares with judges' names).
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct RoundEntry {
    pub key: String,
    pub project_no: String,
    pub group: String,
    pub project_name: String,
    pub entrant_name: String,
    pub unit: Option<String>,
    #[serde(skip)]
    pub ip_holder: Option<String>,
    #[serde(skip)]
    pub member_names: Vec<String>,
}

/// The entries of a round: the preliminary takes every entry whose effective screening verdict is
/// 符合; the final takes the entries recorded as advanced. In the order of the entries table.
pub fn round_entries(store: &Store, round: Round) -> Result<Vec<RoundEntry>> {
    round_entries_with(store, round, &crate::screening::check(store)?)
}

/// [`round_entries`] from a screening pass the caller already has (one pass serves a whole award list).
pub fn round_entries_with(store: &Store, round: Round, verdicts: &[crate::screening::EntryVerdict]) -> Result<Vec<RoundEntry>> {
    let included: Option<std::collections::HashSet<String>> = match round {
        Round::Preliminary => None,
        Round::Final => {
            let mut stmt = store.conn().prepare("SELECT entry_key FROM advancement WHERE round = 'final' AND included = 1")?;
            let keys = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<std::result::Result<_, _>>()?;
            Some(keys)
        }
    };
    let entries = crate::entries::by_key(store, true)?;
    let mut out = Vec::new();
    for v in verdicts {
        // A disqualified entry leaves every round.
        let eligible = v.verdict == Verdict::Eligible && v.disqualified.is_none();
        let take = match &included {
            None => eligible,
            // A finalist later found ineligible leaves the final too.
            Some(set) => eligible && set.contains(&v.key),
        };
        if !take {
            continue;
        }
        let Some(e) = entries.get(&v.key) else { continue };
        out.push(RoundEntry {
            key: v.key.clone(),
            project_no: v.project_no.clone().unwrap_or_else(|| v.key.clone()),
            group: v.group.clone().unwrap_or_else(|| "unknown".into()),
            project_name: v.project_name.clone().unwrap_or_default(),
            entrant_name: v.entrant_name.clone().unwrap_or_default(),
            unit: v.unit.clone(),
            ip_holder: e.ip_holder.clone(),
            member_names: e.members.iter().filter_map(|m| m.name.clone()).collect(),
        });
    }
    Ok(out)
}

/// A judge as the rounds see it.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct JudgeRef {
    pub id: i64,
    pub name: String,
    pub organization: Option<String>,
}

pub(crate) fn judges_by_id(store: &Store) -> Result<HashMap<i64, JudgeRef>> {
    let mut stmt = store.conn().prepare("SELECT id, name, organization FROM judges")?;
    let rows = stmt.query_map([], |r| Ok(JudgeRef { id: r.get(0)?, name: r.get(1)?, organization: r.get(2)? }))?;
    let mut m = HashMap::new();
    for j in rows {
        let j = j?;
        m.insert(j.id, j);
    }
    Ok(m)
}

pub(crate) fn group_label(code: &str) -> &str {
    match code {
        "enterprise" => "企业组",
        "startup" => "创业组",
        _ => "组别未知",
    }
}

/// Hundredths as points with two decimals ("85.50").
pub(crate) use crate::scoring::hundredths_display as points;

/// A per-criterion score as the log and the mismatch list show it: "85.50（30.00/20.00/…）".
pub(crate) fn criteria_text(values: &[i64]) -> String {
    format!("{}（{}）", points(values.iter().sum()), values.iter().map(|v| points(*v)).collect::<Vec<_>>().join("/"))
}
