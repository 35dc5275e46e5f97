// 备份与恢复: wording shared by the page and its tests.
import type { BackupInfo, ContestFileSummary } from '../api/backups'

/** "1.2 MB" / "340 KB" */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** What the contest will look like after the restore, for the confirmation. */
export function summaryText(s: ContestFileSummary): string {
  const parts = [`报名项目 ${s.entries} 个`, `评委 ${s.judges} 位`, `评分 ${s.scores} 条`, `有效证书 ${s.certificates} 张`]
  if (s.awards_frozen) parts.push('获奖结果已锁定')
  const name = s.contest_name ? `“${s.contest_name}”` : '该文件'
  return `${name}中有：${parts.join('，')}。`
}

/** The pruning policy (SPEC §12) in plain words; the core's `backups::POLICY` says the same. */
export const POLICY_TEXT =
  '保留规则：手动备份全部保留；自动备份保留最近 20 个，另外最近 30 天内每天保留当天最后一个，其余自动删除。最近一次导入之前的备份在该导入可以撤销期间也保留。'

/** "共 5 个备份，合计 1.2 MB" */
export function totalText(list: Pick<BackupInfo, 'bytes'>[]): string {
  if (list.length === 0) return '还没有备份'
  return `共 ${list.length} 个备份，合计 ${sizeText(list.reduce((sum, b) => sum + b.bytes, 0))}`
}

/** The time column: a backup from an older version has no record, so its time is the file's. */
export function timeText(b: Pick<BackupInfo, 'taken_at' | 'recorded'>): string {
  return b.recorded ? b.taken_at : `${b.taken_at}（文件时间）`
}
