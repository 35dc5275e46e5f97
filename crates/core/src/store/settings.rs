//! The `settings` table: one key per row, its value as JSON text.
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// Every stored (key, JSON value) pair.
pub fn all(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT key, value FROM settings")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// One stored row's JSON value, if the key is there (also the rows that are not contest settings: templates, the
/// next season's check).
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

/// Stores one setting (insert or replace), stamped with when it was changed.
pub fn put(conn: &Connection, key: &str, json: &str, updated_at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings(key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        params![key, json, updated_at],
    )?;
    Ok(())
}
