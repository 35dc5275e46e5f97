// 评审 screens: pure helpers (unit tested). Scores are integer hundredths of a point (85.5 → 8550),
// exactly as the backend stores them; typed text is parsed without floating point.
import type {
  Conflict,
  Criterion,
  GridCell,
  GridRow,
  OpenTie,
  RankedEntry,
  RoundCode,
  RoundGroup,
  ScoreSheet,
  ScoreValue,
} from '../api/judging'
import type { GroupCode as Group } from '../api/types'
import { toHalfWidth } from './text'
import { rememberOperator, rememberedOperator } from './operator'

/** Every round the app knows, in order; the 复赛 only takes part when `rounds.semifinal` is on (see `roundsInForce`). */
export const ROUNDS: { code: RoundCode; label: string }[] = [
  { code: 'preliminary', label: '初赛' },
  { code: 'semifinal', label: '复赛' },
  { code: 'final', label: '决赛' },
]

/** The rounds held this season, in order (mirrors `Round::enabled` in the core). */
export function roundsInForce(semifinal: boolean): { code: RoundCode; label: string }[] {
  return ROUNDS.filter((r) => r.code !== 'semifinal' || semifinal)
}

/** The round `r`'s top entries advance to (null for the 决赛 or a round not held); the core's `Round::next_enabled`. */
export function nextRound(r: RoundCode, semifinal: boolean): RoundCode | null {
  const list = roundsInForce(semifinal).map((x) => x.code)
  const i = list.indexOf(r)
  return i >= 0 && i + 1 < list.length ? list[i + 1] : null
}

/** The round whose ranking feeds `r` (null for the 初赛); the core's `Round::previous_enabled`. */
export function previousRound(r: RoundCode, semifinal: boolean): RoundCode | null {
  const list = roundsInForce(semifinal).map((x) => x.code)
  const i = list.indexOf(r)
  return i > 0 ? list[i - 1] : null
}

export function roundLabel(r: RoundCode | string | null | undefined): string {
  if (r === 'preliminary') return '初赛'
  if (r === 'semifinal') return '复赛'
  if (r === 'final') return '决赛'
  return '轮次未知'
}

/** `?round=final` → 'final', `semifinal`/复赛 → 'semifinal'; anything else → 'preliminary'. */
export function parseRound(v: unknown): RoundCode {
  const s = Array.isArray(v) ? v[0] : v
  if (s === 'final' || s === '决赛') return 'final'
  if (s === 'semifinal' || s === '复赛') return 'semifinal'
  return 'preliminary'
}

// ---- typed scores ----------------------------------------------------------------------------------------

export type ParsedScore = { ok: true; value: number | null } | { ok: false; error: string }

const SCORE_RE = /^(\d{1,6})?(?:\.(\d*))?$/

/**
 * A typed score → hundredths. Blank → null (not keyed). Full-width digits and 。 are accepted; at most two
 * decimals; never negative. "85.5" → 8550, "7" → 700, ".5" → 50.
 */
export function parseScore(text: string | null | undefined): ParsedScore {
  const s = toHalfWidth(text ?? '')
    .replace(/。/g, '.')
    .replace(/\s+/g, '')
  if (s === '') return { ok: true, value: null }
  if (s.startsWith('-')) return { ok: false, error: '分数不能为负数' }
  const m = SCORE_RE.exec(s)
  if (!m || (m[1] === undefined && (m[2] === undefined || m[2] === ''))) return { ok: false, error: '请输入数字，例如 85.5' }
  const frac = m[2] ?? ''
  if (frac.length > 2) return { ok: false, error: '最多保留两位小数' }
  const whole = Number(m[1] ?? '0')
  return { ok: true, value: whole * 100 + Number(frac.padEnd(2, '0') || '0') }
}

/** Error message for a typed score against a criterion's maximum (points), or '' when it is fine (or blank). */
export function scoreError(text: string | null | undefined, max: number): string {
  const p = parseScore(text)
  if (!p.ok) return p.error
  if (p.value !== null && p.value > max * 100) return `超出范围：应在 0～${max} 分之间`
  return ''
}

/** Hundredths → "85.50" (always two decimals). */
export function formatPoints(h: number | null | undefined): string {
  if (h === null || h === undefined || !Number.isFinite(h)) return ''
  const sign = h < 0 ? '-' : ''
  const a = Math.abs(Math.trunc(h))
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`
}

/** Hundredths → the shortest text that types back to the same value: 8550 → "85.5", 3000 → "30", 1234 → "12.34". */
export function pointsInput(h: number | null | undefined): string {
  if (h === null || h === undefined || !Number.isFinite(h)) return ''
  return formatPoints(h).replace(/\.00$/, '').replace(/(\.\d)0$/, '$1')
}

/** The maximum total of a sheet, in points. */
export function sheetMax(criteria: readonly Criterion[]): number {
  return criteria.reduce((a, c) => a + c.max, 0)
}

/** Full marks of a sheet without criteria (the core's `TOTAL_ONLY_MAX`). */
export const TOTAL_ONLY_MAX = 100

/** Full marks of a sheet: its criteria summed, or 100 when it has none (only a 总分 is keyed). */
export function sheetMaxTotal(sheet: Pick<ScoreSheet, 'criteria'>): number {
  return sheet.criteria.length ? sheetMax(sheet.criteria) : TOTAL_ONLY_MAX
}

/** Whether a group's rows key one 总分: the round is totals-only, or the sheet has no criteria. */
export function keysTotal(sheet: Pick<ScoreSheet, 'criteria'> | null, roundTotalOnly: boolean): boolean {
  return sheet !== null && (roundTotalOnly || sheet.criteria.length === 0)
}

/** The one input column of a totals-only row: 总分 with the sheet's full marks. */
export function totalColumn(sheet: Pick<ScoreSheet, 'criteria'>): Criterion {
  return { name: '总分', max: sheetMaxTotal(sheet) }
}

/** The typed 总分 of a totals-only row from what is stored (a criteria-keyed cell shows its total). */
export function draftFromTotal(cell: GridCell | null | undefined): RowDraft {
  if (!cell || !cell.keyed || cell.recused) return ['']
  return [pointsInput(cell.total ?? (cell.criteria ?? []).reduce((a, b) => a + b, 0))]
}

/** What saving a totals-only row sends, or null when nothing needs to be sent. */
export function totalToSend(draft: RowDraft, max: number, cell: GridCell | null | undefined): { value: ScoreValue } | { error: string } | null {
  const err = scoreError(draft[0], max)
  if (err) return { error: `“总分”${err}` }
  const p = parseScore(draft[0])
  const v = p.ok ? p.value : null
  if (v === null) {
    // Blanking a keyed total removes it; a 回避 stays (it has its own button).
    if (cell?.keyed && !cell.recused) return { value: { kind: 'clear' } }
    return null
  }
  if (cell?.keyed && !cell.recused && cell.criteria === null && cell.total === v) return null
  return { value: { kind: 'total', total: v } }
}

/** True when the typed 总分 differs from what is stored. */
export function totalDirty(draft: RowDraft, cell: GridCell | null | undefined): boolean {
  const a = parseScore(draft[0])
  const b = parseScore(draftFromTotal(cell)[0])
  return !a.ok || !b.ok || a.value !== b.value
}

// ---- one grid row ------------------------------------------------------------------------------------------

/** What the person typed in a row, one text per criterion. */
export type RowDraft = string[]

/** The row's texts for a stored cell: the criteria, or blanks when only a 总分 (or nothing) was recorded. */
export function draftFromCell(cell: GridCell | null | undefined, n: number): RowDraft {
  const out: string[] = Array.from({ length: n }, () => '')
  if (!cell || cell.recused || !cell.criteria) return out
  cell.criteria.forEach((v, i) => {
    if (i < n) out[i] = pointsInput(v)
  })
  return out
}

export type RowOutcome =
  /** nothing typed */
  | { kind: 'empty' }
  /** some cells wrong: nothing may be sent */
  | { kind: 'invalid'; message: string }
  /** some criteria typed, others not */
  | { kind: 'incomplete'; message: string; missing: number }
  | { kind: 'ready'; value: ScoreValue; total: number }

/** Checks a whole row; the message is Chinese and names the criterion. */
export function rowOutcome(draft: RowDraft, criteria: readonly Criterion[]): RowOutcome {
  const values: number[] = []
  let missing = 0
  for (let i = 0; i < criteria.length; i++) {
    const err = scoreError(draft[i], criteria[i].max)
    if (err) return { kind: 'invalid', message: `“${criteria[i].name}”${err}` }
    const p = parseScore(draft[i])
    if (p.ok && p.value !== null) values.push(p.value)
    else missing++
  }
  if (missing === criteria.length) return { kind: 'empty' }
  if (missing > 0) return { kind: 'incomplete', missing, message: `还有 ${missing} 项未填写` }
  return { kind: 'ready', value: { kind: 'criteria', values }, total: values.reduce((a, b) => a + b, 0) }
}

/** The 总分 shown for a row: from the typed criteria when all are valid, else the stored total. */
export function rowTotal(draft: RowDraft, criteria: readonly Criterion[], cell: GridCell | null | undefined): number | null {
  const o = rowOutcome(draft, criteria)
  if (o.kind === 'ready') return o.total
  if (o.kind === 'empty' && cell && !cell.recused && cell.criteria === null && cell.total !== null) return cell.total
  if (o.kind === 'empty' || o.kind === 'incomplete') {
    // A running sum while typing helps the person check against the paper.
    let sum = 0
    let any = false
    for (let i = 0; i < criteria.length; i++) {
      const p = parseScore(draft[i])
      if (p.ok && p.value !== null) {
        sum += p.value
        any = true
      }
    }
    return any ? sum : null
  }
  return null
}

/** True when the typed row differs from what is stored. */
export function rowDirty(draft: RowDraft, cell: GridCell | null | undefined, n: number): boolean {
  const stored = draftFromCell(cell, n)
  for (let i = 0; i < n; i++) {
    const a = parseScore(draft[i])
    const b = parseScore(stored[i])
    if (!a.ok || !b.ok || a.value !== b.value) return true
  }
  return false
}

/** What saving the row sends, or null when nothing needs to be sent. */
export function rowToSend(
  draft: RowDraft,
  criteria: readonly Criterion[],
  cell: GridCell | null | undefined,
): { value: ScoreValue } | { error: string } | null {
  const o = rowOutcome(draft, criteria)
  if (o.kind === 'invalid') return { error: o.message }
  if (o.kind === 'incomplete') return { error: o.message }
  if (o.kind === 'empty') {
    // Blanking a keyed row removes it; a lone 总分 or a 回避 left untouched stays as it is.
    if (cell?.keyed && !cell.recused && cell.criteria !== null) return { value: { kind: 'clear' } }
    return null
  }
  if (cell?.keyed && !cell.recused && cell.criteria && sameValues(cell.criteria, (o.value as { values: number[] }).values)) return null
  return { value: o.value }
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

/** The backend refuses to change a stored pass-1 value without a reason: ask for one first. */
export function needsReason(pass: 1 | 2, cell: GridCell | null | undefined, value: ScoreValue): boolean {
  if (pass !== 1 || !cell?.keyed) return false
  if (value.kind === 'recused') return !cell.recused
  return true
}

/** Short text of a stored cell: "85.50", "回避", "85.00（仅总分）" or ''. */
export function cellText(cell: GridCell | null | undefined): string {
  if (!cell || !cell.keyed) return ''
  if (cell.recused) return '回避'
  if (cell.criteria === null) return `${formatPoints(cell.total)}（仅总分）`
  return formatPoints(cell.total ?? cell.criteria.reduce((a, b) => a + b, 0))
}

/** Pass 2: does this row's stored value disagree with pass 1? */
export function cellsDiffer(a: GridCell | null | undefined, b: GridCell | null | undefined): boolean {
  const ka = a?.keyed ?? false
  const kb = b?.keyed ?? false
  if (!ka || !kb) return ka !== kb
  if (a!.recused || b!.recused) return a!.recused !== b!.recused
  if (a!.criteria && b!.criteria) return !sameValues(a!.criteria, b!.criteria)
  return a!.total !== b!.total
}

export function sheetFor(sheets: readonly ScoreSheet[], group: Group | null): ScoreSheet | null {
  return sheets.find((s) => s.group === group) ?? null
}

/** Grid rows in sections by group (the columns differ per group's sheet), keeping the order of first appearance. */
export function gridSections(rows: readonly GridRow[], sheets: readonly ScoreSheet[]): { group: Group | null; sheet: ScoreSheet | null; rows: GridRow[] }[] {
  const out: { group: Group | null; sheet: ScoreSheet | null; rows: GridRow[] }[] = []
  for (const r of rows) {
    let s = out.find((x) => x.group === r.group)
    if (!s) {
      s = { group: r.group, sheet: sheetFor(sheets, r.group), rows: [] }
      out.push(s)
    }
    s.rows.push(r)
  }
  return out
}

// ---- grid navigation --------------------------------------------------------------------------------------

export interface GridPos {
  row: number
  col: number
}

export type GridMove = 'right' | 'left' | 'up' | 'down' | 'next-row'

/**
 * Where the cursor goes. `cols[i]` is the number of score inputs in row i. Tab = right (at a row's end: the
 * next row's first cell), Shift+Tab = left (at the start: the previous row's last cell), Enter = 'next-row'
 * (first cell of the next row), arrows up/down keep the column where that row has it. Returns null at the edges.
 */
export function moveInGrid(pos: GridPos, move: GridMove, cols: readonly number[]): GridPos | null {
  const rows = cols.length
  if (rows === 0) return null
  const nextRow = (from: number, dir: 1 | -1): number => {
    for (let r = from + dir; r >= 0 && r < rows; r += dir) if (cols[r] > 0) return r
    return -1
  }
  switch (move) {
    case 'right': {
      if (pos.col + 1 < cols[pos.row]) return { row: pos.row, col: pos.col + 1 }
      const r = nextRow(pos.row, 1)
      return r < 0 ? null : { row: r, col: 0 }
    }
    case 'left': {
      if (pos.col > 0) return { row: pos.row, col: pos.col - 1 }
      const r = nextRow(pos.row, -1)
      return r < 0 ? null : { row: r, col: cols[r] - 1 }
    }
    case 'down':
    case 'up': {
      const r = nextRow(pos.row, move === 'down' ? 1 : -1)
      return r < 0 ? null : { row: r, col: Math.min(pos.col, cols[r] - 1) }
    }
    case 'next-row': {
      const r = nextRow(pos.row, 1)
      return r < 0 ? null : { row: r, col: 0 }
    }
  }
}

/** The move a key press asks for in the grid, or null (the key types). */
export function keyMove(e: { key: string; shiftKey?: boolean; altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean }): GridMove | 'save' | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null
  if (e.key === 'Tab') return e.shiftKey ? 'left' : 'right'
  if (e.key === 'Enter') return 'save'
  if (e.key === 'ArrowDown') return 'down'
  if (e.key === 'ArrowUp') return 'up'
  return null
}

// ---- ranking ---------------------------------------------------------------------------------------------

export interface StatusTag {
  label: string
  type: 'info' | 'warning' | 'danger' | 'success' | 'primary'
}

/** The 状态 column of a ranking row. */
export function rankStatus(e: RankedEntry): StatusTag[] {
  const out: StatusTag[] = []
  if (!e.complete) out.push({ label: `评分未完成 ${e.judges_done}/${e.judges_expected}`, type: 'info' })
  else if (e.rank === null) out.push({ label: '无有效评分', type: 'warning' })
  if (e.complete && e.below_minimum) out.push({ label: '有效评委不足', type: 'warning' })
  if (e.tie_unresolved) out.push({ label: '并列待定', type: 'danger' })
  return out
}

/** "第 3 名", or '—' when not ranked. */
export function rankText(rank: number | null | undefined): string {
  return rank === null || rank === undefined ? '—' : String(rank)
}

/** The tooltip of a score: the exact value when it differs from the two-decimal display. */
export function exactScoreTitle(e: Pick<RankedEntry, 'score' | 'score_display'>): string {
  if (!e.score) return ''
  return `精确值：${e.score}`
}

const TIE_STEP_LABELS: Record<string, string> = {
  untrimmed_mean: '全部有效评委总分的平均分',
  criterion1: '第1项评分之和',
  committee: '评审委员会决定',
}

export function tieStepLabel(s: string | null | undefined): string {
  return s ? TIE_STEP_LABELS[s] ?? s : ''
}

/** The entries of an open tie, in the order the ranking lists them. */
export function tieEntries(group: RoundGroup, tie: OpenTie): RankedEntry[] {
  const set = new Set(tie.project_nos)
  return group.entries.filter((e) => set.has(e.project_no))
}

/** Moves one item of a list (a copy) up (-1) or down (+1); out-of-range moves leave it as it is. */
export function moveItem<T>(list: readonly T[], index: number, dir: -1 | 1): T[] {
  const out = [...list]
  const j = index + dir
  if (index < 0 || index >= out.length || j < 0 || j >= out.length) return out
  ;[out[index], out[j]] = [out[j], out[index]]
  return out
}

/** Why a committee tie decision cannot be sent yet ('' when it can). */
export function tieBlocker(order: readonly string[], reason: string, by: string): string {
  if (order.length < 2) return '并列决定至少涉及两个项目'
  if (new Set(order).size !== order.length) return '排序中有重复的项目'
  if (reason.trim() === '') return '请填写依据（如“评委会投票 5:2”）'
  if (by.trim() === '') return '请填写记录人'
  return ''
}

// ---- projector ---------------------------------------------------------------------------------------------

export interface ProjectorLine {
  rank: number
  project_no: string
  project_name: string
  entrant_name: string
  score_display: string
  tie: boolean
}

export interface ProjectorGroup {
  /** The group's code, or "unknown" for entries without one (a key for the page). */
  group: string
  label: string
  lines: ProjectorLine[]
  /** Entries still being scored (评分中). */
  pending: number
}

/** What the projector shows: per group only ranked entries (no personal data), and how many are still scored. */
export function projectorGroups(groups: readonly RoundGroup[]): ProjectorGroup[] {
  return groups.map((g) => ({
    group: g.group ?? 'unknown',
    label: g.label,
    lines: g.entries
      .filter((e) => e.rank !== null && e.complete)
      .map((e) => ({
        rank: e.rank as number,
        project_no: e.project_no,
        project_name: e.project_name,
        entrant_name: e.entrant_name,
        score_display: e.score_display ?? '',
        tie: e.tie_unresolved,
      })),
    pending: g.entries.filter((e) => !e.complete).length,
  }))
}

// ---- conflicts ---------------------------------------------------------------------------------------------

export type MatrixMark = 'confirmed' | 'suggested' | ''

/** Judge × entry marks: 回避 (confirmed or declared), 提示 (suggested); dismissed ones leave the cell blank. */
export function conflictMarks(list: readonly Conflict[]): Map<string, MatrixMark> {
  const m = new Map<string, MatrixMark>()
  for (const c of list) {
    const k = `${c.judge_id}|${c.entry_key}`
    if (c.status === 'confirmed') m.set(k, 'confirmed')
    else if (c.status === 'suggested' && m.get(k) !== 'confirmed') m.set(k, 'suggested')
  }
  return m
}

export function markLabel(m: MatrixMark): string {
  return m === 'confirmed' ? '回避' : m === 'suggested' ? '提示' : ''
}

export function conflictStatusLabel(s: string): string {
  if (s === 'suggested') return '待确认'
  if (s === 'confirmed') return '已确认回避'
  if (s === 'dismissed') return '已排除'
  return s
}

/** The ids of the suggested conflicts among those ticked (only suggestions can be dismissed in bulk). */
export function dismissable(list: readonly Conflict[], ticked: ReadonlySet<number>): number[] {
  return list.filter((c) => c.status === 'suggested' && ticked.has(c.id)).map((c) => c.id)
}

/** Why a bulk dismissal cannot be sent yet ('' when it can). */
export function bulkDismissBlocker(count: number, reason: string, by: string): string {
  if (count === 0) return '请先勾选待确认的回避提示'
  if (reason.trim() === '') return '请填写排除理由（一条理由适用于全部所选）'
  if (by.trim() === '') return '请填写确认人'
  return ''
}

/** Judges per panel typed in the auto-panel dialog: a whole number 1…judges. */
export function judgesPerPanelError(n: number | null | undefined, judges: number): string {
  if (judges === 0) return '还没有在用评委'
  if (n === null || n === undefined || !Number.isInteger(n)) return '请填写整数'
  if (n < 1 || n > judges) return `应在 1 到 ${judges} 之间（在用评委 ${judges} 人）`
  return ''
}

export function conflictSourceLabel(s: string): string {
  return s === 'declared' ? '人工申报' : s === 'suggested' ? '系统提示' : s
}

// ---- misc ----------------------------------------------------------------------------------------------------

/** Default top N for advancement: settings `final_top_n` when it is a positive integer, else 20. */
export function defaultTopN(settings: unknown): number {
  const v = (settings as { final_top_n?: unknown } | null)?.final_top_n
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 20
}

/** The draw seed typed by a person: blank → null (drawn at random); else a non-negative safe integer. */
export function parseSeed(text: string | null | undefined): { ok: true; seed: number | null } | { ok: false; error: string } {
  const s = toHalfWidth(text ?? '').trim()
  if (s === '') return { ok: true, seed: null }
  if (!/^\d+$/.test(s)) return { ok: false, error: '随机种子只能是非负整数' }
  const n = Number(s)
  if (!Number.isSafeInteger(n)) return { ok: false, error: '随机种子太大（最多 16 位数字）' }
  return { ok: true, seed: n }
}

/** A judge in a list: "张三（某某大学）". */
export function judgeLabel(j: { name: string; organization?: string | null }): string {
  return j.organization ? `${j.name}（${j.organization}）` : j.name
}

/** A remembered operator name (录入人 / 确认人 / 记录人), like the screening drawer's 审核人: per contest file. */
export function remembered(name: 'keyedBy' | 'decidedBy'): string {
  return rememberedOperator(`judging.${name}`)
}

export function remember(name: 'keyedBy' | 'decidedBy', value: string): void {
  rememberOperator(`judging.${name}`, value)
}

/** The judges of a round's panels, each once, in panel then sheet order. */
export function panelJudges(panels: readonly { judges: readonly { id: number; name: string; organization: string | null }[] }[]): {
  id: number
  name: string
  organization: string | null
}[] {
  const seen = new Map<number, { id: number; name: string; organization: string | null }>()
  for (const p of panels) for (const j of p.judges) if (!seen.has(j.id)) seen.set(j.id, j)
  return [...seen.values()]
}

/** Entry counts of a panel by group: "企业组 70" style parts. */
export function countByGroup(keys: readonly string[], groupOf: ReadonlyMap<string, Group | null>): { group: string; count: number }[] {
  const m = new Map<string, number>()
  for (const k of keys) {
    const g = groupOf.get(k) ?? ''
    m.set(g, (m.get(g) ?? 0) + 1)
  }
  return [...m.entries()].map(([group, count]) => ({ group, count }))
}

/** A number with `digits` decimals, or "—" (leniency tables). */
export function fmt1(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits)
}

/** A judge whose mean is 3+ points above the group's is lenient, 3+ below strict (advisory colouring). */
export function offsetTone(offset: number | null | undefined): '' | 'lenient' | 'strict' {
  if (offset === null || offset === undefined) return ''
  if (offset >= 3) return 'lenient'
  if (offset <= -3) return 'strict'
  return ''
}
