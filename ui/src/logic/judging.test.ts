import { describe, expect, it } from 'vitest'
import type { Conflict, GridCell, RankedEntry, RoundGroup, ScoreValue } from '../api/judging'
import type { GroupCode } from '../api/types'
import {
  cellsDiffer,
  cellText,
  conflictMarks,
  defaultTopN,
  draftFromCell,
  formatPoints,
  gridSections,
  keyMove,
  moveInGrid,
  moveItem,
  needsReason,
  nextRound,
  parseRound,
  previousRound,
  roundLabel,
  roundsInForce,
  parseScore,
  parseSeed,
  pointsInput,
  projectorGroups,
  rankStatus,
  rowDirty,
  rowOutcome,
  rowToSend,
  rowTotal,
  scoreError,
  tieBlocker,
  tieEntries,
} from './judging'

const CRIT = [
  { name: '创新性', max: 30 },
  { name: '市场', max: 20 },
  { name: '团队', max: 50 },
]

const cell = (c: Partial<GridCell>): GridCell => ({ criteria: null, total: null, recused: false, keyed: false, ...c })

describe('parseScore', () => {
  it('reads points into hundredths without floating point', () => {
    expect(parseScore('85.5')).toEqual({ ok: true, value: 8550 })
    expect(parseScore('7')).toEqual({ ok: true, value: 700 })
    expect(parseScore('0.07')).toEqual({ ok: true, value: 7 })
    expect(parseScore('12.34')).toEqual({ ok: true, value: 1234 })
    expect(parseScore('.5')).toEqual({ ok: true, value: 50 })
    expect(parseScore('30.')).toEqual({ ok: true, value: 3000 })
    expect(parseScore('  ８５．５ ')).toEqual({ ok: true, value: 8550 })
    expect(parseScore('85。5')).toEqual({ ok: true, value: 8550 })
    expect(parseScore('')).toEqual({ ok: true, value: null })
    expect(parseScore(null)).toEqual({ ok: true, value: null })
  })
  it('refuses what is not a score, in Chinese', () => {
    expect(parseScore('85.555')).toEqual({ ok: false, error: '最多保留两位小数' })
    expect(parseScore('-1')).toEqual({ ok: false, error: '分数不能为负数' })
    expect(parseScore('abc').ok).toBe(false)
    expect(parseScore('.').ok).toBe(false)
    expect(parseScore('1e3').ok).toBe(false)
    expect(parseScore('8 5').ok).toBe(true) // spaces inside are dropped: 85
  })
  it('checks the range of a criterion', () => {
    expect(scoreError('30', 30)).toBe('')
    expect(scoreError('30.01', 30)).toBe('超出范围：应在 0～30 分之间')
    expect(scoreError('0', 30)).toBe('')
    expect(scoreError('', 30)).toBe('')
    expect(scoreError('x', 30)).toMatch(/请输入数字/)
  })
})

describe('points text', () => {
  it('formats hundredths', () => {
    expect(formatPoints(8550)).toBe('85.50')
    expect(formatPoints(7)).toBe('0.07')
    expect(formatPoints(null)).toBe('')
    expect(pointsInput(8550)).toBe('85.5')
    expect(pointsInput(3000)).toBe('30')
    expect(pointsInput(1234)).toBe('12.34')
    expect(pointsInput(5)).toBe('0.05')
    for (const h of [0, 5, 50, 99, 100, 1234, 8550, 10000]) expect(parseScore(pointsInput(h))).toEqual({ ok: true, value: h })
  })
})

describe('grid rows', () => {
  it('prefills from a stored cell', () => {
    expect(draftFromCell(cell({ keyed: true, criteria: [2500, 1850, 4000], total: 8350 }), 3)).toEqual(['25', '18.5', '40'])
    expect(draftFromCell(cell({ keyed: true, total: 8000 }), 3)).toEqual(['', '', ''])
    expect(draftFromCell(cell({ keyed: true, recused: true }), 3)).toEqual(['', '', ''])
    expect(draftFromCell(null, 2)).toEqual(['', ''])
  })
  it('judges a row', () => {
    expect(rowOutcome(['', '', ''], CRIT)).toEqual({ kind: 'empty' })
    expect(rowOutcome(['25', '', ''], CRIT)).toMatchObject({ kind: 'incomplete', missing: 2 })
    expect(rowOutcome(['25', '21', '40'], CRIT)).toEqual({ kind: 'invalid', message: '“市场”超出范围：应在 0～20 分之间' })
    expect(rowOutcome(['25', '18.5', '40'], CRIT)).toEqual({ kind: 'ready', value: { kind: 'criteria', values: [2500, 1850, 4000] }, total: 8350 })
  })
  it('computes the total shown', () => {
    expect(rowTotal(['25', '18.5', '40'], CRIT, null)).toBe(8350)
    expect(rowTotal(['25', '', ''], CRIT, null)).toBe(2500)
    expect(rowTotal(['', '', ''], CRIT, cell({ keyed: true, total: 7000 }))).toBe(7000)
    expect(rowTotal(['', '', ''], CRIT, null)).toBeNull()
    expect(rowTotal(['99', '', ''], CRIT, null)).toBeNull()
  })
  it('knows when a row changed and what to send', () => {
    const stored = cell({ keyed: true, criteria: [2500, 1850, 4000], total: 8350 })
    expect(rowDirty(['25', '18.50', '40'], stored, 3)).toBe(false)
    expect(rowDirty(['25', '18.6', '40'], stored, 3)).toBe(true)
    expect(rowDirty(['', '', ''], null, 3)).toBe(false)
    expect(rowToSend(['25', '18.50', '40'], CRIT, stored)).toBeNull()
    expect(rowToSend(['25', '18.6', '40'], CRIT, stored)).toEqual({ value: { kind: 'criteria', values: [2500, 1860, 4000] } })
    expect(rowToSend(['', '', ''], CRIT, stored)).toEqual({ value: { kind: 'clear' } })
    expect(rowToSend(['', '', ''], CRIT, null)).toBeNull()
    expect(rowToSend(['', '', ''], CRIT, cell({ keyed: true, recused: true }))).toBeNull()
    expect(rowToSend(['1', '', ''], CRIT, null)).toEqual({ error: '还有 2 项未填写' })
  })
  it('asks for a reason only when a pass-1 value changes', () => {
    const stored = cell({ keyed: true, criteria: [1, 2, 3], total: 6 })
    const v: ScoreValue = { kind: 'criteria', values: [1, 2, 4] }
    expect(needsReason(1, stored, v)).toBe(true)
    expect(needsReason(2, stored, v)).toBe(false)
    expect(needsReason(1, null, v)).toBe(false)
    expect(needsReason(1, cell({ keyed: true, recused: true }), { kind: 'recused' })).toBe(false)
  })
  it('describes and compares cells', () => {
    expect(cellText(cell({ keyed: true, criteria: [2500, 1850], total: 4350 }))).toBe('43.50')
    expect(cellText(cell({ keyed: true, total: 8000 }))).toBe('80.00（仅总分）')
    expect(cellText(cell({ keyed: true, recused: true }))).toBe('回避')
    expect(cellText(null)).toBe('')
    expect(cellsDiffer(cell({ keyed: true, criteria: [1, 2], total: 3 }), cell({ keyed: true, criteria: [1, 2], total: 3 }))).toBe(false)
    expect(cellsDiffer(cell({ keyed: true, criteria: [1, 2], total: 3 }), cell({ keyed: true, criteria: [2, 1], total: 3 }))).toBe(true)
    expect(cellsDiffer(cell({ keyed: true, recused: true }), null)).toBe(true)
    expect(cellsDiffer(null, null)).toBe(false)
  })
  it('splits rows by group', () => {
    const row = (k: string, g: GroupCode) => ({ entry_key: k, project_no: k, project_name: '', group: g, cell: cell({}), other_pass: null, conflict: null })
    const s = gridSections([row('a', 'enterprise'), row('b', 'startup'), row('c', 'enterprise')], [{ group: 'enterprise', criteria: CRIT }])
    expect(s.map((x) => [x.group, x.rows.map((r) => r.entry_key), x.sheet !== null])).toEqual([
      ['enterprise', ['a', 'c'], true],
      ['startup', ['b'], false],
    ])
  })
})

describe('grid navigation', () => {
  const cols = [3, 3, 0, 2]
  it('moves right, wrapping to the next row', () => {
    expect(moveInGrid({ row: 0, col: 0 }, 'right', cols)).toEqual({ row: 0, col: 1 })
    expect(moveInGrid({ row: 0, col: 2 }, 'right', cols)).toEqual({ row: 1, col: 0 })
    expect(moveInGrid({ row: 1, col: 2 }, 'right', cols)).toEqual({ row: 3, col: 0 })
    expect(moveInGrid({ row: 3, col: 1 }, 'right', cols)).toBeNull()
  })
  it('moves left, down, up and to the next row', () => {
    expect(moveInGrid({ row: 1, col: 0 }, 'left', cols)).toEqual({ row: 0, col: 2 })
    expect(moveInGrid({ row: 0, col: 0 }, 'left', cols)).toBeNull()
    expect(moveInGrid({ row: 1, col: 2 }, 'down', cols)).toEqual({ row: 3, col: 1 })
    expect(moveInGrid({ row: 3, col: 1 }, 'up', cols)).toEqual({ row: 1, col: 1 })
    expect(moveInGrid({ row: 0, col: 2 }, 'next-row', cols)).toEqual({ row: 1, col: 0 })
    expect(moveInGrid({ row: 3, col: 0 }, 'next-row', cols)).toBeNull()
    expect(moveInGrid({ row: 0, col: 0 }, 'down', [])).toBeNull()
  })
  it('maps keys', () => {
    expect(keyMove({ key: 'Tab' })).toBe('right')
    expect(keyMove({ key: 'Tab', shiftKey: true })).toBe('left')
    expect(keyMove({ key: 'Enter' })).toBe('save')
    expect(keyMove({ key: 'ArrowDown' })).toBe('down')
    expect(keyMove({ key: 'ArrowUp' })).toBe('up')
    expect(keyMove({ key: '5' })).toBeNull()
    expect(keyMove({ key: 'Enter', ctrlKey: true })).toBeNull()
  })
})

function ranked(p: Partial<RankedEntry>): RankedEntry {
  return {
    project_no: 'P',
    group: 'enterprise',
    score: null,
    score_display: null,
    rank: null,
    tie_unresolved: false,
    valid_judges: 0,
    recused: [],
    dropped: [],
    key: 'k',
    project_name: '项目',
    entrant_name: '主体',
    complete: false,
    judges_done: 0,
    judges_expected: 5,
    below_minimum: false,
    tie_notes: [],
    detail: {} as RankedEntry['detail'],
    ...p,
  }
}

describe('ranking helpers', () => {
  it('labels the status', () => {
    expect(rankStatus(ranked({ judges_done: 3 })).map((s) => s.label)).toEqual(['评分未完成 3/5'])
    expect(rankStatus(ranked({ complete: true, rank: 1, below_minimum: true })).map((s) => s.label)).toEqual(['有效评委不足'])
    expect(rankStatus(ranked({ complete: true, rank: 2, tie_unresolved: true })).map((s) => s.label)).toEqual(['并列待定'])
    expect(rankStatus(ranked({ complete: true, rank: null })).map((s) => s.label)).toEqual(['无有效评分'])
    expect(rankStatus(ranked({ complete: true, rank: 1 }))).toEqual([])
  })
  it('orders ties', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(tieBlocker(['a'], 'x', 'y')).toMatch(/两个/)
    expect(tieBlocker(['a', 'b'], ' ', 'y')).toMatch(/依据/)
    expect(tieBlocker(['a', 'b'], 'x', '')).toMatch(/记录人/)
    expect(tieBlocker(['a', 'b'], 'x', 'y')).toBe('')
    const g: RoundGroup = {
      group: 'enterprise',
      label: '企业组',
      entries: [ranked({ project_no: 'A' }), ranked({ project_no: 'B' }), ranked({ project_no: 'C' })],
      open_ties: [],
    }
    expect(tieEntries(g, { rank: 1, project_nos: ['C', 'A'], message: '' }).map((e) => e.project_no)).toEqual(['A', 'C'])
  })
  it('builds the projector lines with ranked entries only', () => {
    const g: RoundGroup = {
      group: 'enterprise',
      label: '企业组',
      entries: [
        ranked({ project_no: 'A', rank: 1, complete: true, score_display: '88.00' }),
        ranked({ project_no: 'B', rank: 1, complete: true, score_display: '88.00', tie_unresolved: true }),
        ranked({ project_no: 'C' }),
        ranked({ project_no: 'D' }),
      ],
      open_ties: [],
    }
    const [p] = projectorGroups([g])
    expect(p.lines.map((l) => [l.rank, l.project_no, l.score_display, l.tie])).toEqual([
      [1, 'A', '88.00', false],
      [1, 'B', '88.00', true],
    ])
    expect(p.pending).toBe(2)
    expect(Object.keys(p.lines[0]).sort()).toEqual(['entrant_name', 'project_name', 'project_no', 'rank', 'score_display', 'tie'])
  })
})

describe('conflicts and misc', () => {
  const c = (judge_id: number, entry_key: string, status: Conflict['status']): Conflict => ({
    id: 1,
    round: 'preliminary',
    judge_id,
    judge_name: '',
    entry_key,
    project_no: entry_key,
    project_name: '',
    source: 'suggested',
    status,
    reason: '',
    decided_by: null,
    decided_at: null,
    note: null,
    carried_from: null,
  })
  it('marks the matrix', () => {
    const m = conflictMarks([c(1, 'a', 'suggested'), c(2, 'a', 'confirmed'), c(3, 'b', 'dismissed')])
    expect(m.get('1|a')).toBe('suggested')
    expect(m.get('2|a')).toBe('confirmed')
    expect(m.get('3|b')).toBeUndefined()
  })
  it('puts the 复赛 between the rounds only when it is enabled', () => {
    expect(roundsInForce(false).map((r) => r.code)).toEqual(['preliminary', 'final'])
    expect(roundsInForce(true).map((r) => r.label)).toEqual(['初赛', '复赛', '决赛'])
    expect(nextRound('preliminary', false)).toBe('final')
    expect(nextRound('preliminary', true)).toBe('semifinal')
    expect(nextRound('semifinal', true)).toBe('final')
    expect(nextRound('final', true)).toBeNull()
    expect(nextRound('semifinal', false)).toBeNull()
    expect(previousRound('final', true)).toBe('semifinal')
    expect(previousRound('final', false)).toBe('preliminary')
    expect(previousRound('preliminary', true)).toBeNull()
    expect(parseRound('semifinal')).toBe('semifinal')
    expect(parseRound('复赛')).toBe('semifinal')
    expect(roundLabel('semifinal')).toBe('复赛')
  })
  it('reads the round, the default top N and seeds', () => {
    expect(parseRound('final')).toBe('final')
    expect(parseRound(['final'])).toBe('final')
    expect(parseRound(undefined)).toBe('preliminary')
    expect(defaultTopN({ final_top_n: 12 })).toBe(12)
    expect(defaultTopN({})).toBe(20)
    expect(defaultTopN(null)).toBe(20)
    expect(parseSeed('')).toEqual({ ok: true, seed: null })
    expect(parseSeed(' 42 ')).toEqual({ ok: true, seed: 42 })
    expect(parseSeed('-1').ok).toBe(false)
    expect(parseSeed('99999999999999999999').ok).toBe(false)
  })
})

describe('leniency helpers', () => {
  it('formats and colours offsets', async () => {
    const { fmt1, offsetTone } = await import('./judging')
    expect(fmt1(null)).toBe('—')
    expect(fmt1(82.625, 2)).toBe('82.63')
    expect(fmt1(3.14159)).toBe('3.1')
    expect(offsetTone(3.2)).toBe('lenient')
    expect(offsetTone(-4)).toBe('strict')
    expect(offsetTone(1)).toBe('')
    expect(offsetTone(null)).toBe('')
  })
})

describe('totals-only keying (issue #11)', () => {
  it('keys one 总分 when the round is totals-only or the sheet has no criteria', async () => {
    const { keysTotal, totalColumn, sheetMaxTotal } = await import('./judging')
    const sheet = { criteria: [{ name: '创新性', max: 30 }, { name: '市场前景', max: 70 }] }
    expect(keysTotal(sheet, false)).toBe(false)
    expect(keysTotal(sheet, true)).toBe(true)
    expect(keysTotal({ criteria: [] }, false)).toBe(true)
    expect(keysTotal(null, true)).toBe(false)
    expect(totalColumn(sheet)).toEqual({ name: '总分', max: 100 })
    expect(sheetMaxTotal({ criteria: [] })).toBe(100)
    expect(sheetMaxTotal({ criteria: [{ name: 'a', max: 40 }] })).toBe(40)
  })

  it('sends a total, clears a blanked one, and refuses one out of range', async () => {
    const { draftFromTotal, totalToSend, totalDirty } = await import('./judging')
    const empty: GridCell = { criteria: null, total: null, recused: false, keyed: false }
    const total: GridCell = { criteria: null, total: 8550, recused: false, keyed: true }
    const byCriteria: GridCell = { criteria: [3000, 5000], total: 8000, recused: false, keyed: true }
    expect(draftFromTotal(total)).toEqual(['85.5'])
    expect(draftFromTotal(byCriteria)).toEqual(['80'])
    expect(draftFromTotal({ ...empty, recused: true, keyed: true })).toEqual([''])
    expect(totalToSend(['88'], 100, empty)).toEqual({ value: { kind: 'total', total: 8800 } })
    expect(totalToSend(['85.50'], 100, total)).toBeNull()
    expect(totalToSend(['80'], 100, byCriteria)).toEqual({ value: { kind: 'total', total: 8000 } })
    expect(totalToSend([''], 100, total)).toEqual({ value: { kind: 'clear' } })
    expect(totalToSend([''], 100, empty)).toBeNull()
    expect(totalToSend(['100.5'], 100, empty)).toEqual({ error: '“总分”超出范围：应在 0～100 分之间' })
    expect(totalDirty(['85.5'], total)).toBe(false)
    expect(totalDirty(['86'], total)).toBe(true)
    expect(totalDirty([''], empty)).toBe(false)
  })
})

describe('bulk dismissal and auto panels (issue #11)', () => {
  it('takes only ticked suggestions and needs a reason and who', async () => {
    const { dismissable, bulkDismissBlocker } = await import('./judging')
    const c = (id: number, status: string) => ({ id, status }) as unknown as Conflict
    const list = [c(1, 'suggested'), c(2, 'confirmed'), c(3, 'suggested'), c(4, 'suggested')]
    expect(dismissable(list, new Set([1, 2, 3]))).toEqual([1, 3])
    expect(bulkDismissBlocker(0, 'x', 'y')).toMatch(/勾选/)
    expect(bulkDismissBlocker(2, ' ', 'y')).toMatch(/理由/)
    expect(bulkDismissBlocker(2, '同名不同人', '')).toMatch(/确认人/)
    expect(bulkDismissBlocker(2, '同名不同人', '秘书处')).toBe('')
  })

  it('checks the judges per panel', async () => {
    const { judgesPerPanelError } = await import('./judging')
    expect(judgesPerPanelError(5, 7)).toBe('')
    expect(judgesPerPanelError(0, 7)).toMatch(/1 到 7/)
    expect(judgesPerPanelError(8, 7)).toMatch(/1 到 7/)
    expect(judgesPerPanelError(2.5, 7)).toMatch(/整数/)
    expect(judgesPerPanelError(null, 7)).toMatch(/整数/)
    expect(judgesPerPanelError(1, 0)).toMatch(/没有/)
  })
})
