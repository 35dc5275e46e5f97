//! 评审组: a round's judges and entries in named panels. An entry is in at most one panel per round;
//! a judge's position in the panel is the score-sheet order.
use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{group_label, judges_by_id, round_entries, JudgeRef, Round};
use crate::error::{CoreError, Result};
use crate::store::Store;

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Panel {
    pub id: i64,
    pub round: Round,
    pub name: String,
    /// In score-sheet order.
    pub judges: Vec<JudgeRef>,
    /// Entry keys.
    pub entries: Vec<String>,
}

pub fn panels(store: &Store, round: Round) -> Result<Vec<Panel>> {
    let judges = judges_by_id(store)?;
    let c = store.conn();
    let mut stmt = c.prepare("SELECT id, name FROM panels WHERE round = ?1 ORDER BY id")?;
    let list = stmt.query_map([round.code()], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?.collect::<std::result::Result<Vec<_>, _>>()?;
    let mut out = Vec::new();
    for (id, name) in list {
        let mut js = c.prepare("SELECT judge_id FROM panel_judges WHERE panel_id = ?1 ORDER BY position")?;
        let ids = js.query_map([id], |r| r.get::<_, i64>(0))?.collect::<std::result::Result<Vec<_>, _>>()?;
        let mut es = c.prepare("SELECT entry_key FROM panel_entries WHERE panel_id = ?1 ORDER BY rowid")?;
        let entries = es.query_map([id], |r| r.get::<_, String>(0))?.collect::<std::result::Result<Vec<_>, _>>()?;
        out.push(Panel { id, round, name, judges: ids.iter().filter_map(|i| judges.get(i).cloned()).collect(), entries });
    }
    Ok(out)
}

pub fn create_panel(store: &mut Store, round: Round, name: &str, now: DateTime<FixedOffset>) -> Result<i64> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CoreError::Invalid("请填写评审组名称。".into()));
    }
    let exists: Option<i64> =
        store.conn().query_row("SELECT id FROM panels WHERE round = ?1 AND name = ?2", params![round.code(), name], |r| r.get(0)).optional()?;
    if exists.is_some() {
        return Err(CoreError::Invalid(format!("{}已有名为“{name}”的评审组。", round.label())));
    }
    store.conn().execute("INSERT INTO panels(round, name, created_at) VALUES (?1, ?2, ?3)", params![round.code(), name, now.to_rfc3339()])?;
    Ok(store.conn().last_insert_rowid())
}

pub fn delete_panel(store: &mut Store, panel_id: i64) -> Result<()> {
    let tx = store.conn_mut().transaction()?;
    tx.execute("DELETE FROM panel_judges WHERE panel_id = ?1", [panel_id])?;
    tx.execute("DELETE FROM panel_entries WHERE panel_id = ?1", [panel_id])?;
    tx.execute("DELETE FROM panels WHERE id = ?1", [panel_id])?;
    tx.commit()?;
    Ok(())
}

fn panel_round(store: &Store, panel_id: i64) -> Result<Round> {
    let code: Option<String> = store.conn().query_row("SELECT round FROM panels WHERE id = ?1", [panel_id], |r| r.get(0)).optional()?;
    Round::parse(&code.ok_or_else(|| CoreError::NotFound(format!("找不到评审组（编号 {panel_id}）。")))?)
}

/// Sets a panel's judges, in score-sheet order.
pub fn set_panel_judges(store: &mut Store, panel_id: i64, judge_ids: &[i64]) -> Result<()> {
    panel_round(store, panel_id)?;
    let known = judges_by_id(store)?;
    let mut seen = HashSet::new();
    for id in judge_ids {
        if !known.contains_key(id) {
            return Err(CoreError::NotFound(format!("找不到评委（编号 {id}），请先在评委名单中添加。")));
        }
        if !seen.insert(id) {
            return Err(CoreError::Invalid(format!("评委“{}”在评审组中重复了。", known[id].name)));
        }
    }
    let tx = store.conn_mut().transaction()?;
    tx.execute("DELETE FROM panel_judges WHERE panel_id = ?1", [panel_id])?;
    for (i, id) in judge_ids.iter().enumerate() {
        tx.execute("INSERT INTO panel_judges(panel_id, judge_id, position) VALUES (?1, ?2, ?3)", params![panel_id, id, i as i64])?;
    }
    tx.commit()?;
    Ok(())
}

/// Sets a panel's entries (keys or project numbers); an entry moves here from another panel of the round.
pub fn set_panel_entries(store: &mut Store, panel_id: i64, entries: &[String]) -> Result<()> {
    let round = panel_round(store, panel_id)?;
    let in_round = round_entries(store, round)?;
    let mut keys = Vec::new();
    for e in entries {
        let hit = in_round.iter().find(|r| r.key == *e || r.project_no == *e).ok_or_else(|| {
            CoreError::Invalid(format!("项目“{e}”不在{}名单中（初赛只含资格审查结论为“符合”的项目，决赛只含晋级项目）。", round.label()))
        })?;
        if !keys.contains(&hit.key) {
            keys.push(hit.key.clone());
        }
    }
    let tx = store.conn_mut().transaction()?;
    tx.execute("DELETE FROM panel_entries WHERE panel_id = ?1", [panel_id])?;
    for k in &keys {
        tx.execute("DELETE FROM panel_entries WHERE round = ?1 AND entry_key = ?2", params![round.code(), k])?;
        tx.execute("INSERT INTO panel_entries(panel_id, round, entry_key) VALUES (?1, ?2, ?3)", params![panel_id, round.code(), k])?;
    }
    tx.commit()?;
    Ok(())
}

/// The quick start: one panel per group ("企业组评审组"), holding every entry of the round in that
/// group and every active judge. Panels that exist are left as they are; entries already in a
/// panel stay there.
pub fn auto_panels(store: &mut Store, round: Round, now: DateTime<FixedOffset>) -> Result<Vec<Panel>> {
    let entries = round_entries(store, round)?;
    let judges: Vec<i64> = {
        let mut stmt = store.conn().prepare("SELECT id FROM judges WHERE active = 1 ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get::<_, i64>(0))?.collect::<std::result::Result<Vec<_>, _>>()?;
        ids
    };
    let placed: HashSet<String> = {
        let mut stmt = store.conn().prepare("SELECT entry_key FROM panel_entries WHERE round = ?1")?;
        let keys = stmt.query_map([round.code()], |r| r.get::<_, String>(0))?.collect::<std::result::Result<_, _>>()?;
        keys
    };
    let mut groups: Vec<String> = Vec::new();
    for e in &entries {
        if !groups.contains(&e.group) {
            groups.push(e.group.clone());
        }
    }
    let tx = store.conn_mut().transaction()?;
    for g in groups {
        let name = format!("{}评审组", group_label(&g));
        let existing: Option<i64> =
            tx.query_row("SELECT id FROM panels WHERE round = ?1 AND name = ?2", params![round.code(), name], |r| r.get(0)).optional()?;
        let id = match existing {
            Some(id) => id,
            None => {
                tx.execute("INSERT INTO panels(round, name, created_at) VALUES (?1, ?2, ?3)", params![round.code(), name, now.to_rfc3339()])?;
                let id = tx.last_insert_rowid();
                for (i, j) in judges.iter().enumerate() {
                    tx.execute("INSERT INTO panel_judges(panel_id, judge_id, position) VALUES (?1, ?2, ?3)", params![id, j, i as i64])?;
                }
                id
            }
        };
        for e in entries.iter().filter(|e| e.group == g && !placed.contains(&e.key)) {
            tx.execute("INSERT OR IGNORE INTO panel_entries(panel_id, round, entry_key) VALUES (?1, ?2, ?3)", params![id, round.code(), e.key])?;
        }
    }
    tx.commit()?;
    panels(store, round)
}
