//! Screening as stored truth: `rescreen` runs the rules inside the transaction of the action that
//! changed their inputs and stores each entry's automatic verdict, findings and history; the
//! people's decisions and disqualifications are recorded here too.
use chrono::{DateTime, FixedOffset};
use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, Transaction};

use crate::error::{CoreError, Result};
use crate::model::{verdict_of, Entry, Finding, Verdict};
use crate::rules::{cross_keys, CrossIndex, RULES_VERSION};
use crate::screening::{self, Inputs, Run, Screened, SLICE};
use crate::store::verdicts::{self as stored, StoredVerdict};
use crate::store::Store;

/// Which entries a re-screening covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every current entry, the entries themselves possibly changed (an undo, the rules changed).
    All,
    /// Every current entry, the entries themselves unchanged (a setting or a reference list changed):
    /// their stored cross-entry keys stay.
    Inputs,
    /// These entries (by key) — changed, added, or gone from the current set — and the entries
    /// the cross-entry rules link them to (R12 same person, R15 same credit code).
    Entries(Vec<String>),
}

/// Above this many changed entries, one full pass costs less than the per-entry lookups.
const PARTIAL_MAX: usize = 5_000;

/// Re-screens `scope` inside the caller's transaction and stores the result as a run: the current
/// verdict and findings of each screened entry, a history row for each entry whose automatic
/// verdict or findings changed, and the counts over every current entry. `trigger` says, in
/// Chinese, what caused the run. A contest whose stored verdicts come from other rules (or none)
/// is screened in full whatever the scope.
pub fn rescreen(tx: &Transaction, scope: &Scope, trigger: &str, now: DateTime<FixedOffset>) -> Result<Run> {
    let conn: &Connection = tx;
    let inputs = Inputs::load(conn)?;
    let run_id = stored::insert_run(conn, &now.to_rfc3339(), trigger)?;
    let rules_current = stored::rules_version(conn)?.as_deref() == Some(RULES_VERSION);
    let changed = match scope {
        Scope::Entries(keys) if rules_current && keys.len() <= PARTIAL_MAX => partial(conn, &inputs, run_id, keys)?,
        _ => {
            let n = full(conn, &inputs, run_id, !(rules_current && *scope == Scope::Inputs))?;
            stored::set_rules_version(conn, RULES_VERSION)?;
            n
        }
    };
    stored::finish_run(conn, run_id, changed)
}

/// Re-screens every entry in a transaction of its own (for callers without one).
pub fn rescreen_all(store: &mut Store, trigger: &str, now: DateTime<FixedOffset>) -> Result<Run> {
    let tx = store.conn_mut().transaction()?;
    let run = rescreen(&tx, &Scope::All, trigger, now)?;
    tx.commit()?;
    Ok(run)
}

/// On open: when the stored verdicts were made by other rules than this program's (or some
/// current entry has none), re-screen everything. Returns the run when there was one.
pub fn ensure_current(store: &mut Store, now: DateTime<FixedOffset>) -> Result<Option<Run>> {
    let conn = store.conn();
    let version = stored::rules_version(conn)?;
    if version.as_deref() == Some(RULES_VERSION) && stored::unscreened_count(conn)? == 0 {
        return Ok(None);
    }
    let tx = store.conn_mut().transaction()?;
    if stored::current_entries_after(&tx, 0, 1)?.is_empty() && stored::runs(&tx, 1)?.is_empty() {
        // A contest never screened and without entries: nothing to redo, just note the rules.
        stored::set_rules_version(&tx, RULES_VERSION)?;
        tx.commit()?;
        return Ok(None);
    }
    let trigger = match version {
        Some(v) if v != RULES_VERSION => format!("审查规则更新（{v} → {RULES_VERSION}），重新审查"),
        None => format!("审查规则更新（→ {RULES_VERSION}），重新审查"),
        Some(_) => "补充审查未审查的报名项目".to_string(),
    };
    let run = rescreen(&tx, &Scope::All, &trigger, now)?;
    tx.commit()?;
    Ok(Some(run))
}

/// The screening of an import as its rows are written (SPEC §12: one transaction holds the import
/// and its screening run). After an import the current entries are exactly the file's (the others
/// are flagged missing), so the file's rows are the whole pass: each arrives screened as if alone
/// (`screening::provisional`, on the normalising thread), is stored when its result differs from the
/// stored one, and joins the cross-entry index; at the end the entries that share a key with
/// another are screened again against the whole file (R12, R15) and their results corrected in place.
/// No entry is read back from the file except those.
pub struct ImportScreening {
    run_id: i64,
    rules_current: bool,
    before: HashMap<String, StoredVerdict>,
    index: CrossIndex,
    changed: i64,
    /// Entries that met a partner as they arrived: their provisional result is known to change, so it
    /// is not stored; `finish` stores their result.
    deferred: HashSet<String>,
    /// A contest's first import (no stored keys): the entries' keys (kind, value, entry) are gathered and
    /// stored by `finish` in one sorted load — a quarter of a million random B-tree inserts at 50,000
    /// entries otherwise. None: stored as each entry arrives.
    gathered: Option<stored::GatheredKeys>,
}

impl ImportScreening {
    pub fn begin(conn: &Connection, trigger: &str, now: DateTime<FixedOffset>) -> Result<Self> {
        let run_id = stored::insert_run(conn, &now.to_rfc3339(), trigger)?;
        let rules_current = stored::rules_version(conn)?.as_deref() == Some(RULES_VERSION);
        Ok(ImportScreening {
            run_id,
            rules_current,
            before: stored::current_verdicts(conn)?,
            index: CrossIndex::new(),
            changed: 0,
            deferred: HashSet::new(),
            gathered: if stored::no_keys(conn)? { Some(stored::GatheredKeys::default()) } else { None },
        })
    }

    /// One entry as the import wrote it, with its provisional result; `content_changed` when the
    /// import added or changed it (its stored cross-entry keys are rewritten then).
    pub fn entry(&mut self, conn: &Connection, key: &str, entry: &Entry, ord: (i64, i64, i64), s: &Screened, content_changed: bool) -> Result<()> {
        let before = self.before.get(key);
        if self.index.add_joined(key, entry, ord) {
            self.deferred.insert(key.to_string());
        } else if before.map(|b| b.hash.as_str()) != Some(s.hash.as_str()) {
            stored::store_verdict(conn, key, self.run_id, s.verdict, &s.hash, &s.json)?;
            self.changed += 1;
        }
        // An entry screened before by these rules with the same content keeps its stored keys.
        if content_changed || before.is_none() || !self.rules_current {
            let keys = cross_keys(entry);
            if let Some(all) = self.gathered.as_mut() {
                all.add(key, keys);
            } else if before.is_none() && content_changed {
                stored::insert_keys(conn, key, &keys)?;
            } else {
                stored::replace_keys(conn, key, &keys)?;
            }
        }
        Ok(())
    }

    /// After the last row: the entries gone from the file leave the current tables, the entries with
    /// partners are screened against the whole file (`fields`: the import's mapped fields,
    /// `problems_of`: the problems the import found in an entry's cells), and the run is closed.
    pub fn finish<'p>(
        mut self,
        conn: &Connection,
        absent: &[String],
        fields: &HashSet<String>,
        inputs: &Inputs,
        problems_of: &(dyn Fn(&str) -> &'p [crate::model::Problem] + Sync),
    ) -> Result<Run> {
        if let Some(all) = self.gathered.take() {
            stored::load_keys(conn, all)?;
        }
        for key in absent {
            stored::remove_entry(conn, key)?;
        }
        self.index.finish();
        let partnered: Vec<String> = self.index.partnered().into_iter().map(str::to_string).collect();
        let (index, before, run_id) = (&self.index, &self.before, self.run_id);
        let mut changed = self.changed;
        let mut chunks = partnered.chunks(FIX_SLICE);
        on_two_cores(
            || {
                let Some(chunk) = chunks.next() else { return Ok(None) };
                let rows: Result<Vec<_>> = chunk.iter().filter_map(|key| stored::current_entry(conn, key).transpose()).collect();
                rows.map(Some)
            },
            |slice: Vec<stored::EntryRow>| {
                let screen = |r: stored::EntryRow| {
                    let s = Screened::of(&screening::findings_with(&r.key, &r.entry, problems_of(&r.key), fields, inputs, index));
                    (r.key, s)
                };
                slice.into_iter().map(screen).collect()
            },
            |results| {
                for (key, s) in results {
                    changed += correct(conn, before, run_id, &key, &s)?;
                }
                Ok(())
            },
            "审查中断，请重试导入。",
        )?;
        stored::set_rules_version(conn, RULES_VERSION)?;
        stored::finish_run(conn, self.run_id, changed)
    }
}

/// Stores an entry's result after an import's whole file was known, over what the stream stored
/// (`before`: the rows stored before the import); returns the change in the run's changed count.
fn correct(conn: &Connection, before: &HashMap<String, StoredVerdict>, run_id: i64, key: &str, s: &Screened) -> Result<i64> {
    // The row stored now: this run's provisional result, or the one from before the import
    // (deferred entries, and entries whose provisional result matched it), or none.
    let current = stored::verdict_row(conn, key)?;
    if current.as_ref().map(|c| c.hash.as_str()) == Some(s.hash.as_str()) {
        return Ok(0);
    }
    Ok(match (current, before.get(key)) {
        // The provisional result is corrected, or taken back when the entry's result is the one
        // stored before the import after all.
        (Some(c), Some(b)) if c.run_id == run_id && b.hash == s.hash => {
            stored::restore_verdict(conn, key, c.history_id, b)?;
            -1
        }
        (Some(c), _) if c.run_id == run_id => {
            stored::rewrite_in_run(conn, key, c.history_id, s.verdict, &s.hash, &s.json)?;
            0
        }
        _ => {
            stored::store_verdict(conn, key, run_id, s.verdict, &s.hash, &s.json)?;
            1
        }
    })
}

/// Screening on two cores: this thread reads each slice (`read`, None after the last) and stores the
/// results of the slice before it (`store`) while a second thread runs the rules on the slice just read
/// (`screen`); the connection never leaves this thread. `interrupted`: the message if the second
/// thread is lost.
fn on_two_cores<S: Send>(
    mut read: impl FnMut() -> Result<Option<S>>,
    screen: impl Fn(S) -> Vec<(String, Screened)> + Sync,
    mut store: impl FnMut(Vec<(String, Screened)>) -> Result<()>,
    interrupted: &str,
) -> Result<()> {
    let lost = || CoreError::precondition(interrupted);
    std::thread::scope(|scope| {
        let (to_rules, slices) = std::sync::mpsc::sync_channel::<S>(1);
        let (to_store, screened) = std::sync::mpsc::sync_channel::<Vec<(String, Screened)>>(1);
        let screen = &screen;
        scope.spawn(move || {
            for slice in slices {
                if to_store.send(screen(slice)).is_err() {
                    return;
                }
            }
        });
        let mut pending = 0usize;
        while let Some(slice) = read()? {
            if to_rules.send(slice).is_err() {
                break;
            }
            pending += 1;
            if pending > 1 {
                store(screened.recv().map_err(|_| lost())?)?;
                pending -= 1;
            }
        }
        drop(to_rules);
        for _ in 0..pending {
            store(screened.recv().map_err(|_| lost())?)?;
        }
        Ok(())
    })
}

/// How many entries with partners are read and screened at a time after an import.
const FIX_SLICE: usize = 256;

/// Stores an entry's findings when they differ from the stored ones; true when they did.
fn store_if_changed(conn: &Connection, run_id: i64, key: &str, findings: &[Finding]) -> Result<bool> {
    let verdict = verdict_of(findings);
    let (json, hash) = screening::findings_record(verdict, findings);
    if stored::findings_hash(conn, key)?.as_deref() == Some(hash.as_str()) {
        return Ok(false);
    }
    stored::store_verdict(conn, key, run_id, verdict, &hash, &json)?;
    Ok(true)
}

/// Every current entry, in slices of `SLICE`: first the cross-entry index (and the stored keys),
/// then each slice screened against it and stored.
fn full(conn: &Connection, inputs: &Inputs, run_id: i64, rebuild_keys: bool) -> Result<i64> {
    if rebuild_keys {
        stored::clear_keys(conn)?;
    }
    let index = screening::full_index(conn, |key, keys| if rebuild_keys { stored::insert_keys(conn, key, keys) } else { Ok(()) })?;
    let before: HashMap<String, String> = stored::current_verdicts(conn)?.into_iter().map(|(k, v)| (k, v.hash)).collect();
    let mut changed = 0;
    let mut after = 0;
    on_two_cores(
        || {
            let rows = stored::current_entries_after(conn, after, SLICE)?;
            let (Some(first), Some(last)) = (rows.first(), rows.last()) else { return Ok(None) };
            let problems = stored::problems_in_range(conn, first.id, last.id)?;
            after = last.id;
            Ok(Some((rows, problems)))
        },
        |(rows, problems): (Vec<stored::EntryRow>, HashMap<String, Vec<crate::model::Problem>>)| {
            let screen = |r: stored::EntryRow| {
                let s = Screened::of(&screening::findings_of(&r, problems.get(&r.key).map(Vec::as_slice).unwrap_or(&[]), inputs, &index));
                (r.key, s)
            };
            rows.into_iter().map(screen).collect()
        },
        |results| {
            for (key, s) in results {
                if before.get(&key) != Some(&s.hash) {
                    stored::store_verdict(conn, &key, run_id, s.verdict, &s.hash, &s.json)?;
                    changed += 1;
                }
            }
            Ok(())
        },
        "审查中断，请重试。",
    )?;
    // Entries no longer current (undone, or missing from the latest import) leave the current
    // tables; their history stays.
    stored::remove_not_current(conn)?;
    Ok(changed)
}

/// The entries `keys` name and their cross-entry partners only.
fn partial(conn: &Connection, inputs: &Inputs, run_id: i64, keys: &[String]) -> Result<i64> {
    let affected = screening::affected(conn, keys)?;
    let mut rows = Vec::new();
    for k in &affected {
        match stored::current_entry(conn, k)? {
            Some(r) => rows.push(r),
            None => stored::remove_entry(conn, k)?,
        }
    }
    let results = screening::screen_some(conn, &rows, inputs)?;
    let mut changed = 0;
    for (r, findings) in rows.iter().zip(results) {
        changed += store_if_changed(conn, run_id, &r.key, &findings)? as i64;
        stored::replace_keys(conn, &r.key, &cross_keys(&r.entry))?;
    }
    Ok(changed)
}

fn entry_key(conn: &Connection, project_no_or_key: &str) -> Result<(String, String)> {
    stored::find_entry(conn, project_no_or_key)?.ok_or_else(|| CoreError::not_found(format!("找不到项目编号为“{project_no_or_key}”的报名项目。")))
}

/// Records a person's decision (符合 / 不符合) with a reason; the rules' verdict stays visible.
/// The decision overrides the stored automatic verdict for every reader; it changes no rule's
/// outcome, so nothing is re-screened.
pub fn decide(store: &mut Store, project_no_or_key: &str, verdict: Verdict, reason: &str, who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    if verdict == Verdict::Review {
        return Err(CoreError::validation(Some("verdict"), "人工审核只能决定“符合”或“不符合”。"));
    }
    if reason.trim().is_empty() {
        return Err(CoreError::validation(Some("reason"), "请填写审核理由。"));
    }
    if who.trim().is_empty() {
        return Err(CoreError::validation(Some("decided_by"), "请填写审核人。"));
    }
    let tx = store.conn_mut().transaction()?;
    let (key, hash) = entry_key(&tx, project_no_or_key)?;
    stored::insert_decision(&tx, &key, verdict, reason.trim(), who.trim(), &now.to_rfc3339(), &hash)?;
    tx.commit()?;
    Ok(())
}

/// 取消资格 (notice §五(四)) at any stage, with a reason: the entry leaves the rounds; when the award
/// list is frozen and the entry has an award, the withdrawal is recorded as an amendment, and its
/// certificate is voided (the number is never reused).
pub fn disqualify(store: &mut Store, project_no_or_key: &str, reason: &str, who: &str, now: DateTime<FixedOffset>) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(CoreError::validation(Some("reason"), "取消资格需要填写理由和操作人。"));
    }
    if who.trim().is_empty() {
        return Err(CoreError::validation(Some("decided_by"), "取消资格需要填写理由和操作人。"));
    }
    let (key, _) = entry_key(store.conn(), project_no_or_key.trim())?;
    // The award in force before, to withdraw it from a frozen list.
    let awarded = crate::awards::awards(store)?;
    let held = awarded.frozen.as_ref().and_then(|f| awarded.awards.iter().find(|a| a.key == key && a.level.is_some()).map(|a| (f.id, a.level)));
    store.backup("before-disqualification", now)?;
    let live: Vec<String> =
        crate::certificates::list(store)?.into_iter().filter(|c| c.voided_at.is_none() && c.subject_key == key).map(|c| c.number).collect();
    // One transaction: the disqualification, the award withdrawn and its certificates voided commit together.
    let tx = store.conn_mut().transaction()?;
    let at = now.to_rfc3339();
    stored::upsert_disqualification(&tx, &key, reason.trim(), who.trim(), &at)?;
    if let Some((set_id, Some(level))) = held {
        stored::insert_withdrawal(&tx, set_id, &key, level.code(), &format!("取消资格：{}", reason.trim()), who.trim(), &at)?;
    }
    for number in live {
        crate::actions::certificates::void_in(&tx, &number, &format!("取消资格：{}", reason.trim()), who.trim(), now)?;
    }
    tx.commit()?;
    Ok(())
}
