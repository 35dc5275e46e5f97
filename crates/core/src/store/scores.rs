//! Score tables: `scores` (one cell per round, judge, entry and keying pass) and the append-only
//! `score_log`.
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::model::LogEntry;

/// One stored cell: recused, or per-criterion hundredths (JSON) with their total, or a total alone.
#[derive(Debug, Clone)]
pub struct Cell {
    pub judge_id: i64,
    pub entry_key: String,
    pub recused: bool,
    pub criteria: Option<String>,
    pub total: Option<i64>,
}

/// The cells of a round's keying pass, of one judge or all.
pub fn cells(conn: &Connection, round: &str, pass: u8, judge_id: Option<i64>) -> Result<Vec<Cell>> {
    let mut stmt = conn.prepare_cached(
        "SELECT judge_id, entry_key, recused, criteria, total FROM scores WHERE round = ?1 AND pass = ?2 AND (?3 IS NULL OR judge_id = ?3)",
    )?;
    let rows = stmt.query_map(params![round, pass, judge_id], |r| {
        Ok(Cell { judge_id: r.get(0)?, entry_key: r.get(1)?, recused: r.get::<_, i64>(2)? != 0, criteria: r.get(3)?, total: r.get(4)? })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// One cell, if keyed.
pub fn cell(conn: &Connection, round: &str, judge_id: i64, entry_key: &str, pass: u8) -> Result<Option<Cell>> {
    Ok(conn
        .query_row(
            "SELECT judge_id, entry_key, recused, criteria, total FROM scores WHERE round = ?1 AND judge_id = ?2 AND entry_key = ?3 AND pass = ?4",
            params![round, judge_id, entry_key, pass],
            |r| Ok(Cell { judge_id: r.get(0)?, entry_key: r.get(1)?, recused: r.get::<_, i64>(2)? != 0, criteria: r.get(3)?, total: r.get(4)? }),
        )
        .optional()?)
}

/// The last logged change of each cell of a round's keying pass: (judge, entry key) → (who, at, reason).
pub fn last_changes(conn: &Connection, round: &str, pass: u8) -> Result<std::collections::HashMap<(i64, String), (String, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT judge_id, entry_key, who, at, reason FROM score_log WHERE id IN
           (SELECT max(id) FROM score_log WHERE round = ?1 AND pass = ?2 GROUP BY judge_id, entry_key)",
    )?;
    let rows = stmt.query_map(params![round, pass], |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?, r.get(4)?))))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Whether the round has any first-pass score.
pub fn any(conn: &Connection, round: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS(SELECT 1 FROM scores WHERE round = ?1 AND pass = 1)", [round], |r| r.get(0))?)
}

pub fn delete(conn: &Connection, round: &str, judge_id: i64, entry_key: &str, pass: u8) -> Result<()> {
    conn.execute(
        "DELETE FROM scores WHERE round = ?1 AND judge_id = ?2 AND entry_key = ?3 AND pass = ?4",
        params![round, judge_id, entry_key, pass],
    )?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub fn upsert(
    conn: &Connection,
    round: &str,
    judge_id: i64,
    entry_key: &str,
    pass: u8,
    recused: bool,
    criteria: Option<&str>,
    total: Option<i64>,
    at: &str,
    who: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO scores(round, judge_id, entry_key, pass, recused, criteria, total, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(round, judge_id, entry_key, pass) DO UPDATE SET recused = excluded.recused,
           criteria = excluded.criteria, total = excluded.total, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        params![round, judge_id, entry_key, pass, recused as i64, criteria, total, at, who],
    )?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub fn log_change(
    conn: &Connection,
    at: &str,
    who: &str,
    round: &str,
    judge_id: i64,
    entry_key: &str,
    pass: u8,
    old: Option<&str>,
    new: Option<&str>,
    reason: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO score_log(at, who, round, judge_id, entry_key, pass, old_value, new_value, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![at, who, round, judge_id, entry_key, pass, old, new, reason],
    )?;
    Ok(())
}

/// The score log, newest first, with the judge's name and the entry's project number when known.
pub fn log(conn: &Connection, round: Option<&str>, limit: usize) -> Result<Vec<LogEntry>> {
    let mut stmt = conn.prepare(
        "SELECT l.id, l.at, l.who, l.round, coalesce(j.name, ''), coalesce(e.project_no, l.entry_key), l.pass, l.old_value, l.new_value, l.reason
         FROM score_log l LEFT JOIN entries e ON e.key = l.entry_key LEFT JOIN judges j ON j.id = l.judge_id
         WHERE ?1 IS NULL OR l.round = ?1 ORDER BY l.id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![round, limit as i64], |r| {
        Ok(LogEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            who: r.get(2)?,
            round: r.get(3)?,
            judge_name: r.get(4)?,
            project_no: r.get(5)?,
            pass: r.get(6)?,
            old_value: r.get(7)?,
            new_value: r.get(8)?,
            reason: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
