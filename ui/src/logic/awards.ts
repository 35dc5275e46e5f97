// 获奖与推荐 and 导出: pure helpers (unit tested) — level labels, money, grouping and totals of the award list,
// pending reasons, the lock state, validation of the reason forms and recommendation states. The exports are
// described by the core's registry (api/exports.ts, logic/exports.ts).
import type { Amendment, Award, AwardList, AwardTotal, Level, RecommendedEntry } from '../api/awards'
import type { GroupCode as Group } from '../api/types'
import { EMPTY, groupLabel } from './labels'

// ---- levels ----------------------------------------------------------------------------------------------

export const LEVELS: { code: Level; label: string }[] = [
  { code: 'first', label: '一等奖' },
  { code: 'second', label: '二等奖' },
  { code: 'third', label: '三等奖' },
  { code: 'excellence', label: '优胜奖' },
]

/** first → 一等奖 …; null → 待定 (a pending decision); an unknown code is shown as it is. */
export function levelLabel(level: Level | string | null | undefined): string {
  if (level === null || level === undefined || level === '') return '待定'
  return LEVELS.find((l) => l.code === level)?.label ?? String(level)
}

/** Order of a level (一等奖 0 … 优胜奖 3); unknown / null last. */
export function levelIndex(level: Level | string | null | undefined): number {
  const i = LEVELS.findIndex((l) => l.code === level)
  return i < 0 ? LEVELS.length : i
}

/** Element Plus tag type for a level. */
export function levelTagType(level: Level | null | undefined): 'danger' | 'warning' | 'success' | 'primary' | 'info' {
  switch (level) {
    case 'first':
      return 'danger'
    case 'second':
      return 'warning'
    case 'third':
      return 'success'
    case 'excellence':
      return 'primary'
    default:
      return 'info'
  }
}

/** Text of an amendment: “二等奖 → 一等奖”, “三等奖 → 取消奖项”, “（未获奖） → 优胜奖”. */
export function amendmentText(a: Pick<Amendment, 'old_level' | 'new_level'>): string {
  const from = a.old_level ? levelLabel(a.old_level) : '（未获奖）'
  const to = a.new_level ? levelLabel(a.new_level) : '取消奖项'
  return `${from} → ${to}`
}

// ---- money -----------------------------------------------------------------------------------------------

/** Whole yuan with thousands separators: 30000 → “30,000 元”; null → —. */
export function formatYuan(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return EMPTY
  const n = Math.round(v)
  const sign = n < 0 ? '-' : ''
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${digits} 元`
}

// ---- grouping and totals ---------------------------------------------------------------------------------

export interface AwardGroup {
  group: string
  label: string
  awards: Award[]
}

const GROUP_ORDER = ['enterprise', 'startup']

function groupOrder(g: string | null): number {
  const i = g === null ? -1 : GROUP_ORDER.indexOf(g)
  return i < 0 ? GROUP_ORDER.length : i
}

/** Awards per group (企业组, 创业组, then others as they come), each in rank order (unranked last), then level. */
export function groupAwards(awards: readonly Award[]): AwardGroup[] {
  const out: AwardGroup[] = []
  for (const a of awards) {
    let g = out.find((x) => x.group === a.group)
    if (!g) {
      g = { group: a.group, label: a.group_label || groupLabel(a.group), awards: [] }
      out.push(g)
    }
    g.awards.push(a)
  }
  const firstSeen = new Map(out.map((g, i) => [g.group, i]))
  out.sort((x, y) => groupOrder(x.group) - groupOrder(y.group) || (firstSeen.get(x.group) ?? 0) - (firstSeen.get(y.group) ?? 0))
  for (const g of out) {
    g.awards.sort(
      (x, y) =>
        (x.rank ?? Number.MAX_SAFE_INTEGER) - (y.rank ?? Number.MAX_SAFE_INTEGER) ||
        levelIndex(x.level) - levelIndex(y.level) ||
        x.project_no.localeCompare(y.project_no),
    )
  }
  return out
}

export interface TotalCell {
  count: number
  cash: number
}

export interface TotalsRow {
  group: string
  label: string
  cells: Record<Level, TotalCell>
  count: number
  cash: number
}

function emptyCells(): Record<Level, TotalCell> {
  return { first: { count: 0, cash: 0 }, second: { count: 0, cash: 0 }, third: { count: 0, cash: 0 }, excellence: { count: 0, cash: 0 } }
}

/** The totals as a table: one row per group (in group order) and the overall row (合计). */
export function totalsTable(totals: readonly AwardTotal[]): { rows: TotalsRow[]; overall: TotalsRow } {
  const rows: TotalsRow[] = []
  const overall: TotalsRow = { group: 'all', label: '合计', cells: emptyCells(), count: 0, cash: 0 }
  for (const t of totals) {
    let r = rows.find((x) => x.group === t.group)
    if (!r) {
      r = { group: t.group, label: t.group_label || groupLabel(t.group), cells: emptyCells(), count: 0, cash: 0 }
      rows.push(r)
    }
    if (!(t.level in r.cells)) continue
    r.cells[t.level].count += t.count
    r.cells[t.level].cash += t.cash_yuan
    r.count += t.count
    r.cash += t.cash_yuan
    overall.cells[t.level].count += t.count
    overall.cells[t.level].cash += t.cash_yuan
    overall.count += t.count
    overall.cash += t.cash_yuan
  }
  rows.sort((x, y) => groupOrder(x.group) - groupOrder(y.group))
  return { rows, overall }
}

/** A totals cell: “2 项 · 40,000 元”, or — when there is none. */
export function totalCellText(c: TotalCell): string {
  if (c.count === 0) return EMPTY
  return `${c.count} 项 · ${formatYuan(c.cash)}`
}

// ---- pending decisions and the lock ----------------------------------------------------------------------

export type PendingKind = 'tie' | 'incomplete' | 'other'

/** What a pending reason is about: a tie across a prize line (decided in 评审 → 排名), unfinished scoring, else other. */
export function pendingKind(reason: string | null | undefined): PendingKind | null {
  if (reason === null || reason === undefined || reason.trim() === '') return null
  if (reason.includes('并列')) return 'tie'
  if (reason.includes('未完成')) return 'incomplete'
  return 'other'
}

export function hasPendingTie(list: Pick<AwardList, 'awards'> | null | undefined): boolean {
  return !!list && list.awards.some((a) => pendingKind(a.pending_reason) === 'tie')
}

export function pendingCount(list: Pick<AwardList, 'awards'> | null | undefined): number {
  return list ? list.awards.filter((a) => a.level === null && a.pending_reason).length : 0
}

/** The first characters of a content hash (the full one goes into a tooltip). */
export function shortHash(h: string | null | undefined, n = 12): string {
  if (!h) return EMPTY
  return h.length <= n ? h : `${h.slice(0, n)}…`
}

/** Why the list cannot be locked yet ('' = it can), checked before the confirm dialog opens. */
export function freezeBlocker(list: AwardList | null | undefined): string {
  if (!list) return '获奖名单还没有读取'
  if (list.frozen) return '获奖名单已经锁定'
  const pending = pendingCount(list)
  if (pending > 0) return `还有 ${pending} 个项目的奖项待决定，决定后才能锁定`
  if (!list.awards.some((a) => a.level !== null)) return '还没有可以锁定的获奖项目'
  return ''
}

/** 锁定人 must be given. */
export function lockByBlocker(by: string): string {
  return by.trim() === '' ? '请填写锁定人' : ''
}

/** The new level chosen in the amendment form: a level, 'none' (取消奖项) or '' (nothing chosen yet). */
export type LevelChoice = Level | 'none' | ''

export function choiceToLevel(c: LevelChoice): Level | null {
  return c === 'none' || c === '' ? null : c
}

/** Why an amendment cannot be sent yet ('' = it can). */
export function amendBlocker(current: Level | null, choice: LevelChoice, reason: string, by: string): string {
  if (choice === '') return '请选择更正后的奖项'
  if (choiceToLevel(choice) === current) return current === null ? '这个项目本来就没有奖项' : '更正前后的奖项相同'
  if (reason.trim() === '') return '请填写更正理由'
  if (by.trim() === '') return '请填写操作人'
  return ''
}

/** Why a decision with a reason (recommendation change, 优秀组织单位) cannot be sent yet ('' = it can). */
export function reasonBlocker(reason: string, by: string): string {
  if (reason.trim() === '') return '请填写理由'
  if (by.trim() === '') return '请填写操作人'
  return ''
}

// ---- recommendation --------------------------------------------------------------------------------------

export type RecState = 'included' | 'pending' | 'excluded'

export function recState(e: Pick<RecommendedEntry, 'included' | 'pending'>): RecState {
  if (e.included) return 'included'
  if (e.pending) return 'pending'
  return 'excluded'
}

export function recStateLabel(s: RecState): string {
  return s === 'included' ? '推荐' : s === 'pending' ? '并列待定' : '不推荐'
}

export function recStateTag(s: RecState): 'success' | 'warning' | 'info' {
  return s === 'included' ? 'success' : s === 'pending' ? 'warning' : 'info'
}

/** Included entries per group, in group order: [{ group, label, count }]. */
export function recCounts(entries: readonly RecommendedEntry[]): { group: Group | null; label: string; count: number }[] {
  const out: { group: Group | null; label: string; count: number }[] = []
  for (const e of entries) {
    let g = out.find((x) => x.group === e.group)
    if (!g) {
      g = { group: e.group, label: e.group_label || groupLabel(e.group), count: 0 }
      out.push(g)
    }
    if (e.included) g.count += 1
  }
  return out.sort((x, y) => groupOrder(x.group) - groupOrder(y.group))
}
