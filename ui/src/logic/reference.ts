// 参考名单 panel on the 资格审查 screen: labels and status text. Pure functions (unit tested).
import type { Problem, RefKind, RefStatus } from '../api/types'

export interface RefKindInfo {
  kind: RefKind
  label: string
  /** Which rule the list feeds. */
  feeds: string
}

export const REF_KINDS: RefKindInfo[] = [
  { kind: 'provincial-winners', label: '省赛获奖名单', feeds: 'R03' },
  { kind: 'dishonesty', label: '失信名单', feeds: 'R09' },
  { kind: 'other-awards', label: '其他市级赛事获奖名单', feeds: 'R16' },
  { kind: 'recommendations', label: '推荐名单', feeds: '供核对推荐单位' },
]

/** One line of help: which rule each list feeds. */
export const REF_HELP = REF_KINDS.map((k) => `${k.label} → ${k.feeds}`).join('，')

export function refKindLabel(kind: RefKind | string): string {
  return REF_KINDS.find((k) => k.kind === kind)?.label ?? kind
}

/** Tag text for a list's status: “未导入” or “已导入 N 条”. */
export function refStatusText(s: Pick<RefStatus, 'imported' | 'rows'> | null | undefined): string {
  return s && s.imported ? `已导入 ${s.rows} 条` : '未导入'
}

export function refStatusTagType(s: Pick<RefStatus, 'imported'> | null | undefined): 'success' | 'info' {
  return s && s.imported ? 'success' : 'info'
}

/** “文件名 · 时间” under the tag; '' when not imported. */
export function refStatusDetail(s: RefStatus | null | undefined): string {
  if (!s || !s.imported) return ''
  const file = s.file ? baseName(s.file) : ''
  const at = s.imported_at ? formatTime(s.imported_at) : ''
  return [file, at].filter((x) => x !== '').join(' · ')
}

/** Success message after an import: “已导入失信名单 1 条”. */
export function refImportMessage(kind: RefKind | string, rows: number): string {
  return `已导入${refKindLabel(kind)} ${rows} 条`
}

/** One problem of a reference import, as text: “Sheet1 第 3 行 B 身份证号：message”. */
export function refProblemText(p: Pick<Problem, 'sheet' | 'row' | 'column' | 'message'>): string {
  const where = [p.sheet, p.row ? `第 ${p.row} 行` : '', p.column].filter((x) => x && x.trim() !== '').join(' ')
  return where ? `${where}：${p.message}` : p.message
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/)
  return parts[parts.length - 1] || path
}

/** "2026-07-04T17:52:54+08:00" → "2026-07-04 17:52"; anything else is shown as it is. */
function formatTime(t: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(t)
  return m ? `${m[1]} ${m[2]}` : t
}
