//! Phone scoring on the venue network (issue #13, SPEC §12 "LAN scoring"): opening and closing a round's
//! scoring, the judges' tokens, scores sent from phones and the secretariat's corrections. Scores go into
//! `scores` and `score_log` like keyed ones (so they are audited); the phone's writer names the judge and
//! the device's address.
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use rand::RngCore;

use crate::error::{CoreError, Result};
use crate::judging::lan::{self as view, PhoneInput, PhoneScore, TokenInfo};
use crate::judging::{self, Round, ScoreValue};
use crate::model::Group;
use crate::settings;
use crate::store::{self, Store};

/// Letters and digits a judge can read off a sheet without mixing up (no 0/o, 1/l/i).
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const TOKEN_LEN: usize = 24;

fn new_token(rng: &mut dyn RngCore) -> String {
    (0..TOKEN_LEN).map(|_| ALPHABET[(rng.next_u32() as usize) % ALPHABET.len()] as char).collect()
}

/// The server's own connection to the contest file: an existing file, every commit waiting for the disk.
pub fn server_store(path: &Path) -> Result<Store> {
    let store = Store::open_existing(path)?;
    store::lan::synchronous_full(store.conn())?;
    Ok(store)
}

fn issue_missing(tx: &rusqlite::Connection, store_judges: &[judging::JudgeRef], round: Round, rng: &mut dyn RngCore, at: &str) -> Result<()> {
    let have: Vec<i64> = store::lan::live(tx, round.code())?.into_iter().map(|(j, _)| j).collect();
    for j in store_judges.iter().filter(|j| !have.contains(&j.id)) {
        store::lan::insert(tx, &new_token(rng), round.code(), j.id, at)?;
    }
    Ok(())
}

/// Opens a round's phone scoring at `url` (the address phones reach, e.g. `http://192.168.1.20:8080`) and
/// issues a token to every judge of the round who has none. Opening a closed round again issues new tokens.
pub fn open_scoring(store: &mut Store, round: Round, url: Option<&str>, rng: &mut dyn RngCore, now: DateTime<FixedOffset>) -> Result<view::LanState> {
    let judges = view::round_judges(store, round)?;
    if judges.is_empty() {
        return Err(CoreError::precondition(format!("{}还没有评委，无法开放手机评分。请先在评委名单中添加评委或建立评审组。", round.label())));
    }
    let at = now.to_rfc3339();
    let tx = store.conn_mut().transaction()?;
    store::lan::open(&tx, round.code(), url.map(|u| u.trim_end_matches('/')), &at)?;
    issue_missing(&tx, &judges, round, rng, &at)?;
    tx.commit()?;
    view::lan_state(store, round)
}

/// The round's tokens, issuing one to each judge who has none (so sheets can be printed before scoring
/// opens). A closed round has none: it is refused.
pub fn tokens(store: &mut Store, round: Round, rng: &mut dyn RngCore, now: DateTime<FixedOffset>) -> Result<Vec<TokenInfo>> {
    refuse_closed(store, round)?;
    let judges = view::round_judges(store, round)?;
    let tx = store.conn_mut().transaction()?;
    issue_missing(&tx, &judges, round, rng, &now.to_rfc3339())?;
    tx.commit()?;
    Ok(view::lan_state(store, round)?.tokens)
}

fn refuse_closed(store: &Store, round: Round) -> Result<()> {
    if store::lan::state(store.conn(), round.code())?.is_some_and(|s| s.status == "closed") {
        return Err(CoreError::Frozen(format!(
            "{}的手机评分已结束，评分二维码都已失效。如需再次开放，请在“评审 → 手机评分”中重新开放（或运行 saiwu serve），将发放新的二维码。",
            round.label()
        )));
    }
    Ok(())
}

fn judge_by_name(store: &Store, name: &str) -> Result<judging::JudgeRef> {
    let name = name.trim();
    let all = judging::judges_by_id(store)?;
    let mut hits: Vec<_> = all.into_values().filter(|j| j.name == name).collect();
    match hits.len() {
        1 => Ok(hits.remove(0)),
        0 => Err(CoreError::NotFound(format!("评委名单中没有“{name}”。请用 saiwu judges 查看评委姓名。"))),
        n => Err(CoreError::conflict(format!("评委名单中有 {n} 位“{name}”，无法确定是哪一位。"))),
    }
}

/// Revokes a judge's token (a phone lost, a code photographed) and issues a new one at once, so the
/// judge can go on with a fresh code. Returns the round's tokens.
pub fn revoke_token(store: &mut Store, round: Round, judge: &str, rng: &mut dyn RngCore, now: DateTime<FixedOffset>) -> Result<Vec<TokenInfo>> {
    refuse_closed(store, round)?;
    let j = judge_by_name(store, judge)?;
    let judges = view::round_judges(store, round)?;
    if !judges.iter().any(|r| r.id == j.id) {
        return Err(CoreError::not_in_round(format!("评委“{}”不在{}的评审组中，没有评分二维码。", j.name, round.label())));
    }
    let at = now.to_rfc3339();
    let tx = store.conn_mut().transaction()?;
    store::lan::revoke(&tx, round.code(), j.id, &at)?;
    issue_missing(&tx, &judges, round, rng, &at)?;
    tx.commit()?;
    Ok(view::lan_state(store, round)?.tokens)
}

/// Closes a round's phone scoring: every token of the round stops working (a running server stops too).
/// True when it was open.
pub fn close_round(store: &mut Store, round: Round, now: DateTime<FixedOffset>) -> Result<bool> {
    let tx = store.conn_mut().transaction()?;
    let was_open = store::lan::close(&tx, round.code(), &now.to_rfc3339())?;
    tx.commit()?;
    Ok(was_open)
}

/// The value a phone sent, checked against the sheet it was shown.
fn phone_value(input: &PhoneInput, criteria: usize, total_only: bool) -> Result<ScoreValue> {
    match (&input.criteria, input.total) {
        (Some(_), Some(_)) => Err(CoreError::validation(Some("score"), "请只填写各项评分或总分中的一种。")),
        (None, None) => Err(CoreError::validation(Some("score"), "没有收到分数，请填写后再提交。")),
        (Some(values), None) => {
            if total_only || criteria == 0 {
                return Err(CoreError::validation(Some("score"), "本轮只打总分，请填写总分。"));
            }
            let values =
                values.iter().enumerate().map(|(i, v)| view::to_hundredths(*v, &format!("第 {} 项评分", i + 1))).collect::<Result<Vec<_>>>()?;
            Ok(ScoreValue::Criteria { values })
        }
        (None, Some(t)) => {
            if !(total_only || criteria == 0) {
                return Err(CoreError::validation(Some("score"), "本轮按评分标准逐项打分，请填写各项评分。"));
            }
            Ok(ScoreValue::Total { total: view::to_hundredths(t, "总分")? })
        }
    }
}

fn as_phone(value: &ScoreValue) -> Option<PhoneScore> {
    let p = |h: i64| h as f64 / 100.0;
    match value {
        ScoreValue::Criteria { values } => {
            Some(PhoneScore { criteria: Some(values.iter().map(|h| p(*h)).collect()), total: p(values.iter().sum()), locked: true })
        }
        ScoreValue::Total { total } => Some(PhoneScore { criteria: None, total: p(*total), locked: true }),
        _ => None,
    }
}

/// A score sent from a judge's phone (`PUT /api/judge/{token}/scores/{project_no}`). Checked against the
/// token (FROZEN: unknown, revoked, closed), the judge's list (NOT_IN_ROUND), 回避 (INVALID_INPUT, field
/// `recused`) and the sheet (INVALID_INPUT, field `score`). Once stored it is locked: the same value again
/// returns it (a phone resending after a lost answer), another value is CONFLICT. `device` is the phone's
/// address; the score log and the audited row name it with the judge.
pub fn phone_score(
    store: &mut Store,
    token: &str,
    project_no: &str,
    input: &PhoneInput,
    device: &str,
    now: DateTime<FixedOffset>,
) -> Result<PhoneScore> {
    let (round, judge) = view::authorize(store, token)?;
    let grid = judging::grid(store, round, judge.id, 1)?;
    let row = grid
        .rows
        .iter()
        .find(|r| r.project_no == project_no.trim())
        .ok_or_else(|| CoreError::not_in_round(format!("项目 {} 不在评委“{}”的{}评分名单中。", project_no.trim(), judge.name, round.label())))?;
    if row.conflict.is_some() || row.cell.recused {
        return Err(CoreError::validation(Some("recused"), format!("您对项目 {} 回避，不能评分。", row.project_no)));
    }
    let settings = settings::load(store)?;
    let sheet = row
        .group
        .and_then(|g| settings.score_sheet(g))
        .ok_or_else(|| CoreError::precondition(format!("{}还没有评分表，请联系秘书处。", Group::label_of(row.group))))?;
    let value = phone_value(input, sheet.criteria.len(), settings.total_only(round))?;
    judging::check_value(&value, sheet, &judge.name, &row.project_no)?;
    let (key, no) = (row.entry_key.clone(), row.project_no.clone());
    let who = format!("手机评分：{}（{}）", judge.name, device.trim());
    let tx = store::lan::immediate(store.conn_mut())?;
    // Read again inside the write transaction: another request may have stored it meanwhile.
    if let Some(c) = store::scores::cell(&tx, round.code(), judge.id, &key, 1)? {
        let stored = judging::stored_value(c.recused, c.criteria.as_deref(), c.total);
        if stored == value {
            return as_phone(&stored).ok_or_else(|| CoreError::validation(Some("recused"), format!("您对项目 {no} 回避，不能评分。")));
        }
        if stored == ScoreValue::Recused {
            return Err(CoreError::validation(Some("recused"), format!("您对项目 {no} 回避，不能评分。")));
        }
        return Err(CoreError::conflict(format!(
            "项目 {no} 的评分已提交并锁定（{}），与这次提交的不同。如需更正，请联系秘书处。",
            stored.describe().unwrap_or_default()
        )));
    }
    crate::actions::judging::write_cell(&tx, round, judge.id, &key, 1, &value, &who, "手机评分", &now.to_rfc3339())?;
    tx.commit()?;
    as_phone(&value).ok_or_else(|| CoreError::precondition("分数未能保存，请重试。"))
}

/// The secretariat corrects a judge's score (the phone's is locked): a reason is required and logged.
#[allow(clippy::too_many_arguments)]
pub fn correct_score(
    store: &mut Store,
    round: Round,
    judge: &str,
    entry: &str,
    value: &ScoreValue,
    reason: &str,
    who: &str,
    now: DateTime<FixedOffset>,
) -> Result<bool> {
    if reason.trim().is_empty() {
        return Err(CoreError::validation(Some("reason"), "更正分数需要填写原因（如“评委当场口头更正，已签字确认”）。"));
    }
    if matches!(value, ScoreValue::Clear) {
        return Err(CoreError::validation(Some("score"), "更正需要给出新的分数（各项评分或总分）。"));
    }
    let j = judge_by_name(store, judge)?;
    let who = if who.trim().is_empty() { "秘书处" } else { who.trim() };
    crate::actions::judging::set_score(store, round, j.id, entry, 1, value, who, &format!("更正：{}", reason.trim()), now)
}
