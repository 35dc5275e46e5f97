// 评审 (SPEC §5): the window ↔ core contract for rounds, panels, 回避, score keeping, ranking,
// advancement, the draw and the projector. Mirrors src-tauri/src/commands/judging.rs and the Rust
// types in crates/core/src/judging and crates/core/src/scoring. Calls go through `call` in ./index.ts.
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { call, toApiErrorPublic } from './index'
import type { GroupCode, Problem } from './types'

export type RoundCode = 'preliminary' | 'final'

export interface JudgeRef {
  id: number
  name: string
  organization: string | null
}

export interface Panel {
  id: number
  round: RoundCode
  name: string
  /** In score-sheet order (decides which of two equal extreme totals is dropped). */
  judges: JudgeRef[]
  /** Entry keys. */
  entries: string[]
}

export interface RoundOverview {
  round: RoundCode
  label: string
  entries: number
  panels: Panel[]
  judges: number
  /** 回避 suggestions waiting for a person. */
  conflicts_open: number
  /** Double-entry cells that disagree. */
  mismatches: number
}

export interface RoundEntry {
  key: string
  project_no: string
  group: GroupCode | string
  project_name: string
  entrant_name: string
  unit: string | null
}

export interface Conflict {
  id: number
  round: RoundCode
  judge_id: number
  judge_name: string
  entry_key: string
  project_no: string
  project_name: string
  source: 'suggested' | 'declared'
  status: 'suggested' | 'confirmed' | 'dismissed'
  reason: string
  decided_by: string | null
  decided_at: string | null
}

export interface Criterion {
  name: string
  max: number
}

export interface ScoreSheet {
  group: GroupCode | string
  criteria: Criterion[]
}

/** Values in hundredths of a point (85.5 points = 8550). */
export type ScoreValue =
  | { kind: 'criteria'; values: number[] }
  | { kind: 'total'; total: number }
  | { kind: 'recused' }
  | { kind: 'clear' }

export interface GridCell {
  /** Hundredths per criterion; null when not keyed or keyed as a lone total. */
  criteria: number[] | null
  total: number | null
  recused: boolean
  keyed: boolean
}

export interface GridRow {
  entry_key: string
  project_no: string
  project_name: string
  group: GroupCode | string
  cell: GridCell
  /** The other pass (double entry); null when not keyed there. */
  other_pass: GridCell | null
  /** A confirmed or declared 回避 of this judge for this entry. */
  conflict: string | null
}

export interface Grid {
  round: RoundCode
  judge_id: number
  judge_name: string
  pass: 1 | 2
  sheets: ScoreSheet[]
  rows: GridRow[]
}

export interface Mismatch {
  judge_id: number
  judge_name: string
  entry_key: string
  project_no: string
  first: string | null
  second: string | null
  message: string
}

export interface ScoreLogEntry {
  id: number
  at: string
  who: string
  round: RoundCode
  judge_name: string
  project_no: string
  pass: number
  old_value: string | null
  new_value: string | null
  reason: string
}

export interface ScoresImport {
  file: string
  round: RoundCode
  rows: number
  recusals: number
  written: number
  unchanged: number
  problems: Problem[]
  applied: boolean
}

export interface CardLine {
  judge_id: number
  judge_name: string
  total: number | null
  total_display: string
  status: string
  status_label: string
}

export interface ScoreCard {
  lines: CardLine[]
  valid_judges: number
  rule: string
  rule_text: string
  formula: string | null
  score: string | null
  score_display: string | null
  notes: string[]
}

export interface RankedDetail {
  decided_by: 'untrimmed_mean' | 'criterion1' | 'committee' | null
  tie_notes: string[]
  below_minimum: boolean
  untrimmed_mean: string | null
  criterion1_total: number | null
  card: ScoreCard
}

/** SPEC §11 ranking shape plus what the window shows. */
export interface RankedEntry {
  project_no: string
  group: GroupCode | string
  /** Exact: "82.625" or "250/3". */
  score: string | null
  /** Two decimals, 四舍五入 on the exact value. */
  score_display: string | null
  rank: number | null
  tie_unresolved: boolean
  valid_judges: number
  recused: string[]
  dropped: string[]
  key: string
  project_name: string
  entrant_name: string
  /** Every expected judge has a score or a 回避. */
  complete: boolean
  judges_done: number
  judges_expected: number
  below_minimum: boolean
  tie_notes: string[]
  detail: RankedDetail
}

export interface OpenTie {
  rank: number
  project_nos: string[]
  message: string
}

export interface RoundGroup {
  group: GroupCode | string
  label: string
  entries: RankedEntry[]
  open_ties: OpenTie[]
}

export interface LineTie {
  rank: number
  seats_left: number
  candidates: string[]
  message: string
}

export interface AdvanceGroup {
  group: string
  label: string
  advanced: string[]
  line_tie: LineTie | null
  unranked: string[]
  summary: string
}

export interface AdvanceResult {
  top_n: number
  groups: AdvanceGroup[]
  manual_kept: number
}

export interface AdvancementRow {
  entry_key: string
  project_no: string
  project_name: string
  group: string
  included: boolean
  manual: boolean
  reason: string
  decided_by: string
  decided_at: string
}

export interface DrawEntry {
  position: number
  entry_key: string
  project_no: string
  project_name: string
  entrant_name: string
}

export interface Draw {
  id: number
  round: RoundCode
  group: string
  group_label: string
  /** Decimal text of the recorded seed: the same seed reproduces the order. */
  seed: string
  drawn_at: string
  drawn_by: string
  order: DrawEntry[]
}

export const roundOverview = (roundCode: RoundCode) => call<RoundOverview>('round_overview', { roundCode })
export const roundEntries = (roundCode: RoundCode) => call<RoundEntry[]>('round_entries', { roundCode })
export const panelsAuto = (roundCode: RoundCode) => call<Panel[]>('panels_auto', { roundCode })
export const panelCreate = (roundCode: RoundCode, name: string) => call<number>('panel_create', { roundCode, name })
export const panelDelete = (panelId: number) => call<null>('panel_delete', { panelId })
export const panelSetJudges = (panelId: number, judgeIds: number[]) => call<null>('panel_set_judges', { panelId, judgeIds })
export const panelSetEntries = (panelId: number, entries: string[]) => call<null>('panel_set_entries', { panelId, entries })
/** With `suggest`, first looks for new 回避 suggestions in the data. */
export const conflictsList = (roundCode: RoundCode, suggest: boolean) => call<Conflict[]>('conflicts_list', { roundCode, suggest })
export const conflictDecide = (id: number, confirm: boolean, decidedBy: string) => call<null>('conflict_decide', { id, confirm, decidedBy })
export const conflictDeclare = (roundCode: RoundCode, judgeId: number, entry: string, reason: string, decidedBy: string) =>
  call<null>('conflict_declare', { roundCode, judgeId, entry, reason, decidedBy })
export const scoreGrid = (roundCode: RoundCode, judgeId: number, pass: 1 | 2) => call<Grid>('score_grid', { roundCode, judgeId, pass })
/** Returns whether anything changed. Changing an existing pass-1 score needs a reason. */
export const scoreSet = (
  roundCode: RoundCode,
  judgeId: number,
  entry: string,
  pass: 1 | 2,
  value: ScoreValue,
  keyedBy: string,
  reason: string,
) => call<boolean>('score_set', { roundCode, judgeId, entry, pass, value, keyedBy, reason })
export const scoreMismatches = (roundCode: RoundCode) => call<Mismatch[]>('score_mismatches', { roundCode })
export const scoreLog = (roundCode: RoundCode | null, limit?: number) => call<ScoreLogEntry[]>('score_log', { roundCode, limit })
/** Reads and checks a score file without storing anything. */
export const scoresCheck = (roundCode: RoundCode, path: string) => call<ScoresImport>('scores_check', { roundCode, path })
/** Imports a score file; refused whole (code SCORES_REFUSED) when any cell is wrong. */
export const scoresImport = (roundCode: RoundCode, path: string, keyedBy: string) =>
  call<ScoresImport>('scores_import', { roundCode, path, keyedBy })
export const scoresExport = (roundCode: RoundCode, path: string) => call<string>('scores_export', { roundCode, path })
export const ranking = (roundCode: RoundCode) => call<RoundGroup[]>('ranking', { roundCode })
export const tieDecide = (roundCode: RoundCode, group: string, entries: string[], reason: string, decidedBy: string) =>
  call<null>('tie_decide', { roundCode, group, entries, reason, decidedBy })
export const advance = (topN: number, decidedBy: string) => call<AdvanceResult>('advance', { topN, decidedBy })
export const advancementList = () => call<AdvancementRow[]>('advancement_list')
export const advancementAdjust = (entry: string, included: boolean, reason: string, decidedBy: string) =>
  call<null>('advancement_adjust', { entry, included, reason, decidedBy })
export const draw = (roundCode: RoundCode, group: string, seed: number | null, drawnBy: string) =>
  call<Draw>('draw', { roundCode, group, seed, drawnBy })
export const drawsList = (roundCode: RoundCode) => call<Draw[]>('draws_list', { roundCode })
export const projectorOpen = (roundCode: RoundCode) => call<null>('projector_open', { roundCode })

/** Fires whenever a score, a 回避 or a tie decision changes (the projector refreshes on it). */
export async function onScoresChanged(handler: (what: string) => void): Promise<UnlistenFn> {
  try {
    return await listen<string>('scores-changed', (ev) => handler(ev.payload))
  } catch (e) {
    throw toApiErrorPublic(e)
  }
}

/** The projector window is asked to show another round (sent when it is already open). */
export async function onProjectorRound(handler: (round: RoundCode) => void): Promise<UnlistenFn> {
  try {
    return await listen<string>('projector-round', (ev) => handler(ev.payload === 'final' ? 'final' : 'preliminary'))
  } catch (e) {
    throw toApiErrorPublic(e)
  }
}

/**
 * Every judge the rounds can use. Reads the judges list (`judges_list`, the 评委名单) when the app has it;
 * otherwise the judges seen in the panels of both rounds. Only id, name and organization are used here.
 */
export async function allJudges(): Promise<JudgeRef[]> {
  try {
    const list = await call<(JudgeRef & { active?: boolean })[]>('judges_list')
    return list.filter((j) => j.active !== false).map((j) => ({ id: j.id, name: j.name, organization: j.organization ?? null }))
  } catch {
    const seen = new Map<number, JudgeRef>()
    for (const r of ['preliminary', 'final'] as RoundCode[]) {
      const o = await roundOverview(r)
      for (const p of o.panels) for (const j of p.judges) if (!seen.has(j.id)) seen.set(j.id, j)
    }
    return [...seen.values()].sort((a, b) => a.id - b.id)
  }
}

/** Writes one panel's per-judge score sheets (the whole round while it has no panels) as a PDF; returns the path. */
export const scoreSheetsPdf = (roundCode: RoundCode, panelName: string | null, path: string) =>
  call<string>('score_sheets_pdf', { roundCode, panelName, path })
/** Writes the printable roadshow order of a recorded draw; returns the path. */
export const orderSheetPdf = (roundCode: RoundCode, drawId: number, path: string) => call<string>('order_sheet_pdf', { roundCode, drawId, path })

export interface JudgeStats {
  judge_id: number
  judge_name: string
  count: number
  recused: number
  mean: number | null
  sd: number | null
  /** The judge's mean minus the group's mean of all valid totals. */
  offset: number | null
}

export interface LeniencyEntry {
  project_no: string
  plain_mean: number | null
  trimmed_mean: number | null
  z_mean: number | null
  rank_plain: number | null
  rank_trimmed: number | null
  rank_z: number | null
  ranks_differ: boolean
}

export interface GroupLeniency {
  group: string
  label: string
  leniency: { judges: JudgeStats[]; entries: LeniencyEntry[] }
}

/** Advisory: judges' means and spreads, and the order under plain mean, trimmed mean and z-scores. */
export const leniency = (roundCode: RoundCode) => call<GroupLeniency[]>('leniency', { roundCode })

