//! The dashboard's counts (概览): one query each over entries, settings, scores, advancement, award
//! sets and certificates. Read only.
use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

fn count(conn: &Connection, sql: &str) -> Result<i64> {
    Ok(conn.query_row(sql, [], |r| r.get(0))?)
}

/// Entries: (current, current with problems, missing from the latest import, current without a group).
/// One pass over the current entries' index; `missing` is only ever 0 or 1, so the missing ones are
/// all entries (counted from an index) less the current ones, without reading every row.
pub fn entry_counts(conn: &Connection) -> Result<(i64, i64, i64, i64)> {
    Ok(conn.query_row(
        "SELECT count(*), coalesce(sum(problem_count > 0), 0), (SELECT count(*) FROM entries) - count(*), coalesce(sum(group_code IS NULL), 0)
         FROM entries WHERE missing = 0",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?)
}

/// Current entries per group (entries without a group are not listed).
pub fn entries_by_group(conn: &Connection) -> Result<std::collections::HashMap<crate::model::Group, i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT group_code, count(*) FROM entries WHERE missing = 0 AND group_code IS NOT NULL GROUP BY group_code")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Current entries grouped by (county, unit, field) as stored: few distinct values.
pub fn places(conn: &Connection) -> Result<Vec<(Option<String>, Option<String>, Option<String>, i64)>> {
    let mut stmt = conn.prepare("SELECT county, unit, field, count(*) FROM entries WHERE missing = 0 GROUP BY county, unit, field")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// How many settings were saved.
pub fn settings_saved(conn: &Connection) -> Result<i64> {
    count(conn, "SELECT count(*) FROM settings")
}

/// Whether the round has any score (either keying pass).
pub fn round_started(conn: &Connection, round: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS(SELECT 1 FROM scores WHERE round = ?1)", [round], |r| r.get(0))?)
}

/// A round's list of advanced entries (复赛 or 决赛): (rows, included).
pub fn advancement_counts(conn: &Connection, round: &str) -> Result<(i64, i64)> {
    Ok(conn
        .query_row("SELECT count(*), coalesce(sum(included != 0), 0) FROM advancement WHERE round = ?1", [round], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// The newest frozen award set: (frozen at, data JSON).
pub fn latest_award_set(conn: &Connection) -> Result<Option<(String, String)>> {
    Ok(conn.query_row("SELECT frozen_at, data FROM award_sets ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

pub fn table_exists(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)", [name], |r| r.get(0))?)
}

/// Awarded entries holding a live certificate.
pub fn live_award_certificates(conn: &Connection) -> Result<i64> {
    count(conn, "SELECT count(DISTINCT subject_key) FROM certificates WHERE voided_at IS NULL AND kind = 'award'")
}
