// 备份与恢复 (SPEC §9): the window ↔ core contract. Mirrors src-tauri/src/commands/backups.rs and
// crates/core/src/store/backups.rs. Calls go through `call` in ./index.ts.
import { call } from './index'
import type { BackupInfo } from './gen/BackupInfo'
import type { ContestFileSummary } from './gen/ContestFileSummary'
import type { Restored } from './gen/Restored'
import type { StoredHead } from './gen/StoredHead'
import type { AuditReport } from './gen/AuditReport'

export type { BackupInfo, ContestFileSummary, Restored, StoredHead, AuditReport }


export const backupsList = () => call('backups_list')
export const backupNow = () => call('backup_now')
export const contestExport = (path: string) => call('contest_export', { path })
export const backupSummary = (path: string) => call('backup_summary', { path })
export const backupRestore = (path: string) => call('backup_restore', { path })

/** `head`: a head printed on the 评分汇总表 (16 or more hex digits) to check as well. */
export const auditVerify = (head?: string) => call('audit_verify', { head: head && head.trim() ? head.trim() : null })
