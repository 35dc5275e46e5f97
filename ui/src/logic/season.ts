// 公示与跟踪: the words and the checks the forms show before anything is sent (the core checks again).
import type { FollowUpKind } from '../api/gen/FollowUpKind'
import type { ObjectionOutcome } from '../api/gen/ObjectionOutcome'
import type { ProvincialOutcome } from '../api/gen/ProvincialOutcome'

export const OBJECTION_OUTCOMES: { code: ObjectionOutcome; label: string }[] = [
  { code: 'upheld', label: '异议成立' },
  { code: 'rejected', label: '异议不成立' },
  { code: 'withdrawn', label: '异议人撤回' },
]

export const FOLLOWUP_KINDS: { code: FollowUpKind; label: string }[] = [
  { code: 'contact', label: '联系回访' },
  { code: 'service', label: '服务' },
  { code: 'financing', label: '融资' },
  { code: 'matching', label: '对接活动' },
  { code: 'policy', label: '政策服务' },
  { code: 'note', label: '备注' },
]

export const PROVINCIAL_OUTCOMES: { code: ProvincialOutcome; label: string }[] = [
  { code: 'first', label: '一等奖' },
  { code: 'second', label: '二等奖' },
  { code: 'third', label: '三等奖' },
  { code: 'excellence', label: '优秀奖' },
  { code: 'none', label: '未获奖' },
  { code: 'national', label: '推荐国赛' },
]

export function labelOf<T extends string>(list: { code: T; label: string }[], code: T | null | undefined): string {
  return list.find((x) => x.code === code)?.label ?? ''
}

const ISO = /^\d{4}-\d{2}-\d{2}$/

/** Today in Beijing time as YYYY-MM-DD (the contest's clock), from `now`. */
export function beijingToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

export interface ObjectionForm {
  entry: string
  from: string
  received: string
  content: string
}

/** What stops an objection from being recorded, in words; '' when nothing does. */
export function objectionBlocker(f: ObjectionForm, today: string): string {
  if (!f.entry.trim()) return '请选择异议涉及的项目。'
  if (!f.from.trim()) return '请填写异议人（实名或单位名称）。'
  if (!ISO.test(f.received)) return '请选择收到日期。'
  if (f.received > today) return '收到日期晚于今天，请检查。'
  if (!f.content.trim()) return '请填写异议内容。'
  return ''
}

export interface CloseForm {
  outcome: ObjectionOutcome | ''
  handling: string
  disqualify: boolean
  by: string
}

export function closeBlocker(f: CloseForm): string {
  if (!f.outcome) return '请选择处理结果。'
  if (!f.handling.trim()) return '请填写处理情况。'
  if (f.disqualify && f.outcome !== 'upheld') return '只有异议成立时才能同时取消参赛资格。'
  if (f.disqualify && !f.by.trim()) return '取消资格需要填写操作人。'
  return ''
}

export interface FollowupForm {
  entry: string
  date: string
  kind: FollowUpKind | ''
  note: string
  amount: string
  next: string
}

/** The amount in 万元 as a number, null when left empty, NaN when it is not a sensible amount. */
export function amountOf(s: string): number | null {
  const t = s.trim()
  if (!t) return null
  const n = Number(t)
  return Number.isFinite(n) && n >= 0 && n <= 10_000_000 ? n : NaN
}

export function followupBlocker(f: FollowupForm): string {
  if (!f.entry.trim()) return '请选择项目。'
  if (!ISO.test(f.date)) return '请选择日期。'
  if (!f.kind) return '请选择记录类型。'
  if (!f.note.trim()) return '请填写记录内容。'
  if (Number.isNaN(amountOf(f.amount))) return '金额应为 0 到 10000000 之间的数（单位：万元）。'
  if (f.next && !ISO.test(f.next)) return '下次联系日期无效。'
  if (f.next && f.next < f.date) return '下次联系日期早于记录日期。'
  return ''
}
