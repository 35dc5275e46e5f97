// Problems list: filter by severity and text, paginate. Pure functions.
import type { Problem, Severity } from '../api/types'
import { normalizeSearch } from './text'

export interface ProblemFilter {
  severity: '' | Severity
  text: string
}

export function filterProblems(list: readonly Problem[], f: ProblemFilter): Problem[] {
  const q = normalizeSearch(f.text)
  return list.filter((p) => {
    if (f.severity !== '' && p.severity !== f.severity) return false
    if (q === '') return true
    const hay = normalizeSearch(
      [p.file, p.sheet, String(p.row), p.column, p.code, p.message, p.hint, p.project_no ?? ''].join(' '),
    )
    return hay.includes(q)
  })
}

export function paginate<T>(list: readonly T[], page: number, size: number): T[] {
  const p = Math.max(1, Math.floor(page))
  const s = Math.max(1, Math.floor(size))
  return list.slice((p - 1) * s, p * s)
}

export function countBySeverity(list: readonly Problem[]): { error: number; warning: number } {
  let error = 0
  let warning = 0
  for (const p of list) {
    if (p.severity === 'error') error++
    else if (p.severity === 'warning') warning++
  }
  return { error, warning }
}

/**
 * How an import's problem count adds up, so it matches 报名项目's 仅看有问题 (which counts entries, not problems):
 * "共 45 条问题：38 条属于 30 个项目（…），7 条属于整个文件（…）". '' when there are none.
 */
export function problemBreakdown(total: number, fileProblems: number, entries: number): string {
  if (total <= 0) return ''
  const own = total - fileProblems
  const parts: string[] = []
  if (own > 0) parts.push(`${own} 条属于 ${entries} 个项目（在“报名项目”中勾选“仅看有问题”看到的就是这 ${entries} 个项目）`)
  if (fileProblems > 0) parts.push(`${fileProblems} 条属于整个文件（如重复的行、成员表中找不到的项目、表格范围外的单元格），不对应某个项目`)
  return `共 ${total} 条问题：${parts.join('；')}。`
}
