//! The award tables: frozen award sets and their amendments, the provincial recommendation's manual
//! changes and the committee's choice of 优秀组织单位.
use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::model::{Amendment, Level};

/// The newest frozen award set.
pub struct FrozenSet {
    pub id: i64,
    pub frozen_at: String,
    pub frozen_by: String,
    pub content_hash: String,
    /// JSON of the award list as frozen.
    pub data: String,
}

pub fn frozen_set(conn: &Connection) -> Result<Option<FrozenSet>> {
    Ok(conn
        .query_row("SELECT id, frozen_at, frozen_by, content_hash, data FROM award_sets ORDER BY id DESC LIMIT 1", [], |r| {
            Ok(FrozenSet { id: r.get(0)?, frozen_at: r.get(1)?, frozen_by: r.get(2)?, content_hash: r.get(3)?, data: r.get(4)? })
        })
        .optional()?)
}

/// `override_reason`: why the list was finalised while an objection was open (None when none was).
pub fn insert_set(conn: &Connection, frozen_at: &str, frozen_by: &str, content_hash: &str, data: &str, override_reason: Option<&str>) -> Result<i64> {
    conn.execute(
        "INSERT INTO award_sets(frozen_at, frozen_by, content_hash, data, override_reason) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![frozen_at, frozen_by, content_hash, data, override_reason],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Only `insert_amendment` writes the codes; one this version does not know reads as no level.
fn level(code: Option<String>) -> Option<Level> {
    code.and_then(|c| Level::parse(&c).ok())
}

/// The amendments of a set, oldest first, each with its entry's key; levels are stored as their codes
/// (NULL: no award).
pub fn amendments(conn: &Connection, set_id: i64) -> Result<Vec<(String, Amendment)>> {
    let mut stmt = conn.prepare(
        "SELECT a.entry_key, coalesce(e.project_no, a.entry_key), a.old_level, a.new_level, a.reason, a.amended_by, a.amended_at
         FROM award_amendments a LEFT JOIN entries e ON e.key = a.entry_key WHERE a.set_id = ?1 ORDER BY a.id",
    )?;
    let rows = stmt.query_map([set_id], |r| {
        let a = Amendment {
            project_no: r.get(1)?,
            old_level: level(r.get(2)?),
            new_level: level(r.get(3)?),
            reason: r.get(4)?,
            amended_by: r.get(5)?,
            amended_at: r.get(6)?,
        };
        Ok((r.get(0)?, a))
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// Records an amendment (`new_level` None withdraws the award).
pub fn insert_amendment(
    conn: &Connection,
    set_id: i64,
    entry_key: &str,
    old_level: Option<&str>,
    new_level: Option<&str>,
    reason: &str,
    who: &str,
    at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO award_amendments(set_id, entry_key, old_level, new_level, reason, amended_by, amended_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![set_id, entry_key, old_level, new_level, reason, who, at],
    )?;
    Ok(())
}

/// The people's changes to the recommendation list: entry key → (included, reason).
pub fn recommendation_changes(conn: &Connection) -> Result<HashMap<String, (bool, String)>> {
    let mut stmt = conn.prepare("SELECT entry_key, included, reason FROM recommendation_changes")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get::<_, i64>(1)? != 0, r.get::<_, String>(2)?))))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub fn set_recommendation_change(conn: &Connection, entry_key: &str, included: bool, reason: &str, who: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO recommendation_changes(entry_key, included, reason, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(entry_key) DO UPDATE SET included = excluded.included, reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at",
        params![entry_key, included as i64, reason, who, at],
    )?;
    Ok(())
}

/// The units the committee chose for 优秀组织单位奖: unit → reason.
pub fn chosen_units(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare("SELECT unit, reason FROM unit_awards")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub fn choose_unit(conn: &Connection, unit: &str, reason: &str, who: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO unit_awards(unit, reason, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(unit) DO UPDATE SET reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at",
        params![unit, reason, who, at],
    )?;
    Ok(())
}

pub fn unchoose_unit(conn: &Connection, unit: &str) -> Result<()> {
    conn.execute("DELETE FROM unit_awards WHERE unit = ?1", [unit])?;
    Ok(())
}
