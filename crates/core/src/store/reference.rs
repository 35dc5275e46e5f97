//! The reference lists (`reference_imports`, `reference_rows`): provincial winners, dishonesty,
//! other awards and recommendations. The judges list lives in its own tables (judges).
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// A reference row: the list's fields by canonical key.
pub type RefRow = serde_json::Map<String, serde_json::Value>;

/// How many times a list of this kind was imported (0 = never: its rule is 未检查).
pub fn import_count(conn: &Connection, kind: &str) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM reference_imports WHERE kind = ?1", [kind], |r| r.get(0))?)
}

/// The stored rows of a list, in file order.
pub fn rows(conn: &Connection, kind: &str) -> Result<Vec<RefRow>> {
    let mut stmt = conn.prepare("SELECT data FROM reference_rows WHERE kind = ?1 ORDER BY id")?;
    let rows = stmt.query_map([kind], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        if let Ok(serde_json::Value::Object(m)) = serde_json::from_str(&json?) {
            out.push(m);
        }
    }
    Ok(out)
}

pub fn row_count(conn: &Connection, kind: &str) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM reference_rows WHERE kind = ?1", [kind], |r| r.get(0))?)
}

/// The latest import of a kind: (file, imported_at).
pub fn last_import(conn: &Connection, kind: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row("SELECT file, imported_at FROM reference_imports WHERE kind = ?1 ORDER BY id DESC LIMIT 1", [kind], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Removes a list's rows (a new import of a rule list replaces the old one); returns how many.
pub fn clear(conn: &Connection, kind: &str) -> Result<usize> {
    Ok(conn.execute("DELETE FROM reference_rows WHERE kind = ?1", [kind])?)
}

/// Records an import of a list; returns its id.
pub fn record_import(conn: &Connection, kind: &str, file: &str, sheet: &str, at: &str, rows: usize, problems: usize) -> Result<i64> {
    conn.execute(
        "INSERT INTO reference_imports(kind, file, sheet, imported_at, row_count, problem_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![kind, file, sheet, at, rows as i64, problems as i64],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Stores a list's rows for one import: (row number in the file, fields).
pub fn insert_rows(conn: &Connection, kind: &str, import_id: i64, rows: &[(usize, RefRow)]) -> Result<()> {
    let mut ins = conn.prepare("INSERT INTO reference_rows(kind, import_id, row, data) VALUES (?1, ?2, ?3, ?4)")?;
    for (r, obj) in rows {
        ins.execute(params![kind, import_id, *r as i64, row_text(obj)])?;
    }
    Ok(())
}

/// A row's fields as stored (JSON with its keys in order: the same fields give the same text).
pub fn row_text(obj: &RefRow) -> String {
    serde_json::Value::Object(obj.clone()).to_string()
}

/// The stored rows of a list, as stored (one text per row).
pub fn row_texts(conn: &Connection, kind: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT data FROM reference_rows WHERE kind = ?1")?;
    let rows = stmt.query_map([kind], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
