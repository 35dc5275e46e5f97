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

/// Dismisses suggested conflicts of a round with one reason (call inside a transaction); returns the ids
/// that were not suggestions of this round (nothing is written for them).
pub fn dismiss_suggested(conn: &Connection, round: &str, ids: &[i64], who: &str, at: &str, note: &str) -> Result<Vec<i64>> {
    let mut skipped = Vec::new();
    for id in ids {
        let n = conn.execute(
            "UPDATE conflicts SET status = 'dismissed', decided_by = ?3, decided_at = ?4, note = ?5 WHERE id = ?1 AND round = ?2 AND status = 'suggested'",
            params![id, round, who, at, note],
        )?;
        if n == 0 {
            skipped.push(*id);
        }
    }
    Ok(skipped)
}

/// Carries the confirmed conflicts of `from` into `to` for the given entries, unless the pair has a row in `to`
/// already (a person's decision there stands). Returns how many were carried.
pub fn carry_confirmed(conn: &Connection, from: &str, to: &str, entry_keys: &[String]) -> Result<usize> {
    let mut n = 0;
    for k in entry_keys {
        n += conn.execute(
            "INSERT OR IGNORE INTO conflicts(round, judge_id, entry_key, source, status, reason, decided_by, decided_at, carried_from)
             SELECT ?2, judge_id, entry_key, source, 'confirmed', reason, decided_by, decided_at, id FROM conflicts
             WHERE round = ?1 AND entry_key = ?3 AND status = 'confirmed'",
            params![from, to, k],
        )?;
    }
    Ok(n)
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
        "SELECT c.id, c.round, c.judge_id, coalesce(j.name, ''), c.entry_key, coalesce(e.project_no, c.entry_key), coalesce(e.project_name, ''), c.source, c.status, c.reason, c.decided_by, c.decided_at,
           c.note, p.round, p.decided_by, p.decided_at
         FROM conflicts c LEFT JOIN entries e ON e.key = c.entry_key LEFT JOIN judges j ON j.id = c.judge_id
         LEFT JOIN conflicts p ON p.id = c.carried_from WHERE c.round = ?1 ORDER BY c.id",
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
            note: r.get(12)?,
            carried_from: carried_text(r.get(13)?, r.get(14)?, r.get(15)?),
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// "沿用初赛回避（王五 2026-07-20 确认）" for a carried conflict.
fn carried_text(round: Option<String>, by: Option<String>, at: Option<String>) -> Option<String> {
    let label = match round?.as_str() {
        "preliminary" => "初赛",
        "semifinal" => "复赛",
        "final" => "决赛",
        other => return Some(format!("沿用{other}回避")),
    };
    let when: String = at.unwrap_or_default().chars().take(10).collect();
    let who = [by.unwrap_or_default(), when].iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(" ");
    Some(if who.is_empty() { format!("沿用{label}回避") } else { format!("沿用{label}回避（{who} 确认）") })
}
