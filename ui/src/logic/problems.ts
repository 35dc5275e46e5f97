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
