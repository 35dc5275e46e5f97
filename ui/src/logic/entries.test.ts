import { describe, expect, it } from 'vitest'
import type { EntryRow } from '../api/types'
import {
  emptyFilter,
  filterEntries,
  hasEntriesWithoutUnit,
  NO_UNIT,
  sortEntries,
  unitOptions,
  viewEntries,
  type EntryFilter,
} from './entries'
import { makeRows } from './testdata'

const ROWS = makeRows(10_000)

function f(p: Partial<EntryFilter>): EntryFilter {
  return { ...emptyFilter(), ...p }
}

function row(p: Partial<EntryRow>): EntryRow {
  return {
    project_no: 'X1',
    key: 'no:X1',
    group: 'enterprise',
    kind: 'company',
    project_name: '',
    entrant_name: '',
    credit_code: null,
    unit: null,
    county: null,
    field: null,
    leader_name: null,
    member_count: 1,
    problem_count: 0,
    missing: false,
    ...p,
  }
}

describe('filterEntries on 10,000 rows', () => {
  it('returns every row with an empty filter, as a new array', () => {
    const out = filterEntries(ROWS, emptyFilter())
    expect(out).toHaveLength(10_000)
    expect(out).not.toBe(ROWS)
  })

  it('filters by group, including entries without a group', () => {
    const ent = filterEntries(ROWS, f({ group: 'enterprise' }))
    const st = filterEntries(ROWS, f({ group: 'startup' }))
    const none = filterEntries(ROWS, f({ group: 'none' }))
    expect(ent.length).toBeGreaterThan(4000)
    expect(st.length).toBeGreaterThan(3000)
    expect(none.length).toBeGreaterThan(0)
    expect(ent.every((r) => r.group === 'enterprise')).toBe(true)
    expect(st.every((r) => r.group === 'startup')).toBe(true)
    expect(none.every((r) => r.group === null)).toBe(true)
    expect(ent.length + st.length + none.length).toBe(10_000)
  })

  it('filters by unit and by “no unit”', () => {
    const u = filterEntries(ROWS, f({ unit: '高新区' }))
    expect(u.length).toBe(ROWS.filter((r) => r.unit === '高新区').length)
    expect(u.every((r) => r.unit === '高新区')).toBe(true)
    const nou = filterEntries(ROWS, f({ unit: NO_UNIT }))
    expect(nou.length).toBeGreaterThan(0)
    expect(nou.every((r) => r.unit === null)).toBe(true)
  })

  it('“仅看有问题” keeps only entries with problems', () => {
    const p = filterEntries(ROWS, f({ problemsOnly: true }))
    expect(p.length).toBe(ROWS.filter((r) => r.problem_count > 0 && !r.missing).length)
    expect(p.every((r) => r.problem_count > 0)).toBe(true)
  })

  it('“仅看有问题” counts what the dashboard and the import count: not the entries missing from the latest import', () => {
    const rows = ROWS.slice(0, 6).map((r, i) => ({ ...r, problem_count: i < 4 ? 2 : 0, missing: i === 0 }))
    const p = filterEntries(rows, f({ problemsOnly: true }))
    expect(p.map((r) => r.key)).toEqual(rows.slice(1, 4).map((r) => r.key))
  })

  it('search matches project number, name, entrant, credit code and leader', () => {
    expect(filterEntries(ROWS, f({ text: 'CK202600123' })).map((r) => r.project_no)).toEqual(['CK202600123'])
    expect(filterEntries(ROWS, f({ text: '项目4321号' })).map((r) => r.project_no)).toEqual(['CK202604321'])
    const byEntrant = filterEntries(ROWS, f({ text: '示例团队77' }))
    expect(byEntrant.length).toBeGreaterThan(0)
    expect(byEntrant.every((r) => r.entrant_name!.includes('示例团队77'))).toBe(true)
    const withCode = ROWS.find((r) => r.credit_code !== null)!
    expect(filterEntries(ROWS, f({ text: withCode.credit_code! })).map((r) => r.project_no)).toEqual([withCode.project_no])
    expect(filterEntries(ROWS, f({ text: '王某8' })).every((r) => r.leader_name!.startsWith('王某8'))).toBe(true)
  })

  it('search ignores case, spaces and full-width characters', () => {
    const a = filterEntries(ROWS, f({ text: 'ck202600123' }))
    const b = filterEntries(ROWS, f({ text: ' ＣＫ２０２６ ００１２３ ' }))
    expect(a.map((r) => r.project_no)).toEqual(['CK202600123'])
    expect(b.map((r) => r.project_no)).toEqual(['CK202600123'])
  })

  it('search does not match other columns such as 县区 or 领域', () => {
    const rows = [row({ project_no: 'A1', county: '沁源县', field: '新材料', project_name: '智能网关' })]
    expect(filterEntries(rows, f({ text: '沁源' }))).toHaveLength(0)
    expect(filterEntries(rows, f({ text: '新材料' }))).toHaveLength(0)
    expect(filterEntries(rows, f({ text: '网关' }))).toHaveLength(1)
  })

  it('combines all filters', () => {
    const out = filterEntries(ROWS, f({ group: 'startup', unit: '潞州区', problemsOnly: true, text: '项目' }))
    const expected = ROWS.filter(
      (r) => r.group === 'startup' && r.unit === '潞州区' && r.problem_count > 0 && r.project_name!.includes('项目'),
    )
    expect(out.map((r) => r.project_no)).toEqual(expected.map((r) => r.project_no))
    expect(out.length).toBeGreaterThan(0)
  })
})

describe('sortEntries', () => {
  it('sorts project numbers numerically, not as text', () => {
    const rows = [row({ project_no: 'CK10' }), row({ project_no: 'CK9' }), row({ project_no: 'CK100' })]
    expect(sortEntries(rows, { key: 'project_no', order: 'asc' }).map((r) => r.project_no)).toEqual(['CK9', 'CK10', 'CK100'])
    expect(sortEntries(rows, { key: 'project_no', order: 'desc' }).map((r) => r.project_no)).toEqual(['CK100', 'CK10', 'CK9'])
  })

  it('sorts by problem count descending with ties in project-number order', () => {
    const out = sortEntries(ROWS, { key: 'problem_count', order: 'desc' })
    for (let i = 1; i < out.length; i++) {
      const a = out[i - 1]
      const b = out[i]
      expect(a.problem_count).toBeGreaterThanOrEqual(b.problem_count)
      if (a.problem_count === b.problem_count) expect(a.project_no! < b.project_no!).toBe(true)
    }
  })

  it('puts empty values last in both directions', () => {
    const rows = [row({ project_no: 'A', unit: '屯留区' }), row({ project_no: 'B', unit: null }), row({ project_no: 'C', unit: '壶关县' }), row({ project_no: 'D', unit: '' })]
    const asc = sortEntries(rows, { key: 'unit', order: 'asc' }).map((r) => r.project_no)
    const desc = sortEntries(rows, { key: 'unit', order: 'desc' }).map((r) => r.project_no)
    expect(asc.slice(2)).toEqual(['B', 'D'])
    expect(desc.slice(2)).toEqual(['B', 'D'])
    expect(asc.slice(0, 2)).toEqual([...desc.slice(0, 2)].reverse())
  })

  it('sorts groups 企业组 before 创业组, ungrouped last', () => {
    const rows = [row({ project_no: '1', group: null }), row({ project_no: '2', group: 'startup' }), row({ project_no: '3', group: 'enterprise' })]
    expect(sortEntries(rows, { key: 'group', order: 'asc' }).map((r) => r.group)).toEqual(['enterprise', 'startup', null])
  })

  it('does not change the input array; null sort keeps order', () => {
    const before = ROWS.slice(0, 50).map((r) => r.project_no)
    sortEntries(ROWS, { key: 'project_name', order: 'desc' })
    expect(ROWS.slice(0, 50).map((r) => r.project_no)).toEqual(before)
    expect(sortEntries(ROWS.slice(0, 5), null).map((r) => r.project_no)).toEqual(before.slice(0, 5))
  })
})

describe('viewEntries performance and helpers', () => {
  // Behaviour on the full 10,000 rows (speed is for benchmarks, not tests): every match and nothing
  // else, in 参赛主体 order, and a warm search cache gives the same answer as fresh row objects.
  it('filters and sorts 10,000 rows: every match, in order, the same with a warm search cache', () => {
    const filter = f({ text: '科技', group: 'enterprise' })
    const sort = { key: 'entrant_name' as const, order: 'asc' as const }
    viewEntries(ROWS, f({ text: '科技' }), sort) // warm the search cache
    const out = viewEntries(ROWS, filter, sort)
    const fields = (r: EntryRow) => [r.project_no!, r.project_name!, r.entrant_name!, r.credit_code ?? '', r.leader_name ?? '']
    const want = ROWS.filter((r) => r.group === 'enterprise' && fields(r).some((v) => v.includes('科技')))
    expect(want.length).toBeGreaterThan(1000)
    expect(out.map((r) => r.project_no).sort()).toEqual(want.map((r) => r.project_no).sort())
    const collator = new Intl.Collator('zh-CN', { numeric: true })
    const misplaced = out.findIndex((r, i) => {
      if (i === 0) return false
      const c = collator.compare(out[i - 1].entrant_name!, r.entrant_name!)
      return !(c < 0 || (c === 0 && collator.compare(out[i - 1].project_no!, r.project_no!) < 0))
    })
    expect(misplaced).toBe(-1)
    const cold = viewEntries(ROWS.map((r) => ({ ...r })), filter, sort)
    expect(cold.map((r) => r.project_no)).toEqual(out.map((r) => r.project_no))
  })

  it('lists distinct units sorted, and detects rows without a unit', () => {
    const u = unitOptions(ROWS)
    expect(new Set(u).size).toBe(u.length)
    expect(u).toContain('长治学院')
    expect(u).not.toContain(null)
    expect(hasEntriesWithoutUnit(ROWS)).toBe(true)
    expect(hasEntriesWithoutUnit([row({ unit: '沁县' })])).toBe(false)
  })
})
