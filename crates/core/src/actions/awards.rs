//! Changes to the awards: the freeze (a snapshot with its hash, a backup first), amendments after it,
//! the people's changes to the provincial recommendation and the choice of 优秀组织单位.
use chrono::{DateTime, FixedOffset};

use crate::awards::{self, Level};
use crate::error::{CoreError, Result};
use crate::judging;
use crate::model::Round;
use crate::store::{self, Store};

/// Locks the award list (SPEC §12: "finalised" for the certificates): refused while a decision is pending,
/// the final is not fully scored, or an objection of the 公示 is still open — unless `override_reason`
/// says why it may go ahead (kept with the set). A backup is taken first. Returns the content hash.
pub fn freeze(store: &mut Store, who: &str, override_reason: Option<&str>, now: DateTime<FixedOffset>) -> Result<String> {
    if who.trim().is_empty() {
        return Err(CoreError::validation(Some("who"), "请填写锁定人。"));
    }
    if store::awards::frozen_set(store.conn())?.is_some() {
        return Err(CoreError::frozen("获奖名单已经锁定；如需修改，请以更正记录（写明理由）修改。"));
    }
    let override_reason = override_reason.map(str::trim).filter(|r| !r.is_empty());
    let open = store::season::open_objection_count(store.conn())?;
    if open > 0 && override_reason.is_none() {
        return Err(CoreError::precondition(format!(
            "还有 {open} 条公示异议没有处理完，不能锁定获奖名单。请先在“公示与异议”中办结，或填写理由后强制锁定（命令行：--override-reason 理由）。"
        )));
    }
    // A reason is kept only when it overrode something.
    let override_reason = override_reason.filter(|_| open > 0);
    let (list, warnings) = awards::compute(store)?;
    if let Some(p) = list.iter().find(|a| a.pending_reason.is_some()) {
        return Err(CoreError::precondition(format!(
            "项目 {} 的奖项尚待决定（{}），不能锁定。",
            p.project_no,
            p.pending_reason.clone().unwrap_or_default()
        )));
    }
    if list.is_empty() {
        return Err(CoreError::precondition(format!("还没有可以锁定的获奖项目。{}", warnings.join(""))));
    }
    let data = serde_json::to_string(&list).map_err(|e| CoreError::precondition(e.to_string()))?;
    let h = awards::content_hash(&data);
    store.backup("before-award-freeze", now)?;
    store::awards::insert_set(store.conn(), &now.to_rfc3339(), who.trim(), &h, &data, override_reason)?;
    Ok(h)
}

/// After the freeze, the only way to change an award: an amendment with a reason (level None withdraws it).
pub fn amend(store: &mut Store, entry: &str, level: Option<Level>, reason: &str, who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    if reason.trim().is_empty() || who.trim().is_empty() {
        return Err(CoreError::validation(Some("reason"), "更正获奖名单需要填写理由和操作人。"));
    }
    let Some(store::awards::FrozenSet { id: set_id, .. }) = store::awards::frozen_set(store.conn())? else {
        return Err(CoreError::precondition("获奖名单还没有锁定：锁定前奖项按决赛排名和名额自动确定，请在“评审—排名”中处理并列。"));
    };
    let current = awards::awards(store)?;
    let (key, old) = match current.awards.iter().find(|a| a.project_no == entry.trim() || a.key == entry.trim()) {
        Some(a) => (a.key.clone(), a.level),
        None => {
            let finals = judging::round_entries(store, Round::Final)?;
            let e = finals
                .iter()
                .find(|e| e.project_no == entry.trim() || e.key == entry.trim())
                .ok_or_else(|| CoreError::NotFound(format!("项目“{}”不在决赛名单中。", entry.trim())))?;
            (e.key.clone(), None)
        }
    };
    if old == level {
        return Err(CoreError::validation(Some("level"), "更正前后的奖项相同。"));
    }
    store.backup("before-award-amendment", now)?;
    store::awards::insert_amendment(
        store.conn(),
        set_id,
        &key,
        old.map(Level::code),
        level.map(Level::code),
        reason.trim(),
        who.trim(),
        &now.to_rfc3339(),
    )?;
    Ok(())
}

/// A person's change to the list: include or exclude a finalist, with a reason.
pub fn set_recommendation(store: &mut Store, entry: &str, included: bool, reason: &str, who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    if reason.trim().is_empty() || who.trim().is_empty() {
        return Err(CoreError::validation(Some("reason"), "调整推荐名单需要填写理由和操作人。"));
    }
    let finals = judging::round_entries(store, Round::Final)?;
    let e = finals
        .iter()
        .find(|e| e.project_no == entry.trim() || e.key == entry.trim())
        .ok_or_else(|| CoreError::NotFound(format!("项目“{}”不在决赛名单中。", entry.trim())))?;
    store::awards::set_recommendation_change(store.conn(), &e.key, included, reason.trim(), who.trim(), &now.to_rfc3339())
}

/// The committee chooses (or un-chooses) a unit for 优秀组织单位奖.
pub fn choose_unit(store: &mut Store, unit: &str, chosen: bool, reason: &str, who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    let unit = unit.trim();
    if unit.is_empty() || unit == awards::NO_UNIT {
        return Err(CoreError::validation(Some("unit"), "请选择一个组织单位。"));
    }
    if chosen {
        if reason.trim().is_empty() || who.trim().is_empty() {
            return Err(CoreError::validation(Some("reason"), "评选优秀组织单位需要填写理由和操作人。"));
        }
        store::awards::choose_unit(store.conn(), unit, reason.trim(), who.trim(), &now.to_rfc3339())?;
    } else {
        store::awards::unchoose_unit(store.conn(), unit)?;
    }
    Ok(())
}
