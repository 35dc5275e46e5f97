//! The rounds' tables: advancement to the 复赛 and the 决赛 (`advancement`), the committee's tie decisions and
//! the roadshow draws.
use std::collections::HashSet;

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::model::{AdvancementRow, Group};

/// Keys of the entries recorded as advanced to the final.
pub fn finalists(conn: &Connection) -> Result<HashSet<String>> {
    advanced(conn, "final")
}

/// Keys of the entries recorded as advanced to `round` (the 复赛 or the 决赛).
pub fn advanced(conn: &Connection, round: &str) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare_cached("SELECT entry_key FROM advancement WHERE round = ?1 AND included = 1")?;
    let keys = stmt.query_map([round], |r| r.get::<_, String>(0))?.collect::<std::result::Result<_, _>>()?;
    Ok(keys)
}

/// Keys a person put on (or took off) `round`'s list by hand.
pub fn manual_advanced(conn: &Connection, round: &str) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare_cached("SELECT entry_key FROM advancement WHERE round = ?1 AND manual = 1")?;
    let keys = stmt.query_map([round], |r| r.get::<_, String>(0))?.collect::<std::result::Result<_, _>>()?;
    Ok(keys)
}

/// Forgets `round`'s computed advancement (manual changes stay).
pub fn clear_computed_advancement(conn: &Connection, round: &str) -> Result<()> {
    conn.execute("DELETE FROM advancement WHERE round = ?1 AND manual = 0", [round])?;
    Ok(())
}

/// Records an entry as advanced to `round` by the previous round's ranking.
pub fn insert_computed_advancement(conn: &Connection, round: &str, entry_key: &str, reason: &str, who: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO advancement(round, entry_key, included, manual, reason, decided_by, decided_at) VALUES (?1, ?2, 1, 0, ?3, ?4, ?5)",
        params![round, entry_key, reason, who, at],
    )?;
    Ok(())
}

/// A person's change to `round`'s list.
pub fn set_manual_advancement(conn: &Connection, round: &str, entry_key: &str, included: bool, reason: &str, who: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO advancement(round, entry_key, included, manual, reason, decided_by, decided_at) VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)
         ON CONFLICT(round, entry_key) DO UPDATE SET included = excluded.included, manual = 1, reason = excluded.reason,
           decided_by = excluded.decided_by, decided_at = excluded.decided_at",
        params![round, entry_key, included as i64, reason, who, at],
    )?;
    Ok(())
}

/// `round`'s list of advanced entries as stored, in the order it was decided.
pub fn advancement(conn: &Connection, round: &str) -> Result<Vec<AdvancementRow>> {
    let mut stmt = conn.prepare(
        "SELECT a.entry_key, coalesce(e.project_no, a.entry_key), coalesce(e.project_name, ''), e.group_code, a.included, a.manual, a.reason, a.decided_by, a.decided_at
         FROM advancement a LEFT JOIN entries e ON e.key = a.entry_key WHERE a.round = ?1 ORDER BY a.id",
    )?;
    let rows = stmt.query_map([round], |r| {
        Ok(AdvancementRow {
            entry_key: r.get(0)?,
            project_no: r.get(1)?,
            project_name: r.get(2)?,
            group: r.get(3)?,
            included: r.get::<_, i64>(4)? != 0,
            manual: r.get::<_, i64>(5)? != 0,
            reason: r.get(6)?,
            decided_by: r.get(7)?,
            decided_at: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// What a round holds, by kind, for the kinds it has any of: ("评审组", n), ("评分", n), ("晋级名单", n),
/// ("抽签", n). The 复赛 cannot be switched off while this is not empty.
pub fn round_usage(conn: &Connection, round: &str) -> Result<Vec<(&'static str, i64)>> {
    let mut out = Vec::new();
    for (what, sql) in [
        ("评审组", "SELECT count(*) FROM panels WHERE round = ?1"),
        ("评分", "SELECT count(*) FROM scores WHERE round = ?1"),
        ("晋级名单", "SELECT count(*) FROM advancement WHERE round = ?1"),
        ("抽签", "SELECT count(*) FROM draws WHERE round = ?1"),
    ] {
        let n: i64 = conn.query_row(sql, [round], |r| r.get(0))?;
        if n > 0 {
            out.push((what, n));
        }
    }
    Ok(out)
}

/// The committee's tie decisions of a round's group, oldest first: each a JSON array of entry keys, best first.
pub fn tie_decisions(conn: &Connection, round: &str, group: Group) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT entry_keys FROM tie_decisions WHERE round = ?1 AND group_code = ?2 ORDER BY id")?;
    let rows = stmt.query_map(params![round, group], |r| r.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub fn insert_tie_decision(conn: &Connection, round: &str, group: Group, keys_json: &str, reason: &str, who: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO tie_decisions(round, group_code, entry_keys, reason, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![round, group, keys_json, reason, who, at],
    )?;
    Ok(())
}

/// One roadshow draw as stored: (id, group, seed, drawn at, drawn by, entry keys JSON).
pub type DrawRow = (i64, Group, String, String, String, String);

/// The draws of a round, oldest first.
pub fn draws(conn: &Connection, round: &str) -> Result<Vec<DrawRow>> {
    let mut stmt = conn.prepare("SELECT id, group_code, seed, drawn_at, drawn_by, entry_keys FROM draws WHERE round = ?1 ORDER BY id")?;
    let rows = stmt.query_map([round], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub fn insert_draw(conn: &Connection, round: &str, group: Group, seed: &str, at: &str, who: &str, keys_json: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO draws(round, group_code, seed, drawn_at, drawn_by, entry_keys) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![round, group, seed, at, who, keys_json],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Every entry (current or not) as a draw lists it: key → (project no, project name, entrant).
pub fn entry_labels(conn: &Connection) -> Result<std::collections::HashMap<String, (String, String, String)>> {
    let mut stmt = conn.prepare("SELECT key, coalesce(project_no, key), coalesce(project_name, ''), coalesce(entrant_name, '') FROM entries")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
