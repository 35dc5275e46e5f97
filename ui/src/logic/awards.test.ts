import { describe, expect, it } from 'vitest'
import type { Award, AwardList, AwardTotal, RecommendedEntry } from '../api/awards'
import type { GroupCode } from '../api/types'
import {
  amendBlocker,
  amendmentText,
  choiceToLevel,
  formatYuan,
  freezeBlocker,
  groupAwards,
  hasPendingTie,
  levelIndex,
  levelLabel,
  lockByBlocker,
  pendingCount,
  pendingKind,
  reasonBlocker,
  recCounts,
  recState,
  recStateLabel,
  shortHash,
  totalCellText,
  totalsTable,
} from './awards'

function award(p: Partial<Award> & { project_no: string }): Award {
  return {
    group: 'enterprise',
    level: 'third',
    pending_reason: null,
    cash_yuan: 10000,
    certificate_no: null,
    key: `no:${p.project_no}`,
    group_label: p.group === 'startup' ? '创业组' : '企业组',
    level_label: null,
    project_name: '项目',
    entrant_name: '主体',
    unit: null,
    rank: 1,
    score: '90',
    score_display: '90.00',
    no_cash_reason: null,
    ...p,
  }
}

function list(awards: Award[], extra: Partial<AwardList> = {}): AwardList {
  return { awards, warnings: [], totals: [], frozen: null, live_differs: false, ...extra }
}

const TIE = '2 个项目并列第 1 名，跨越“一等奖／二等奖”名额线，待评审委员会决定先后（在“评审—排名”中记录决定）'
const INCOMPLETE = '企业组决赛还有 3 个项目评分未完成，奖项待评分完成后确定'

describe('levels', () => {
  it('labels and orders the four levels; null is pending', () => {
    expect(levelLabel('first')).toBe('一等奖')
    expect(levelLabel('excellence')).toBe('优胜奖')
    expect(levelLabel(null)).toBe('待定')
    expect(levelLabel('gold')).toBe('gold')
    expect(levelIndex('first')).toBeLessThan(levelIndex('second'))
    expect(levelIndex(null)).toBe(4)
  })

  it('describes an amendment', () => {
    expect(amendmentText({ old_level: 'second', new_level: 'first' })).toBe('二等奖 → 一等奖')
    expect(amendmentText({ old_level: 'third', new_level: null })).toBe('三等奖 → 取消奖项')
    expect(amendmentText({ old_level: null, new_level: 'excellence' })).toBe('（未获奖） → 优胜奖')
  })
})

describe('formatYuan', () => {
  it('whole yuan with thousands separators', () => {
    expect(formatYuan(30000)).toBe('30,000 元')
    expect(formatYuan(1234567)).toBe('1,234,567 元')
    expect(formatYuan(0)).toBe('0 元')
    expect(formatYuan(999)).toBe('999 元')
    expect(formatYuan(-5000)).toBe('-5,000 元')
    expect(formatYuan(null)).toBe('—')
    expect(formatYuan(undefined)).toBe('—')
    expect(formatYuan(Number.NaN)).toBe('—')
  })
})

describe('groupAwards', () => {
  it('enterprise first, then startup; rank order inside, unranked last', () => {
    const g = groupAwards([
      award({ project_no: 'S1', group: 'startup', rank: 1, level: 'first' }),
      award({ project_no: 'E3', rank: 3 }),
      award({ project_no: 'E0', rank: null, level: 'excellence' }),
      award({ project_no: 'E1b', rank: 1, level: null, pending_reason: TIE }),
      award({ project_no: 'E1a', rank: 1, level: null, pending_reason: TIE }),
    ])
    expect(g.map((x) => x.group)).toEqual(['enterprise', 'startup'])
    expect(g[0].label).toBe('企业组')
    expect(g[0].awards.map((a) => a.project_no)).toEqual(['E1a', 'E1b', 'E3', 'E0'])
    expect(g[1].awards.map((a) => a.project_no)).toEqual(['S1'])
  })

  it('does not change the input', () => {
    const input = [award({ project_no: 'B', rank: 2 }), award({ project_no: 'A', rank: 1 })]
    groupAwards(input)
    expect(input.map((a) => a.project_no)).toEqual(['B', 'A'])
  })
})

describe('totalsTable', () => {
  const t = (group: GroupCode, level: AwardTotal['level'], count: number, cash: number): AwardTotal => ({
    group,
    group_label: group === 'startup' ? '创业组' : '企业组',
    level,
    level_label: levelLabel(level),
    count,
    cash_yuan: cash,
  })
  it('one row per group and the overall row', () => {
    const r = totalsTable([t('startup', 'first', 1, 30000), t('enterprise', 'first', 1, 30000), t('enterprise', 'second', 2, 40000)])
    expect(r.rows.map((x) => x.group)).toEqual(['enterprise', 'startup'])
    expect(r.rows[0].count).toBe(3)
    expect(r.rows[0].cash).toBe(70000)
    expect(r.rows[0].cells.second).toEqual({ count: 2, cash: 40000 })
    expect(r.overall.cells.first).toEqual({ count: 2, cash: 60000 })
    expect(r.overall.count).toBe(4)
    expect(r.overall.cash).toBe(100000)
    expect(totalCellText(r.rows[0].cells.second)).toBe('2 项 · 40,000 元')
    expect(totalCellText(r.rows[0].cells.third)).toBe('—')
  })
  it('empty totals', () => {
    const r = totalsTable([])
    expect(r.rows).toEqual([])
    expect(r.overall.count).toBe(0)
  })
})

describe('pending and the lock', () => {
  it('classifies pending reasons', () => {
    expect(pendingKind(TIE)).toBe('tie')
    expect(pendingKind(INCOMPLETE)).toBe('incomplete')
    expect(pendingKind('别的原因')).toBe('other')
    expect(pendingKind(null)).toBeNull()
    expect(pendingKind('  ')).toBeNull()
  })

  it('finds a pending tie and counts pending entries', () => {
    const l = list([award({ project_no: 'A', level: null, pending_reason: TIE }), award({ project_no: 'B' })])
    expect(hasPendingTie(l)).toBe(true)
    expect(pendingCount(l)).toBe(1)
    expect(hasPendingTie(list([award({ project_no: 'A', level: null, pending_reason: INCOMPLETE })]))).toBe(false)
    expect(hasPendingTie(null)).toBe(false)
  })

  it('says why the list cannot be locked', () => {
    expect(freezeBlocker(null)).not.toBe('')
    expect(freezeBlocker(list([]))).toBe('还没有可以锁定的获奖项目')
    expect(freezeBlocker(list([award({ project_no: 'A', level: null, pending_reason: TIE })]))).toContain('1 个项目')
    expect(freezeBlocker(list([award({ project_no: 'A' })]))).toBe('')
    const frozen = { id: 1, frozen_at: '', frozen_by: '甲', content_hash: 'ab', amendments: [], intact: true }
    expect(freezeBlocker(list([award({ project_no: 'A' })], { frozen }))).toBe('获奖名单已经锁定')
    expect(lockByBlocker(' ')).toBe('请填写锁定人')
    expect(lockByBlocker('王秘书')).toBe('')
  })

  it('shortens the hash', () => {
    expect(shortHash('0123456789abcdef0123')).toBe('0123456789ab…')
    expect(shortHash('abc')).toBe('abc')
    expect(shortHash(null)).toBe('—')
  })
})

describe('reason forms', () => {
  it('amendment: a different level (or 取消奖项), a reason and who', () => {
    expect(amendBlocker('second', '', '理由', '甲')).toBe('请选择更正后的奖项')
    expect(amendBlocker('second', 'second', '理由', '甲')).toBe('更正前后的奖项相同')
    expect(amendBlocker(null, 'none', '理由', '甲')).toBe('这个项目本来就没有奖项')
    expect(amendBlocker('second', 'first', ' ', '甲')).toBe('请填写更正理由')
    expect(amendBlocker('second', 'first', '复议', '')).toBe('请填写操作人')
    expect(amendBlocker('second', 'first', '复议', '甲')).toBe('')
    expect(amendBlocker('third', 'none', '知识产权纠纷', '甲')).toBe('')
    expect(choiceToLevel('none')).toBeNull()
    expect(choiceToLevel('')).toBeNull()
    expect(choiceToLevel('first')).toBe('first')
  })

  it('recommendation / unit: reason and who', () => {
    expect(reasonBlocker('', '甲')).toBe('请填写理由')
    expect(reasonBlocker('理由', ' ')).toBe('请填写操作人')
    expect(reasonBlocker('理由', '甲')).toBe('')
  })
})

describe('recommendation', () => {
  const rec = (p: Partial<RecommendedEntry> & { project_no: string }): RecommendedEntry => ({
    key: `no:${p.project_no}`,
    group: 'enterprise',
    group_label: '企业组',
    project_name: '项目',
    entrant_name: '主体',
    credit_code: null,
    field: null,
    county: null,
    prize: null,
    score_display: null,
    rank: 1,
    leader_name: null,
    leader_phone: null,
    unit: null,
    included: true,
    manual: false,
    reason: '',
    pending: false,
    ...p,
  })
  it('states and counts per group', () => {
    expect(recState({ included: true, pending: false })).toBe('included')
    expect(recState({ included: false, pending: true })).toBe('pending')
    expect(recState({ included: false, pending: false })).toBe('excluded')
    expect(recStateLabel('pending')).toBe('并列待定')
    const c = recCounts([
      rec({ project_no: 'S', group: 'startup', group_label: '创业组' }),
      rec({ project_no: 'A' }),
      rec({ project_no: 'B', included: false, pending: true }),
    ])
    expect(c).toEqual([
      { group: 'enterprise', label: '企业组', count: 1 },
      { group: 'startup', label: '创业组', count: 1 },
    ])
  })
})
