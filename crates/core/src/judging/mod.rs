//! Running the rounds (SPEC §5): who is in a round, panels (评审组) of judges and entries, conflicts
//! of interest (回避), score keeping with an append-only log, score-sheet files, the ranking built
//! on `crate::scoring`, advancement to the final, committee tie decisions and the roadshow draw.
//! The arithmetic lives in `scoring`; this module stores and validates.
mod conflicts;
mod draw;
pub mod lan;
mod panels;
mod print;
mod ranking;
mod scores;
pub(crate) mod sheets;

pub use conflicts::{conflicts, why, Conflict};
pub use draw::{draws, order_for_seed, Draw};
pub use panels::{panel_round, panels, Panel};
pub use print::{order_sheet_pdf, score_sheet_docs, score_sheets_pdf};
pub(crate) use ranking::ranking_of;
pub use ranking::{advancement, leniency, ranking, ranking_xlsx, AdvanceGroup, AdvanceResult, GroupLeniency, RankedEntry, RoundGroup};
pub(crate) use scores::{check_value, find_entry, panel_of, stored_value};
pub use scores::{double_entry_mismatches, grid, score_log, Grid, GridCell, GridRow, LogEntry, Mismatch, ScoreValue};
pub use sheets::{export_score_workbook, validate_scores_file, ScoreOverwrite, ScoresImport};

use std::collections::HashMap;

use serde::Serialize;

use crate::error::Result;
use crate::model::Group;
pub use crate::model::{AdvancementRow, Round};
use crate::store::eligibility;
use crate::store::{self, Store};

/// An entry taking part in a round, with what conflict checks and lists need (no personal data
/// beyond member names, which the conflict check compares with judges' names).
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct RoundEntry {
    pub key: String,
    pub project_no: String,
    /// None for an entry without a group that a person ruled 符合: it is listed under 组别未知.
    pub group: Option<Group>,
    pub project_name: String,
    pub entrant_name: String,
    pub unit: Option<String>,
    /// Filled by [`with_people`] only (the 回避 check needs it).
    #[serde(skip)]
    pub ip_holder: Option<String>,
    #[serde(skip)]
    pub member_names: Vec<String>,
}

/// The entries of a round: the preliminary takes every entry whose effective screening verdict is
/// 符合; the 复赛 and the 决赛 take the entries recorded as advanced to them. In the order of the entries table. Reads the
/// stored verdicts (`store::eligibility`), never re-runs the rules.
pub fn round_entries(store: &Store, round: Round) -> Result<Vec<RoundEntry>> {
    // Everything a round does starts here: a 复赛 that is switched off is refused with what to do.
    if round == Round::Semifinal {
        crate::settings::load(store)?.check_round(round)?;
    }
    let included = match round {
        Round::Preliminary => None,
        later => Some(crate::store::rounds::advanced(store.conn(), later.code())?),
    };
    let out = eligibility::effective(store.conn())?
        .into_iter()
        // A disqualified entry leaves every round; a finalist later found ineligible leaves the final too.
        .filter(|v| v.in_rounds() && included.as_ref().is_none_or(|set| set.contains(&v.key)))
        .map(|v| RoundEntry {
            project_no: v.project_no.unwrap_or_else(|| v.key.clone()),
            group: v.group,
            project_name: v.project_name.unwrap_or_default(),
            entrant_name: v.entrant_name.unwrap_or_default(),
            unit: v.unit,
            ip_holder: None,
            member_names: Vec::new(),
            key: v.key,
        })
        .collect();
    Ok(out)
}

/// A round named by the user (`--round`, the window's selector): parsed, and the 复赛 refused while it is
/// switched off, with what to do.
pub fn round_in_force(store: &Store, text: &str) -> Result<Round> {
    let round = Round::parse(text)?;
    if round == Round::Semifinal {
        crate::settings::load(store)?.check_round(round)?;
    }
    Ok(round)
}

/// Fills in what the 回避 check compares with the judges (IP holder, member names) from the entries'
/// data; [`round_entries`] leaves them empty so the ranking never parses every entry.
pub fn with_people(store: &Store, entries: &mut [RoundEntry]) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let data = crate::entries::by_key(store, true)?;
    for r in entries.iter_mut() {
        if let Some(e) = data.get(&r.key) {
            r.ip_holder = e.ip_holder.clone();
            r.member_names = e.members.iter().filter_map(|m| m.name.clone()).collect();
        }
    }
    Ok(())
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
    Ok(store::judges::refs(store.conn())?.into_iter().map(|(id, name, organization)| (id, JudgeRef { id, name, organization })).collect())
}

/// A round at a glance (评审 page header): entries, panels, active judges, open 回避 suggestions and
/// double-entry mismatches.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct RoundOverview {
    pub round: Round,
    pub label: String,
    pub entries: usize,
    pub panels: Vec<Panel>,
    pub judges: usize,
    pub conflicts_open: usize,
    pub mismatches: usize,
}

pub fn round_overview(store: &Store, round: Round) -> Result<RoundOverview> {
    Ok(RoundOverview {
        round,
        label: round.label().into(),
        entries: round_entries(store, round)?.len(),
        panels: panels(store, round)?,
        judges: store::judges::active_ids(store.conn())?.len(),
        conflicts_open: conflicts(store, round)?.iter().filter(|c| c.status == "suggested").count(),
        mismatches: double_entry_mismatches(store, round)?.len(),
    })
}

/// Hundredths as points with two decimals ("85.50").
pub(crate) use crate::scoring::hundredths_display as points;

/// A per-criterion score as the log and the mismatch list show it: "85.50（30.00/20.00/…）".
pub(crate) fn criteria_text(values: &[i64]) -> String {
    format!("{}（{}）", points(values.iter().sum()), values.iter().map(|v| points(*v)).collect::<Vec<_>>().join("/"))
}
