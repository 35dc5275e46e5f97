//! 路演顺序 by lot: the round's entries of a group, sorted by project number, shuffled by a ChaCha
//! generator from a recorded seed — the same seed always gives the same order, so anyone can
//! reproduce the draw. The seed comes from the caller (randomness is injected, never drawn here).
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use serde::Serialize;

use super::Round;
use crate::error::Result;
use crate::model::Group;
use crate::store::{self, Store};

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
    pub group: Group,
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

/// Every draw of a round, oldest first.
pub fn draws(store: &Store, round: Round) -> Result<Vec<Draw>> {
    let rows = store::rounds::draws(store.conn(), round.code())?;
    let info = store::rounds::entry_labels(store.conn())?;
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
        out.push(Draw { id, round, group_label: group.label().to_string(), group, seed, drawn_at, drawn_by, order });
    }
    Ok(out)
}
