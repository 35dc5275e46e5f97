//! Backups of the contest file and restoring one (SPEC §9: backups before imports and award decisions,
//! restore from the UI, a whole contest exported and imported as one file).
//!
//! Backups live in `<folder of the contest file>/backups/`, named `<file stem>-<YYYYmmdd-HHMMSS>-<reason>.sqlite`
//! (see [`Store::backup`]); each is a complete contest file. The name is for people only: beside each backup
//! is its record `<backup file name>.json` (SPEC §12: when, why, how big, which contest file), and the list
//! reads the records, so any contest file name works (`2026-长治.sqlite`). A backup is written as
//! `<name>.partial`, its record written, then renamed into place: a crash never leaves a truncated backup in
//! the list. After each backup the automatic ones are pruned ([`POLICY`]). Restoring copies one back over the
//! open contest after taking a backup of the current state, so a restore can itself be undone.
//!
//! This module is the mechanics (files, records, the copy, the list); the actions that use them — a backup by
//! hand, the whole contest exported, a restore — are in `actions::backups`.
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::Store;
use crate::error::{CoreError, Result};

/// The pruning policy in plain words (SPEC §12), for the CLI; the page states the same.
pub const POLICY: &str =
    "手动备份全部保留；自动备份保留最近 20 个，另外最近 30 天内每天保留当天最后一个，其余自动删除。最近一次导入之前的备份在该导入可以撤销期间也保留。";
/// Automatic backups kept whatever their age.
pub const KEEP_LAST_AUTOMATIC: usize = 20;
/// Days (today included) for which the newest automatic backup of each day is kept.
pub const KEEP_DAILY_DAYS: i64 = 30;

/// Suffix of a file still being written; never listed, removed by the next backup.
const PARTIAL: &str = ".partial";
/// Suffix of a backup's record, after the backup's own file name.
const RECORD: &str = ".json";

/// Why a backup was taken, in words: the codes are the `reason` part of the file name.
pub fn reason_label(code: &str) -> String {
    match code {
        "before-import" => "导入报名数据前".into(),
        "before-undo" => "撤销导入前".into(),
        "before-reference" => "导入参考名单前".into(),
        "before-scores-import" => "导入评分表前".into(),
        "before-disqualification" => "取消资格前".into(),
        "before-award-freeze" => "锁定获奖结果前".into(),
        "before-award-amendment" => "修改已锁定的获奖结果前".into(),
        "before-restore" => "恢复备份前".into(),
        "manual" => "手动备份".into(),
        other => other.to_string(),
    }
}

/// One backup file of the open contest.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub file_name: String,
    /// When it was taken, "2026-11-27 15:30:00", in the time zone it was recorded in.
    pub taken_at: String,
    /// The same instant as RFC 3339 (as stored in the record).
    pub taken_at_rfc3339: String,
    /// False for a backup without a record (made by an older version): its time is the file's time.
    pub recorded: bool,
    pub reason: String,
    pub reason_label: String,
    pub bytes: u64,
    /// Taken by hand (立即备份): never pruned.
    pub manual: bool,
}

/// The record beside a backup, `<backup file name>.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Record {
    /// The contest file's name (not its path: the folder may move with its backups).
    contest: String,
    /// The backup's file name, in the same folder as the record.
    file: String,
    /// The injected `now` when it was taken, RFC 3339.
    taken_at: String,
    reason: String,
    bytes: u64,
}

/// What a contest file holds, for the confirmation before restoring it.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ContestFileSummary {
    pub path: PathBuf,
    pub contest_name: String,
    pub schema_version: i64,
    /// Current entries (not missing from the latest import).
    pub entries: i64,
    pub judges: i64,
    /// Score cells keyed (first pass), both rounds.
    pub scores: i64,
    /// Whether the award result was locked.
    pub awards_frozen: bool,
    pub certificates: i64,
}

/// Reads `<stem>-<YYYYmmdd-HHMMSS>-<reason>[-n].sqlite`; None for any other file (another contest's backups
/// share the folder when contest files sit side by side). Used only for backups without a record (older
/// versions), to tell whose they are; never for the time of a recorded backup.
fn parse_name(stem: &str, file_name: &str) -> Option<(NaiveDateTime, String)> {
    let rest = file_name.strip_prefix(stem)?.strip_prefix('-')?.strip_suffix(".sqlite")?;
    let time = NaiveDateTime::parse_from_str(rest.get(..15)?, "%Y%m%d-%H%M%S").ok()?;
    let mut reason = rest.get(15..)?.strip_prefix('-')?;
    // A second backup in the same second gets "-1", "-2" …
    if let Some((r, n)) = reason.rsplit_once('-') {
        if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
            reason = r;
        }
    }
    (!reason.is_empty()).then(|| (time, reason.to_string()))
}

pub(crate) fn folder(store: &Store) -> Result<PathBuf> {
    if store.path().as_os_str() == ":memory:" {
        return Err(CoreError::precondition("临时赛事（未保存到文件）没有备份。请先新建或打开赛事文件。"));
    }
    Ok(backups_dir(store.path()))
}

pub(crate) fn backups_dir(contest: &Path) -> PathBuf {
    contest.parent().unwrap_or(Path::new(".")).join("backups")
}

fn contest_name(contest: &Path) -> String {
    contest.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn contest_stem(contest: &Path) -> String {
    contest.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn record_path(backup: &Path) -> PathBuf {
    let mut p = backup.as_os_str().to_owned();
    p.push(RECORD);
    PathBuf::from(p)
}

fn partial_path(target: &Path) -> PathBuf {
    let mut p = target.as_os_str().to_owned();
    p.push(PARTIAL);
    PathBuf::from(p)
}

/// The record at `path`, if it is one and names the backup beside it: a record is `<its backup>.json`, so a
/// record naming any other file (`../contest.sqlite`) is ignored and can never get that file pruned.
fn read_record(path: &Path) -> Option<Record> {
    let r: Record = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    let own = path.file_name()?.to_str()?.strip_suffix(RECORD)?;
    (own == r.file && r.file.ends_with(".sqlite")).then_some(r)
}

/// Whether `path` holds a whole SQLite database: its header's page size × page count is its length (and the
/// length its record gives). A copy cut short (an older version wrote backups in place) fails this.
fn complete(path: &Path, recorded_bytes: Option<u64>) -> bool {
    use std::io::Read;
    let mut header = [0u8; 100];
    let Ok(meta) = std::fs::metadata(path) else { return false };
    if !meta.is_file() || std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header)).is_err() {
        return false;
    }
    if &header[..16] != b"SQLite format 3\0" || recorded_bytes.is_some_and(|b| b != meta.len()) {
        return false;
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        n => n as u64,
    };
    let pages = u32::from_be_bytes([header[28], header[29], header[30], header[31]]) as u64;
    // The page count in the header is valid only when the change counter matches "version-valid-for".
    let count_valid = header[24..28] == header[92..96] && pages > 0;
    page_size >= 512 && if count_valid { meta.len() == page_size * pages } else { meta.len() % page_size == 0 }
}

/// Flushes a file's bytes to the disk.
fn sync_file(path: &Path) -> Result<()> {
    std::fs::File::open(path)?.sync_all()?;
    Ok(())
}

/// Makes a rename in `dir` durable (Unix; Windows has no directory handles to flush).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Writes `bytes` to `target` through `<target>.partial`, flushed, then renamed: all of it or nothing.
fn write_atomically(target: &Path, bytes: &[u8]) -> Result<()> {
    super::write_then_rename(&partial_path(target), target, bytes)
}

/// Everything this contest left in `dir` from a backup that did not finish (a crash, a full disk):
/// `.partial` files, and records whose backup never reached its name. Removed before the next backup.
fn leftovers(dir: &Path, contest: &Path) -> Vec<PathBuf> {
    let stem = contest_stem(contest);
    let name = contest_name(contest);
    let Ok(read) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out = Vec::new();
    for item in read.flatten() {
        let file_name = item.file_name().to_string_lossy().into_owned();
        if let Some(base) = file_name.strip_suffix(PARTIAL) {
            let base = base.strip_suffix(RECORD).unwrap_or(base);
            if parse_name(&stem, base).is_some() {
                out.push(item.path());
            }
        } else if file_name.ends_with(RECORD) {
            let Some(r) = read_record(&item.path()) else { continue };
            if r.contest == name && !dir.join(&r.file).is_file() {
                out.push(item.path());
            }
        }
    }
    out
}

/// Takes a backup of `store` into `<folder>/backups/` (see [`Store::backup`], which calls this):
/// VACUUM INTO a `.partial` name, flushed, record written, then renamed into place; then prunes.
pub(crate) fn take(store: &Store, reason: &str, now: DateTime<FixedOffset>) -> Result<PathBuf> {
    let contest = store.path();
    let dir = backups_dir(contest);
    std::fs::create_dir_all(&dir)?;
    for f in leftovers(&dir, contest) {
        let _ = std::fs::remove_file(f);
    }
    let stem = contest_stem(contest);
    let base = format!("{stem}-{}-{reason}", now.format("%Y%m%d-%H%M%S"));
    let mut target = dir.join(format!("{base}.sqlite"));
    let mut n = 1;
    while target.exists() || record_path(&target).exists() {
        target = dir.join(format!("{base}-{n}.sqlite"));
        n += 1;
    }
    let tmp = partial_path(&target);
    let _ = std::fs::remove_file(&tmp);
    let done = (|| -> Result<()> {
        store.conn().execute("VACUUM INTO ?1", [tmp.to_string_lossy()])?;
        sync_file(&tmp)?;
        let record = Record {
            contest: contest_name(contest),
            file: target.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            taken_at: now.to_rfc3339(),
            reason: reason.to_string(),
            bytes: std::fs::metadata(&tmp)?.len(),
        };
        // The record first: a backup under its final name always has one.
        let json = serde_json::to_vec_pretty(&record).map_err(std::io::Error::from)?;
        write_atomically(&record_path(&target), &json)?;
        std::fs::rename(&tmp, &target)?;
        sync_dir(&dir);
        Ok(())
    })();
    if let Err(e) = done {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(record_path(&target));
        return Err(e);
    }
    // A backup that was taken is not undone by a failed clean-up: the next backup prunes again.
    let _ = prune(store, now);
    Ok(target)
}

/// The backups of the open contest, newest first.
pub fn list(store: &Store) -> Result<Vec<BackupInfo>> {
    let dir = folder(store)?;
    list_in(&dir, store.path())
}

fn list_in(dir: &Path, contest: &Path) -> Result<Vec<BackupInfo>> {
    let stem = contest_stem(contest);
    let name = contest_name(contest);
    let read = match std::fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut files: Vec<String> = Vec::new();
    let mut recorded: HashSet<String> = HashSet::new();
    // (instant, when the file was written, the backup)
    let mut out: Vec<(DateTime<FixedOffset>, Option<std::time::SystemTime>, BackupInfo)> = Vec::new();
    for item in read {
        let item = item?;
        let file_name = item.file_name().to_string_lossy().into_owned();
        if file_name.ends_with(PARTIAL) {
            continue;
        }
        if file_name.ends_with(".sqlite") {
            files.push(file_name);
            continue;
        }
        if !file_name.ends_with(RECORD) {
            continue;
        }
        let Some(r) = read_record(&item.path()) else { continue };
        // Whoever's it is, a recorded backup is never mistaken for an older version's.
        recorded.insert(r.file.clone());
        if r.contest != name {
            continue;
        }
        let Ok(time) = DateTime::parse_from_rfc3339(&r.taken_at) else { continue };
        let path = dir.join(&r.file);
        // A record whose backup never reached its name (a crash), or a backup damaged since: nothing to list.
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        if !complete(&path, Some(r.bytes)) {
            continue;
        }
        out.push((time, meta.modified().ok(), info(path, r.file, time, true, r.reason, meta.len())));
    }
    for file_name in files {
        if recorded.contains(&file_name) {
            continue;
        }
        // Made by an older version: whose it is from its name, its time from the file.
        let Some((_, reason)) = parse_name(&stem, &file_name) else { continue };
        let path = dir.join(&file_name);
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        // Older versions wrote in place: a crash left a truncated copy under the final name.
        if !complete(&path, None) {
            continue;
        }
        let modified = meta.modified().ok();
        let time =
            modified.map(|m| DateTime::<chrono::Local>::from(m).fixed_offset()).unwrap_or_else(|| DateTime::<chrono::Utc>::UNIX_EPOCH.fixed_offset());
        out.push((time, modified, info(path, file_name, time, false, reason, meta.len())));
    }
    // Newest first. Two backups in the same instant (an import right after a manual backup, with a clock
    // that counts seconds) are ordered by when their files were written.
    out.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.file_name.cmp(&a.2.file_name)));
    Ok(out.into_iter().map(|(_, _, b)| b).collect())
}

fn info(path: PathBuf, file_name: String, time: DateTime<FixedOffset>, recorded: bool, reason: String, bytes: u64) -> BackupInfo {
    BackupInfo {
        path,
        file_name,
        taken_at: time.format("%Y-%m-%d %H:%M:%S").to_string(),
        taken_at_rfc3339: time.to_rfc3339(),
        recorded,
        manual: reason == "manual",
        reason_label: reason_label(&reason),
        reason,
        bytes,
    }
}

/// The backup at `path` as listed.
pub(crate) fn info_of(store: &Store, path: &Path) -> Result<BackupInfo> {
    list(store)?
        .into_iter()
        .find(|b| b.path == path)
        .ok_or_else(|| CoreError::NotFound(format!("备份“{}”写好后没有出现在备份列表中，请检查备份文件夹。", path.display())))
}

/// Removes the automatic backups the policy no longer keeps (SPEC §12): every manual backup stays; of the
/// automatic ones the newest [`KEEP_LAST_AUTOMATIC`] stay, and the newest of each calendar day (in `now`'s
/// time zone) for the [`KEEP_DAILY_DAYS`] days ending today. Backups without a record (older versions) are
/// left alone, and so is the backup taken before the latest import while it can still be undone (undo names
/// it when it is refused). Returns what was removed.
pub fn prune(store: &Store, now: DateTime<FixedOffset>) -> Result<Vec<PathBuf>> {
    let dir = folder(store)?;
    let protected: Option<String> = store
        .conn()
        .query_row("SELECT backup_path FROM imports WHERE kind = 'entries' AND undone = 0 ORDER BY id DESC LIMIT 1", [], |r| {
            r.get::<_, Option<String>>(0)
        })
        .ok()
        .flatten()
        .and_then(|p| Path::new(&p).file_name().map(|n| n.to_string_lossy().into_owned()));
    let automatic: Vec<BackupInfo> = list_in(&dir, store.path())?.into_iter().filter(|b| b.recorded && !b.manual).collect();
    let keep = kept(&automatic, now);
    let mut removed = Vec::new();
    for (i, b) in automatic.iter().enumerate() {
        if keep[i] || protected.as_deref() == Some(b.file_name.as_str()) {
            continue;
        }
        // The backup first: a record without its backup is not listed, a backup without its record would be.
        std::fs::remove_file(&b.path)?;
        let _ = std::fs::remove_file(record_path(&b.path));
        removed.push(b.path.clone());
    }
    if !removed.is_empty() {
        sync_dir(&dir);
    }
    Ok(removed)
}

/// Which of the automatic backups (newest first) the policy keeps.
fn kept(automatic: &[BackupInfo], now: DateTime<FixedOffset>) -> Vec<bool> {
    let today = now.date_naive();
    let mut days_seen = HashSet::new();
    automatic
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let Ok(t) = DateTime::parse_from_rfc3339(&b.taken_at_rfc3339) else { return true };
            let day = t.with_timezone(now.offset()).date_naive();
            // Newest first, so the first one seen of a day is that day's newest.
            let newest_of_day = days_seen.insert(day);
            i < KEEP_LAST_AUTOMATIC || (newest_of_day && (today - day).num_days() < KEEP_DAILY_DAYS)
        })
        .collect()
}

/// Writes a complete copy of the contest to `target` (the checks are the caller's: see
/// `actions::backups::export_contest`). VACUUM INTO refuses an existing file: the copy is written beside it,
/// then moved over it, so a failure leaves whatever was there. Returns the copy's size in bytes.
pub(crate) fn copy_to(store: &Store, target: &Path) -> Result<u64> {
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = target.with_extension("saiwu-tmp");
    let _ = std::fs::remove_file(&tmp);
    store.conn().execute("VACUUM INTO ?1", [tmp.to_string_lossy()])?;
    std::fs::rename(&tmp, target)?;
    Ok(std::fs::metadata(target)?.len())
}

pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// What a contest file (a backup, an exported contest) holds, read without changing it.
pub fn summary(path: &Path) -> Result<ContestFileSummary> {
    let conn = Store::peek(path)?;
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap_or(0)) };
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let contest_name = conn
        .query_row("SELECT value FROM settings WHERE key = 'contest_name'", [], |r| r.get::<_, String>(0))
        .ok()
        .and_then(|v| serde_json::from_str::<String>(&v).ok())
        .unwrap_or_default();
    Ok(ContestFileSummary {
        path: path.to_path_buf(),
        contest_name,
        schema_version: version,
        entries: count("SELECT count(*) FROM entries WHERE missing = 0")?,
        judges: count("SELECT count(*) FROM judges")?,
        scores: count("SELECT count(*) FROM scores WHERE pass = 1")?,
        awards_frozen: count("SELECT count(*) FROM award_sets")? > 0,
        certificates: count("SELECT count(*) FROM certificates WHERE voided_at IS NULL")?,
    })
}

/// What a restore did (see `actions::backups::restore`).
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Restored {
    pub from: PathBuf,
    /// The copy of the contest as it was just before (restore it to undo this restore).
    pub safety_backup: BackupInfo,
    pub summary: ContestFileSummary,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_for_this_contest_only() {
        let t = |s: &str, n: &str| parse_name(s, n).map(|(t, r)| (t.format("%Y-%m-%d %H:%M:%S").to_string(), r));
        assert_eq!(t("contest", "contest-20261127-153000-before-import.sqlite"), Some(("2026-11-27 15:30:00".into(), "before-import".into())));
        assert_eq!(t("contest", "contest-20261127-153000-manual-2.sqlite"), Some(("2026-11-27 15:30:00".into(), "manual".into())));
        // Another contest file in the same folder, a stray file, a broken time.
        assert_eq!(t("contest", "contest-2-20261127-153000-manual.sqlite"), None);
        assert_eq!(t("contest", "notes.txt"), None);
        assert_eq!(t("contest", "contest-20261399-153000-manual.sqlite"), None);
        assert_eq!(t("contest", "contest-20261127-153000-.sqlite"), None);
        assert_eq!(reason_label("before-award-freeze"), "锁定获奖结果前");
    }
}
