//! The `imports`, `import_problems`, `mapping_profiles` and `entries_undo` tables: the history of
//! import runs, the problems each found, the saved column mappings and the snapshot that undoes the
//! latest entries import.
use rusqlite::{params, Connection, OptionalExtension, Statement};
use serde::Serialize;

use crate::error::Result;
use crate::model::Problem;

use super::entries::ENTRY_COLUMNS;

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ImportRecord {
    pub id: i64,
    pub file: String,
    pub sheet: String,
    pub imported_at: String,
    pub new: i64,
    pub changed: i64,
    pub unchanged: i64,
    pub missing: i64,
    pub skipped_rows: i64,
    pub problems: i64,
    pub undone: bool,
}

/// A new row of `imports` (its counts are set by `set_counts` once the rows are written).
pub struct NewImport<'a> {
    pub file: &'a str,
    pub path: &'a str,
    pub sha256: &'a str,
    pub sheet: &'a str,
    /// 1-based.
    pub header_row: i64,
    pub mapping_json: &'a str,
    pub columns_json: &'a str,
    pub imported_at: &'a str,
    pub backup_path: Option<&'a str>,
}

pub fn insert_entries_import(conn: &Connection, i: &NewImport) -> Result<i64> {
    conn.execute(
        "INSERT INTO imports(kind, file, path, sha256, sheet, header_row, mapping, columns, imported_at, backup_path, new_count, changed_count, unchanged_count, missing_count, skipped_rows, problem_count)
         VALUES ('entries', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, 0, 0, 0, 0, 0)",
        params![i.file, i.path, i.sha256, i.sheet, i.header_row, i.mapping_json, i.columns_json, i.imported_at, i.backup_path],
    )?;
    Ok(conn.last_insert_rowid())
}

/// new, changed, unchanged, missing, skipped rows, problems.
pub fn set_counts(conn: &Connection, id: i64, counts: [usize; 6]) -> Result<()> {
    let [new, changed, unchanged, missing, skipped, problems] = counts.map(|n| n as i64);
    conn.execute(
        "UPDATE imports SET new_count=?2, changed_count=?3, unchanged_count=?4, missing_count=?5, skipped_rows=?6, problem_count=?7 WHERE id=?1",
        params![id, new, changed, unchanged, missing, skipped, problems],
    )?;
    Ok(())
}

pub fn list_entries_imports(conn: &Connection) -> Result<Vec<ImportRecord>> {
    let mut stmt = conn.prepare(
        "SELECT id, file, sheet, imported_at, new_count, changed_count, unchanged_count, missing_count, skipped_rows, problem_count, undone
         FROM imports WHERE kind = 'entries' ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ImportRecord {
            id: r.get(0)?,
            file: r.get(1)?,
            sheet: r.get(2)?,
            imported_at: r.get(3)?,
            new: r.get(4)?,
            changed: r.get(5)?,
            unchanged: r.get(6)?,
            missing: r.get(7)?,
            skipped_rows: r.get(8)?,
            problems: r.get(9)?,
            undone: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// (id, file, undone) of the latest entries import.
pub fn latest_entries_import(conn: &Connection) -> Result<Option<(i64, String, bool)>> {
    Ok(conn
        .query_row("SELECT id, file, undone FROM imports WHERE kind = 'entries' ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
}

pub fn backup_path(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT backup_path FROM imports WHERE id = ?1", [id], |r| r.get(0)).optional()?.flatten())
}

pub fn problem_from_row(r: &rusqlite::Row) -> rusqlite::Result<Problem> {
    Ok(Problem {
        file: r.get(0)?,
        sheet: r.get(1)?,
        row: r.get::<_, Option<i64>>(2)?.map(|v| v as usize),
        column: r.get(3)?,
        code: r.get(4)?,
        severity: r.get(5)?,
        message: r.get(6)?,
        hint: r.get(7)?,
        project_no: r.get(8)?,
    })
}

/// The columns `problem_from_row` reads, in its order.
pub const PROBLEM_COLUMNS: &str = "file, sheet, row, col, code, severity, message, hint, project_no";

pub fn problems(conn: &Connection, import_id: i64) -> Result<Vec<Problem>> {
    let mut stmt = conn.prepare(&format!("SELECT {PROBLEM_COLUMNS} FROM import_problems WHERE import_id = ?1 ORDER BY row IS NULL, row, id"))?;
    let rows = stmt.query_map([import_id], problem_from_row)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub fn problems_for_entry(conn: &Connection, import_id: i64, key: &str) -> Result<Vec<Problem>> {
    let mut stmt = conn.prepare(&format!("SELECT {PROBLEM_COLUMNS} FROM import_problems WHERE import_id = ?1 AND entry_key = ?2 ORDER BY id"))?;
    let rows = stmt.query_map(params![import_id, key], problem_from_row)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// A prepared insert into `import_problems`, for the many problems of one import.
pub struct ProblemWriter<'c> {
    stmt: Statement<'c>,
    import_id: i64,
}

impl<'c> ProblemWriter<'c> {
    pub fn new(conn: &'c Connection, import_id: i64) -> Result<Self> {
        let stmt = conn.prepare(
            "INSERT INTO import_problems(import_id, entry_key, project_no, file, sheet, row, col, code, severity, message, hint) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        Ok(ProblemWriter { stmt, import_id })
    }

    /// `key`: the entry the problem belongs to, if any.
    pub fn add(&mut self, key: Option<&str>, pr: &Problem) -> Result<()> {
        self.stmt.execute(params![
            self.import_id,
            key,
            pr.project_no,
            pr.file,
            pr.sheet,
            pr.row.map(|r| r as i64),
            pr.column,
            pr.code,
            pr.severity,
            pr.message,
            pr.hint
        ])?;
        Ok(())
    }
}

pub fn profile_names(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM mapping_profiles ORDER BY updated_at DESC, name")?;
    let names = stmt.query_map([], |r| r.get(0))?.collect::<std::result::Result<Vec<String>, _>>()?;
    Ok(names)
}

/// The stored JSON of a profile.
pub fn profile_json(conn: &Connection, name: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT mapping FROM mapping_profiles WHERE name = ?1", [name], |r| r.get(0)).optional()?)
}

pub fn save_profile(conn: &Connection, name: &str, mapping_json: &str, updated_at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO mapping_profiles(name, mapping, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(name) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at",
        params![name, mapping_json, updated_at],
    )?;
    Ok(())
}

/// Keeps the entries table as it was before import `import_id`; only the latest import is undoable.
pub fn snapshot_for_undo(conn: &Connection, import_id: i64) -> Result<()> {
    conn.execute("DELETE FROM entries_undo", [])?;
    conn.execute(&format!("INSERT INTO entries_undo({ENTRY_COLUMNS}, id, undo_import_id) SELECT {ENTRY_COLUMNS}, id, ?1 FROM entries"), [import_id])?;
    Ok(())
}

/// Puts the entries back as they were before import `id` and marks it undone.
pub fn restore_undo(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM entries", [])?;
    conn.execute(&format!("INSERT INTO entries(id, {ENTRY_COLUMNS}) SELECT id, {ENTRY_COLUMNS} FROM entries_undo WHERE undo_import_id = ?1"), [id])?;
    conn.execute("DELETE FROM entries_undo", [])?;
    conn.execute("UPDATE imports SET undone = 1 WHERE id = ?1", [id])?;
    Ok(())
}

/// What refers to the entries that undoing import `id` would delete (added by it) or change (changed or
/// marked missing by it): (what, how many projects, their numbers joined by 、), only kinds with any.
pub fn undo_blockers(conn: &Connection, id: i64) -> Result<Vec<(&'static str, i64, String)>> {
    // The entries as they are now against the snapshot the undo puts back.
    const AFFECTED: &str = "SELECT e.key FROM entries e LEFT JOIN entries_undo u ON u.key = e.key AND u.undo_import_id = ?1
         WHERE u.key IS NULL OR u.content_hash IS NOT e.content_hash OR u.missing IS NOT e.missing";
    // (what, the entry keys it refers to). Suggested 回避 nobody decided on are not a person's work.
    const KINDS: [(&str, &str); 12] = [
        ("评分", "SELECT entry_key FROM scores"),
        ("回避", "SELECT entry_key FROM conflicts WHERE status <> 'suggested'"),
        ("评审分组", "SELECT entry_key FROM panel_entries"),
        ("晋级名单", "SELECT entry_key FROM advancement"),
        ("同分排序", "SELECT j.value FROM tie_decisions, json_each(tie_decisions.entry_keys) j"),
        ("路演抽签", "SELECT j.value FROM draws, json_each(draws.entry_keys) j"),
        ("已锁定的获奖结果", "SELECT json_extract(j.value, '$.key') FROM award_sets, json_each(award_sets.data) j"),
        ("获奖结果更正", "SELECT entry_key FROM award_amendments"),
        ("推荐名单调整", "SELECT entry_key FROM recommendation_changes"),
        ("证书", "SELECT subject_key FROM certificates WHERE kind = 'award'"),
        ("取消资格", "SELECT entry_key FROM disqualifications"),
        ("人工审查决定", "SELECT entry_key FROM decisions"),
    ];
    let mut out = Vec::new();
    for (what, refs) in KINDS {
        let sql = format!(
            "SELECT count(*), group_concat(no, '、') FROM (SELECT DISTINCT coalesce(e.project_no, e.key) AS no FROM entries e
             WHERE e.key IN ({AFFECTED}) AND e.key IN ({refs}) ORDER BY no)"
        );
        let (n, nos): (i64, Option<String>) = conn.query_row(&sql, [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if n > 0 {
            out.push((what, n, nos.unwrap_or_default()));
        }
    }
    Ok(out)
}
