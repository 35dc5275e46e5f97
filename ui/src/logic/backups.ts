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

/** The page's plain words (no 哈希链, no bare .sqlite names): what the audit log is and what the files are. */
export const AUDIT_TEXT =
  '评分、回避、审查决定、晋级、获奖与证书编号的每次改动都记入审计日志。日志是一份防篡改记录：每一条都与上一条相连，在软件之外改动、删除任何一条都会被“校验审计日志”发现。'
export const FILES_TEXT =
  '赛事文件：本软件把一届赛事的全部数据保存在一个文件里（文件名以 .sqlite 结尾）。每个备份也是一个完整的赛事文件，可以在这里恢复，也可以用“打开赛事文件”直接查看；交接给他人时用“导出赛事文件”。'
export const HEAD_TEXT = '当前审计链编号（即评分汇总表上“审计链：”后面的数字）'

/** "共 5 个备份，合计 1.2 MB" */
export function totalText(list: Pick<BackupInfo, 'bytes'>[]): string {
  if (list.length === 0) return '还没有备份'
  return `共 ${list.length} 个备份，合计 ${sizeText(list.reduce((sum, b) => sum + b.bytes, 0))}`
}

/** The time column: a backup from an older version has no record, so its time is the file's. */
export function timeText(b: Pick<BackupInfo, 'taken_at' | 'recorded'>): string {
  return b.recorded ? b.taken_at : `${b.taken_at}（文件时间）`
}
