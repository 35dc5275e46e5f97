import { describe, expect, it } from 'vitest'
import type { Dashboard } from '../api/types'
import {
  activeStep,
  barChartHeight,
  fieldBarOption,
  groupPieOption,
  hasScores,
  horizontalBarOption,
  isBucket,
  progressSteps,
  roundScores,
  scoreHistogramOption,
  scoreSummaries,
  verdictStackOption,
  type ProgressStep,
  type RoundScores,
} from './charts'

// Loose access to option parts (ECharts' option types are unions of arrays and objects).
type Any = any

const rounds: Dashboard['score_distributions'] = [
  {
    round: 'preliminary',
    label: '初赛',
    buckets: [
      { label: '60–65', from: 60, to: 65 },
      { label: '65–70', from: 65, to: 70 },
      { label: '70–75', from: 70, to: 75 },
    ],
    groups: [
      { group: 'enterprise', name: '企业组', entries: 120, complete: 5, scored: 5, counts: [2, 0, 3], min: '60.00', max: '74.50', mean: '67.10' },
      { group: 'startup', name: '创业组', entries: 15, complete: 1, scored: 1, counts: [0, 1, 0], min: '66.00', max: '66.00', mean: '66.00' },
    ],
  },
  {
    round: 'final',
    label: '决赛',
    buckets: [],
    groups: [
      { group: 'enterprise', name: '企业组', entries: 0, complete: 0, scored: 0, counts: [], min: null, max: null, mean: null },
      { group: 'startup', name: '创业组', entries: 0, complete: 0, scored: 0, counts: [], min: null, max: null, mean: null },
    ],
  },
]

function step(key: string, state: ProgressStep['state'], done = 0, total = 0): ProgressStep {
  const label = { not_started: '未开始', in_progress: '进行中', done: '已完成' }[state]
  return { key, title: key, done, total, state, state_label: label, detail: '', route: '/dashboard' }
}

describe('group pie', () => {
  it('is a donut of the groups with entries', () => {
    const o: Any = groupPieOption([
      { group: 'enterprise', name: '企业组', count: 150 },
      { group: 'startup', name: '创业组', count: 90 },
      { group: null, name: '组别未知', count: 0 },
    ])
    expect(o.series).toHaveLength(1)
    expect(o.series[0].type).toBe('pie')
    expect(o.series[0].data).toEqual([
      { name: '企业组', value: 150 },
      { name: '创业组', value: 90 },
    ])
  })
  it('is null without entries', () => {
    expect(groupPieOption([])).toBeNull()
    expect(groupPieOption([{ group: 'enterprise', name: '企业组', count: 0 }])).toBeNull()
  })
})

describe('horizontal bars (county / unit)', () => {
  const items = [
    { name: '潞州区', count: 26 },
    { name: '长子县', count: 19 },
    { name: '其他', count: 4 },
    { name: '未填写', count: 3 },
  ]
  it('keeps the core order from the top and greys the 其他 / 未填写 buckets', () => {
    const o: Any = horizontalBarOption(items)
    expect(o.yAxis.type).toBe('category')
    expect(o.yAxis.inverse).toBe(true)
    expect(o.yAxis.data).toEqual(['潞州区', '长子县', '其他', '未填写'])
    expect(o.series[0].type).toBe('bar')
    expect(o.series[0].data.map((d: Any) => d.value)).toEqual([26, 19, 4, 3])
    const colors = o.series[0].data.map((d: Any) => d.itemStyle.color)
    expect(colors[0]).toBe(colors[1])
    expect(colors[2]).not.toBe(colors[0])
    expect(o.xAxis.type).toBe('value')
  })
  it('is null when empty or all zero', () => {
    expect(horizontalBarOption([])).toBeNull()
    expect(horizontalBarOption([{ name: '潞州区', count: 0 }])).toBeNull()
  })
  it('grows with the number of rows', () => {
    expect(barChartHeight(0)).toBe(220)
    expect(barChartHeight(24)).toBe(24 * 24 + 40)
    expect(barChartHeight(30)).toBeGreaterThan(barChartHeight(24))
  })
  it('knows the buckets', () => {
    expect(isBucket('其他')).toBe(true)
    expect(isBucket('未填写')).toBe(true)
    expect(isBucket('潞州区')).toBe(false)
  })
})

describe('field bars', () => {
  it('puts the fields on the x axis in order, labels rotated when many', () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ name: `领域${i}`, count: 20 - i })).concat([{ name: '其他', count: 5 }])
    const o: Any = fieldBarOption(fields)
    expect(o.xAxis.data).toHaveLength(13)
    expect(o.xAxis.data[0]).toBe('领域0')
    expect(o.xAxis.data[12]).toBe('其他')
    expect(o.xAxis.axisLabel.rotate).toBe(30)
    expect(o.xAxis.axisLabel.interval).toBe(0)
    expect(o.series[0].data[0].value).toBe(20)
  })
  it('is null when empty', () => {
    expect(fieldBarOption([])).toBeNull()
  })
})

describe('verdicts per group', () => {
  const groups: Dashboard['verdicts_by_group'] = [
    { group: 'enterprise', name: '企业组', eligible: 120, ineligible: 10, review: 20, needs_reconfirmation: 1 },
    { group: 'startup', name: '创业组', eligible: 15, ineligible: 60, review: 15, needs_reconfirmation: 0 },
  ]
  it('stacks 符合 / 不符合 / 待人工审核 per group', () => {
    const o: Any = verdictStackOption(groups)
    expect(o.xAxis.data).toEqual(['企业组', '创业组'])
    expect(o.series.map((s: Any) => s.name)).toEqual(['符合', '不符合', '待人工审核'])
    expect(o.series.every((s: Any) => s.type === 'bar' && s.stack === 'verdict')).toBe(true)
    expect(o.series[0].data).toEqual([120, 15])
    expect(o.series[1].data).toEqual([10, 60])
    expect(o.series[2].data).toEqual([20, 15])
    // Zero segments get no label.
    expect(o.series[0].label.formatter({ value: 0 })).toBe('')
    expect(o.series[0].label.formatter({ value: 7 })).toBe('7')
  })
  it('is null without entries', () => {
    expect(verdictStackOption([])).toBeNull()
    expect(verdictStackOption([{ ...groups[0], eligible: 0, ineligible: 0, review: 0 }])).toBeNull()
  })
})

describe('score histogram', () => {
  it('has one bar series per group over the shared buckets', () => {
    const r = roundScores(rounds, 'preliminary')
    expect(hasScores(r)).toBe(true)
    const o: Any = scoreHistogramOption(r)
    expect(o.xAxis.data).toEqual(['60–65', '65–70', '70–75'])
    expect(o.series.map((s: Any) => s.name)).toEqual(['企业组', '创业组'])
    expect(o.series[0].data).toEqual([2, 0, 3])
    expect(o.series[1].data).toEqual([0, 1, 0])
    expect(o.yAxis.minInterval).toBe(1)
  })
  it('is null before any score (还没有评分)', () => {
    expect(hasScores(roundScores(rounds, 'final'))).toBe(false)
    expect(scoreHistogramOption(roundScores(rounds, 'final'))).toBeNull()
    expect(scoreHistogramOption(undefined)).toBeNull()
    expect(scoreHistogramOption(roundScores([], 'preliminary'))).toBeNull()
  })
  it('leaves out groups without entries and pads short counts', () => {
    const r: RoundScores = {
      ...rounds[0],
      groups: [{ ...rounds[0].groups[0], counts: [1] }, { ...rounds[0].groups[1], entries: 0, scored: 0, counts: [] }],
    }
    const o: Any = scoreHistogramOption(r)
    expect(o.series).toHaveLength(1)
    expect(o.series[0].data).toEqual([1, 0, 0])
  })
  it('summarises each group', () => {
    expect(scoreSummaries(roundScores(rounds, 'preliminary'))).toEqual([
      '企业组：已评 5 / 120，平均 67.10（60.00–74.50）',
      '创业组：已评 1 / 15，平均 66.00（66.00–66.00）',
    ])
    expect(scoreSummaries(roundScores(rounds, 'final'))).toEqual([])
  })
})

describe('season progress', () => {
  const steps = [
    step('setup', 'done', 7, 7),
    step('import', 'done', 240, 240),
    step('screening', 'in_progress', 200, 240),
    step('preliminary', 'not_started', 0, 135),
    step('certificates', 'not_started'),
  ]
  it('maps states to el-steps statuses with counts', () => {
    const v = progressSteps(steps)
    expect(v.map((s) => s.status)).toEqual(['success', 'success', 'process', 'wait', 'wait'])
    expect(v[2].description).toBe('进行中 · 200/240 个有结论')
    // The empty contest's "7/7" and "0/32" say what they count.
    const empty = progressSteps([
      { ...step('setup', 'done'), done: 7, total: 7 },
      { ...step('awards', 'not_started'), done: 0, total: 32 },
      { ...step('other', 'in_progress'), done: 1, total: 2 },
    ])
    expect(empty.map((s) => s.description)).toEqual(['已完成 · 7/7 项设置', '未开始 · 0/32 个获奖名额', '进行中 · 1/2'])
    expect(v[4].description).toBe('未开始')
    expect(v.map((s) => s.key)).toEqual(['setup', 'import', 'screening', 'preliminary', 'certificates'])
  })
  it('marks the first unfinished step as current', () => {
    expect(activeStep(steps)).toBe(2)
    expect(activeStep([step('a', 'done'), step('b', 'done')])).toBe(2)
    expect(activeStep([])).toBe(0)
  })
})
