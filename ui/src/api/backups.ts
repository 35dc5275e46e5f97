// 备份与恢复 (SPEC §9): the window ↔ core contract. Mirrors src-tauri/src/commands/backups.rs and
// crates/core/src/store/backups.rs. Calls go through `call` in ./index.ts.
import { call } from './index'

export interface BackupInfo {
  path: string
  file_name: string
  /** "2026-11-27 15:30:00" */
  taken_at: string
  /** The same instant, RFC 3339, as stored in the backup's record. */
  taken_at_rfc3339: string
  /** False for a backup made by an older version (no record): its time is the file's time. */
  recorded: boolean
  reason: string
  reason_label: string
  bytes: number
  /** Taken by hand: never pruned. */
  manual: boolean
}

export interface ContestFileSummary {
  path: string
  contest_name: string
  schema_version: number
  entries: number
  judges: number
  scores: number
  awards_frozen: boolean
  certificates: number
}

export interface Restored {
  from: string
  safety_backup: BackupInfo
  summary: ContestFileSummary
}

export const backupsList = () => call<BackupInfo[]>('backups_list')
export const backupNow = () => call<BackupInfo>('backup_now')
export const contestExport = (path: string) => call<number>('contest_export', { path })
export const backupSummary = (path: string) => call<ContestFileSummary>('backup_summary', { path })
export const backupRestore = (path: string) => call<Restored>('backup_restore', { path })

export interface StoredHead {
  head: string
  count: number
  at: string
}

export interface AuditReport {
  entries: number
  rows_checked: number
  ok: boolean
  problems: string[]
  contest_id: string | null
  /** The chain's newest hash (hex); its first 16 digits are printed on the 评分汇总表. */
  head: string
  /** The head this laptop kept for the contest, if any. */
  stored_head: StoredHead | null
  /** What was checked besides the file, in words. */
  notes: string[]
}

/** `head`: a head printed on the 评分汇总表 (16 or more hex digits) to check as well. */
export const auditVerify = (head?: string) => call<AuditReport>('audit_verify', { head: head && head.trim() ? head.trim() : null })
