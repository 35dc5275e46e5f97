//! The next season from this one: copying the carried tables and rows between two contest files, the
//! "to be checked" row, and the `season-new` events. Table names come from the core's own list
//! (`season::next::CARRIED`), never from input.
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection};

use crate::error::{CoreError, Result};
use crate::model::ProvincialOutcome;

/// A table name is spliced into SQL: only a plain name (lower-case letters and `_`) is accepted.
fn copyable(table: &str) -> Result<&str> {
    if table.is_empty() || !table.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return Err(CoreError::precondition(format!("内部错误：表名“{table}”无效。")));
    }
    Ok(table)
}

/// A `settings` row's JSON text, if stored.
pub fn settings_row(conn: &Connection, key: &str) -> Result<Option<String>> {
    crate::store::settings::get(conn, key)
}

/// The `settings` row holding a next season's "to be checked" flag (not a contest setting: `settings set`
/// cannot reach it).
pub const CHECK_KEY: &str = "season_check";

pub fn check_json(conn: &Connection) -> Result<Option<String>> {
    settings_row(conn, CHECK_KEY)
}

/// Stores a `settings` row as it is (insert or replace).
pub fn put_settings_row(conn: &Connection, key: &str, json: &str, at: &str) -> Result<()> {
    crate::store::settings::put(conn, key, json, at)
}

/// Rows of a carried table (0 when this file has no such table).
pub fn row_count(conn: &Connection, table: &str) -> Result<i64> {
    let t = copyable(table)?;
    if !has_table(conn, t)? {
        return Ok(0);
    }
    Ok(conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?)
}

fn has_table(conn: &Connection, table: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1", [table], |r| r.get::<_, i64>(0))? > 0)
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let rows = stmt.query_map([table], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Copies every row of a carried table from one contest file to the other (ids kept: the new file's table is
/// empty). Only the columns both files have are copied. Returns how many rows.
pub fn copy_table(from: &Connection, to: &Connection, table: &str) -> Result<usize> {
    let t = copyable(table)?;
    if !has_table(from, t)? || !has_table(to, t)? {
        return Ok(0);
    }
    let theirs = columns(from, t)?;
    let cols: Vec<String> = columns(to, t)?.into_iter().filter(|c| theirs.contains(c)).collect();
    let list = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
    let marks = (1..=cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let mut read = from.prepare(&format!("SELECT {list} FROM {t} ORDER BY rowid"))?;
    let mut write = to.prepare(&format!("INSERT INTO {t}({list}) VALUES ({marks})"))?;
    let mut rows = read.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let values: Vec<Value> = (0..cols.len()).map(|i| r.get::<_, Value>(i)).collect::<std::result::Result<_, _>>()?;
        write.execute(params_from_iter(values))?;
        n += 1;
    }
    Ok(n)
}

/// Copies every import of a reference list with its rows (ids renumbered in the new file). Returns the rows.
pub fn copy_reference(from: &Connection, to: &Connection, kind: &str) -> Result<usize> {
    let mut imports =
        from.prepare("SELECT id, file, sheet, imported_at, row_count, problem_count FROM reference_imports WHERE kind = ?1 ORDER BY id")?;
    let list = imports.query_map([kind], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, i64>(4)?, r.get::<_, i64>(5)?))
    })?;
    let mut rows = from.prepare("SELECT row, data FROM reference_rows WHERE import_id = ?1 ORDER BY id")?;
    let mut n = 0;
    for i in list {
        let (id, file, sheet, at, count, problems) = i?;
        to.execute(
            "INSERT INTO reference_imports(kind, file, sheet, imported_at, row_count, problem_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![kind, file, sheet, at, count, problems],
        )?;
        let new_id = to.last_insert_rowid();
        let data = rows.query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for d in data {
            let (row, json) = d?;
            to.execute("INSERT INTO reference_rows(kind, import_id, row, data) VALUES (?1, ?2, ?3, ?4)", params![kind, new_id, row, json])?;
            n += 1;
        }
    }
    Ok(n)
}

/// Every recorded provincial outcome by entry key.
pub fn provincial_outcomes(conn: &Connection) -> Result<Vec<(String, ProvincialOutcome)>> {
    let mut stmt = conn.prepare("SELECT entry_key, outcome FROM provincial_results ORDER BY entry_key")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (key, code) = row?;
        // The CHECK admits only the codes this version writes.
        if let Ok(o) = ProvincialOutcome::parse(&code) {
            out.push((key, o));
        }
    }
    Ok(out)
}

/// The `season-new` events' details (JSON text), oldest first.
pub fn season_new_events(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT at, detail FROM contest_events WHERE kind = 'season-new' ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
