//! 路演顺序 by lot: the round's entries of a group, sorted by project number, shuffled by a ChaCha
//! generator from a recorded seed — the same seed always gives the same order, so anyone can
//! reproduce the draw. The seed comes from the caller (randomness is injected, never drawn here).
use chrono::{DateTime, FixedOffset};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use rusqlite::params;
use serde::Serialize;

use super::{group_label, round_entries, Round};
use crate::error::{CoreError, Result};
use crate::store::Store;

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct DrawEntry {
    pub position: usize,
    pub entry_key: String,
    pub project_no: String,
    pub project_name: String,
    pub entrant_name: String,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Draw {
    pub id: i64,
    pub round: Round,
    pub group: String,
    pub group_label: String,
    /// Decimal text of the u64 seed.
    pub seed: String,
    pub drawn_at: String,
    pub drawn_by: String,
    pub order: Vec<DrawEntry>,
}

/// The order a seed gives to a list of project numbers (sorted first, so the input order is irrelevant).
pub fn order_for_seed(project_nos: &[String], seed: u64) -> Vec<String> {
    let mut v = project_nos.to_vec();
    v.sort();
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    v.shuffle(&mut rng);
    v
}

/// Draws the roadshow order of one group of a round and records it with its seed.
pub fn draw(store: &mut Store, round: Round, group: &str, seed: u64, who: &str, now: DateTime<FixedOffset>) -> Result<Draw> {
    if who.trim().is_empty() {
        return Err(CoreError::Invalid("请填写抽签操作人。".into()));
    }
    let entries: Vec<_> = round_entries(store, round)?.into_iter().filter(|e| e.group == group).collect();
    if entries.is_empty() {
        return Err(CoreError::Invalid(format!("{}{}没有项目，无法抽签。", round.label(), group_label(group))));
    }
    let nos: Vec<String> = entries.iter().map(|e| e.project_no.clone()).collect();
    let order = order_for_seed(&nos, seed);
    let keys: Vec<String> = order.iter().filter_map(|n| entries.iter().find(|e| &e.project_no == n).map(|e| e.key.clone())).collect();
    store.conn().execute(
        "INSERT INTO draws(round, group_code, seed, drawn_at, drawn_by, entry_keys) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![round.code(), group, seed.to_string(), now.to_rfc3339(), who.trim(), serde_json::to_string(&keys).unwrap_or_default()],
    )?;
    let id = store.conn().last_insert_rowid();
    Ok(latest(store, round)?.into_iter().find(|d| d.id == id).ok_or_else(|| CoreError::NotFound("抽签结果未能保存。".into()))?)
}

/// Every draw of a round, oldest first.
pub fn draws(store: &Store, round: Round) -> Result<Vec<Draw>> {
    let mut stmt = store.conn().prepare("SELECT id, group_code, seed, drawn_at, drawn_by, entry_keys FROM draws WHERE round = ?1 ORDER BY id")?;
    let rows = stmt
        .query_map([round.code()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let mut info = std::collections::HashMap::new();
    let mut stmt =
        store.conn().prepare("SELECT key, coalesce(project_no, key), coalesce(project_name, ''), coalesce(entrant_name, '') FROM entries")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))))? {
        let (k, v) = row?;
        info.insert(k, v);
    }
    let mut out = Vec::new();
    for (id, group, seed, drawn_at, drawn_by, keys) in rows {
        let keys: Vec<String> = serde_json::from_str(&keys).unwrap_or_default();
        let order = keys
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let (no, name, entrant) = info.get(k).cloned().unwrap_or_else(|| (k.clone(), String::new(), String::new()));
                DrawEntry { position: i + 1, entry_key: k.clone(), project_no: no, project_name: name, entrant_name: entrant }
            })
            .collect();
        out.push(Draw { id, round, group_label: group_label(&group).to_string(), group, seed, drawn_at, drawn_by, order });
    }
    Ok(out)
}

fn latest(store: &Store, round: Round) -> Result<Vec<Draw>> {
    draws(store, round)
}
