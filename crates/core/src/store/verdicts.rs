//! Screening's tables: `verdicts` (each current entry's automatic verdict, its findings being the
//! `verdict_history` row it points to), `verdict_history`, `screening_runs`, `screening_keys` (the
//! cross-entry keys as of each entry's last screening), `screening_state` (the rules version), and
//! the people's `decisions` and `disqualifications`. Also the entry reads screening needs.
use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{CoreError, Result};
use crate::model::{Entry, Finding, Problem, Verdict};

/// A person's decision in force for an entry.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Decision {
    pub verdict: Verdict,
    pub reason: String,
    pub decided_by: String,
    pub decided_at: String,
}

/// A stored screening run.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Run {
    pub id: i64,
    pub ran_at: String,
    pub trigger: String,
    pub entries: i64,
    pub eligible: i64,
    pub ineligible: i64,
    pub review: i64,
    pub changed: i64,
}

/// One change of an entry's automatic verdict or findings.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct HistoryItem {
    pub run_id: i64,
    pub ran_at: String,
    pub trigger: String,
    pub auto_verdict: Verdict,
    pub findings: Vec<Finding>,
}

/// A current entry as screening reads it.
pub struct EntryRow {
    pub id: i64,
    pub key: String,
    pub entry: Entry,
    pub hash: String,
    pub import_id: i64,
    /// The contest's order: (first import, source row, id).
    pub ord: (i64, i64, i64),
}

pub fn verdict_code(v: Verdict) -> &'static str {
    match v {
        Verdict::Eligible => "eligible",
        Verdict::Ineligible => "ineligible",
        Verdict::Review => "review",
    }
}

pub fn verdict_from(code: &str) -> Verdict {
    match code {
        "eligible" => Verdict::Eligible,
        "ineligible" => Verdict::Ineligible,
        _ => Verdict::Review,
    }
}

const ENTRY_COLS: &str = "id, key, data, content_hash, import_id, first_import_id, source_row";

type RawEntry = (i64, String, String, String, i64, i64, i64);

fn raw_entry(r: &rusqlite::Row) -> rusqlite::Result<RawEntry> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
}

fn parse_entry((id, key, data, hash, import_id, first, row): RawEntry) -> Result<EntryRow> {
    let entry: Entry = serde_json::from_str(&data)
        .map_err(|e| CoreError::precondition(format!("赛事文件中报名项目“{key}”的数据无法读取（{e}），请从备份恢复或重新导入报名数据。")))?;
    Ok(EntryRow { id, key, entry, hash, import_id, ord: (first, row, id) })
}

fn collect_entries(stmt: &mut rusqlite::Statement, p: impl rusqlite::Params) -> Result<Vec<EntryRow>> {
    let raws = stmt.query_map(p, raw_entry)?.collect::<std::result::Result<Vec<_>, _>>()?;
    raws.into_iter().map(parse_entry).collect()
}

/// Current entries (not missing from the latest import) with `id > after`, at most `limit`, by id:
/// one slice of a full screening pass.
pub fn current_entries_after(conn: &Connection, after: i64, limit: usize) -> Result<Vec<EntryRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {ENTRY_COLS} FROM entries WHERE missing = 0 AND id > ?1 ORDER BY id LIMIT ?2"))?;
    collect_entries(&mut stmt, params![after, limit as i64])
}

/// Every current entry in the contest's order (what the 资格审查 page lists).
pub fn current_entries(conn: &Connection) -> Result<Vec<EntryRow>> {
    let mut stmt = conn.prepare(&format!("SELECT {ENTRY_COLS} FROM entries WHERE missing = 0 ORDER BY first_import_id, source_row, id"))?;
    collect_entries(&mut stmt, [])
}

/// One current entry by key.
pub fn current_entry(conn: &Connection, key: &str) -> Result<Option<EntryRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {ENTRY_COLS} FROM entries WHERE missing = 0 AND key = ?1"))?;
    Ok(collect_entries(&mut stmt, [key])?.into_iter().next())
}

/// The column mapping (JSON) of every import that current entries came from.
pub fn import_mappings(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare("SELECT id, mapping FROM imports WHERE id IN (SELECT DISTINCT import_id FROM entries)")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

const PROBLEM_COLS: &str = "p.file, p.sheet, p.row, p.col, p.code, p.severity, p.message, p.hint, p.project_no, p.entry_key";

fn problem_row(r: &rusqlite::Row) -> rusqlite::Result<(String, Problem)> {
    Ok((
        r.get(9)?,
        Problem {
            file: r.get(0)?,
            sheet: r.get(1)?,
            row: r.get::<_, Option<i64>>(2)?.map(|v| v as usize),
            column: r.get(3)?,
            code: r.get(4)?,
            severity: r.get(5)?,
            message: r.get(6)?,
            hint: r.get(7)?,
            project_no: r.get(8)?,
        },
    ))
}

fn group_problems(rows: impl Iterator<Item = rusqlite::Result<(String, Problem)>>) -> Result<HashMap<String, Vec<Problem>>> {
    let mut out: HashMap<String, Vec<Problem>> = HashMap::new();
    for row in rows {
        let (k, p) = row?;
        out.entry(k).or_default().push(p);
    }
    Ok(out)
}

/// The cell problems the latest import of each current entry with `lo <= id <= hi` found (R14).
pub fn problems_in_range(conn: &Connection, lo: i64, hi: i64) -> Result<HashMap<String, Vec<Problem>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PROBLEM_COLS} FROM entries e JOIN import_problems p ON p.import_id = e.import_id AND p.entry_key = e.key
         WHERE e.id BETWEEN ?1 AND ?2 AND e.missing = 0 ORDER BY p.id"
    ))?;
    let rows = stmt.query_map(params![lo, hi], problem_row)?;
    group_problems(rows)
}

/// The cell problems of one entry's import.
pub fn problems_of(conn: &Connection, key: &str, import_id: i64) -> Result<Vec<Problem>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {PROBLEM_COLS} FROM import_problems p WHERE p.import_id = ?1 AND p.entry_key = ?2 ORDER BY p.id"))?;
    let rows = stmt.query_map(params![import_id, key], problem_row)?;
    Ok(group_problems(rows)?.remove(key).unwrap_or_default())
}

/// The decision in force (the newest) for each decided entry, with the entry's content hash then.
pub fn decisions(conn: &Connection) -> Result<HashMap<String, (Decision, String)>> {
    let mut stmt = conn.prepare(
        "SELECT entry_key, verdict, reason, decided_by, decided_at, data_hash FROM decisions d
         WHERE id = (SELECT max(id) FROM decisions WHERE entry_key = d.entry_key)",
    )?;
    let rows = stmt.query_map([], |r| {
        let v: String = r.get(1)?;
        Ok((
            r.get::<_, String>(0)?,
            (
                Decision {
                    verdict: if v == "eligible" { Verdict::Eligible } else { Verdict::Ineligible },
                    reason: r.get(2)?,
                    decided_by: r.get(3)?,
                    decided_at: r.get(4)?,
                },
                r.get::<_, String>(5)?,
            ),
        ))
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Disqualified entries: key → "取消资格：reason（who，date）".
pub fn disqualified(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare("SELECT entry_key, reason, decided_by, decided_at FROM disqualifications")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            format!(
                "取消资格：{}（{}，{}）",
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?.chars().take(10).collect::<String>()
            ),
        ))
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// An entry by 项目编号 or key: the exact key first, then a current entry with that number before
/// one missing from the latest import. Returns (key, content hash).
pub fn find_entry(conn: &Connection, project_no_or_key: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT key, content_hash FROM entries WHERE project_no = ?1 OR key = ?1 ORDER BY key = ?1 DESC, missing, id DESC LIMIT 1",
            [project_no_or_key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub fn insert_decision(conn: &Connection, key: &str, verdict: Verdict, reason: &str, who: &str, at: &str, data_hash: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO decisions(entry_key, verdict, reason, decided_by, decided_at, data_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![key, verdict_code(verdict), reason, who, at, data_hash],
    )?;
    Ok(())
}

pub fn upsert_disqualification(conn: &Connection, key: &str, reason: &str, who: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO disqualifications(entry_key, reason, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(entry_key) DO UPDATE SET reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at",
        params![key, reason, who, at],
    )?;
    Ok(())
}

/// A disqualified entry's award withdrawn from a frozen award list (an amendment of that list).
pub fn insert_withdrawal(conn: &Connection, set_id: i64, key: &str, old_level: &str, reason: &str, who: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO award_amendments(set_id, entry_key, old_level, new_level, reason, amended_by, amended_at) VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6)",
        params![set_id, key, old_level, reason, who, at],
    )?;
    Ok(())
}

/// The findings hash stored for an entry's current verdict.
pub fn findings_hash(conn: &Connection, key: &str) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached("SELECT findings_hash FROM verdicts WHERE entry_key = ?1")?;
    Ok(stmt.query_row([key], |r| r.get(0)).optional()?)
}

/// Starts a run; its counts are filled in by `finish_run`.
pub fn insert_run(conn: &Connection, ran_at: &str, trigger: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO screening_runs(ran_at, trigger, entries, eligible, ineligible, review, changed) VALUES (?1, ?2, 0, 0, 0, 0, 0)",
        params![ran_at, trigger],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Closes a run: the counts are those of every current entry's stored verdict after the run.
pub fn finish_run(conn: &Connection, run_id: i64, changed: i64) -> Result<Run> {
    conn.execute(
        "UPDATE screening_runs SET changed = ?2,
             entries = (SELECT count(*) FROM verdicts v JOIN entries e ON e.key = v.entry_key AND e.missing = 0),
             eligible = (SELECT count(*) FROM verdicts v JOIN entries e ON e.key = v.entry_key AND e.missing = 0 WHERE v.auto_verdict = 'eligible'),
             ineligible = (SELECT count(*) FROM verdicts v JOIN entries e ON e.key = v.entry_key AND e.missing = 0 WHERE v.auto_verdict = 'ineligible'),
             review = (SELECT count(*) FROM verdicts v JOIN entries e ON e.key = v.entry_key AND e.missing = 0 WHERE v.auto_verdict = 'review')
         WHERE id = ?1",
        params![run_id, changed],
    )?;
    Ok(conn.query_row(
        "SELECT id, ran_at, trigger, entries, eligible, ineligible, review, changed FROM screening_runs WHERE id = ?1",
        [run_id],
        run_row,
    )?)
}

fn run_row(r: &rusqlite::Row) -> rusqlite::Result<Run> {
    Ok(Run {
        id: r.get(0)?,
        ran_at: r.get(1)?,
        trigger: r.get(2)?,
        entries: r.get(3)?,
        eligible: r.get(4)?,
        ineligible: r.get(5)?,
        review: r.get(6)?,
        changed: r.get(7)?,
    })
}

/// Stores an entry's new automatic verdict: a history row with its findings, and the current row
/// pointing at it.
pub fn store_verdict(conn: &Connection, key: &str, run_id: i64, verdict: Verdict, findings_hash: &str, findings_json: &str) -> Result<i64> {
    let code = verdict_code(verdict);
    conn.prepare_cached("INSERT INTO verdict_history(entry_key, run_id, auto_verdict, findings) VALUES (?1, ?2, ?3, ?4)")?.execute(params![
        key,
        run_id,
        code,
        findings_json
    ])?;
    let history_id = conn.last_insert_rowid();
    conn.prepare_cached(
        "INSERT INTO verdicts(entry_key, run_id, auto_verdict, findings_hash, history_id) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(entry_key) DO UPDATE SET run_id = excluded.run_id, auto_verdict = excluded.auto_verdict,
             findings_hash = excluded.findings_hash, history_id = excluded.history_id",
    )?
    .execute(params![key, run_id, code, findings_hash, history_id])?;
    Ok(history_id)
}

/// An entry's stored current verdict row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVerdict {
    pub run_id: i64,
    pub verdict: String,
    pub hash: String,
    pub history_id: i64,
}

fn stored_verdict_row(r: &rusqlite::Row) -> rusqlite::Result<StoredVerdict> {
    Ok(StoredVerdict { run_id: r.get(0)?, verdict: r.get(1)?, hash: r.get(2)?, history_id: r.get(3)? })
}

/// Every stored current verdict row by entry key (what an import compares its results with).
pub fn current_verdicts(conn: &Connection) -> Result<HashMap<String, StoredVerdict>> {
    let mut stmt = conn.prepare("SELECT run_id, auto_verdict, findings_hash, history_id, entry_key FROM verdicts")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(4)?, stored_verdict_row(r)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// One entry's stored current verdict row.
pub fn verdict_row(conn: &Connection, key: &str) -> Result<Option<StoredVerdict>> {
    let mut stmt = conn.prepare_cached("SELECT run_id, auto_verdict, findings_hash, history_id FROM verdicts WHERE entry_key = ?1")?;
    Ok(stmt.query_row([key], stored_verdict_row).optional()?)
}

/// Replaces, within the run that wrote it, a history row and the current row pointing at it (an
/// import corrects an entry's result once every entry of the file is known).
pub fn rewrite_in_run(conn: &Connection, key: &str, history_id: i64, verdict: Verdict, findings_hash: &str, findings_json: &str) -> Result<()> {
    let code = verdict_code(verdict);
    conn.prepare_cached("UPDATE verdict_history SET auto_verdict = ?2, findings = ?3 WHERE id = ?1")?.execute(params![
        history_id,
        code,
        findings_json
    ])?;
    conn.prepare_cached("UPDATE verdicts SET auto_verdict = ?2, findings_hash = ?3 WHERE entry_key = ?1")?.execute(params![
        key,
        code,
        findings_hash
    ])?;
    Ok(())
}

/// Takes back a history row written in this run and puts the entry's earlier current row back
/// (the correction found the entry's result unchanged after all).
pub fn restore_verdict(conn: &Connection, key: &str, written: i64, earlier: &StoredVerdict) -> Result<()> {
    conn.prepare_cached("DELETE FROM verdict_history WHERE id = ?1")?.execute([written])?;
    conn.prepare_cached("UPDATE verdicts SET run_id = ?2, auto_verdict = ?3, findings_hash = ?4, history_id = ?5 WHERE entry_key = ?1")?
        .execute(params![key, earlier.run_id, earlier.verdict, earlier.hash, earlier.history_id])?;
    Ok(())
}

/// An entry that is no longer current leaves the current tables; its history stays.
pub fn remove_entry(conn: &Connection, key: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM verdicts WHERE entry_key = ?1")?.execute([key])?;
    conn.prepare_cached("DELETE FROM screening_keys WHERE entry_key = ?1")?.execute([key])?;
    Ok(())
}

/// After a full pass: every verdict and key of an entry that is not current goes.
pub fn remove_not_current(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM verdicts WHERE entry_key NOT IN (SELECT key FROM entries WHERE missing = 0)", [])?;
    conn.execute("DELETE FROM screening_keys WHERE entry_key NOT IN (SELECT key FROM entries WHERE missing = 0)", [])?;
    Ok(())
}

/// The cross-entry keys stored for an entry at its last screening.
pub fn keys_of(conn: &Connection, entry_key: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT kind, value FROM screening_keys WHERE entry_key = ?1")?;
    let rows = stmt.query_map([entry_key], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The entries whose stored keys include (kind, value) — an indexed lookup.
pub fn entries_with_key(conn: &Connection, kind: &str, value: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT entry_key FROM screening_keys WHERE kind = ?1 AND value = ?2")?;
    let rows = stmt.query_map([kind, value], |r| r.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Replaces an entry's stored keys.
pub fn replace_keys(conn: &Connection, entry_key: &str, keys: &[(&str, String)]) -> Result<()> {
    conn.prepare_cached("DELETE FROM screening_keys WHERE entry_key = ?1")?.execute([entry_key])?;
    let mut ins = conn.prepare_cached("INSERT INTO screening_keys(entry_key, kind, value) VALUES (?1, ?2, ?3)")?;
    for (kind, value) in keys {
        ins.execute(params![entry_key, kind, value])?;
    }
    Ok(())
}

/// Stores an entry's keys (after `clear_keys`).
pub fn insert_keys(conn: &Connection, entry_key: &str, keys: &[(&str, String)]) -> Result<()> {
    let mut ins = conn.prepare_cached("INSERT INTO screening_keys(entry_key, kind, value) VALUES (?1, ?2, ?3)")?;
    for (kind, value) in keys {
        ins.execute(params![entry_key, kind, value])?;
    }
    Ok(())
}

/// Whether no entry has stored keys (a contest's first import).
pub fn no_keys(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM screening_keys)", [], |r| r.get(0))?)
}

/// Many entries' keys gathered for one load: each entry's key once, each cross-entry key as (kind, value,
/// the entry's place) — about 50 bytes a key, 13 MB at 50,000 entries.
#[derive(Default)]
pub struct GatheredKeys {
    entries: Vec<String>,
    keys: Vec<(&'static str, String, u32)>,
}

impl GatheredKeys {
    pub fn add(&mut self, entry_key: &str, keys: Vec<(&'static str, String)>) {
        if keys.is_empty() {
            return;
        }
        let at = self.entries.len() as u32;
        self.entries.push(entry_key.to_string());
        self.keys.extend(keys.into_iter().map(|(kind, value)| (kind, value, at)));
    }
}

/// Stores many entries' keys at once into an empty table: sorted, so the table's B-tree grows at its end
/// instead of taking each key at a random place, with the by-entry index built afterwards in one sort
/// (dropped and made again from its stored definition in the caller's transaction: all of it or none).
pub fn load_keys(conn: &Connection, gathered: GatheredKeys) -> Result<()> {
    let GatheredKeys { entries, mut keys } = gathered;
    keys.sort_unstable_by(|a, b| (a.0, &a.1, &entries[a.2 as usize]).cmp(&(b.0, &b.1, &entries[b.2 as usize])));
    // The table's secondary indexes as the migrations made them, dropped for the load and made again from
    // their own definitions.
    let indexes: Vec<(String, String)> = {
        let mut q = conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'screening_keys' AND sql IS NOT NULL")?;
        let rows = q.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    {
        let mut ins = conn.prepare_cached("INSERT OR IGNORE INTO screening_keys(kind, value, entry_key) VALUES (?1, ?2, ?3)")?;
        for (kind, value, at) in &keys {
            ins.execute(params![kind, value, entries[*at as usize]])?;
        }
    }
    for (_, sql) in &indexes {
        conn.execute_batch(sql)?;
    }
    Ok(())
}

/// Every stored key goes (before a full pass writes them afresh).
pub fn clear_keys(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM screening_keys", [])?;
    Ok(())
}

fn parse_findings(key: &str, json: &str) -> Result<Vec<Finding>> {
    serde_json::from_str(json)
        .map_err(|e| CoreError::precondition(format!("赛事文件中报名项目“{key}”的审查记录无法读取（{e}），请在“资格审查”中重新审查。")))
}

/// The stored automatic verdict and findings of each current entry that has one.
pub fn stored_findings(conn: &Connection) -> Result<HashMap<String, (Verdict, Vec<Finding>)>> {
    let mut stmt = conn.prepare(
        "SELECT v.entry_key, v.auto_verdict, h.findings FROM verdicts v
         JOIN entries e ON e.key = v.entry_key AND e.missing = 0
         JOIN verdict_history h ON h.id = v.history_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (k, v, f) = row?;
        let findings = parse_findings(&k, &f)?;
        out.insert(k, (verdict_from(&v), findings));
    }
    Ok(out)
}

/// The verdict in force of each current entry: the person's newest decision, else the rules'.
pub fn effective(conn: &Connection) -> Result<HashMap<String, Verdict>> {
    let mut stmt = conn.prepare(
        "SELECT v.entry_key, coalesce(
             (SELECT d.verdict FROM decisions d WHERE d.entry_key = v.entry_key ORDER BY d.id DESC LIMIT 1),
             v.auto_verdict)
         FROM verdicts v JOIN entries e ON e.key = v.entry_key AND e.missing = 0",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (k, v) = row?;
        out.insert(k, verdict_from(&v));
    }
    Ok(out)
}

/// How many current entries have no stored verdict (never screened).
pub fn unscreened_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM entries e WHERE e.missing = 0 AND NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.entry_key = e.key)",
        [],
        |r| r.get(0),
    )?)
}

/// The stored runs, newest first.
pub fn runs(conn: &Connection, limit: usize) -> Result<Vec<Run>> {
    let mut stmt =
        conn.prepare("SELECT id, ran_at, trigger, entries, eligible, ineligible, review, changed FROM screening_runs ORDER BY id DESC LIMIT ?1")?;
    let rows = stmt.query_map([limit as i64], run_row)?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// How an entry's automatic verdict and findings changed over the runs, oldest first.
pub fn history(conn: &Connection, project_no_or_key: &str) -> Result<Vec<HistoryItem>> {
    let mut stmt = conn.prepare(
        "SELECT h.run_id, r.ran_at, r.trigger, h.auto_verdict, h.findings, h.entry_key FROM verdict_history h
         JOIN screening_runs r ON r.id = h.run_id
         WHERE h.entry_key = ?1 OR h.entry_key IN (SELECT key FROM entries WHERE project_no = ?1)
         ORDER BY h.id",
    )?;
    let rows = stmt.query_map([project_no_or_key], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (run_id, ran_at, trigger, v, f, key) = row?;
        out.push(HistoryItem { run_id, ran_at, trigger, auto_verdict: verdict_from(&v), findings: parse_findings(&key, &f)? });
    }
    Ok(out)
}

/// The rules version that produced the stored verdicts (None: before versions were kept).
pub fn rules_version(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM screening_state WHERE key = 'rules_version'", [], |r| r.get(0)).optional()?)
}

pub fn set_rules_version(conn: &Connection, version: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO screening_state(key, value) VALUES ('rules_version', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [version],
    )?;
    Ok(())
}
