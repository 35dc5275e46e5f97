//! The letters' tables: the number each (kind, round, entry) was given, the log of letters written out,
//! and the stored letter templates (a `settings` row).
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// A letter's number as stored: (id, number, issued at).
pub type Issued = (i64, String, String);

/// The number already given to this kind, round and entry, if any.
pub fn issued(conn: &Connection, kind: &str, round: &str, entry_key: &str) -> Result<Option<Issued>> {
    Ok(conn
        .query_row(
            "SELECT id, number, issued_at FROM letters WHERE kind = ?1 AND round = ?2 AND entry_key = ?3",
            params![kind, round, entry_key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// Every number given to a kind: entry key → (round, number, issued at).
pub fn numbers_of(conn: &Connection, kind: &str) -> Result<Vec<(String, String, String, String)>> {
    let mut stmt = conn.prepare("SELECT entry_key, round, number, issued_at FROM letters WHERE kind = ?1")?;
    let rows = stmt.query_map([kind], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub fn next_seq(conn: &Connection, kind: &str) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(seq), 0) + 1 FROM letters WHERE kind = ?1", [kind], |r| r.get(0))?)
}

pub fn number_taken(conn: &Connection, number: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT count(*) FROM letters WHERE number = ?1", [number], |r| r.get::<_, i64>(0))? > 0)
}

/// Stores a new number; returns its id.
#[allow(clippy::too_many_arguments)]
pub fn insert(conn: &Connection, kind: &str, round: &str, entry_key: &str, seq: i64, number: &str, at: &str, who: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO letters(kind, round, entry_key, seq, number, issued_at, issued_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![kind, round, entry_key, seq, number, at, who],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_log(conn: &Connection, letter_id: i64, at: &str, who: &str, file: &str) -> Result<()> {
    conn.execute("INSERT INTO letter_log(letter_id, at, who, file) VALUES (?1, ?2, ?3, ?4)", params![letter_id, at, who, file])?;
    Ok(())
}

/// One line of the letter log: (kind, number, project no, project name, entrant, at, who, file).
pub type LogRow = (String, String, String, String, String, String, String, String);

/// The log, newest first.
pub fn log(conn: &Connection) -> Result<Vec<LogRow>> {
    let mut stmt = conn.prepare(
        "SELECT l.kind, l.number, coalesce(e.project_no, l.entry_key), coalesce(e.project_name, ''), coalesce(e.entrant_name, ''), g.at, g.who, g.file
         FROM letter_log g JOIN letters l ON l.id = g.letter_id LEFT JOIN entries e ON e.key = l.entry_key ORDER BY g.id DESC",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

const TEMPLATE_KEY: &str = "letter_templates";

/// The stored letter templates (JSON), if saved.
pub fn templates_json(conn: &Connection) -> Result<Option<String>> {
    super::settings::get(conn, TEMPLATE_KEY)
}

pub fn save_templates_json(conn: &Connection, json: &str, at: &str) -> Result<()> {
    super::settings::put(conn, TEMPLATE_KEY, json, at)
}
