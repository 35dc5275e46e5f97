// Display helpers: code → Chinese label, booleans, dates, numbers. Pure functions (unit tested).
import type { EntryKind, GroupCode, Severity } from '../api/types'

export const GROUP_LABELS: Record<GroupCode, string> = {
  enterprise: '企业组',
  startup: '创业组',
}

/** Group code → 企业组 / 创业组; null → 未分组; an unknown code is shown as-is. */
export function groupLabel(code: string | null | undefined, names?: { code: string; name: string }[]): string {
  if (code === null || code === undefined || code === '') return '未分组'
  const custom = names?.find((g) => g.code === code)?.name
  if (custom && custom.trim() !== '') return custom
  return (GROUP_LABELS as Record<string, string>)[code] ?? code
}

export function kindLabel(kind: EntryKind | string | null | undefined): string {
  if (kind === 'company') return '企业'
  if (kind === 'team') return '团队'
  return '未知'
}

/** true → 是, false → 否, null/undefined → 未知. */
export function boolLabel(v: boolean | null | undefined): string {
  if (v === true) return '是'
  if (v === false) return '否'
  return '未知'
}

export function severityLabel(s: Severity | string | null | undefined): string {
  if (s === 'error') return '错误'
  if (s === 'warning') return '提醒'
  return '其他'
}

export const EMPTY = '—'

/** Text for a value that may be absent: null / undefined / blank → —. Booleans → 是/否. */
export function displayText(v: unknown): string {
  if (v === null || v === undefined) return EMPTY
  if (typeof v === 'boolean') return boolLabel(v)
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : EMPTY
  const s = String(v)
  return s.trim() === '' ? EMPTY : s
}

const DATE_RE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/
const TIME_RE = /^[T ]+(\d{1,2}):(\d{2})/

function pad2(s: string | number): string {
  return String(s).padStart(2, '0')
}

/**
 * Date as 2026-07-10. Takes YYYY-MM-DD, YYYY/M/D or an ISO date-time (the date part as written,
 * i.e. in the time zone the backend wrote, +08:00). Anything unparsable is returned unchanged.
 */
export function formatDate(v: string | null | undefined): string {
  if (v === null || v === undefined || v.trim() === '') return EMPTY
  const m = DATE_RE.exec(v.trim())
  if (!m) return v
  return `${m[1]}-${pad2(m[2])}-${pad2(m[3])}`
}

/** Date-time as 2026-07-10 14:05 (as written by the backend, no time-zone shifting). */
export function formatDateTime(v: string | null | undefined): string {
  if (v === null || v === undefined || v.trim() === '') return EMPTY
  const s = v.trim()
  const m = DATE_RE.exec(s)
  if (!m) return v
  const d = `${m[1]}-${pad2(m[2])}-${pad2(m[3])}`
  const t = TIME_RE.exec(s.slice(m[0].length))
  return t ? `${d} ${pad2(t[1])}:${t[2]}` : d
}

/** Number in 万元 with up to 2 decimals: 1234.5 → "1,234.5 万元". */
export function formatWan(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return EMPTY
  return `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`
}

export function formatCount(v: number | null | undefined, unit = ''): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return EMPTY
  return `${v}${unit}`
}

/** The rules' Chinese names (SPEC §12 "Rule names"): the one table every page uses. */
export const RULE_NAMES: Record<string, string> = {
  R01: '报名状态',
  R02: '报名时间',
  R03: '往届省赛获奖',
  R04: '注册地',
  R05: '企业规模',
  R06: '产品上市',
  R07: '企业知识产权',
  R08: '团队知识产权',
  R09: '失信记录',
  R10: '创业组成立时间',
  R11: '组别与主体',
  R12: '一人一队',
  R13: '核心成员人数',
  R14: '数据有效性',
  R15: '重复报名',
  R16: '其他赛事获奖',
}

/** R05 → 企业规模; '' for an unknown code. */
export function ruleName(rule: string): string {
  return RULE_NAMES[rule] ?? ''
}

/** R05 → "R05 企业规模" (the id beside the name); an unknown code is shown as-is. */
export function ruleLabel(rule: string): string {
  const n = ruleName(rule)
  return n ? `${rule} ${n}` : rule
}

/**
 * A text from the core that names rules by id ("R03 未检查：…", "（R16：…）"): each known id gets its name
 * beside it, once — an id already followed by its name is left alone.
 */
export function withRuleNames(text: string): string {
  return text.replace(/\bR(0[1-9]|1[0-6])\b/g, (id: string, _n: string, at: number) => {
    const name = RULE_NAMES[id]
    return text.startsWith(` ${name}`, at + id.length) ? id : `${id} ${name}`
  })
}
