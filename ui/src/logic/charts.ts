// The dashboard's ECharts options (SPEC §8), built from the `dashboard` command's data by pure
// functions (unit tested). A builder returns null when there is nothing to draw; the view then shows
// its empty state. Only bar and pie series with grid, tooltip and legend are used — the chart
// component registers exactly those (src/components/dashboard/echarts.ts).
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, PieSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { Dashboard } from '../api/types'

export type ChartOption = ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>

export type GroupCount = Dashboard['by_group'][number]
export type NamedCount = Dashboard['by_county'][number]
export type GroupVerdicts = Dashboard['verdicts_by_group'][number]
export type RoundScores = Dashboard['score_distributions'][number]
export type ProgressStep = Dashboard['progress'][number]

/** Element Plus colours, so the charts match the rest of the window. */
export const COLORS = {
  primary: '#409eff',
  success: '#67c23a',
  warning: '#e6a23c',
  danger: '#f56c6c',
  info: '#909399',
  palette: ['#409eff', '#67c23a', '#e6a23c', '#9b59b6', '#f56c6c', '#36cfc9', '#909399'],
}

const TEXT = { color: '#606266', fontSize: 12 }

/** Entries by group as a donut; null when there are no entries. */
export function groupPieOption(groups: GroupCount[]): ChartOption | null {
  const data = groups.filter((g) => g.count > 0).map((g) => ({ name: g.name, value: g.count }))
  if (data.length === 0) return null
  return {
    color: COLORS.palette,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 个项目（{d}%）' },
    legend: { bottom: 0, textStyle: TEXT },
    series: [
      {
        type: 'pie',
        name: '组别',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        avoidLabelOverlap: true,
        label: { formatter: '{b}\n{c}', ...TEXT },
        data,
      },
    ],
  }
}

/**
 * A horizontal bar per name, in the given order from the top (the core sends most first, then 其他
 * and 未填写); null when the list is empty or all zero.
 */
export function horizontalBarOption(items: NamedCount[], seriesName = '项目数'): ChartOption | null {
  if (items.length === 0 || items.every((i) => i.count === 0)) return null
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: TEXT },
    yAxis: {
      type: 'category',
      inverse: true,
      data: items.map((i) => i.name),
      axisLabel: { ...TEXT, width: 180, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: seriesName,
        data: items.map((i) => ({ value: i.count, itemStyle: { color: isBucket(i.name) ? COLORS.info : COLORS.primary } })),
        barMaxWidth: 18,
        label: { show: true, position: 'right', ...TEXT },
      },
    ],
  }
}

/** 其他 / 未填写: the buckets the core adds after the named values. */
export function isBucket(name: string): boolean {
  return name === '其他' || name === '未填写'
}

/** Pixel height for a horizontal bar chart of n rows (so long lists stay readable). */
export function barChartHeight(n: number, min = 220, perRow = 24): number {
  return Math.max(min, Math.round(n * perRow + 40))
}

/** Entries by field as vertical bars (order kept: most first, 其他 and 未填写 last); null when empty. */
export function fieldBarOption(items: NamedCount[]): ChartOption | null {
  if (items.length === 0 || items.every((i) => i.count === 0)) return null
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: items.map((i) => i.name),
      axisLabel: { ...TEXT, interval: 0, rotate: items.length > 6 ? 30 : 0 },
      axisTick: { alignWithLabel: true },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: TEXT },
    series: [
      {
        type: 'bar',
        name: '项目数',
        data: items.map((i) => ({ value: i.count, itemStyle: { color: isBucket(i.name) ? COLORS.info : COLORS.primary } })),
        barMaxWidth: 36,
        label: { show: true, position: 'top', ...TEXT },
      },
    ],
  }
}

export const VERDICT_SERIES = [
  { key: 'eligible', name: '符合', color: COLORS.success },
  { key: 'ineligible', name: '不符合', color: COLORS.danger },
  { key: 'review', name: '待人工审核', color: COLORS.warning },
] as const

/** Effective verdicts per group as stacked bars (符合 / 不符合 / 待人工审核); null without entries. */
export function verdictStackOption(groups: GroupVerdicts[]): ChartOption | null {
  const total = groups.reduce((s, g) => s + g.eligible + g.ineligible + g.review, 0)
  if (total === 0) return null
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: TEXT },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: groups.map((g) => g.name), axisLabel: TEXT },
    yAxis: { type: 'value', minInterval: 1, axisLabel: TEXT },
    series: VERDICT_SERIES.map((v) => ({
      type: 'bar' as const,
      name: v.name,
      stack: 'verdict',
      itemStyle: { color: v.color },
      barMaxWidth: 56,
      label: { show: true, formatter: (p: { value?: unknown }) => (Number(p.value) > 0 ? String(p.value) : ''), ...TEXT, color: '#fff' },
      data: groups.map((g) => g[v.key]),
    })),
  }
}

/** The round's distribution, or undefined when the data has no such round. */
export function roundScores(dists: RoundScores[], round: 'preliminary' | 'semifinal' | 'final'): RoundScores | undefined {
  return dists.find((d) => d.round === round)
}

/** Whether a round has any scored entry (else the chart shows 还没有评分). */
export function hasScores(r: RoundScores | undefined): boolean {
  return !!r && r.buckets.length > 0 && r.groups.some((g) => g.scored > 0)
}

/**
 * Histogram of entry scores per group (one bar series per group over the round's shared 5-point
 * buckets); null when nothing is scored yet. Groups without any entry in the round are left out.
 */
export function scoreHistogramOption(r: RoundScores | undefined): ChartOption | null {
  if (!r || !hasScores(r)) return null
  const groups = r.groups.filter((g) => g.entries > 0 || g.scored > 0)
  return {
    color: COLORS.palette,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: TEXT },
    grid: { left: 8, right: 16, top: 36, bottom: 24, containLabel: true },
    xAxis: {
      type: 'category',
      name: '分数',
      nameLocation: 'middle',
      nameGap: 28,
      data: r.buckets.map((b) => b.label),
      axisLabel: { ...TEXT, interval: 0 },
    },
    yAxis: { type: 'value', name: '项目数', minInterval: 1, axisLabel: TEXT, nameTextStyle: TEXT },
    series: groups.map((g) => ({
      type: 'bar' as const,
      name: g.name,
      barGap: '10%',
      barMaxWidth: 40,
      data: r.buckets.map((_, i) => g.counts[i] ?? 0),
    })),
  }
}

/** One line per group under the histogram: "企业组：已评 6 / 120，平均 82.33（60.00–100.00）". */
export function scoreSummaries(r: RoundScores | undefined): string[] {
  if (!r) return []
  return r.groups
    .filter((g) => g.entries > 0 || g.scored > 0)
    .map((g) => {
      let s = `${g.name}：已评 ${g.scored} / ${g.entries}`
      if (g.mean !== null) s += `，平均 ${g.mean}`
      if (g.min !== null && g.max !== null) s += `（${g.min}–${g.max}）`
      return s
    })
}

export type StepStatus = 'wait' | 'process' | 'finish' | 'success' | 'error'

export interface StepView {
  key: string
  title: string
  description: string
  status: StepStatus
  state: ProgressStep['state']
  route: string
}

/** What each step's "done/total" counts, so "7/7" and "0/32" say what they are. */
export const STEP_COUNTS: Record<string, string> = {
  setup: '项设置',
  import: '个项目',
  screening: '个有结论',
  preliminary: '个评完',
  semifinal_advancement: '个进复赛',
  semifinal: '个评完',
  advancement: '个进决赛',
  final: '个评完',
  awards: '个获奖名额',
  certificates: '张证书',
}

/** The season strip for el-steps: 已完成 → success, 进行中 → process, 未开始 → wait. */
export function progressSteps(steps: ProgressStep[]): StepView[] {
  return steps.map((s) => ({
    key: s.key,
    title: s.title,
    description: s.total > 0 ? `${s.state_label} · ${s.done}/${s.total} ${STEP_COUNTS[s.key] ?? ''}`.trimEnd() : s.state_label,
    status: s.state === 'done' ? 'success' : s.state === 'in_progress' ? 'process' : 'wait',
    state: s.state,
    route: s.route,
  }))
}

/** The step el-steps marks as current: the first not yet done (all done → past the end). */
export function activeStep(steps: ProgressStep[]): number {
  const i = steps.findIndex((s) => s.state !== 'done')
  return i === -1 ? steps.length : i
}
