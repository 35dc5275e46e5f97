//! 回避 (`conflicts`): suggested from the data, confirmed or dismissed by a person, or declared.
use std::collections::HashMap;

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::model::Conflict;

/// Records a suggestion unless the pair has a conflict row already; returns whether it was new.
pub fn suggest(conn: &Connection, round: &str, judge_id: i64, entry_key: &str, reason: &str) -> Result<bool> {
    let n = conn.execute(
        "INSERT OR IGNORE INTO conflicts(round, judge_id, entry_key, source, status, reason) VALUES (?1, ?2, ?3, 'suggested', 'suggested', ?4)",
        params![round, judge_id, entry_key, reason],
    )?;
    Ok(n > 0)
}

/// Confirms or dismisses a conflict; false when there is no such conflict.
pub fn decide(conn: &Connection, id: i64, confirm: bool, who: &str, at: &str) -> Result<bool> {
    let n = conn.execute(
        "UPDATE conflicts SET status = ?2, decided_by = ?3, decided_at = ?4 WHERE id = ?1",
        params![id, if confirm { "confirmed" } else { "dismissed" }, who, at],
    )?;
    Ok(n > 0)
}

/// A conflict declared by hand: confirmed at once.
pub fn declare(conn: &Connection, round: &str, judge_id: i64, entry_key: &str, reason: &str, who: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO conflicts(round, judge_id, entry_key, source, status, reason, decided_by, decided_at) VALUES (?1, ?2, ?3, 'declared', 'confirmed', ?4, ?5, ?6)
         ON CONFLICT(round, judge_id, entry_key) DO UPDATE SET source = 'declared', status = 'confirmed', reason = excluded.reason,
           decided_by = excluded.decided_by, decided_at = excluded.decided_at",
        params![round, judge_id, entry_key, reason, who, at],
    )?;
    Ok(())
}

/// Confirmed and declared conflicts of a round: (judge, entry key) → reason.
pub fn active(conn: &Connection, round: &str) -> Result<HashMap<(i64, String), String>> {
    let mut stmt = conn.prepare_cached("SELECT judge_id, entry_key, reason FROM conflicts WHERE round = ?1 AND status = 'confirmed'")?;
    let rows = stmt.query_map([round], |r| Ok(((r.get::<_, i64>(0)?, r.get::<_, String>(1)?), r.get::<_, String>(2)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Every conflict of a round, oldest first, with the judge's name and the entry's number and name
/// when known.
pub fn list(conn: &Connection, round: &str) -> Result<Vec<Conflict>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.round, c.judge_id, coalesce(j.name, ''), c.entry_key, coalesce(e.project_no, c.entry_key), coalesce(e.project_name, ''), c.source, c.status, c.reason, c.decided_by, c.decided_at
         FROM conflicts c LEFT JOIN entries e ON e.key = c.entry_key LEFT JOIN judges j ON j.id = c.judge_id WHERE c.round = ?1 ORDER BY c.id",
    )?;
    let rows = stmt.query_map([round], |r| {
        Ok(Conflict {
            id: r.get(0)?,
            round: r.get(1)?,
            judge_id: r.get(2)?,
            judge_name: r.get(3)?,
            entry_key: r.get(4)?,
            project_no: r.get(5)?,
            project_name: r.get(6)?,
            source: r.get(7)?,
            status: r.get(8)?,
            reason: r.get(9)?,
            decided_by: r.get(10)?,
            decided_at: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
