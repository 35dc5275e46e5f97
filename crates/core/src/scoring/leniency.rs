//! Leniency diagnostics (advisory, SPEC §5): how each judge scored, and the group's order under the
//! plain mean, the official trimmed mean and per-judge z-scores side by side. Floating point is fine
//! here: nothing official is decided from it (the plain and trimmed ranks still compare exactly).
use std::collections::HashMap;

use num_rational::Ratio;
use serde::Serialize;

use super::aggregate::aggregate;
use super::{AggregateRule, JudgeCell};

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub struct JudgeStats {
    pub judge_id: i64,
    pub judge_name: String,
    /// Entries this judge scored (recusals not counted).
    pub count: usize,
    pub recused: usize,
    /// Mean of its totals, points; `None` when it scored nothing.
    pub mean: Option<f64>,
    /// Population standard deviation of its totals, points.
    pub sd: Option<f64>,
    /// Its mean minus the mean of every valid total in the group: > 0 scores high (lenient).
    pub offset: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub struct LeniencyEntry {
    pub project_no: String,
    pub plain_mean: Option<f64>,
    /// The official score (trimmed when enough judges), as f64 for display.
    pub trimmed_mean: Option<f64>,
    /// Mean of its judges' z-scores.
    pub z_mean: Option<f64>,
    /// Standard competition ranks under each method, without the tie chain.
    pub rank_plain: Option<u32>,
    pub rank_trimmed: Option<u32>,
    pub rank_z: Option<u32>,
    /// The three methods do not agree on this entry's rank.
    pub ranks_differ: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub struct Leniency {
    /// In order of first appearance.
    pub judges: Vec<JudgeStats>,
    /// In input order.
    pub entries: Vec<LeniencyEntry>,
}

/// z-scores closer than this count as equal (sums of floats in different orders).
const Z_EPS: f64 = 1e-9;

fn to_f64(r: &Ratio<i64>) -> f64 {
    *r.numer() as f64 / *r.denom() as f64
}

/// Standard competition ranks, descending, for values that compare by `greater`.
fn ranks<T>(vals: &[Option<T>], greater: impl Fn(&T, &T) -> bool) -> Vec<Option<u32>> {
    vals.iter()
        .map(|v| {
            let v = v.as_ref()?;
            Some(1 + vals.iter().flatten().filter(|o| greater(o, v)).count() as u32)
        })
        .collect()
}

/// Diagnostics for one group: `(project_no, cells in sheet order)` per entry.
pub fn leniency(group: &[(String, Vec<JudgeCell>)], rule: &AggregateRule) -> Leniency {
    // Per judge: name, totals in points, recusals.
    let mut order: Vec<i64> = Vec::new();
    let mut by_judge: HashMap<i64, (String, Vec<f64>, usize)> = HashMap::new();
    for (_, cells) in group {
        for c in cells {
            let e = by_judge.entry(c.judge_id).or_insert_with(|| {
                order.push(c.judge_id);
                (c.judge_name.clone(), Vec::new(), 0)
            });
            match c.total() {
                Some(t) => e.1.push(t as f64 / 100.0),
                None => e.2 += 1,
            }
        }
    }
    let all: Vec<f64> = order.iter().flat_map(|j| by_judge[j].1.iter().copied()).collect();
    let overall = (!all.is_empty()).then(|| all.iter().sum::<f64>() / all.len() as f64);

    let mut moments: HashMap<i64, (f64, f64)> = HashMap::new();
    let judges = order
        .iter()
        .map(|j| {
            let (name, totals, recused) = &by_judge[j];
            let (mean, sd) = if totals.is_empty() {
                (None, None)
            } else {
                let m = totals.iter().sum::<f64>() / totals.len() as f64;
                let var = totals.iter().map(|t| (t - m).powi(2)).sum::<f64>() / totals.len() as f64;
                moments.insert(*j, (m, var.sqrt()));
                (Some(m), Some(var.sqrt()))
            };
            JudgeStats {
                judge_id: *j,
                judge_name: name.clone(),
                count: totals.len(),
                recused: *recused,
                mean,
                sd,
                offset: mean.zip(overall).map(|(m, o)| m - o),
            }
        })
        .collect();

    let mut plain: Vec<Option<Ratio<i64>>> = Vec::new();
    let mut trimmed: Vec<Option<Ratio<i64>>> = Vec::new();
    let mut z: Vec<Option<f64>> = Vec::new();
    for (_, cells) in group {
        let agg = aggregate(cells, rule);
        plain.push(agg.untrimmed_mean);
        trimmed.push(agg.score);
        let zs: Vec<f64> = cells
            .iter()
            .filter_map(|c| {
                let t = c.total()? as f64 / 100.0;
                let (m, sd) = moments.get(&c.judge_id)?;
                // A judge who gave everyone the same total says nothing about the order: z 0.
                Some(if *sd > 0.0 { (t - m) / sd } else { 0.0 })
            })
            .collect();
        z.push((!zs.is_empty()).then(|| zs.iter().sum::<f64>() / zs.len() as f64));
    }
    let rp = ranks(&plain, |a, b| a > b);
    let rt = ranks(&trimmed, |a, b| a > b);
    let rz = ranks(&z, |a, b| *a > *b + Z_EPS);
    let entries = group
        .iter()
        .enumerate()
        .map(|(i, (no, _))| LeniencyEntry {
            project_no: no.clone(),
            plain_mean: plain[i].as_ref().map(to_f64),
            trimmed_mean: trimmed[i].as_ref().map(to_f64),
            z_mean: z[i],
            rank_plain: rp[i],
            rank_trimmed: rt[i],
            rank_z: rz[i],
            ranks_differ: !(rp[i] == rt[i] && rt[i] == rz[i]),
        })
        .collect();
    Leniency { judges, entries }
}
