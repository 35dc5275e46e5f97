//! The entries as the rest of the app sees them: the SPEC §11 shape, list rows for the table, the
//! detail view with raw row, provenance and problems, and masking of personal data.

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
pub use crate::mask::mask_free_text;
use crate::model::Problem;
pub use crate::model::{kind_of, Entry, Kind, Source};
use crate::store::Store;

pub use crate::store::entries::EntryRow;

pub fn list_rows(store: &Store) -> Result<Vec<EntryRow>> {
    crate::store::entries::list_rows(store.conn())
}

/// Every entry in the SPEC §11 shape, unmasked (the CLI is the local operator's tool).
pub fn list(store: &Store) -> Result<Vec<Entry>> {
    crate::store::entries::data_in_order(store.conn())?.iter().map(|json| decode(json)).collect()
}

/// Every entry by its key (with `current_only`, without the ones missing from the latest import), for
/// the rounds, awards and certificates. A row whose data cannot be decoded is left out, not fatal.
pub fn by_key(store: &Store, current_only: bool) -> Result<std::collections::HashMap<String, Entry>> {
    let mut m = std::collections::HashMap::new();
    for (k, d) in crate::store::entries::data_by_key(store.conn(), current_only)? {
        if let Ok(e) = decode(&d) {
            m.insert(k, e);
        }
    }
    Ok(m)
}

fn decode(json: &str) -> Result<Entry> {
    serde_json::from_str(json).map_err(|e| CoreError::validation(None, format!("赛事文件中的报名数据无法读取（{e}）")))
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
    let row = crate::store::entries::detail_row(store.conn(), project_no_or_key)?
        .ok_or_else(|| CoreError::not_found(format!("找不到项目编号为“{project_no_or_key}”的报名项目。")))?;
    let crate::store::entries::DetailRow { key, data, raw, import_id, imported_at, missing, columns, mapping } = row;
    let entry = decode(&data)?;
    let headers: Vec<String> = serde_json::from_str(&columns).unwrap_or_default();
    // The row is stored without the cells the entry already holds (each entry stored once): put them back.
    let mut fields: Vec<Option<String>> = Vec::new();
    for m in serde_json::from_str::<Vec<crate::import::MappingChoice>>(&mapping).unwrap_or_default() {
        if fields.len() <= m.index {
            fields.resize(m.index + 1, None);
        }
        fields[m.index] = m.field;
    }
    let stored: Vec<Option<String>> = serde_json::from_str(&raw).unwrap_or_default();
    let values = crate::import::parse::raw_cells(&entry, stored, &headers, &fields);
    let entry = if reveal { entry } else { entry.masked() };
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
