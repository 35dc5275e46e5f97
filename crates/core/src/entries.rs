//! The entries as the rest of the app sees them: the SPEC §11 shape, list rows for the table, the
//! detail view with raw row, provenance and problems, and masking of personal data.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
pub use crate::mask::mask_free_text;
use crate::model::Problem;
pub use crate::model::{kind_of, Entry, Kind, Source};
use crate::store::Store;

/// A row of the entries table in the window: no ID numbers, no phones.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct EntryRow {
    pub project_no: Option<String>,
    pub key: String,
    pub group: Option<String>,
    pub kind: String,
    pub project_name: Option<String>,
    pub entrant_name: Option<String>,
    pub credit_code: Option<String>,
    pub unit: Option<String>,
    pub county: Option<String>,
    pub field: Option<String>,
    pub leader_name: Option<String>,
    pub member_count: i64,
    pub problem_count: i64,
    pub missing: bool,
}

pub fn list_rows(store: &Store) -> Result<Vec<EntryRow>> {
    let mut stmt = store.conn().prepare(
        "SELECT project_no, key, group_code, kind, project_name, entrant_name, credit_code, unit, county, field,
                leader_name, member_count, problem_count, missing
         FROM entries ORDER BY first_import_id, source_row, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(EntryRow {
            project_no: r.get(0)?,
            key: r.get(1)?,
            group: r.get(2)?,
            kind: r.get(3)?,
            project_name: r.get(4)?,
            entrant_name: r.get(5)?,
            credit_code: r.get(6)?,
            unit: r.get(7)?,
            county: r.get(8)?,
            field: r.get(9)?,
            leader_name: r.get(10)?,
            member_count: r.get(11)?,
            problem_count: r.get(12)?,
            missing: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Every entry in the SPEC §11 shape, unmasked (the CLI is the local operator's tool).
pub fn list(store: &Store) -> Result<Vec<Entry>> {
    let mut stmt = store.conn().prepare("SELECT data FROM entries ORDER BY first_import_id, source_row, id")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        out.push(decode(&json?)?);
    }
    Ok(out)
}

/// Every entry by its key (with `current_only`, without the ones missing from the latest import), for
/// the rounds, awards and certificates. A row whose data cannot be decoded is left out, not fatal.
pub fn by_key(store: &Store, current_only: bool) -> Result<std::collections::HashMap<String, Entry>> {
    let sql = if current_only { "SELECT key, data FROM entries WHERE missing = 0" } else { "SELECT key, data FROM entries" };
    let mut stmt = store.conn().prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut m = std::collections::HashMap::new();
    for row in rows {
        let (k, d) = row?;
        if let Ok(e) = decode(&d) {
            m.insert(k, e);
        }
    }
    Ok(m)
}

fn decode(json: &str) -> Result<Entry> {
    serde_json::from_str(json).map_err(|e| CoreError::Invalid(format!("赛事文件中的报名数据无法读取（{e}）")))
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct RawCell {
    pub column: String,
    pub header: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct EntryDetail {
    pub entry: Entry,
    pub raw: Vec<RawCell>,
    pub problems: Vec<Problem>,
    pub imported_at: String,
    pub missing: bool,
}

/// One entry by 项目编号 (or internal key), with raw row and the problems of the import that last
/// read it. Personal data masked unless `reveal`.
pub fn detail(store: &Store, project_no_or_key: &str, reveal: bool) -> Result<EntryDetail> {
    let row = store
        .conn()
        .query_row(
            "SELECT e.key, e.data, e.raw, e.import_id, i.imported_at, e.missing, i.columns FROM entries e JOIN imports i ON i.id = e.import_id
             WHERE e.project_no = ?1 OR e.key = ?1 LIMIT 1",
            params![project_no_or_key],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, bool>(5)?,
                    r.get::<_, String>(6)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("找不到项目编号为“{project_no_or_key}”的报名项目。")))?;
    let (key, data, raw, import_id, imported_at, missing, columns) = row;
    let entry = decode(&data)?;
    let entry = if reveal { entry } else { entry.masked() };
    let values: Vec<String> = serde_json::from_str(&raw).unwrap_or_default();
    let headers: Vec<String> = serde_json::from_str(&columns).unwrap_or_default();
    let mut raw: Vec<RawCell> = values
        .into_iter()
        .enumerate()
        .map(|(i, value)| RawCell { column: crate::import::fields::column_letter(i), header: headers.get(i).cloned().unwrap_or_default(), value })
        .filter(|c| !c.header.is_empty() || !c.value.is_empty())
        .collect();
    if !reveal {
        // Raw cells can hold the same personal data: mask anything shaped like an ID or a phone.
        for c in raw.iter_mut() {
            c.value = mask_free_text(&c.value);
        }
    }
    let mut problems = crate::import::problems_for_entry(store, import_id, &key)?;
    if !reveal {
        for p in problems.iter_mut() {
            p.message = mask_free_text(&p.message);
        }
    }
    Ok(EntryDetail { entry, raw, problems, imported_at, missing })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_from_code_or_legal_form() {
        assert_eq!(kind_of(Some("91140400MA0000000X"), Some("张三团队")), Kind::Company);
        assert_eq!(kind_of(None, Some("长治市某某科技有限公司")), Kind::Company);
        assert_eq!(kind_of(None, Some("长治某某合作社")), Kind::Company);
        assert_eq!(kind_of(None, Some("长治学院智能制造团队")), Kind::Team);
        assert_eq!(kind_of(None, None), Kind::Team);
    }
}
