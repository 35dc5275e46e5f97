//! Backups of the contest file and restoring one (SPEC §9: backups before imports and award decisions,
//! restore from the UI, a whole contest exported and imported as one file).
//!
//! Backups live in `<folder of the contest file>/backups/`, named `<file stem>-<YYYYmmdd-HHMMSS>-<reason>.sqlite`
//! (see [`Store::backup`]); each is a complete contest file. Restoring copies one back over the open
//! contest after taking a backup of the current state, so a restore can itself be undone.
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use serde::Serialize;

use super::Store;
use crate::error::{CoreError, Result};

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
pub struct BackupInfo {
    pub path: PathBuf,
    pub file_name: String,
    /// When it was taken, "2026-11-27 15:30:00" (from its name).
    pub taken_at: String,
    pub reason: String,
    pub reason_label: String,
    pub bytes: u64,
}

/// What a contest file holds, for the confirmation before restoring it.
#[derive(Debug, Clone, Serialize)]
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
/// share the folder when contest files sit side by side).
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

fn folder(store: &Store) -> Result<PathBuf> {
    if store.path().as_os_str() == ":memory:" {
        return Err(CoreError::Invalid("临时赛事（未保存到文件）没有备份。请先新建或打开赛事文件。".into()));
    }
    Ok(store.path().parent().unwrap_or(Path::new(".")).join("backups"))
}

/// The backups of the open contest, newest first.
pub fn list(store: &Store) -> Result<Vec<BackupInfo>> {
    let dir = folder(store)?;
    let stem = store.path().file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    // (time in the name, when the file was written, the backup)
    let mut out: Vec<(NaiveDateTime, Option<std::time::SystemTime>, BackupInfo)> = Vec::new();
    let read = match std::fs::read_dir(&dir) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    for item in read {
        let item = item?;
        let file_name = item.file_name().to_string_lossy().into_owned();
        let Some((time, reason)) = parse_name(&stem, &file_name) else { continue };
        let meta = item.metadata().ok();
        let bytes = meta.as_ref().map(|m| m.len()).unwrap_or(0);
        out.push((
            time,
            meta.and_then(|m| m.modified().ok()),
            BackupInfo {
                path: item.path(),
                taken_at: time.format("%Y-%m-%d %H:%M:%S").to_string(),
                reason_label: reason_label(&reason),
                reason,
                file_name,
                bytes,
            },
        ));
    }
    // Newest first. Names carry the second only: two backups in the same second (an import right after a
    // manual backup) are ordered by when their files were written.
    out.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.file_name.cmp(&a.2.file_name)));
    Ok(out.into_iter().map(|(_, _, b)| b).collect())
}

fn info_of(path: PathBuf) -> Result<BackupInfo> {
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = file_name.split('-').next().unwrap_or_default().to_string();
    let bytes = std::fs::metadata(&path)?.len();
    let (time, reason) = parse_name(&stem, &file_name).unwrap_or_default();
    Ok(BackupInfo { taken_at: time.format("%Y-%m-%d %H:%M:%S").to_string(), reason_label: reason_label(&reason), reason, file_name, path, bytes })
}

/// A backup taken now, by hand.
pub fn backup_now(store: &Store, now: DateTime<FixedOffset>) -> Result<BackupInfo> {
    folder(store)?;
    let path = store.backup("manual", now)?.ok_or_else(|| CoreError::Invalid("临时赛事没有备份。".into()))?;
    info_of(path)
}

/// The whole contest as one file at `target` (to hand over, or to keep elsewhere): a complete contest
/// file that 打开赛事文件 or a restore takes back. An existing file there is replaced (the save dialog asked);
/// the open contest file itself never is.
pub fn export_contest(store: &Store, target: &Path) -> Result<u64> {
    if same_file(store.path(), target) {
        return Err(CoreError::Invalid("不能导出到当前赛事文件本身，请另选文件名。".into()));
    }
    if target.is_dir() {
        return Err(CoreError::Invalid(format!("“{}”是文件夹，请选择文件名。", target.display())));
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    // VACUUM INTO refuses an existing file: write beside it, then move over it, so a failure leaves
    // whatever was there.
    let tmp = target.with_extension("saiwu-tmp");
    let _ = std::fs::remove_file(&tmp);
    store.conn().execute("VACUUM INTO ?1", [tmp.to_string_lossy()])?;
    std::fs::rename(&tmp, target)?;
    Ok(std::fs::metadata(target)?.len())
}

fn same_file(a: &Path, b: &Path) -> bool {
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

/// What a restore did.
#[derive(Debug, Clone, Serialize)]
pub struct Restored {
    pub from: PathBuf,
    /// The copy of the contest as it was just before (restore it to undo this restore).
    pub safety_backup: BackupInfo,
    pub summary: ContestFileSummary,
}

/// Puts the contest back to a backup (or any contest file), after a backup of the current state.
/// Nothing changes when `from` is not a contest file this version can open.
pub fn restore(store: &mut Store, from: &Path, now: DateTime<FixedOffset>) -> Result<Restored> {
    folder(store)?;
    if same_file(store.path(), from) {
        return Err(CoreError::Invalid("所选文件就是当前赛事文件，无需恢复。".into()));
    }
    // Checked before anything is written.
    let summary = summary(from)?;
    let safety = store.backup("before-restore", now)?.ok_or_else(|| CoreError::Invalid("临时赛事没有备份。".into()))?;
    // The head kept on this laptop first catches up with the log about to be replaced, so the restore event
    // below (which records that head) continues from it.
    store.persist_audit_head(now)?;
    let prev = super::audit::chain_head(store.conn())?;
    store.replace_contents(from)?;
    // The backup's log is older than the one replaced: the event says so, from which head, and what came in.
    let file_name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let detail = serde_json::json!({
        "from": file_name(from),
        "safety_backup": file_name(&safety),
        "replaced_head": prev.hash,
        "replaced_count": prev.count,
    });
    super::audit::record_event_after(store.conn(), "restore", &detail, &prev, now)?;
    // The restore is done: a head file that cannot be written now is no reason to report it failed. The
    // stored head is the one the event records, so verify still accounts for the restore.
    let _ = store.persist_audit_head(now);
    Ok(Restored { from: from.to_path_buf(), safety_backup: info_of(safety)?, summary })
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
