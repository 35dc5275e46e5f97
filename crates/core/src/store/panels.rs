//! 评审组 tables: `panels`, `panel_judges` (in score-sheet order) and `panel_entries` (an entry is in at
//! most one panel per round).
use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// The panels of a round: (id, name), by id.
pub fn list(conn: &Connection, round: &str) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM panels WHERE round = ?1 ORDER BY id")?;
    let rows = stmt.query_map([round], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// A panel's judges in score-sheet order.
pub fn judge_ids(conn: &Connection, panel_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT judge_id FROM panel_judges WHERE panel_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([panel_id], |r| r.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// A panel's entry keys in the order they were put in.
pub fn entry_keys(conn: &Connection, panel_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT entry_key FROM panel_entries WHERE panel_id = ?1 ORDER BY rowid")?;
    let rows = stmt.query_map([panel_id], |r| r.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub fn id_by_name(conn: &Connection, round: &str, name: &str) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT id FROM panels WHERE round = ?1 AND name = ?2", params![round, name], |r| r.get(0)).optional()?)
}

/// The round code of a panel, None when there is no such panel.
pub fn round_of(conn: &Connection, panel_id: i64) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT round FROM panels WHERE id = ?1", [panel_id], |r| r.get(0)).optional()?)
}

pub fn insert(conn: &Connection, round: &str, name: &str, at: &str) -> Result<i64> {
    conn.execute("INSERT INTO panels(round, name, created_at) VALUES (?1, ?2, ?3)", params![round, name, at])?;
    Ok(conn.last_insert_rowid())
}

/// Deletes a panel with its judges and entries (call inside a transaction).
pub fn delete(conn: &Connection, panel_id: i64) -> Result<()> {
    conn.execute("DELETE FROM panel_judges WHERE panel_id = ?1", [panel_id])?;
    conn.execute("DELETE FROM panel_entries WHERE panel_id = ?1", [panel_id])?;
    conn.execute("DELETE FROM panels WHERE id = ?1", [panel_id])?;
    Ok(())
}

/// Replaces a panel's judges, in the given order (call inside a transaction).
pub fn set_judges(conn: &Connection, panel_id: i64, judge_ids: &[i64]) -> Result<()> {
    conn.execute("DELETE FROM panel_judges WHERE panel_id = ?1", [panel_id])?;
    for (i, id) in judge_ids.iter().enumerate() {
        conn.execute("INSERT INTO panel_judges(panel_id, judge_id, position) VALUES (?1, ?2, ?3)", params![panel_id, id, i as i64])?;
    }
    Ok(())
}

/// Replaces a panel's entries; each moves here from any other panel of the round (call inside a transaction).
pub fn set_entries(conn: &Connection, panel_id: i64, round: &str, keys: &[String]) -> Result<()> {
    conn.execute("DELETE FROM panel_entries WHERE panel_id = ?1", [panel_id])?;
    for k in keys {
        conn.execute("DELETE FROM panel_entries WHERE round = ?1 AND entry_key = ?2", params![round, k])?;
        conn.execute("INSERT INTO panel_entries(panel_id, round, entry_key) VALUES (?1, ?2, ?3)", params![panel_id, round, k])?;
    }
    Ok(())
}

/// Puts an entry in a panel unless it is in one already.
pub fn add_entry_if_free(conn: &Connection, panel_id: i64, round: &str, key: &str) -> Result<()> {
    conn.execute("INSERT OR IGNORE INTO panel_entries(panel_id, round, entry_key) VALUES (?1, ?2, ?3)", params![panel_id, round, key])?;
    Ok(())
}

/// Entry key → panel id for the round's panelled entries.
pub fn entry_panels(conn: &Connection, round: &str) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached("SELECT entry_key, panel_id FROM panel_entries WHERE round = ?1")?;
    let rows = stmt.query_map([round], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Keys of the entries in some panel of the round.
pub fn placed(conn: &Connection, round: &str) -> Result<HashSet<String>> {
    Ok(entry_panels(conn, round)?.into_keys().collect())
}

/// The panel (id, name) an entry is in for the round.
pub fn panel_of_entry(conn: &Connection, round: &str, entry_key: &str) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT p.id, p.name FROM panel_entries e JOIN panels p ON p.id = e.panel_id WHERE e.round = ?1 AND e.entry_key = ?2",
            params![round, entry_key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The panels of the round a judge sits on.
pub fn panels_of_judge(conn: &Connection, round: &str, judge_id: i64) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT j.panel_id FROM panel_judges j JOIN panels p ON p.id = j.panel_id WHERE p.round = ?1 AND j.judge_id = ?2")?;
    let rows = stmt.query_map(params![round, judge_id], |r| r.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// (entry key, judge id) for every panelled entry of the round, judges in score-sheet order.
pub fn entry_judges(conn: &Connection, round: &str) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.entry_key, j.judge_id FROM panel_entries e JOIN panel_judges j ON j.panel_id = e.panel_id WHERE e.round = ?1 ORDER BY j.position",
    )?;
    let rows = stmt.query_map([round], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
