//! What a judge's phone sees on the venue network (issue #13, SPEC §12 "LAN scoring"): the judge's own
//! entries of one round in roadshow order, with the score sheet and what is already stored — no ID
//! numbers, phones or other people's scores. Tokens are checked here; the changes are in `actions::lan`.
use serde::{Deserialize, Serialize};

use super::{draws, grid, judges_by_id, panels, JudgeRef, Round};
use crate::error::{CoreError, Result};
pub use crate::pdf::qr::QrMatrix;
use crate::model::Group;
use crate::settings::{self, Criterion};
use crate::store::{self, Store};

/// The phone page's list: `GET /api/judge/{token}`.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct PhoneView {
    pub judge: String,
    pub round: Round,
    pub round_label: String,
    pub entries: Vec<PhoneEntry>,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct PhoneEntry {
    pub project_no: String,
    pub name: String,
    pub group: Option<Group>,
    pub group_label: String,
    /// 1-based place in this judge's list (the roadshow order drawn by lot, then the rest as listed).
    pub order: u32,
    /// 回避: shown, never scored.
    pub recused: bool,
    pub sheet: PhoneSheet,
    pub score: Option<PhoneScore>,
}

/// The criteria and maxima to score by; no criteria when the round keys one 总分 (up to `max`).
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct PhoneSheet {
    pub criteria: Vec<Criterion>,
    pub max: u32,
}

/// A stored score in points (two decimals at most); `locked` once stored: changing it needs the secretariat.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct PhoneScore {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub criteria: Option<Vec<f64>>,
    pub total: f64,
    pub locked: bool,
}

/// What a phone sends: `{"criteria": [..]}` in sheet order or `{"total": x}`, in points.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneInput {
    #[serde(default)]
    pub criteria: Option<Vec<f64>>,
    #[serde(default)]
    pub total: Option<f64>,
}

/// One judge's working token of a round, with the address a phone opens (None until scoring is opened with one).
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct TokenInfo {
    pub judge: String,
    pub judge_id: i64,
    pub token: String,
    pub url: Option<String>,
}

/// A round's phone scoring at a glance (the window's 手机评分 tab).
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct LanState {
    pub round: Round,
    /// `none` (never opened) | `open` | `closed`.
    pub status: String,
    pub url: Option<String>,
    pub tokens: Vec<TokenInfo>,
}

/// The path a phone opens for a token, under the server's address.
pub fn phone_url(base: &str, token: &str) -> String {
    format!("{}/j/{token}", base.trim_end_matches('/'))
}

/// The judges who score a round: those of its panels (in panel and sheet order), or every active judge
/// while the round has no panels.
pub fn round_judges(store: &Store, round: Round) -> Result<Vec<JudgeRef>> {
    let ps = panels(store, round)?;
    if ps.is_empty() {
        let all = judges_by_id(store)?;
        return Ok(store::judges::active_ids(store.conn())?.into_iter().filter_map(|id| all.get(&id).cloned()).collect());
    }
    let mut out: Vec<JudgeRef> = Vec::new();
    for p in ps {
        for j in p.judges {
            if !out.iter().any(|o| o.id == j.id) {
                out.push(j);
            }
        }
    }
    Ok(out)
}

/// The round's phone scoring and its working tokens (read only: tokens are issued by `actions::lan`).
pub fn lan_state(store: &Store, round: Round) -> Result<LanState> {
    let st = store::lan::state(store.conn(), round.code())?;
    let url = st.as_ref().and_then(|s| s.url.clone());
    let names = judges_by_id(store)?;
    let tokens = store::lan::live(store.conn(), round.code())?
        .into_iter()
        .map(|(id, token)| TokenInfo {
            judge: names.get(&id).map(|j| j.name.clone()).unwrap_or_else(|| format!("评委{id}")),
            judge_id: id,
            url: url.as_deref().map(|u| phone_url(u, &token)),
            token,
        })
        .collect();
    Ok(LanState { round, status: st.map(|s| s.status).unwrap_or_else(|| "none".into()), url, tokens })
}

/// The round and judge a token opens; an unknown, revoked or ended token is `FROZEN` (the server's 403).
pub fn authorize(store: &Store, token: &str) -> Result<(Round, JudgeRef)> {
    let row = store::lan::token(store.conn(), token.trim())?
        .ok_or_else(|| CoreError::Frozen("这个评分二维码无效。请扫描秘书处发给您的评分二维码，或向秘书处索取新的二维码。".into()))?;
    match row.ended_why.as_deref() {
        Some("revoked") => return Err(CoreError::Frozen("这个评分二维码已被秘书处作废。请向秘书处索取新的二维码。".into())),
        Some(_) => return Err(CoreError::Frozen("本轮手机评分已结束，二维码已失效。如需更正分数请联系秘书处。".into())),
        None => {}
    }
    let round = Round::parse(&row.round)?;
    let judge =
        judges_by_id(store)?.remove(&row.judge_id).ok_or_else(|| CoreError::Frozen("这个评分二维码对应的评委已不在名单中，请联系秘书处。".into()))?;
    Ok((round, judge))
}

/// Hundredths as the phone shows them (points).
fn pts(h: i64) -> f64 {
    h as f64 / 100.0
}

/// The judge's list as the phone shows it (`GET /api/judge/{token}`).
pub fn phone_view(store: &Store, token: &str) -> Result<PhoneView> {
    let (round, judge) = authorize(store, token)?;
    let g = grid(store, round, judge.id, 1)?;
    let settings = settings::load(store)?;
    let total_only = settings.total_only(round);
    // Roadshow order: the newest draw of each group; entries not drawn keep the list's order after them.
    let mut place: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for d in draws(store, round)? {
        for e in d.order {
            place.insert(e.entry_key, e.position);
        }
    }
    let mut rows: Vec<(usize, usize, super::GridRow)> =
        g.rows.into_iter().enumerate().map(|(i, r)| (place.get(&r.entry_key).copied().unwrap_or(usize::MAX), i, r)).collect();
    rows.sort_by_key(|(p, i, r)| (r.group, *p, *i));
    let entries = rows
        .into_iter()
        .enumerate()
        .map(|(i, (_, _, r))| {
            let sheet = r.group.and_then(|grp| settings.score_sheet(grp));
            let criteria = match sheet {
                Some(s) if !total_only => s.criteria.clone(),
                _ => Vec::new(),
            };
            let max = sheet.map(|s| s.max_total()).unwrap_or(settings::TOTAL_ONLY_MAX);
            let score = (r.cell.keyed && !r.cell.recused).then(|| PhoneScore {
                criteria: r.cell.criteria.as_ref().map(|v| v.iter().map(|h| pts(*h)).collect()),
                total: pts(r.cell.total.unwrap_or(0)),
                locked: true,
            });
            PhoneEntry {
                project_no: r.project_no,
                name: r.project_name,
                group: r.group,
                group_label: Group::label_of(r.group).to_string(),
                order: i as u32 + 1,
                recused: r.conflict.is_some() || r.cell.recused,
                sheet: PhoneSheet { criteria, max },
                score,
            }
        })
        .collect();
    Ok(PhoneView { judge: judge.name, round, round_label: round.label().into(), entries })
}

/// Points with at most two decimals as hundredths; `what` names the value in the message.
pub fn to_hundredths(x: f64, what: &str) -> Result<i64> {
    let h = x * 100.0;
    if !h.is_finite() || (h - h.round()).abs() > 1e-6 {
        return Err(CoreError::validation(Some("score"), format!("{what}为 {x}，最多保留两位小数。")));
    }
    Ok(h.round() as i64)
}

/// One entry's row of the secretariat's live matrix: per judge (in [`LanProgress::judges`] order)
/// `scored` | `recused` | `missing` | `none` (not on that judge's list).
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ProgressRow {
    pub project_no: String,
    pub name: String,
    pub cells: Vec<String>,
}

/// Judges × entries as the scores arrive (the window's 手机评分 tab), with the count still missing.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct LanProgress {
    pub round: Round,
    pub judges: Vec<String>,
    pub rows: Vec<ProgressRow>,
    pub scored: usize,
    pub missing: usize,
}

pub fn progress(store: &Store, round: Round) -> Result<LanProgress> {
    let judges = round_judges(store, round)?;
    let mut states: std::collections::HashMap<(usize, String), &'static str> = std::collections::HashMap::new();
    for (i, j) in judges.iter().enumerate() {
        for r in grid(store, round, j.id, 1)?.rows {
            let s = if r.conflict.is_some() || r.cell.recused {
                "recused"
            } else if r.cell.keyed {
                "scored"
            } else {
                "missing"
            };
            states.insert((i, r.entry_key), s);
        }
    }
    let (mut scored, mut missing) = (0, 0);
    let rows = super::round_entries(store, round)?
        .into_iter()
        .map(|e| {
            let cells = (0..judges.len())
                .map(|i| {
                    let s = states.get(&(i, e.key.clone())).copied().unwrap_or("none");
                    scored += usize::from(s == "scored");
                    missing += usize::from(s == "missing");
                    s.to_string()
                })
                .collect();
            ProgressRow { project_no: e.project_no, name: e.project_name, cells }
        })
        .collect();
    Ok(LanProgress { round, judges: judges.into_iter().map(|j| j.name).collect(), rows, scored, missing })
}

/// The window's 手机评分 tab in one answer: the round's scoring and tokens, whether this app's server is
/// running (filled by the shell), and the live matrix.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct LanView {
    pub state: LanState,
    pub running: bool,
    pub progress: LanProgress,
}

pub fn lan_view(store: &Store, round: Round, running: bool) -> Result<LanView> {
    Ok(LanView { state: lan_state(store, round)?, running, progress: progress(store, round)? })
}

/// A QR code of a judge's phone address, for the window to draw.
pub fn qr_matrix(text: &str) -> Result<QrMatrix> {
    crate::pdf::qr::encode(text)
}
