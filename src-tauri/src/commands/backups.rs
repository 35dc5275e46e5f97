//! 备份与恢复: the contest's backups, a backup by hand, the whole contest exported as one file, and
//! restoring a backup or an exported contest (after a backup of the current state), and the audit log's check.
use std::path::PathBuf;

use saiwu_core::actions;
use saiwu_core::store::audit::AuditReport;
use saiwu_core::store::backups::{self, BackupInfo, ContestFileSummary, Restored};
use tauri::{AppHandle, Runtime};

use super::{now, with_extension, with_store};
use crate::error::CmdResult;

#[tauri::command]
pub async fn backups_list<R: Runtime>(app: AppHandle<R>) -> CmdResult<Vec<BackupInfo>> {
    with_store(app, move |store| Ok(backups::list(&*store)?)).await
}

#[tauri::command]
pub async fn backup_now<R: Runtime>(app: AppHandle<R>) -> CmdResult<BackupInfo> {
    with_store(app, move |store| Ok(actions::backups::backup_now(&*store, now())?)).await
}

/// The whole contest as one `.sqlite` file where the user chose; returns its size in bytes.
#[tauri::command]
pub async fn contest_export<R: Runtime>(app: AppHandle<R>, path: PathBuf) -> CmdResult<u64> {
    with_store(app, move |store| Ok(actions::backups::export_contest(&*store, &with_extension(path, "sqlite"))?)).await
}

/// What a backup or contest file holds, for the confirmation before restoring it.
#[tauri::command]
pub fn backup_summary(path: PathBuf) -> CmdResult<ContestFileSummary> {
    Ok(backups::summary(&path)?)
}

/// The restore is logged as a contest event and moves the head kept on this laptop (see `actions::backups::restore`).
#[tauri::command]
pub async fn backup_restore<R: Runtime>(app: AppHandle<R>, path: PathBuf) -> CmdResult<Restored> {
    with_store(app, move |store| Ok(actions::backups::restore(&mut *store, &path, now())?)).await
}

/// Walks the audit log's hash chain, checks every audited row against it and compares the chain with the
/// head kept on this laptop; `head` is a head printed on the 评分汇总表 (16 or more hex digits), if given.
#[tauri::command]
pub async fn audit_verify<R: Runtime>(app: AppHandle<R>, head: Option<String>) -> CmdResult<AuditReport> {
    // A clean chain is the one this laptop remembers from now on (see `actions::audit::verify`).
    with_store(app, move |store| Ok(actions::audit::verify(&*store, head.as_deref(), now())?)).await
}
