// Organizing-unit list editing (settings page). Pure.
import { toHalfWidth } from './text'

function unitKey(s: string): string {
  return toHalfWidth(s).replace(/\s/g, '')
}

/** Add a unit name (trimmed, as typed); refuses blanks and duplicates (ignoring spaces and full/half width). */
export function addUnit(units: readonly string[], name: string): { units: string[]; error: string | null } {
  const n = name.replace(/\s+/g, ' ').trim()
  if (n === '') return { units: [...units], error: '请输入单位名称。' }
  if (units.some((u) => unitKey(u) === unitKey(n))) {
    return { units: [...units], error: `“${n}”已在列表中。` }
  }
  return { units: [...units, n], error: null }
}

export interface SheetCriterion {
  name: string
  max: number
}

/** Total points of a score sheet. */
export function sheetTotal(criteria: readonly SheetCriterion[]): number {
  return criteria.reduce((a, c) => a + (Number.isFinite(c.max) ? c.max : 0), 0)
}

/** What is wrong with a score sheet as typed, in Chinese; '' when it is fine (the core checks it again on save). */
export function sheetProblem(criteria: readonly SheetCriterion[]): string {
  if (criteria.length === 0) return '至少需要一项评分标准。'
  const seen = new Set<string>()
  for (const c of criteria) {
    const n = c.name.trim()
    if (n === '') return '评分标准名称不能为空。'
    if (n === '总分') return '评分标准不能叫“总分”。'
    if (seen.has(n)) return `评分标准“${n}”重复了。`
    seen.add(n)
    if (!Number.isInteger(c.max) || c.max < 1 || c.max > 1000) return `“${n}”的满分应为 1 到 1000 之间的整数。`
  }
  return ''
}

/** The four prize levels in award order, with the keys of `award_quota` / `award_cash` (SPEC §12). */
export const AWARD_LEVELS = [
  { key: 'first', label: '一等奖' },
  { key: 'second', label: '二等奖' },
  { key: 'third', label: '三等奖' },
  { key: 'excellence', label: '优胜奖' },
] as const

// The same bounds as the core's settings::MAX_* (the core checks again on save).
export const MAX_AWARDS_PER_LEVEL = 99
export const MAX_CASH_YUAN = 1_000_000
export const MAX_PROVINCIAL = 99
