//! 评委名单 (SPEC §5): the judges of the contest. Unlike the reference lists, a judge keeps a stable id
//! across imports because scores will reference it: an import updates the judge with the same name
//! (and the same phone when both are known), adds new names, and never deletes anyone — a judge
//! absent from the file is kept, and a judge is retired only by setting it inactive.
use chrono::{DateTime, FixedOffset};
use rusqlite::Transaction;
use serde::Deserialize;

use crate::error::{CoreError, Result};
use crate::import::cells::{self, mask_phone};
use crate::import::workbook::Cell;
use crate::store::{self, Store};
use crate::text::{clean_text, nfkc};

pub use crate::model::Judge;


impl Judge {
    /// The judge as the window shows it: phone `138****5678`.
    pub fn masked(mut self) -> Judge {
        self.phone = self.phone.map(|p| mask_phone(&p));
        self
    }
}

/// A judge typed in by hand (add) or edited (update).
#[derive(Debug, Clone, Default, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct JudgeInput {
    pub name: String,
    pub organization: Option<String>,
    pub title: Option<String>,
    pub expertise: Option<String>,
    /// In `update`, None keeps the stored phone (the window only ever sees it masked) and "" clears it.
    pub phone: Option<String>,
}

/// A person's name for matching: NFKC, lower case, no whitespace or middle dots ("欧阳 娜" = "欧阳娜",
/// "买买提·艾力" = "买买提•艾力").
pub fn name_key(name: &str) -> String {
    nfkc(name).to_lowercase().chars().filter(|c| !(c.is_whitespace() || matches!(c, '·' | '•' | '.' | '‧' | '・' | '-'))).collect()
}

pub(crate) fn all(conn: &rusqlite::Connection) -> Result<Vec<Judge>> {
    store::judges::all(conn)
}

/// Every judge with full phones (the CLI is the local operator's tool).
pub fn list(store: &Store) -> Result<Vec<Judge>> {
    all(store.conn())
}

/// Every judge with phones masked, for the window.
pub fn list_for_window(store: &Store) -> Result<Vec<Judge>> {
    Ok(list(store)?.into_iter().map(Judge::masked).collect())
}

pub(crate) fn get_in(conn: &rusqlite::Connection, id: i64) -> Result<Judge> {
    store::judges::by_id(conn, id)?.ok_or_else(|| CoreError::NotFound(format!("没有编号为 {id} 的评委。")))
}

pub fn get(store: &Store, id: i64) -> Result<Judge> {
    get_in(store.conn(), id)
}

pub fn count(store: &Store) -> Result<i64> {
    store::judges::count(store.conn())
}

pub(crate) fn opt_text(s: Option<&str>) -> Option<String> {
    s.map(clean_text).filter(|s| !s.is_empty())
}

/// A phone typed by hand: must look like a mobile or landline number, never a masked one.
pub(crate) fn typed_phone(p: &str) -> Result<Option<String>> {
    if p.trim().is_empty() {
        return Ok(None);
    }
    if p.contains('*') {
        return Err(CoreError::validation(Some("phone"), "请填写完整的电话号码（不能是打了星号的号码）。"));
    }
    match cells::phone(&Cell::Text(p.to_string())) {
        Ok((v, None)) => Ok(v),
        Ok((_, Some(issue))) | Err(issue) => Err(CoreError::validation(Some("phone"), format!("{}。{}。", issue.message, issue.hint))),
    }
}

/// Another judge that would be the same person: same name, and the same phone unless one is unknown.
pub(crate) fn same_person(judges: &[Judge], except: Option<i64>, name: &str, phone: Option<&str>) -> Option<Judge> {
    let key = name_key(name);
    judges
        .iter()
        .filter(|j| Some(j.id) != except && name_key(&j.name) == key)
        .find(|j| match (phone, j.phone.as_deref()) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        })
        .cloned()
}

pub(crate) fn duplicate_error(other: &Judge) -> CoreError {
    let org = other.organization.as_deref().map(|o| format!("，{o}")).unwrap_or_default();
    CoreError::conflict(format!("已有同名评委“{}”（编号 {}{org}）。如确为另一位评委，请填写两人不同的手机号以区分。", other.name, other.id))
}

/// One judge row of an imported list (values already normalised by the importer).
#[derive(Debug, Clone, Default)]
pub(crate) struct Incoming {
    /// 1-based sheet row, for problems.
    pub row: usize,
    pub name: String,
    pub organization: Option<String>,
    pub title: Option<String>,
    pub expertise: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct UpsertOutcome {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Judges already stored that the file does not name (kept as they are).
    pub kept: usize,
    /// (row, code, message, hint, is_error) of rows the upsert could not take as they are.
    pub notes: Vec<(usize, &'static str, String, String, bool)>,
}

/// The stored fields of a judge.
pub(crate) fn fields(j: &Judge) -> store::judges::Fields<'_> {
    store::judges::Fields {
        name: &j.name,
        organization: j.organization.as_deref(),
        title: j.title.as_deref(),
        expertise: j.expertise.as_deref(),
        phone: j.phone.as_deref(),
    }
}

/// Upserts imported judges inside the caller's transaction. An empty cell never clears a stored value
/// (the file may simply lack that column); the `active` flag and the first source are left alone.
pub(crate) fn upsert(tx: &Transaction, rows: &[Incoming], now: DateTime<FixedOffset>) -> Result<UpsertOutcome> {
    let at = now.to_rfc3339();
    let mut judges = all(tx)?;
    let before = judges.len();
    // Judge id → the file row that named it first.
    let mut touched: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    let mut out = UpsertOutcome::default();
    for inc in rows {
        let key = name_key(&inc.name);
        let same_name: Vec<usize> = (0..judges.len()).filter(|&i| name_key(&judges[i].name) == key).collect();
        // With a phone: the same-name judge with that phone, else one whose phone is unknown; a
        // same-name judge with another phone is another person.
        let pick = match inc.phone.as_deref() {
            Some(p) => same_name
                .iter()
                .copied()
                .find(|&i| judges[i].phone.as_deref() == Some(p))
                .or_else(|| same_name.iter().copied().find(|&i| judges[i].phone.is_none())),
            None => {
                if same_name.len() > 1 {
                    out.notes.push((
                        inc.row,
                        "JUDGE_AMBIGUOUS",
                        format!(
                            "已有 {} 位名为“{}”的评委，本行没有手机号，已更新编号最小的一位（编号 {}）",
                            same_name.len(),
                            inc.name,
                            judges[same_name[0]].id
                        ),
                        "请在名单中填写手机号以区分同名评委".into(),
                        false,
                    ));
                }
                same_name.first().copied()
            }
        };
        match pick {
            Some(i) => {
                let j = &judges[i];
                if let Some(first) = touched.get(&j.id) {
                    out.notes.push((
                        inc.row,
                        "DUPLICATE_IN_FILE",
                        format!("与第 {first} 行是同一位评委（{}），本行未导入", inc.name),
                        "请删除重复行；如确为两位同名评委，请填写各自的手机号".into(),
                        true,
                    ));
                    continue;
                }
                touched.insert(j.id, inc.row);
                let merged = Judge {
                    name: inc.name.clone(),
                    organization: inc.organization.clone().or_else(|| j.organization.clone()),
                    title: inc.title.clone().or_else(|| j.title.clone()),
                    expertise: inc.expertise.clone().or_else(|| j.expertise.clone()),
                    phone: inc.phone.clone().or_else(|| j.phone.clone()),
                    ..j.clone()
                };
                if merged == *j {
                    out.unchanged += 1;
                } else {
                    store::judges::update(tx, j.id, &fields(&merged), &at)?;
                    judges[i] = Judge { updated_at: at.clone(), ..merged };
                    out.updated += 1;
                }
            }
            None => {
                let f = store::judges::Fields {
                    name: &inc.name,
                    organization: inc.organization.as_deref(),
                    title: inc.title.as_deref(),
                    expertise: inc.expertise.as_deref(),
                    phone: inc.phone.as_deref(),
                };
                let id = store::judges::insert(tx, &f, "import", &at)?;
                let j = get_in(tx, id)?;
                touched.insert(j.id, inc.row);
                judges.push(j);
                out.added += 1;
            }
        }
    }
    out.kept = before - judges[..before].iter().filter(|j| touched.contains_key(&j.id)).count();
    Ok(out)
}
