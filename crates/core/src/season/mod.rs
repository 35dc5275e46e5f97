//! The season after the scores (notice §五, §六; SPEC §12): the 公示's objections, the provincial results of
//! the recommended projects, and the follow-up of the projects to year end — read here; written by
//! `actions::season`.
use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::Workbook;
use serde::Serialize;

use crate::error::{CoreError, Result};
use crate::model::{FollowUp, Objection, ProvincialOutcome};
use crate::store::{self, Store};
use crate::xlsx::{Table, Value};

pub mod letters;
pub mod next;
pub mod summary;

/// A date as the secretariat types it (2026-07-01, 2026/7/1, 2026.7.1, 2026年7月1日), as YYYY-MM-DD;
/// `field` names the input in the message.
pub fn parse_date(s: &str, field: &str, label: &str) -> Result<NaiveDate> {
    let t = s.trim();
    let cleaned: String = t.replace(['/', '.', '年', '月'], "-").trim_end_matches('日').to_string();
    NaiveDate::parse_from_str(&cleaned, "%Y-%m-%d")
        .map_err(|_| CoreError::validation(Some(field), format!("{label}“{t}”不是有效日期，请写成 2026-07-01 这样的格式。")))
}

pub fn objections(store: &Store) -> Result<Vec<Objection>> {
    Ok(store::season::objections(store.conn())?.into_iter().map(|(o, _)| o).collect())
}

/// Follow-up records in date order; of one project when `entry` (a project number) is given; with
/// `overdue_on`, only each project's latest record whose next contact is due before that day.
pub fn followups(store: &Store, entry: Option<&str>, overdue_on: Option<NaiveDate>) -> Result<Vec<FollowUp>> {
    let key = match entry {
        Some(no) => Some(entry_key(store, no)?),
        None => None,
    };
    let all = store::season::followups(store.conn(), key.as_deref())?;
    let Some(today) = overdue_on else { return Ok(all.into_iter().map(|(f, _)| f).collect()) };
    // The latest record of each project says when the next contact is due (records come in date order).
    let mut latest: HashMap<String, FollowUp> = HashMap::new();
    for (f, key) in all {
        latest.insert(key, f);
    }
    let today = today.format("%Y-%m-%d").to_string();
    let mut due: Vec<FollowUp> = latest.into_values().filter(|f| f.next_due.as_deref().is_some_and(|d| d < today.as_str())).collect();
    due.sort_by(|a, b| a.next_due.cmp(&b.next_due).then(a.entry.cmp(&b.entry)));
    Ok(due)
}

/// An entry's key from its project number (or key), among every entry ever imported.
pub fn entry_key(store: &Store, project_no: &str) -> Result<String> {
    store::verdicts::find_entry(store.conn(), project_no.trim())?
        .map(|(k, _)| k)
        .ok_or_else(|| CoreError::not_found(format!("找不到项目编号为“{}”的报名项目。", project_no.trim())))
}

/// A recommended project with its provincial result (None: not recorded yet).
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ProvincialRow {
    pub project_no: String,
    pub project_name: String,
    pub group_label: String,
    pub prize: Option<String>,
    pub outcome: Option<ProvincialOutcome>,
    pub outcome_label: Option<String>,
}

/// The recommendation list's included projects, each with the provincial result recorded for it, then any
/// result recorded for a project no longer on the list (kept, never dropped silently).
pub fn provincial(store: &Store) -> Result<Vec<ProvincialRow>> {
    let rec = crate::awards::recommendation(store)?;
    let mut results: HashMap<String, crate::model::ProvincialResult> =
        store::season::provincial_results(store.conn())?.into_iter().map(|r| (r.entry.clone(), r)).collect();
    let mut out = Vec::new();
    for e in rec.entries.iter().filter(|e| e.included) {
        let r = results.remove(&e.project_no);
        out.push(ProvincialRow {
            project_no: e.project_no.clone(),
            project_name: e.project_name.clone(),
            group_label: e.group_label.clone(),
            prize: e.prize.clone(),
            outcome: r.as_ref().map(|r| r.outcome),
            outcome_label: r.map(|r| r.outcome_label),
        });
    }
    let mut rest: Vec<_> = results.into_values().collect();
    rest.sort_by(|a, b| a.entry.cmp(&b.entry));
    for r in rest {
        out.push(ProvincialRow {
            project_no: r.entry,
            project_name: r.project_name.unwrap_or_default(),
            group_label: "（已不在推荐名单）".into(),
            prize: None,
            outcome: Some(r.outcome),
            outcome_label: Some(r.outcome_label),
        });
    }
    Ok(out)
}

/// 跟踪服务记录.xlsx: every follow-up record, then the projects marked 成长快/潜力大 on a second sheet.
pub fn followup_xlsx(store: &Store, path: &Path) -> Result<usize> {
    let records = followups(store, None, None)?;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("跟踪服务记录")?;
    let mut t = Table::new(
        ws,
        &[("项目编号", 16.0), ("项目名称", 30.0), ("日期", 12.0), ("类型", 10.0), ("内容", 50.0), ("金额（万元）", 12.0), ("下次联系", 12.0)],
    )?;
    let text = |s: &str| Value::Text(Some(s.to_string()));
    for f in &records {
        t.row(&[
            text(&f.entry),
            Value::Text(f.project_name.clone()),
            text(&f.date),
            text(f.kind.label()),
            text(&f.note),
            Value::Num(f.amount_wan),
            Value::Text(f.next_due.clone()),
        ])?;
    }
    let ws = wb.add_worksheet();
    ws.set_name("成长快潜力大")?;
    let mut t = Table::new(ws, &[("项目编号", 16.0), ("项目名称", 30.0), ("标记", 10.0), ("理由", 50.0)])?;
    for (no, name, flag, reason) in store::season::growth_flags(store.conn())? {
        t.row(&[text(&no), Value::Text(name), text(growth_label(&flag)), text(&reason)])?;
    }
    wb.save(path)?;
    Ok(records.len())
}

/// A project marked 成长快 or 潜力大 (notice §六: reported to the province).
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct GrowthFlag {
    pub entry: String,
    pub project_name: Option<String>,
    /// `fast` | `potential`.
    pub flag: String,
    pub flag_label: String,
    pub reason: String,
}

pub fn growth_flags(store: &Store) -> Result<Vec<GrowthFlag>> {
    Ok(store::season::growth_flags(store.conn())?
        .into_iter()
        .map(|(entry, project_name, flag, reason)| GrowthFlag { entry, project_name, flag_label: growth_label(&flag).into(), flag, reason })
        .collect())
}

/// 成长快 / 潜力大 from the stored code.
pub fn growth_label(code: &str) -> &'static str {
    match code {
        "fast" => "成长快",
        _ => "潜力大",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_typed_become_iso() {
        for s in ["2026-07-01", "2026/7/1", "2026.7.1", "2026年7月1日", " 2026-7-01 "] {
            assert_eq!(parse_date(s, "date", "日期").unwrap().to_string(), "2026-07-01", "{s}");
        }
        let e = parse_date("7月1日", "received", "收到日期").unwrap_err();
        assert_eq!(e.field(), Some("received"));
        assert!(e.to_string().contains("收到日期“7月1日”"), "{e}");
        assert!(parse_date("2026-02-30", "date", "日期").is_err());
    }
}
