// The notice's timeline on the dashboard: each milestone with the days left (SPEC §12 `milestones`).
import type { Milestones } from '../api/gen/Milestones'

export interface Countdown {
  key: keyof Milestones
  label: string
  date: string
  /** Days from today to the date (negative: passed). */
  days: number
  text: string
  state: 'past' | 'soon' | 'later'
}

const LABELS: [keyof Milestones, string][] = [
  ['registration_end', '报名截止'],
  ['rounds_done', '完成市级初赛、复赛'],
  ['recommendation', '向省工信厅推荐省赛项目'],
  ['provincial_results', '省级决赛及服务活动'],
  ['followup_end', '赛后系列服务结束'],
]

/** Whole days from `today` to `date` (both YYYY-MM-DD, calendar days, no time zone drift). */
export function daysBetween(today: string, date: string): number {
  const t = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10))
  const d = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10))
  return Math.round((d - t) / 86_400_000)
}

/** Each milestone in the notice's order with its countdown; `soon`: within 14 days. */
export function countdowns(m: Milestones, today: string): Countdown[] {
  return LABELS.map(([key, label]) => {
    const date = m[key]
    const days = daysBetween(today, date)
    const text = days < 0 ? `已过 ${-days} 天` : days === 0 ? '今天' : `还有 ${days} 天`
    return { key, label, date, days, text, state: days < 0 ? 'past' : days <= 14 ? 'soon' : 'later' }
  })
}
