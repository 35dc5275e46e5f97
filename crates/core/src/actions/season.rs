//! The season after the scores, as changes: objections during the 公示 (closing one may withdraw the entry's
//! qualification with it), the provincial results, follow-up records and 成长快/潜力大 marks. Every table
//! written here is audited; each change is one transaction.
use chrono::{DateTime, FixedOffset};

use crate::error::{CoreError, Result};
use crate::model::{beijing, FollowUpKind, Objection, ObjectionOutcome, ProvincialOutcome};
use crate::season::{entry_key, parse_date};
use crate::store::season::{self as stored, NewFollowUp, NewObjection};
use crate::store::Store;

fn required<'a>(value: &'a str, field: &str, message: &str) -> Result<&'a str> {
    let v = value.trim();
    if v.is_empty() {
        return Err(CoreError::validation(Some(field), message));
    }
    Ok(v)
}

/// Records an objection received during the 公示. `from` is a real name or a unit (the notice does not
/// accept anonymous ones); `received` may not lie after today. Returns its id.
pub fn add_objection(store: &mut Store, entry: &str, from: &str, received: &str, content: &str, now: DateTime<FixedOffset>) -> Result<i64> {
    let from = required(from, "from", "请填写异议人（实名或单位名称）。")?;
    let content = required(content, "content", "请填写异议内容。")?;
    let received = parse_date(received, "received", "收到日期")?;
    if received > now.with_timezone(&beijing()).date_naive() {
        return Err(CoreError::validation(Some("received"), format!("收到日期 {received} 晚于今天，请检查。")));
    }
    let key = entry_key(store, entry)?;
    let tx = store.conn_mut().transaction()?;
    let id = stored::insert_objection(
        &tx,
        &NewObjection { entry_key: &key, from, received: &received.format("%Y-%m-%d").to_string(), content, recorded_at: &now.to_rfc3339() },
    )?;
    tx.commit()?;
    Ok(id)
}

/// Closes an objection with its outcome and how it was handled. With `disqualify_by` (an upheld
/// objection only) the entry's qualification is withdrawn too — its award amended and certificates voided
/// when the list is frozen (`actions::screening::disqualify`) — and the objection says so.
pub fn close_objection(
    store: &mut Store,
    id: i64,
    outcome: ObjectionOutcome,
    handling: &str,
    disqualify_by: Option<&str>,
    now: DateTime<FixedOffset>,
) -> Result<Objection> {
    let handling = required(handling, "handling", "请填写处理情况。")?;
    let (o, key) = stored::objection(store.conn(), id)?.ok_or_else(|| CoreError::not_found(format!("找不到编号为 {id} 的异议。")))?;
    if o.status == "closed" {
        return Err(CoreError::conflict(format!("异议 {id} 已于 {} 办结。", o.closed_at.unwrap_or_default())));
    }
    let disqualify_by = match disqualify_by.map(str::trim) {
        Some("") => return Err(CoreError::validation(Some("decided_by"), "取消资格需要填写操作人。")),
        Some(_) if outcome != ObjectionOutcome::Upheld => {
            return Err(CoreError::validation(Some("outcome"), "只有异议成立时才能同时取消参赛资格。"));
        }
        other => other,
    };
    if let Some(who) = disqualify_by {
        // Its own transaction (with the backup and the award amendment it needs); the objection is closed after.
        crate::actions::screening::disqualify(store, &key, &format!("公示异议成立（异议 {id}）：{handling}"), who, now)?;
    }
    let closed = now.with_timezone(&beijing()).date_naive().format("%Y-%m-%d").to_string();
    let tx = store.conn_mut().transaction()?;
    stored::close_objection(&tx, id, outcome, handling, &closed, disqualify_by.map(|_| "disqualified"))?;
    tx.commit()?;
    stored::objection(store.conn(), id)?.map(|(o, _)| o).ok_or_else(|| CoreError::not_found(format!("找不到编号为 {id} 的异议。")))
}

/// Records a recommended project's provincial result (replacing an earlier one).
pub fn set_provincial(store: &mut Store, entry: &str, outcome: ProvincialOutcome, now: DateTime<FixedOffset>) -> Result<()> {
    let key = entry_key(store, entry)?;
    let rec = crate::awards::recommendation(store)?;
    if !rec.entries.iter().any(|e| e.key == key && e.included) {
        return Err(CoreError::precondition(format!("项目“{}”不在推荐省赛名单中，不能登记省赛结果。", entry.trim())));
    }
    let tx = store.conn_mut().transaction()?;
    stored::set_provincial(&tx, &key, outcome, &now.to_rfc3339())?;
    tx.commit()?;
    Ok(())
}

/// What a follow-up record says (dates as typed; `amount_wan` in 万元).
pub struct FollowUpInput<'a> {
    pub entry: &'a str,
    pub date: &'a str,
    pub kind: FollowUpKind,
    pub note: &'a str,
    pub amount_wan: Option<f64>,
    pub next_due: Option<&'a str>,
}

/// Adds a follow-up record; returns its id. The next contact may not be due before the record's date.
pub fn add_followup(store: &mut Store, f: &FollowUpInput, now: DateTime<FixedOffset>) -> Result<i64> {
    let note = required(f.note, "note", "请填写跟踪记录的内容。")?;
    let date = parse_date(f.date, "date", "日期")?;
    let next = match f.next_due.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(parse_date(s, "next_due", "下次联系日期")?),
        None => None,
    };
    if let Some(n) = next {
        if n < date {
            return Err(CoreError::validation(Some("next_due"), format!("下次联系日期 {n} 早于记录日期 {date}。")));
        }
    }
    if let Some(a) = f.amount_wan {
        if !a.is_finite() || a < 0.0 || a > 10_000_000.0 {
            return Err(CoreError::validation(Some("amount_wan"), format!("金额 {a} 万元不合理：应为 0 到 10000000 之间的数。")));
        }
    }
    let key = entry_key(store, f.entry)?;
    let fmt = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let next = next.map(fmt);
    let tx = store.conn_mut().transaction()?;
    let id = stored::insert_followup(
        &tx,
        &NewFollowUp {
            entry_key: &key,
            date: &fmt(date),
            kind: f.kind,
            note,
            amount_wan: f.amount_wan,
            next_due: next.as_deref(),
            recorded_at: &now.to_rfc3339(),
        },
    )?;
    tx.commit()?;
    Ok(id)
}

/// Marks a project 成长快 (`fast`) or 潜力大 (`potential`) with a reason, or clears the mark (`flag` None).
pub fn set_growth_flag(store: &mut Store, entry: &str, flag: Option<&str>, reason: &str, now: DateTime<FixedOffset>) -> Result<()> {
    let key = entry_key(store, entry)?;
    let flag = match flag.map(str::trim) {
        None => None,
        Some(f @ ("fast" | "potential")) => Some((f, required(reason, "reason", "请填写标记理由。")?)),
        Some("成长快") => Some(("fast", required(reason, "reason", "请填写标记理由。")?)),
        Some("潜力大") => Some(("potential", required(reason, "reason", "请填写标记理由。")?)),
        Some(other) => return Err(CoreError::validation(Some("flag"), format!("未知的标记“{other}”：可用 fast（成长快）或 potential（潜力大）。"))),
    };
    let tx = store.conn_mut().transaction()?;
    stored::set_growth_flag(&tx, &key, flag, &now.to_rfc3339())?;
    tx.commit()?;
    Ok(())
}
