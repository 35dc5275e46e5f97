//! The audit log (SPEC §9): every change to the tables that decide a result goes into `audit_log`, hash
//! chained, and [`verify`] detects a contest file edited behind the app's back.
//!
//! Triggers write the log, so no code path can forget it. They are made here from each audited table's
//! columns (on every open, in the migration transaction), so they cannot drift from the schema. The chain
//! hash comes from `saiwu_audit_hash`, a function only the app's own connections register: another tool
//! writing an audited table fails at the trigger, and one that drops the triggers first leaves rows the log
//! does not explain, which `verify` names.
//!
//! A reset cannot pass quietly either (issue #9, docs/AUDIT.md): the log's append-only guards are remade on
//! every open, a baseline is taken only by the migration that introduced the log, and the contest's own id row
//! is audited, so an emptied log always leaves a row it does not explain. The chain head is also kept outside
//! the file, in `<data dir>/audit-heads/<contest id>.json`, and printed on the 评分汇总表: a log shortened or
//! rewound to an earlier, self-consistent state is named when either is checked.
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{CoreError, Result};
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
    ("contest_identity", "赛事编号"),
    ("contest_events", "赛事级事件（恢复备份、整赛事导入、新赛季）"),
    ("objections", "公示异议"),
    ("provincial_results", "省赛结果"),
    ("followups", "跟踪服务记录"),
    ("growth_flags", "成长快/潜力大标记"),
];

/// The migration that introduced the log: the only one that records existing rows as a baseline.
pub(crate) const LOG_INTRODUCED: &str = "0010_audit";

/// The contest-level events `contest_events` admits.
pub const EVENT_KINDS: &[&str] = &["restore", "contest-import", "season-new"];

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

/// (Re)makes the audit triggers and the log's append-only guards, on every open: a tool that dropped them
/// gets them back before the app writes again. Never takes a baseline (see [`baseline`]).
pub(crate) fn install(conn: &Connection) -> Result<()> {
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
    conn.execute_batch(
        "DROP TRIGGER IF EXISTS audit_log_no_update;
         DROP TRIGGER IF EXISTS audit_log_no_delete;
         CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
         CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
    )?;
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

fn last_hash(conn: &Connection) -> Result<String> {
    Ok(conn.query_row("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).optional()?.unwrap_or_default())
}

fn append(conn: &Connection, prev: &mut String, table: &str, op: &str, key: &str, data: Option<&str>) -> Result<()> {
    let hash = chain_hash(prev, table, op, key, data.unwrap_or(""));
    conn.execute("INSERT INTO audit_log(tbl, op, row_key, data, hash) VALUES (?1, ?2, ?3, ?4, ?5)", rusqlite::params![table, op, key, data, hash])?;
    *prev = hash;
    Ok(())
}

/// Records the rows already there as the state the log starts from. Called only by the migration that
/// introduces the log (a contest made before it); an empty log later is never re-baselined.
pub(crate) fn baseline(conn: &Connection) -> Result<()> {
    let mut prev = last_hash(conn)?;
    for (table, _) in AUDITED {
        for (key, data) in current_rows(conn, table)? {
            append(conn, &mut prev, table, "baseline", &key, Some(&data))?;
        }
    }
    Ok(())
}

/// Each audited table's columns (empty when the table does not exist yet).
pub(crate) fn shapes(conn: &Connection) -> Result<Vec<Vec<String>>> {
    AUDITED.iter().map(|(t, _)| Ok(columns(conn, t)?.0)).collect()
}

/// After a migration: for each audited table whose columns it changed, or that it declares `rebuilt` (a
/// constraint changed, the columns did not), a `schema` entry (the migration's name and the columns before
/// and after), then the new image of every row as `baseline` entries. `verify` checks those images against
/// the rows' last images before the migration, so a migration cannot launder an edit.
pub(crate) fn log_schema_changes(conn: &Connection, migration: &str, before: &[Vec<String>], rebuilt: &[&str]) -> Result<()> {
    let after = shapes(conn)?;
    let mut prev = last_hash(conn)?;
    for (((table, _), was), now) in AUDITED.iter().zip(before).zip(&after) {
        if was == now && !(rebuilt.contains(table) && !now.is_empty()) {
            continue;
        }
        let key = serde_json::json!([migration]).to_string();
        let data = serde_json::json!({ "before": was, "after": now }).to_string();
        append(conn, &mut prev, table, "schema", &key, Some(&data))?;
        for (key, data) in current_rows(conn, table)? {
            append(conn, &mut prev, table, "baseline", &key, Some(&data))?;
        }
    }
    Ok(())
}

/// A random (version 4) UUID from `rng`: the contest's id.
pub fn new_contest_id<R: rand::RngCore + ?Sized>(rng: &mut R) -> String {
    let mut b = [0u8; 16];
    rng.fill_bytes(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// Gives the contest its id, once (an audited insert). Needs the triggers in place.
///
/// A contest that already had a log before it got an id (made by an earlier version) takes an id derived from
/// its first log entry instead of a random one: every copy of that contest, however old, then maps to the same
/// head file, so an earlier copy put back over the file is still compared with the head this laptop kept.
pub(crate) fn ensure_contest_id<R: rand::RngCore + ?Sized>(conn: &Connection, rng: &mut R) -> Result<()> {
    if contest_id(conn)?.is_some() {
        return Ok(());
    }
    let first: Option<(String, String)> =
        conn.query_row("SELECT op, hash FROM audit_log ORDER BY id LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    let id = match first {
        Some((op, hash)) if op != "schema" => {
            let digest = Sha256::digest(format!("saiwu-contest-id\0{hash}").as_bytes());
            let mut bytes = [0u8; 16];
            bytes.copy_from_slice(&digest[..16]);
            new_contest_id(&mut FixedBytes(bytes))
        }
        _ => new_contest_id(rng),
    };
    conn.execute("INSERT INTO contest_identity(one, contest_id) VALUES (1, ?1)", [id])?;
    Ok(())
}

/// Hands out the same 16 bytes: formats a derived id with [`new_contest_id`].
struct FixedBytes([u8; 16]);

impl rand::RngCore for FixedBytes {
    fn next_u32(&mut self) -> u32 {
        u32::from_le_bytes([self.0[0], self.0[1], self.0[2], self.0[3]])
    }
    fn next_u64(&mut self) -> u64 {
        u64::from(self.next_u32())
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for (d, b) in dest.iter_mut().zip(self.0.iter().cycle()) {
            *d = *b;
        }
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> std::result::Result<(), rand::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

/// The contest's id, stored in the file.
pub fn contest_id(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT contest_id FROM contest_identity WHERE one = 1", [], |r| r.get(0)).optional()?)
}

/// The chain's newest hash (hex; empty for an empty log) and how many entries it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainHead {
    pub hash: String,
    pub count: i64,
}

impl ChainHead {
    /// The first 16 hex digits, as printed on the sign-off sheet.
    pub fn short(&self) -> &str {
        self.hash.get(..16).unwrap_or(&self.hash)
    }
}

pub fn chain_head(conn: &Connection) -> Result<ChainHead> {
    let hash = last_hash(conn)?;
    let count = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
    Ok(ChainHead { hash, count })
}

/// Records a contest-level event (`kind` one of [`EVENT_KINDS`]) with the chain head before it; the row is
/// audited like any other. `detail` is free JSON (which file, which backup).
pub fn record_event(conn: &Connection, kind: &str, detail: &serde_json::Value, now: DateTime<FixedOffset>) -> Result<()> {
    record_event_after(conn, kind, detail, &chain_head(conn)?, now)
}

/// [`record_event`] with the head before it given: a restore records the head of the log it replaced.
pub(crate) fn record_event_after(
    conn: &Connection,
    kind: &str,
    detail: &serde_json::Value,
    head: &ChainHead,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    if !EVENT_KINDS.contains(&kind) {
        return Err(CoreError::validation(Some("kind"), format!("未知的赛事级事件“{kind}”。")));
    }
    conn.execute(
        "INSERT INTO contest_events(at, kind, detail, prev_head, prev_count) VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![now.to_rfc3339(), kind, detail.to_string(), head.hash, head.count],
    )?;
    Ok(())
}

/// The chain head as this laptop last saw it: `<data dir>/audit-heads/<contest id>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct StoredHead {
    pub head: String,
    pub count: i64,
    /// When it was written (RFC 3339).
    pub at: String,
}

pub fn head_file(data_dir: &Path, contest_id: &str) -> PathBuf {
    data_dir.join("audit-heads").join(format!("{contest_id}.json"))
}

/// The stored head; `None` when this laptop has none for the contest.
pub fn read_stored_head(path: &Path) -> Result<Option<StoredHead>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        CoreError::precondition(format!("本机的审计链记录“{}”无法读取（{e}）：它被改动或损坏了。请核实后删除它再校验。", path.display()))
    })
}

/// Writes beside the target and renames over it, so a crash leaves the old head or the new one, never half.
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
    // A temporary name per process: the app and the CLI may save the same contest's head at once.
    super::write_then_rename(&path.with_extension(format!("json.tmp{}", std::process::id())), path, text.as_bytes())
}

fn hash_in_chain(conn: &Connection, hash: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT 1 FROM audit_log WHERE hash = ?1 LIMIT 1", [hash], |_| Ok(())).optional()?.is_some())
}

/// A restore event whose previous head is `hash`: the app rewound the log on purpose, and said so.
fn restored_from(conn: &Connection, hash: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT at FROM contest_events WHERE kind = 'restore' AND prev_head = ?1 ORDER BY id DESC LIMIT 1", [hash], |r| r.get(0))
        .optional()?)
}

/// Writes the head file when the chain grew from the stored head (or a restore event continues from it).
/// A chain that no longer holds the stored head is left alone: the stored head is the evidence `verify` needs.
/// Returns the file written, if any.
pub(crate) fn persist_head(conn: &Connection, data_dir: &Path, now: DateTime<FixedOffset>) -> Result<Option<PathBuf>> {
    let Some(id) = contest_id(conn)? else { return Ok(None) };
    let head = chain_head(conn)?;
    if head.count == 0 {
        return Ok(None);
    }
    let path = head_file(data_dir, &id);
    let stored = match read_stored_head(&path) {
        Ok(s) => s,
        // A damaged head file is kept for verify to name.
        Err(CoreError::Precondition(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    if let Some(s) = stored {
        if s.head == head.hash && s.count == head.count {
            return Ok(None);
        }
        let grew = head.count > s.count && hash_in_chain(conn, &s.head)?;
        if !grew && restored_from(conn, &s.head)?.is_none() {
            return Ok(None);
        }
    }
    let text =
        serde_json::to_string_pretty(&StoredHead { head: head.hash, count: head.count, at: now.to_rfc3339() }).map_err(std::io::Error::from)?;
    write_atomically(&path, &text)?;
    Ok(Some(path))
}

/// What `verify` found.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct AuditReport {
    /// Entries in the log.
    pub entries: i64,
    /// Rows of the audited tables checked against the log.
    pub rows_checked: i64,
    pub ok: bool,
    /// Each problem in words: which log entry or which row, and what is wrong.
    pub problems: Vec<String>,
    pub contest_id: Option<String>,
    /// The chain's newest hash (hex) — its first 16 digits are printed on the 评分汇总表.
    pub head: String,
    /// The head this laptop kept for the contest, if any.
    pub stored_head: Option<StoredHead>,
    /// What was checked besides the file, in words (the head kept on this laptop, a printed head).
    pub notes: Vec<String>,
}

const MAX_PROBLEMS: usize = 200;

/// Walks the chain (every entry's hash from the one before), checks that every row of the audited tables is
/// exactly what the log says it last became, and compares the chain with the head this laptop kept.
pub fn verify(store: &Store) -> Result<AuditReport> {
    verify_with_head(store, None)
}

fn short(h: &str) -> &str {
    h.get(..16).unwrap_or(h)
}

/// [`verify`], and also checks a head printed earlier (the first 16 or more hex digits of it).
pub fn verify_with_head(store: &Store, printed: Option<&str>) -> Result<AuditReport> {
    let printed = match printed {
        None => None,
        Some(p) => {
            let p = p.trim().to_ascii_lowercase();
            if p.len() < 16 || p.len() > 64 || !p.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(CoreError::validation(
                    Some("head"),
                    format!("“{p}”不是审计链：请照评分汇总表上“审计链：”后面的十六进制数字输入，至少 16 位（0-9、a-f）。"),
                ));
            }
            Some(p)
        }
    };
    let conn = store.conn();
    let contest_id = contest_id(conn)?;
    let stored_path = match (store.data_dir(), &contest_id) {
        (Some(dir), Some(id)) => Some(head_file(dir, id)),
        _ => None,
    };
    let stored = match &stored_path {
        Some(p) => read_stored_head(p)?,
        None => None,
    };
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let mut last: HashMap<(String, String), Option<String>> = HashMap::new();
    // Rows' images before a migration changed their table's shape, waiting for their new images.
    let mut reimage: HashMap<String, (i64, HashMap<String, Option<String>>)> = HashMap::new();
    let mut entries = 0i64;
    let mut head = String::new();
    let mut stored_at: Option<i64> = None;
    let mut printed_at: Option<i64> = None;
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
            // Heads count only on the unbroken part of the chain.
            if !broken {
                if stored.as_ref().is_some_and(|s| s.head == hash) {
                    stored_at = Some(entries);
                }
                if printed_at.is_none() && printed.as_deref().is_some_and(|p| hash.starts_with(p)) {
                    printed_at = Some(entries);
                }
            }
            prev = hash.clone();
            head = hash;
            if op == "schema" {
                settle(&tbl, &mut reimage, &mut problems);
                let before: HashMap<String, Option<String>> =
                    last.iter().filter(|((t, _), _)| *t == tbl).map(|((_, k), d)| (k.clone(), d.clone())).collect();
                last.retain(|(t, _), _| *t != tbl);
                reimage.insert(tbl, (id, before));
                continue;
            }
            if op == "baseline" {
                if let Some((sid, before)) = reimage.get_mut(&tbl) {
                    let label = label_of(&tbl);
                    match before.remove(&key) {
                        Some(Some(old)) if !same_on_common_fields(&old, data.as_deref().unwrap_or("")) => {
                            problems.push(format!("{label}（{tbl} {key}）在第 {sid} 条记录的升级之前就与审计日志不同：在软件之外被修改过。"))
                        }
                        Some(Some(_)) => {}
                        _ => problems.push(format!("{label}（{tbl} {key}）在第 {sid} 条记录的升级时出现，但审计日志中没有它：是在软件之外写入的。")),
                    }
                }
            } else {
                settle(&tbl, &mut reimage, &mut problems);
            }
            last.insert((tbl, key), if op == "delete" { None } else { data });
        }
    }
    let pending: Vec<String> = reimage.keys().cloned().collect();
    for t in pending {
        settle(&t, &mut reimage, &mut problems);
    }
    let mut rows_checked = 0i64;
    for (table, label) in AUDITED {
        let mut present = std::collections::HashSet::new();
        let mut cols = columns(conn, table)?.0;
        cols.sort();
        let mut reshaped = false;
        for (key, data) in current_rows(conn, table)? {
            rows_checked += 1;
            match last.get(&(table.to_string(), key.clone())) {
                None | Some(None) => problems.push(format!("{label}（{table} {key}）不在审计日志中：是在软件之外写入的。")),
                Some(Some(logged)) if *logged != data => {
                    if !reshaped && field_names(logged) != cols {
                        reshaped = true;
                        problems.push(format!(
                            "{label}（{table}）的表结构与审计日志中的记录不同：表结构在软件之外被改动过（只有软件升级会改表结构，并记入日志）。"
                        ));
                    }
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
    let restores: i64 = conn.query_row("SELECT count(*) FROM contest_events WHERE kind = 'restore'", [], |r| r.get(0))?;
    match (&stored, &stored_path) {
        (_, None) => notes.push("本机没有此赛事的审计链记录（未指定数据文件夹）：只核对了赛事文件本身。".into()),
        (None, Some(p)) => notes.push(format!(
            "本机没有此赛事的审计链记录（{}）：只核对了赛事文件本身；日志被整体回退到更早的状态时单凭文件无法发现，请再用评分汇总表上打印的审计链核对（--head）。",
            p.display()
        )),
        (Some(s), Some(_)) => match stored_at {
            Some(n) if n == s.count => notes.push(format!("与本机记录的审计链一致（{} 记下 {}…，共 {} 条；现有 {entries} 条）。", s.at, short(&s.head), s.count)),
            _ => match restored_from(conn, &s.head)? {
                Some(at) => notes.push(format!("本机记录的审计链（{} 记下 {}…，共 {} 条）之后，赛事于 {at} 由本软件从备份恢复，已记入日志。", s.at, short(&s.head), s.count)),
                None => problems.push(format!(
                    "审计日志比本机记录的短：本机于 {} 记下链头 {}…、共 {} 条，赛事文件中的日志现有 {entries} 条且{}——日志被截短、清空或回退，或在软件之外被改写。",
                    s.at,
                    short(&s.head),
                    s.count,
                    if stored_at.is_some() { "该链头不在应有的位置" } else { "不含该链头" }
                )),
            },
        },
    }
    if let Some(p) = &printed {
        match printed_at {
            Some(n) => notes.push(format!("打印的审计链 {p} 在日志中（第 {n} 条），其后还有 {} 条。", entries - n)),
            None => {
                let restored = conn
                    .query_row("SELECT at FROM contest_events WHERE kind = 'restore' AND prev_head LIKE ?1 || '%' LIMIT 1", [p], |r| {
                        r.get::<_, String>(0)
                    })
                    .optional()?;
                match restored {
                    Some(at) => notes.push(format!("打印的审计链 {p} 是赛事于 {at} 由本软件从备份恢复之前的链头，已记入日志。")),
                    None => problems.push(format!(
                        "打印的审计链 {p} 不在审计日志中：日志被截短、清空、回退或改写过{}。",
                        if restores > 0 {
                            format!("（本赛事曾由本软件从备份恢复 {restores} 次，恢复到打印之前的备份也会如此，见赛事级事件）")
                        } else {
                            String::new()
                        }
                    )),
                }
            }
        }
    }
    let total = problems.len();
    if total > MAX_PROBLEMS {
        problems.truncate(MAX_PROBLEMS);
        problems.push(format!("……共 {total} 处问题，只列出前 {MAX_PROBLEMS} 处。"));
    }
    Ok(AuditReport { entries, rows_checked, ok: total == 0, problems, contest_id, head, stored_head: stored, notes })
}

fn label_of(table: &str) -> &'static str {
    AUDITED.iter().find(|(t, _)| *t == table).map(|(_, l)| *l).unwrap_or("审计记录")
}

/// Rows that had an image before a `schema` entry but got none after it were deleted before the upgrade.
fn settle(table: &str, reimage: &mut HashMap<String, (i64, HashMap<String, Option<String>>)>, problems: &mut Vec<String>) {
    if let Some((sid, before)) = reimage.remove(table) {
        let mut gone: Vec<&String> = before.iter().filter(|(_, d)| d.is_some()).map(|(k, _)| k).collect();
        gone.sort();
        for key in gone {
            problems.push(format!("{}（{table} {key}）在第 {sid} 条记录的升级之前就已不在赛事文件中：在软件之外被删除。", label_of(table)));
        }
    }
}

/// Two row images agree on the columns both have (a migration may add or drop columns, not change values).
fn same_on_common_fields(old: &str, new: &str) -> bool {
    let parse = |s: &str| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(s).ok();
    match (parse(old), parse(new)) {
        (Some(a), Some(b)) => a.iter().all(|(k, v)| b.get(k).is_none_or(|w| w == v)),
        _ => old == new,
    }
}

/// The column names of a logged row image, sorted.
fn field_names(data: &str) -> Vec<String> {
    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(data).map(|m| m.keys().cloned().collect()).unwrap_or_default()
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

    #[test]
    fn contest_ids_are_version_4_uuids_from_the_given_source() {
        use rand::SeedableRng;
        let a = new_contest_id(&mut rand_chacha::ChaCha8Rng::seed_from_u64(7));
        let b = new_contest_id(&mut rand_chacha::ChaCha8Rng::seed_from_u64(7));
        let c = new_contest_id(&mut rand_chacha::ChaCha8Rng::seed_from_u64(8));
        assert_eq!(a, b);
        assert_ne!(a, c);
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12], "{a}");
        assert!(parts[2].starts_with('4') && "89ab".contains(&parts[3][..1]), "{a}");
    }

    /// Two 优秀组织单位 written through the app's triggers.
    fn store_with_units() -> Store {
        let store = Store::open_in_memory().unwrap();
        for unit in ["潞州区工信局", "长治高新区"] {
            store.conn().execute("INSERT INTO unit_awards VALUES (?1, '组织得力', '秘书处', '2026-11-20T10:00:00+08:00')", [unit]).unwrap();
        }
        store
    }

    /// What a migration that adds a column to an audited table does, as `Store::migrate` runs it.
    fn migrate_unit_awards(conn: &Connection, log_it: bool) {
        let before = shapes(conn).unwrap();
        conn.execute_batch("ALTER TABLE unit_awards ADD COLUMN note TEXT NOT NULL DEFAULT ''").unwrap();
        if log_it {
            log_schema_changes(conn, "9999_test", &before, &[]).unwrap();
        }
        install(conn).unwrap();
    }

    #[test]
    fn a_migration_that_reshapes_an_audited_table_logs_a_schema_event() {
        let store = store_with_units();
        migrate_unit_awards(store.conn(), true);
        let r = verify(&store).unwrap();
        assert!(r.ok, "{:?}", r.problems);
        let (op, key, data): (String, String, String) = store
            .conn()
            .query_row("SELECT op, row_key, data FROM audit_log WHERE tbl = 'unit_awards' AND op = 'schema'", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!((op.as_str(), key.as_str()), ("schema", "[\"9999_test\"]"));
        assert!(data.contains("\"note\""), "{data}");
        // Both rows re-imaged after it, with the new column.
        let images: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM audit_log WHERE tbl = 'unit_awards' AND op = 'baseline' AND data LIKE '%\"note\"%'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(images, 2);
        // Rows changed after the migration are checked against the new images.
        store.conn().execute("UPDATE unit_awards SET note = '补' WHERE unit = '长治高新区'", []).unwrap();
        assert!(verify(&store).unwrap().ok);
    }

    #[test]
    fn a_shape_change_without_a_schema_event_is_named() {
        let store = store_with_units();
        migrate_unit_awards(store.conn(), false);
        let r = verify(&store).unwrap();
        assert!(!r.ok);
        assert!(r.problems.iter().any(|p| p.contains("表结构与审计日志中的记录不同")), "{:?}", r.problems);
    }

    #[test]
    fn a_migration_does_not_launder_an_edit_made_before_it() {
        let store = store_with_units();
        store
            .conn()
            .execute_batch("DROP TRIGGER audit_unit_awards_update; UPDATE unit_awards SET reason = '改过' WHERE unit = '潞州区工信局';")
            .unwrap();
        store.conn().execute_batch("DROP TRIGGER audit_unit_awards_delete; DELETE FROM unit_awards WHERE unit = '长治高新区';").unwrap();
        migrate_unit_awards(store.conn(), true);
        let text = verify(&store).unwrap().problems.join("\n");
        assert!(text.contains("优秀组织单位（unit_awards [\"潞州区工信局\"]）在第") && text.contains("升级之前就与审计日志不同"), "{text}");
        assert!(text.contains("[\"长治高新区\"]）在第") && text.contains("升级之前就已不在赛事文件中"), "{text}");
    }
}
