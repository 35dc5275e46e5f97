// 资格审查 screen: labels, filters, sorting, finding order and "next to review". Pure functions (unit tested),
// fast enough for 10,000+ rows.
import type { EntryVerdict, Finding, Outcome, Verdict, VerdictHistoryItem } from '../api/types'
import { NO_UNIT } from './entries'
import { normalizeSearch } from './text'
import { collator, sortByKey } from './sort'
import { RULE_NAMES, ruleLabel, ruleName } from './labels'

export { NO_UNIT }

// ---- labels ----

export const VERDICT_LABELS: Record<Verdict, string> = {
  eligible: '符合',
  ineligible: '不符合',
  review: '待人工审核',
}

export function verdictLabel(v: Verdict | string | null | undefined): string {
  return (v && (VERDICT_LABELS as Record<string, string>)[v]) || '未知'
}

/** Element Plus tag type: 符合 green, 不符合 red, 待人工审核 orange. */
export function verdictTagType(v: Verdict | string | null | undefined): 'success' | 'danger' | 'warning' | 'info' {
  if (v === 'eligible') return 'success'
  if (v === 'ineligible') return 'danger'
  if (v === 'review') return 'warning'
  return 'info'
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  fail: '不通过',
  review: '需人工审核',
  warn: '提示',
  unchecked: '未检查',
  pass: '通过',
}

export function outcomeLabel(o: Outcome | string | null | undefined): string {
  return (o && (OUTCOME_LABELS as Record<string, string>)[o]) || '其他'
}

export function outcomeTagType(o: Outcome | string | null | undefined): 'success' | 'danger' | 'warning' | 'info' | 'primary' {
  switch (o) {
    case 'fail':
      return 'danger'
    case 'review':
      return 'warning'
    case 'warn':
      return 'primary'
    case 'pass':
      return 'success'
    default:
      return 'info'
  }
}

// The rule names live in labels.ts (one table for every page); re-exported for the screening views.
export { RULE_NAMES, ruleName }

export const RULE_IDS: string[] = Object.keys(RULE_NAMES)


// ---- findings ----

/** Outcomes that are a problem with the entry (shown in the 问题规则 column). */
export const PROBLEM_OUTCOMES: ReadonlySet<Outcome> = new Set<Outcome>(['fail', 'review', 'warn'])

const OUTCOME_RANK: Record<string, number> = { fail: 0, review: 1, warn: 2, unchecked: 3, pass: 4 }

function ruleNumber(rule: string): number {
  const m = /(\d+)/.exec(rule)
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER
}

/** Findings ordered fail → review → warn → unchecked → pass, then by rule number (R02 before R10). New copy. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => {
      const ra = OUTCOME_RANK[a.f.outcome] ?? 5
      const rb = OUTCOME_RANK[b.f.outcome] ?? 5
      if (ra !== rb) return ra - rb
      const na = ruleNumber(a.f.rule)
      const nb = ruleNumber(b.f.rule)
      if (na !== nb) return na - nb
      return a.i - b.i
    })
    .map((x) => x.f)
}

export interface ProblemRule {
  rule: string
  /** the worst problem outcome of this rule on this entry */
  outcome: Outcome
}

const problemCache = new WeakMap<EntryVerdict, ProblemRule[]>()

/** The rules with a fail/review/warn finding, once each, in rule order, with the worst outcome. Cached per row. */
export function problemRules(v: EntryVerdict): ProblemRule[] {
  let out = problemCache.get(v)
  if (out === undefined) {
    const byRule = new Map<string, Outcome>()
    for (const f of v.findings) {
      if (!PROBLEM_OUTCOMES.has(f.outcome)) continue
      const prev = byRule.get(f.rule)
      if (prev === undefined || OUTCOME_RANK[f.outcome] < OUTCOME_RANK[prev]) byRule.set(f.rule, f.outcome)
    }
    out = [...byRule.entries()]
      .map(([rule, outcome]) => ({ rule, outcome }))
      .sort((a, b) => ruleNumber(a.rule) - ruleNumber(b.rule) || a.rule.localeCompare(b.rule))
    problemCache.set(v, out)
  }
  return out
}

/** "R02 R14" (empty string when no rule has a problem). */
export function problemRulesText(v: EntryVerdict): string {
  return problemRules(v)
    .map((p) => ruleLabel(p.rule))
    .join('、')
}

/** Rules that are 未检查 on at least one entry, in rule order (for the rule filter). */
export function uncheckedRules(rows: readonly EntryVerdict[]): string[] {
  const set = new Set<string>()
  for (const r of rows) for (const f of r.findings) if (f.outcome === 'unchecked') set.add(f.rule)
  return [...set].sort((a, b) => ruleNumber(a) - ruleNumber(b) || a.localeCompare(b))
}

// ---- filters ----

/**
 * '' = all; a verdict; 'decided' = decided by a person; 'reconfirm' = the decision needs re-confirmation.
 * ('decided' and 'reconfirm' are what the 已人工决定 / 需重新确认 count cards filter by.)
 */
export type VerdictFilter = '' | Verdict | 'decided' | 'reconfirm'

/** '' = all; 'R05' = has a fail/review/warn finding of R05; 'unchecked' = any rule 未检查; 'unchecked:R09' = R09 未检查. */
export type RuleFilter = string

export type GroupFilter = '' | 'enterprise' | 'startup' | 'none'

export interface ScreeningFilter {
  verdict: VerdictFilter
  rule: RuleFilter
  group: GroupFilter
  /** '' = all units; NO_UNIT = entries without a 推荐单位 */
  unit: string
  text: string
}

export function emptyScreeningFilter(): ScreeningFilter {
  return { verdict: '', rule: '', group: '', unit: '', text: '' }
}

export const UNCHECKED = 'unchecked'

export function isFilterActive(f: ScreeningFilter): boolean {
  return f.verdict !== '' || f.rule !== '' || f.group !== '' || f.unit !== '' || f.text.trim() !== ''
}

/** Label of a rule-filter value (for the select). */
export function ruleFilterLabel(value: RuleFilter): string {
  if (value === '') return '全部规则'
  if (value === UNCHECKED) return '未检查（任一规则）'
  if (value.startsWith(UNCHECKED + ':')) {
    const r = value.slice(UNCHECKED.length + 1)
    return `${ruleLabel(r)} 未检查`
  }
  return ruleLabel(value)
}

export function matchesVerdict(v: EntryVerdict, f: VerdictFilter): boolean {
  switch (f) {
    case '':
      return true
    case 'decided':
      return v.decided_by_person
    case 'reconfirm':
      return v.needs_reconfirmation
    default:
      return v.verdict === f
  }
}

export function matchesRule(v: EntryVerdict, f: RuleFilter): boolean {
  if (f === '') return true
  if (f === UNCHECKED) return v.findings.some((x) => x.outcome === 'unchecked')
  if (f.startsWith(UNCHECKED + ':')) {
    const rule = f.slice(UNCHECKED.length + 1)
    return v.findings.some((x) => x.outcome === 'unchecked' && x.rule === rule)
  }
  return v.findings.some((x) => x.rule === f && PROBLEM_OUTCOMES.has(x.outcome))
}

const haystacks = new WeakMap<EntryVerdict, string>()

/** Text the search box is matched against: 项目编号, 项目名称, 参赛主体, 推荐单位. Cached per row. */
export function searchHaystack(v: EntryVerdict): string {
  let h = haystacks.get(v)
  if (h === undefined) {
    h = [v.project_no, v.project_name, v.entrant_name, v.unit].map((s) => normalizeSearch(s ?? '')).join('\u0001')
    haystacks.set(v, h)
  }
  return h
}

export function filterVerdicts(rows: readonly EntryVerdict[], f: ScreeningFilter): EntryVerdict[] {
  const q = normalizeSearch(f.text)
  const out: EntryVerdict[] = []
  for (const r of rows) {
    if (!matchesVerdict(r, f.verdict)) continue
    if (f.group === 'none') {
      if (r.group !== null && r.group !== undefined) continue
    } else if (f.group !== '' && r.group !== f.group) continue
    if (f.unit === NO_UNIT) {
      if (r.unit !== null && r.unit !== undefined && r.unit.trim() !== '') continue
    } else if (f.unit !== '' && r.unit !== f.unit) continue
    if (!matchesRule(r, f.rule)) continue
    if (q !== '' && !searchHaystack(r).includes(q)) continue
    out.push(r)
  }
  return out
}

// ---- sorting ----

export type ScreeningSortKey = 'project_no' | 'group' | 'project_name' | 'entrant_name' | 'unit' | 'verdict' | 'rules'
export type SortOrder = 'asc' | 'desc'
export interface ScreeningSort {
  key: ScreeningSortKey
  order: SortOrder
}

const GROUP_ORDER: Record<string, number> = { enterprise: 0, startup: 1 }
/** 待人工审核 first: that is the work to do. */
const VERDICT_ORDER: Record<string, number> = { review: 0, ineligible: 1, eligible: 2 }

function idOf(v: EntryVerdict): string {
  return v.project_no ?? v.key
}

function sortValue(v: EntryVerdict, key: ScreeningSortKey): string | number | null {
  switch (key) {
    case 'project_no':
      return idOf(v)
    case 'group':
      return v.group === null || v.group === undefined ? null : GROUP_ORDER[v.group] ?? 9
    case 'verdict':
      return VERDICT_ORDER[v.verdict] ?? 9
    case 'rules': {
      const t = problemRulesText(v)
      return t === '' ? null : t
    }
    default: {
      const s = v[key]
      return s === null || s === undefined || s.trim() === '' ? null : s
    }
  }
}

/** Sorted copy; empty values last in both orders; ties keep project-number order (numeric: "CK2" < "CK10"). */
export function sortVerdicts(rows: readonly EntryVerdict[], sort: ScreeningSort | null): EntryVerdict[] {
  if (!sort) return rows.slice()
  return sortByKey(rows, (r) => sortValue(r, sort.key), sort.order, idOf)
}

export function viewVerdicts(rows: readonly EntryVerdict[], f: ScreeningFilter, sort: ScreeningSort | null): EntryVerdict[] {
  return sortVerdicts(filterVerdicts(rows, f), sort)
}

/** Distinct 推荐单位 values (sorted), for the unit filter. */
export function unitOptions(rows: readonly EntryVerdict[]): string[] {
  const set = new Set<string>()
  for (const r of rows) if (r.unit !== null && r.unit !== undefined && r.unit.trim() !== '') set.add(r.unit)
  return [...set].sort((a, b) => collator.compare(a, b))
}

export function hasEntriesWithoutUnit(rows: readonly EntryVerdict[]): boolean {
  return rows.some((r) => r.unit === null || r.unit === undefined || r.unit.trim() === '')
}

// ---- working through the list ----

/** Still needs a person: 待人工审核, or a decision flagged 需重新确认. */
export function needsAttention(v: EntryVerdict): boolean {
  return v.verdict === 'review' || v.needs_reconfirmation
}

/**
 * Index (in `rows`, the table order) of the next entry that needs a person after the one with `currentKey`,
 * wrapping around to the top; the current entry itself is never returned. When the current entry is not in
 * `rows` (e.g. it was just decided and the 待人工审核 filter dropped it), the search starts at `hintIndex`
 * — the position it had — which is where the entry after it now is. Returns -1 when there is none.
 */
export function nextReviewIndex(rows: readonly EntryVerdict[], currentKey: string | null, hintIndex = 0): number {
  const n = rows.length
  if (n === 0) return -1
  let start: number
  const at = currentKey === null ? -1 : rows.findIndex((r) => r.key === currentKey)
  if (at >= 0) start = at + 1
  else if (currentKey === null) start = 0
  else start = Math.min(Math.max(hintIndex, 0), n)
  for (let k = 0; k < n; k++) {
    const i = (start + k) % n
    const r = rows[i]
    if (r.key !== currentKey && needsAttention(r)) return i
  }
  return -1
}

// ---- decide form ----

export interface DecideForm {
  verdict: 'eligible' | 'ineligible' | ''
  reason: string
  decidedBy: string
}

/** Why the decision cannot be submitted yet ('' = it can). */
export function decideBlocker(f: DecideForm): string {
  if (f.verdict !== 'eligible' && f.verdict !== 'ineligible') return '请选择结论（符合或不符合）。'
  if (f.reason.trim() === '') return '请填写理由。'
  if (f.decidedBy.trim() === '') return '请填写审核人。'
  return ''
}

/** Entry title for the drawer: "CZ2026-00004 项目名称". */
export function entryTitle(v: EntryVerdict): string {
  const name = v.project_name && v.project_name.trim() !== '' ? v.project_name : '（未填项目名称）'
  return `${v.project_no ?? '（无编号）'} ${name}`
}

/** One row of the 审查记录 timeline: a run that changed this entry, and what changed. */
export interface HistoryRow {
  runId: number
  ranAt: string
  trigger: string
  verdict: Verdict
  /** e.g. "R02 通过 → 不通过：报名时间 …" ; on the first run, the rules that did not pass. */
  changes: string[]
}

/**
 * Turns an entry's stored verdict history (oldest first) into timeline rows, newest first, each
 * naming the rules whose outcome or message changed since the run before.
 */
export function historyChanges(items: readonly VerdictHistoryItem[]): HistoryRow[] {
  const rows: HistoryRow[] = []
  let prev: Map<string, Finding> | null = null
  for (const item of items) {
    const now = new Map(item.findings.map((f) => [f.rule, f]))
    const changes: string[] = []
    if (prev === null) {
      for (const f of sortFindings(item.findings)) {
        if (PROBLEM_OUTCOMES.has(f.outcome)) changes.push(`${ruleLabel(f.rule)} ${outcomeLabel(f.outcome)}：${f.message}`)
      }
      if (changes.length === 0) changes.push('首次审查：各项规则均通过或未检查')
    } else {
      for (const f of sortFindings(item.findings)) {
        const before = prev.get(f.rule)
        if (!before) changes.push(`${ruleLabel(f.rule)} 新增 ${outcomeLabel(f.outcome)}：${f.message}`)
        else if (before.outcome !== f.outcome) changes.push(`${ruleLabel(f.rule)} ${outcomeLabel(before.outcome)} → ${outcomeLabel(f.outcome)}：${f.message}`)
        else if (before.message !== f.message) changes.push(`${ruleLabel(f.rule)} 说明变化：${f.message}`)
      }
      for (const [rule, f] of prev) {
        if (!now.has(rule)) changes.push(`${ruleLabel(rule)} 不再适用（原为${outcomeLabel(f.outcome)}）`)
      }
    }
    rows.push({ runId: item.run_id, ranAt: item.ran_at, trigger: item.trigger, verdict: item.auto_verdict, changes })
    prev = now
  }
  return rows.reverse()
}
