//! 备份与恢复 as actions: a backup by hand, the whole contest exported as one file, and a restore (after a
//! backup of the current state, logged as a contest event). The files, records and copies themselves are
//! `store::backups`' mechanics; reading the list and a file's summary are queries there.
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::error::{CoreError, Result};
use crate::store::audit;
use crate::store::backups::{self, BackupInfo, Restored};
use crate::store::Store;

/// A backup taken now, by hand.
pub fn backup_now(store: &Store, now: DateTime<FixedOffset>) -> Result<BackupInfo> {
    backups::folder(store)?;
    let path = store.backup("manual", now)?.ok_or_else(|| CoreError::precondition("临时赛事没有备份。"))?;
    backups::info_of(store, &path)
}

/// The whole contest as one file at `target` (to hand over, or to keep elsewhere): a complete contest
/// file that 打开赛事文件 or a restore takes back. An existing file there is replaced (the save dialog asked);
/// the open contest file itself never is. Returns its size in bytes.
pub fn export_contest(store: &Store, target: &Path) -> Result<u64> {
    if backups::same_file(store.path(), target) {
        return Err(CoreError::validation(Some("path"), "不能导出到当前赛事文件本身，请另选文件名。"));
    }
    if target.is_dir() {
        return Err(CoreError::validation(Some("path"), format!("“{}”是文件夹，请选择文件名。", target.display())));
    }
    backups::copy_to(store, target)
}

/// Puts the contest back to a backup (or any contest file), after a backup of the current state.
/// Nothing changes when `from` is not a contest file this version can open.
pub fn restore(store: &mut Store, from: &Path, now: DateTime<FixedOffset>) -> Result<Restored> {
    backups::folder(store)?;
    if backups::same_file(store.path(), from) {
        return Err(CoreError::validation(Some("path"), "所选文件就是当前赛事文件，无需恢复。"));
    }
    // Checked before anything is written.
    let summary = backups::summary(from)?;
    let safety = store.backup("before-restore", now)?.ok_or_else(|| CoreError::precondition("临时赛事没有备份。"))?;
    // The head kept on this laptop first catches up with the log about to be replaced, so the restore event
    // below (which records that head) continues from it.
    store.persist_audit_head(now)?;
    let prev = audit::chain_head(store.conn())?;
    store.replace_contents(from)?;
    // The backup's log is older than the one replaced: the event says so, from which head, and what came in.
    let file_name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let detail = serde_json::json!({
        "from": file_name(from),
        "safety_backup": file_name(&safety),
        "replaced_head": prev.hash,
        "replaced_count": prev.count,
    });
    audit::record_event_after(store.conn(), "restore", &detail, &prev, now)?;
    // The restore is done: a head file that cannot be written now is no reason to report it failed. The
    // stored head is the one the event records, so verify still accounts for the restore.
    let _ = store.persist_audit_head(now);
    Ok(Restored { from: from.to_path_buf(), safety_backup: backups::info_of(store, &safety)?, summary })
}
