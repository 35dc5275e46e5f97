// 备份与恢复: wording shared by the page and its tests.
import type { ContestFileSummary } from '../api/backups'

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
