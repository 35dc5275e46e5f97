//! The audit log (SPEC §9): every change to the tables that decide a result goes into `audit_log`, hash
//! chained, and [`verify`] detects a contest file edited behind the app's back.
//!
//! Triggers write the log, so no code path can forget it. They are made here from each audited table's
//! columns (on every open, in the migration transaction), so they cannot drift from the schema. The chain
//! hash comes from `saiwu_audit_hash`, a function only the app's own connections register: another tool
//! writing an audited table fails at the trigger, and one that drops the triggers first leaves rows the log
//! does not explain, which `verify` names.
use std::collections::HashMap;

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::store::Store;

/// The audited tables and what they hold, in words.
pub const AUDITED: &[(&str, &str)] = &[
    ("scores", "评分"),
    ("conflicts", "回避"),
    ("decisions", "资格审查人工决定"),
    ("disqualifications", "取消资格"),
    ("advancement", "晋级名单"),
    ("tie_decisions", "并列名次决定"),
    ("award_sets", "锁定的获奖结果"),
    ("award_amendments", "获奖结果更正"),
    ("recommendation_changes", "推荐名单调整"),
    ("unit_awards", "优秀组织单位"),
    ("certificates", "证书编号"),
];

const HASH_FN: &str = "saiwu_audit_hash";

fn chain_hash(prev: &str, tbl: &str, op: &str, key: &str, data: &str) -> String {
    let mut h = Sha256::new();
    for part in [prev, tbl, op, key, data] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Registers the chain function on one of the app's connections.
pub(crate) fn register(conn: &Connection) -> Result<()> {
    conn.create_scalar_function(HASH_FN, 5, FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC, |ctx| {
        let arg = |i: usize| -> rusqlite::Result<String> { Ok(ctx.get::<Option<String>>(i)?.unwrap_or_default()) };
        Ok(chain_hash(&arg(0)?, &arg(1)?, &arg(2)?, &arg(3)?, &arg(4)?))
    })?;
    Ok(())
}

/// A table's columns and primary-key columns, in table order.
fn columns(conn: &Connection, table: &str) -> Result<(Vec<String>, Vec<String>)> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info(\"{table}\")"))?;
    let mut cols = Vec::new();
    let mut pk: Vec<(i64, String)> = Vec::new();
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(5)?)))? {
        let (name, pk_pos) = row?;
        if pk_pos > 0 {
            pk.push((pk_pos, name.clone()));
        }
        cols.push(name);
    }
    pk.sort();
    Ok((cols, pk.into_iter().map(|(_, n)| n).collect()))
}

/// `json_object('a', P."a", …)` of a row (P = NEW, OLD, or a table alias).
fn row_expr(p: &str, cols: &[String]) -> String {
    let parts: Vec<String> = cols.iter().map(|c| format!("'{c}', {p}.\"{c}\"")).collect();
    format!("json_object({})", parts.join(", "))
}

fn key_expr(p: &str, pk: &[String]) -> String {
    if pk.is_empty() {
        return format!("json_array({p}.rowid)");
    }
    let parts: Vec<String> = pk.iter().map(|c| format!("{p}.\"{c}\"")).collect();
    format!("json_array({})", parts.join(", "))
}

/// (Re)makes the audit triggers; on a contest that has none logged yet (made before the log existed),
/// records the rows already there as the baseline the log starts from.
pub(crate) fn install(conn: &Connection) -> Result<()> {
    let logged: i64 = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
    for (table, _) in AUDITED {
        let (cols, pk) = columns(conn, table)?;
        if cols.is_empty() {
            continue;
        }
        for (op, row, when) in [("insert", "NEW", "AFTER INSERT"), ("update", "NEW", "AFTER UPDATE"), ("delete", "OLD", "AFTER DELETE")] {
            let key = key_expr(row, &pk);
            let data = if op == "delete" { "NULL".to_string() } else { row_expr(row, &cols) };
            conn.execute_batch(&format!(
                "DROP TRIGGER IF EXISTS audit_{table}_{op};
                 CREATE TRIGGER audit_{table}_{op} {when} ON \"{table}\" BEGIN
                   INSERT INTO audit_log(tbl, op, row_key, data, hash) VALUES ('{table}', '{op}', {key}, {data},
                     {HASH_FN}((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '{table}', '{op}', {key}, {data}));
                 END;"
            ))?;
        }
    }
    if logged == 0 {
        baseline(conn)?;
    }
    Ok(())
}

/// The current rows of an audited table as (key, data) JSON texts.
fn current_rows(conn: &Connection, table: &str) -> Result<Vec<(String, String)>> {
    let (cols, pk) = columns(conn, table)?;
    if cols.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("SELECT {}, {} FROM \"{table}\" AS t ORDER BY rowid", key_expr("t", &pk), row_expr("t", &cols));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?.collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(rows)
}

fn baseline(conn: &Connection) -> Result<()> {
    let mut prev = String::new();
    let mut insert = conn.prepare("INSERT INTO audit_log(tbl, op, row_key, data, hash) VALUES (?1, 'baseline', ?2, ?3, ?4)")?;
    for (table, _) in AUDITED {
        for (key, data) in current_rows(conn, table)? {
            let hash = chain_hash(&prev, table, "baseline", &key, &data);
            insert.execute(rusqlite::params![table, key, data, hash])?;
            prev = hash;
        }
    }
    Ok(())
}

/// What `verify` found.
#[derive(Debug, Clone, Serialize)]
pub struct AuditReport {
    /// Entries in the log.
    pub entries: i64,
    /// Rows of the audited tables checked against the log.
    pub rows_checked: i64,
    pub ok: bool,
    /// Each problem in words: which log entry or which row, and what is wrong.
    pub problems: Vec<String>,
}

const MAX_PROBLEMS: usize = 200;

/// Walks the chain (every entry's hash from the one before) and checks that every row of the audited
/// tables is exactly what the log says it last became.
pub fn verify(store: &Store) -> Result<AuditReport> {
    let conn = store.conn();
    let mut problems = Vec::new();
    let mut last: HashMap<(String, String), Option<String>> = HashMap::new();
    let mut entries = 0i64;
    {
        let mut stmt = conn.prepare("SELECT id, tbl, op, row_key, data, hash FROM audit_log ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut prev = String::new();
        let mut broken = false;
        while let Some(r) = rows.next()? {
            entries += 1;
            let (id, tbl, op, key, data, hash): (i64, String, String, String, Option<String>, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
            let want = chain_hash(&prev, &tbl, &op, &key, data.as_deref().unwrap_or(""));
            if want != hash && !broken {
                problems.push(format!("审计日志第 {id} 条与前面的记录对不上：日志在软件之外被改动或删除过。"));
                // One break explains the rest of the chain; keep checking the rows below.
                broken = true;
            }
            prev = hash;
            last.insert((tbl, key), if op == "delete" { None } else { data });
        }
    }
    let mut rows_checked = 0i64;
    for (table, label) in AUDITED {
        let mut present = std::collections::HashSet::new();
        for (key, data) in current_rows(conn, table)? {
            rows_checked += 1;
            match last.get(&(table.to_string(), key.clone())) {
                None | Some(None) => problems.push(format!("{label}（{table} {key}）不在审计日志中：是在软件之外写入的。")),
                Some(Some(logged)) if *logged != data => {
                    problems.push(format!("{label}（{table} {key}）与审计日志最后的记录不同：在软件之外被修改过。"))
                }
                Some(Some(_)) => {}
            }
            present.insert(key);
        }
        for ((t, key), data) in &last {
            if t == table && data.is_some() && !present.contains(key) {
                problems.push(format!("{label}（{table} {key}）在审计日志中存在，但已不在赛事文件中：在软件之外被删除。"));
            }
        }
    }
    let total = problems.len();
    if total > MAX_PROBLEMS {
        problems.truncate(MAX_PROBLEMS);
        problems.push(format!("……共 {total} 处问题，只列出前 {MAX_PROBLEMS} 处。"));
    }
    Ok(AuditReport { entries, rows_checked, ok: total == 0, problems })
}

/// The log's newest entry id, for tests and the status line.
pub fn head(store: &Store) -> Result<Option<i64>> {
    Ok(store.conn().query_row("SELECT max(id) FROM audit_log", [], |r| r.get::<_, Option<i64>>(0)).optional()?.flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chain_hash_separates_its_parts() {
        // "ab" + "c" must not hash like "a" + "bc".
        assert_ne!(chain_hash("", "ab", "c", "", ""), chain_hash("", "a", "bc", "", ""));
        assert_eq!(chain_hash("p", "scores", "insert", "[1]", "{}").len(), 64);
    }
}
