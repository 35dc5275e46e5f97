// Filtering and sorting of the 报名项目 list. Pure functions, fast enough for 10,000+ rows.
import type { EntryRow, GroupCode } from '../api/types'
import { normalizeSearch } from './text'
import { collator, sortByKey } from './sort'

/** '' = all groups, 'none' = entries without a group. */
export type GroupFilter = '' | GroupCode | 'none'

export interface EntryFilter {
  text: string
  group: GroupFilter
  /** '' = all units; NO_UNIT = entries without a 推荐单位 */
  unit: string
  problemsOnly: boolean
}

export const NO_UNIT = '__none__'

export function emptyFilter(): EntryFilter {
  return { text: '', group: '', unit: '', problemsOnly: false }
}

export type SortKey =
  | 'project_no'
  | 'group'
  | 'kind'
  | 'project_name'
  | 'entrant_name'
  | 'credit_code'
  | 'unit'
  | 'county'
  | 'field'
  | 'leader_name'
  | 'problem_count'
export type SortOrder = 'asc' | 'desc'

export interface EntrySort {
  key: SortKey
  order: SortOrder
}

// The text a search box query is matched against, cached per row object.
const haystacks = new WeakMap<EntryRow, string>()

export function searchHaystack(row: EntryRow): string {
  let h = haystacks.get(row)
  if (h === undefined) {
    h = [row.project_no, row.project_name, row.entrant_name, row.credit_code, row.leader_name]
      .map((v) => normalizeSearch(v ?? ''))
      .join('\u0001')
    haystacks.set(row, h)
  }
  return h
}

/** Search matches 项目编号, 项目名称, 参赛主体, 统一社会信用代码, 负责人 (case/width/space-insensitive). */
export function matchesText(row: EntryRow, normalizedQuery: string): boolean {
  if (normalizedQuery === '') return true
  return searchHaystack(row).includes(normalizedQuery)
}

export function filterEntries(rows: readonly EntryRow[], f: EntryFilter): EntryRow[] {
  const q = normalizeSearch(f.text)
  const out: EntryRow[] = []
  for (const r of rows) {
    if (f.group === 'none') {
      if (r.group !== null) continue
    } else if (f.group !== '' && r.group !== f.group) continue
    if (f.unit === NO_UNIT) {
      if (r.unit !== null && r.unit.trim() !== '') continue
    } else if (f.unit !== '' && r.unit !== f.unit) continue
    // The latest import's problems, as the dashboard's 有问题的项目 counts them: an entry missing from that import
    // keeps an older import's problem count and is not one of them.
    if (f.problemsOnly && !(r.problem_count > 0 && !r.missing)) continue
    if (!matchesText(r, q)) continue
    out.push(r)
  }
  return out
}

const GROUP_ORDER: Record<string, number> = { enterprise: 0, startup: 1 }
const KIND_ORDER: Record<string, number> = { company: 0, team: 1 }

function sortValue(row: EntryRow, key: SortKey): string | number | null {
  switch (key) {
    case 'problem_count':
      return row.problem_count
    case 'group':
      return row.group === null ? null : GROUP_ORDER[row.group] ?? 9
    case 'kind':
      return KIND_ORDER[row.kind] ?? 9
    default: {
      const v = row[key]
      return v === null || v === undefined || String(v).trim() === '' ? null : String(v)
    }
  }
}

/**
 * Sorted copy. Empty values always go last (in both orders); ties keep project_no order so the
 * result is deterministic; project numbers compare numerically ("CK2" < "CK10").
 */
export function sortEntries(rows: readonly EntryRow[], sort: EntrySort | null): EntryRow[] {
  if (!sort) return rows.slice()
  return sortByKey(rows, (r) => sortValue(r, sort.key), sort.order, (r) => r.project_no ?? '')
}

export function viewEntries(rows: readonly EntryRow[], f: EntryFilter, sort: EntrySort | null): EntryRow[] {
  return sortEntries(filterEntries(rows, f), sort)
}

/** Distinct 推荐单位 values (sorted), for the unit filter. */
export function unitOptions(rows: readonly EntryRow[]): string[] {
  const set = new Set<string>()
  for (const r of rows) if (r.unit !== null && r.unit.trim() !== '') set.add(r.unit)
  return [...set].sort((a, b) => collator.compare(a, b))
}

export function hasEntriesWithoutUnit(rows: readonly EntryRow[]): boolean {
  return rows.some((r) => r.unit === null || r.unit.trim() === '')
}
