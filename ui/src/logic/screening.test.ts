import { describe, expect, it } from 'vitest'
import type { EntryVerdict, Finding, Outcome } from '../api/types'
import {
  decideBlocker,
  emptyScreeningFilter,
  entryTitle,
  historyChanges,
  filterVerdicts,
  isFilterActive,
  matchesRule,
  needsAttention,
  NO_UNIT,
  nextReviewIndex,
  outcomeLabel,
  outcomeTagType,
  problemRules,
  problemRulesText,
  RULE_IDS,
  ruleFilterLabel,
  sortFindings,
  sortVerdicts,
  uncheckedRules,
  unitOptions,
  verdictLabel,
  verdictTagType,
  viewVerdicts,
} from './screening'

function f(rule: string, outcome: Finding['outcome'], message = `${rule} ${outcome}`): Finding {
  return { rule, outcome, message }
}

function v(no: string, over: Partial<EntryVerdict> = {}): EntryVerdict {
  return {
    project_no: no,
    key: `no:${no}`,
    group: 'enterprise',
    project_name: `项目${no}`,
    entrant_name: `企业${no}`,
    unit: '潞州区',
    verdict: 'eligible',
    auto_verdict: 'eligible',
    decided_by_person: false,
    needs_reconfirmation: false,
    decision: null,
    findings: [f('R01', 'pass'), f('R03', 'unchecked')],
    recommendation: null,
    disqualified: null,
    ...over,
  }
}

const rows: EntryVerdict[] = [
  v('CZ1'),
  v('CZ2', { verdict: 'review', auto_verdict: 'review', findings: [f('R14', 'review'), f('R02', 'pass'), f('R13', 'warn')] }),
  v('CZ3', { verdict: 'ineligible', auto_verdict: 'ineligible', group: 'startup', unit: '上党区', findings: [f('R10', 'fail'), f('R02', 'fail'), f('R09', 'unchecked')] }),
  v('CZ10', {
    verdict: 'eligible',
    auto_verdict: 'review',
    decided_by_person: true,
    decision: { verdict: 'eligible', reason: '已核实', decided_by: '王老师', decided_at: '2026-07-12T10:00:00+08:00' },
    findings: [f('R07', 'review')],
  }),
  v('CZ4', {
    verdict: 'ineligible',
    auto_verdict: 'review',
    decided_by_person: true,
    needs_reconfirmation: true,
    group: null,
    unit: null,
    project_name: '智慧农业ＡＢＣ 平台',
    decision: { verdict: 'ineligible', reason: '不在长治', decided_by: '李老师', decided_at: '2026-07-12T11:00:00+08:00' },
    findings: [f('R04', 'review')],
  }),
]

const keys = (xs: EntryVerdict[]) => xs.map((x) => x.project_no)

describe('screening labels', () => {
  it('names verdicts and outcomes in Chinese with tag colours', () => {
    expect(verdictLabel('eligible')).toBe('符合')
    expect(verdictLabel('ineligible')).toBe('不符合')
    expect(verdictLabel('review')).toBe('待人工审核')
    expect(verdictLabel(null)).toBe('未知')
    expect(verdictTagType('eligible')).toBe('success')
    expect(verdictTagType('ineligible')).toBe('danger')
    expect(verdictTagType('review')).toBe('warning')
    expect(['fail', 'review', 'warn', 'unchecked', 'pass'].map(outcomeLabel)).toEqual([
      '不通过', '需人工审核', '提示', '未检查', '通过',
    ])
    expect(outcomeLabel('other')).toBe('其他')
    expect(outcomeTagType('fail')).toBe('danger')
    expect(outcomeTagType('unchecked')).toBe('info')
  })

  it('knows the sixteen rules and labels the rule filter', () => {
    expect(RULE_IDS).toHaveLength(16)
    expect(RULE_IDS[0]).toBe('R01')
    expect(RULE_IDS[15]).toBe('R16')
    expect(ruleFilterLabel('')).toBe('全部规则')
    expect(ruleFilterLabel('R09')).toBe('R09 失信记录')
    expect(ruleFilterLabel('unchecked')).toBe('未检查（任一规则）')
    expect(ruleFilterLabel('unchecked:R03')).toBe('R03 往届省赛获奖 未检查')
  })

  it('titles an entry with its number and name', () => {
    expect(entryTitle(rows[0])).toBe('CZ1 项目CZ1')
    expect(entryTitle(v('X', { project_no: null, project_name: null }))).toBe('（无编号） （未填项目名称）')
  })
})

describe('findings', () => {
  it('orders findings fail → review → warn → unchecked → pass, then by rule number', () => {
    const fs = [
      f('R01', 'pass'),
      f('R16', 'unchecked'),
      f('R13', 'warn'),
      f('R14', 'review'),
      f('R10', 'fail'),
      f('R03', 'unchecked'),
      f('R02', 'fail'),
      f('R07', 'review'),
    ]
    expect(sortFindings(fs).map((x) => `${x.rule}:${x.outcome}`)).toEqual([
      'R02:fail', 'R10:fail', 'R07:review', 'R14:review', 'R13:warn', 'R03:unchecked', 'R16:unchecked', 'R01:pass',
    ])
    expect(fs[0].rule).toBe('R01') // not sorted in place
  })

  it('lists the rules with a problem once each, in rule order', () => {
    expect(problemRulesText(rows[0])).toBe('')
    expect(problemRulesText(rows[1])).toBe('R13 核心成员人数、R14 数据有效性')
    expect(problemRulesText(rows[2])).toBe('R02 报名时间、R10 创业组成立时间')
    const twice = v('CZ9', { findings: [f('R14', 'warn'), f('R14', 'review'), f('R09', 'unchecked')] })
    expect(problemRules(twice)).toEqual([{ rule: 'R14', outcome: 'review' }])
  })

  it('lists the rules that are unchecked somewhere', () => {
    expect(uncheckedRules(rows)).toEqual(['R03', 'R09'])
    expect(uncheckedRules([])).toEqual([])
  })
})

describe('screening filters', () => {
  it('returns everything with an empty filter', () => {
    expect(filterVerdicts(rows, emptyScreeningFilter())).toHaveLength(rows.length)
    expect(isFilterActive(emptyScreeningFilter())).toBe(false)
    expect(isFilterActive({ ...emptyScreeningFilter(), text: '  ' })).toBe(false)
    expect(isFilterActive({ ...emptyScreeningFilter(), verdict: 'review' })).toBe(true)
  })

  it('filters by effective verdict, decided and needs re-confirmation (the count cards)', () => {
    const by = (verdict: Parameters<typeof filterVerdicts>[1]['verdict']) =>
      keys(filterVerdicts(rows, { ...emptyScreeningFilter(), verdict }))
    expect(by('eligible')).toEqual(['CZ1', 'CZ10'])
    expect(by('ineligible')).toEqual(['CZ3', 'CZ4'])
    expect(by('review')).toEqual(['CZ2'])
    expect(by('decided')).toEqual(['CZ10', 'CZ4'])
    expect(by('reconfirm')).toEqual(['CZ4'])
  })

  it('filters by rule: fail/review/warn findings of that rule, or unchecked ones', () => {
    const by = (rule: string) => keys(filterVerdicts(rows, { ...emptyScreeningFilter(), rule }))
    expect(by('R14')).toEqual(['CZ2'])
    expect(by('R13')).toEqual(['CZ2']) // warn counts
    expect(by('R02')).toEqual(['CZ3']) // CZ2 passes R02
    expect(by('R01')).toEqual([]) // pass never matches
    expect(by('R09')).toEqual([]) // unchecked is not a problem of the rule
    expect(by('unchecked')).toEqual(['CZ1', 'CZ3'])
    expect(by('unchecked:R09')).toEqual(['CZ3'])
    expect(matchesRule(rows[0], 'unchecked:R03')).toBe(true)
  })

  it('filters by group, unit and text (width/case/space-insensitive)', () => {
    expect(keys(filterVerdicts(rows, { ...emptyScreeningFilter(), group: 'startup' }))).toEqual(['CZ3'])
    expect(keys(filterVerdicts(rows, { ...emptyScreeningFilter(), group: 'none' }))).toEqual(['CZ4'])
    expect(keys(filterVerdicts(rows, { ...emptyScreeningFilter(), unit: '上党区' }))).toEqual(['CZ3'])
    expect(keys(filterVerdicts(rows, { ...emptyScreeningFilter(), unit: NO_UNIT }))).toEqual(['CZ4'])
    expect(keys(filterVerdicts(rows, { ...emptyScreeningFilter(), text: 'abc平台' }))).toEqual(['CZ4'])
    expect(keys(filterVerdicts(rows, { ...emptyScreeningFilter(), text: 'cz1' }))).toEqual(['CZ1', 'CZ10'])
    expect(keys(filterVerdicts(rows, { ...emptyScreeningFilter(), text: '企业CZ3' }))).toEqual(['CZ3'])
    expect(keys(filterVerdicts(rows, { ...emptyScreeningFilter(), text: '潞州' }))).toEqual(['CZ1', 'CZ2', 'CZ10'])
  })

  it('combines filters', () => {
    const f2 = { ...emptyScreeningFilter(), verdict: 'ineligible' as const, rule: 'R04', group: 'none' as const }
    expect(keys(filterVerdicts(rows, f2))).toEqual(['CZ4'])
  })

  it('lists units for the unit filter', () => {
    expect(unitOptions(rows)).toEqual(['潞州区', '上党区'].sort(new Intl.Collator('zh-CN').compare))
  })

  // Behaviour on 10,000 rows (speed is for benchmarks, not tests): the right rows in the right order.
  it('filters and sorts 10,000 rows', () => {
    const many: EntryVerdict[] = []
    for (let i = 0; i < 10000; i++) many.push({ ...rows[i % rows.length], key: `k${i}`, project_no: `CZ${i}` })
    const num = (x: EntryVerdict) => Number(x.project_no!.slice(2))
    const r14 = viewVerdicts(many, { ...emptyScreeningFilter(), rule: 'R14', text: 'cz' }, { key: 'project_no', order: 'desc' })
    // Only CZ2 (index 1) has an R14 problem: its 2,000 copies, numerically descending (CZ9996 before CZ996).
    const want = many.filter((_, i) => i % rows.length === 1).map(num).sort((a, b) => b - a)
    expect(r14.map(num)).toEqual(want)
    const byVerdict = viewVerdicts(many, emptyScreeningFilter(), { key: 'verdict', order: 'asc' })
    expect(byVerdict).toHaveLength(10000)
    const order = { review: 0, ineligible: 1, eligible: 2 }
    const misplaced = byVerdict.findIndex((b, i) => {
      if (i === 0) return false
      const a = byVerdict[i - 1]
      const c = order[a.verdict] - order[b.verdict]
      return !(c < 0 || (c === 0 && num(a) < num(b)))
    })
    expect(misplaced).toBe(-1)
    expect(byVerdict.filter((x) => x.verdict === 'review')).toHaveLength(many.filter((x) => x.verdict === 'review').length)
  })
})

describe('sorting', () => {
  it('sorts project numbers numerically and keeps ties in number order', () => {
    expect(keys(sortVerdicts(rows, { key: 'project_no', order: 'asc' }))).toEqual(['CZ1', 'CZ2', 'CZ3', 'CZ4', 'CZ10'])
    expect(keys(sortVerdicts(rows, { key: 'project_no', order: 'desc' }))).toEqual(['CZ10', 'CZ4', 'CZ3', 'CZ2', 'CZ1'])
    expect(keys(sortVerdicts(rows, { key: 'verdict', order: 'asc' }))).toEqual(['CZ2', 'CZ3', 'CZ4', 'CZ1', 'CZ10'])
    // empty group last in both directions
    const last = (xs: unknown[]) => xs[xs.length - 1]
    expect(last(keys(sortVerdicts(rows, { key: 'group', order: 'desc' })))).toBe('CZ4')
    expect(last(keys(sortVerdicts(rows, { key: 'group', order: 'asc' })))).toBe('CZ4')
    expect(keys(sortVerdicts(rows, null))).toEqual(keys(rows))
  })
})

describe('next entry to review', () => {
  const list: EntryVerdict[] = [
    v('A', { verdict: 'review' }),
    v('B'),
    v('C', { verdict: 'ineligible', decided_by_person: true, needs_reconfirmation: true }),
    v('D'),
    v('E', { verdict: 'review' }),
  ]

  it('counts 待人工审核 and 需重新确认 as needing a person', () => {
    expect(list.map(needsAttention)).toEqual([true, false, true, false, true])
  })

  it('goes to the next one after the current row, wrapping around, never the current one', () => {
    expect(nextReviewIndex(list, null)).toBe(0)
    expect(nextReviewIndex(list, 'no:A')).toBe(2)
    expect(nextReviewIndex(list, 'no:B')).toBe(2)
    expect(nextReviewIndex(list, 'no:C')).toBe(4)
    expect(nextReviewIndex(list, 'no:E')).toBe(0)
    expect(nextReviewIndex([list[0]], 'no:A')).toBe(-1)
    expect(nextReviewIndex([list[1], list[3]], 'no:B')).toBe(-1)
    expect(nextReviewIndex([], null)).toBe(-1)
  })

  it('starts at the old position when the current entry has left the list', () => {
    // A was at index 0 and has just been decided: the 待人工审核 filter dropped it.
    const after = [list[2], list[4]]
    expect(nextReviewIndex(after, 'no:A', 0)).toBe(0)
    expect(nextReviewIndex(after, 'no:A', 1)).toBe(1)
    expect(nextReviewIndex(after, 'no:A', 5)).toBe(0) // past the end → wraps
  })
})

describe('decide form', () => {
  it('needs a verdict, a reason and who decided', () => {
    expect(decideBlocker({ verdict: '', reason: 'x', decidedBy: 'y' })).toContain('结论')
    expect(decideBlocker({ verdict: 'eligible', reason: '  ', decidedBy: 'y' })).toContain('理由')
    expect(decideBlocker({ verdict: 'ineligible', reason: '理由', decidedBy: ' ' })).toContain('审核人')
    expect(decideBlocker({ verdict: 'eligible', reason: '理由', decidedBy: '王老师' })).toBe('')
  })
})

describe('historyChanges', () => {
  const f = (rule: string, outcome: Outcome, message = `${rule} 说明`): Finding => ({ rule, outcome, message })
  it('lists the first run’s problems, then only what changed, newest first', () => {
    const rows = historyChanges([
      { run_id: 1, ran_at: '2026-07-11T09:30:00+08:00', trigger: '导入报名数据“a.xlsx”', auto_verdict: 'review', findings: [f('R01', 'pass'), f('R09', 'unchecked'), f('R14', 'review')] },
      { run_id: 3, ran_at: '2026-07-12T09:30:00+08:00', trigger: '导入失信名单“b.xlsx”', auto_verdict: 'ineligible', findings: [f('R01', 'pass'), f('R09', 'fail', '信用代码在失信名单中'), f('R14', 'review')] },
    ])
    expect(rows.map((r) => r.runId)).toEqual([3, 1])
    expect(rows[0].changes).toEqual(['R09 失信记录 未检查 → 不通过：信用代码在失信名单中'])
    expect(rows[0].verdict).toBe('ineligible')
    expect(rows[1].changes).toEqual(['R14 数据有效性 需人工审核：R14 说明'])
  })
  it('says when a rule stops applying and when only the message changed', () => {
    const rows = historyChanges([
      { run_id: 1, ran_at: 't1', trigger: 'x', auto_verdict: 'eligible', findings: [f('R02', 'pass', '旧'), f('R10', 'pass')] },
      { run_id: 2, ran_at: 't2', trigger: 'y', auto_verdict: 'eligible', findings: [f('R02', 'pass', '新')] },
    ])
    expect(rows[0].changes).toEqual(['R02 报名时间 说明变化：新', 'R10 创业组成立时间 不再适用（原为通过）'])
    expect(rows[1].changes).toEqual(['首次审查：各项规则均通过或未检查'])
  })
})
