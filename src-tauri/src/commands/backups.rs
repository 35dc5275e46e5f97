//! 备份与恢复: the contest's backups, a backup by hand, the whole contest exported as one file, and
//! restoring a backup or an exported contest (after a backup of the current state), and the audit log's check.
use std::path::PathBuf;

use saiwu_core::store::audit::{self, AuditReport};
use saiwu_core::store::backups::{self, BackupInfo, ContestFileSummary, Restored};
use tauri::State;

use super::{now, with_extension};
use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub fn backups_list(state: State<'_, AppState>) -> CmdResult<Vec<BackupInfo>> {
    Ok(backups::list(&state.store())?)
}

#[tauri::command]
pub fn backup_now(state: State<'_, AppState>) -> CmdResult<BackupInfo> {
    Ok(backups::backup_now(&state.store(), now())?)
}

/// The whole contest as one `.sqlite` file where the user chose; returns its size in bytes.
#[tauri::command]
pub fn contest_export(state: State<'_, AppState>, path: PathBuf) -> CmdResult<u64> {
    Ok(backups::export_contest(&state.store(), &with_extension(path, "sqlite"))?)
}

/// What a backup or contest file holds, for the confirmation before restoring it.
#[tauri::command]
pub fn backup_summary(path: PathBuf) -> CmdResult<ContestFileSummary> {
    Ok(backups::summary(&path)?)
}

/// The restore is logged as a contest event and moves the head kept on this laptop (see `backups::restore`).
#[tauri::command]
pub fn backup_restore(state: State<'_, AppState>, path: PathBuf) -> CmdResult<Restored> {
    Ok(backups::restore(&mut state.store(), &path, now())?)
}

/// Walks the audit log's hash chain, checks every audited row against it and compares the chain with the
/// head kept on this laptop; `head` is a head printed on the 评分汇总表 (16 or more hex digits), if given.
#[tauri::command]
pub fn audit_verify(state: State<'_, AppState>, head: Option<String>) -> CmdResult<AuditReport> {
    let store = state.store();
    let report = audit::verify_with_head(&store, head.as_deref())?;
    if report.ok {
        // A clean chain is the one this laptop remembers from now on.
        store.persist_audit_head(now())?;
    }
    Ok(report)
}
