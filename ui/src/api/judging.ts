// 评审 (SPEC §5): the window ↔ core contract for rounds, panels, 回避, score keeping, ranking,
// advancement, the draw and the projector. Mirrors src-tauri/src/commands/judging.rs and the Rust
// types in crates/core/src/judging and crates/core/src/scoring. Calls go through `call` in ./index.ts.
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { availableMonitors, currentMonitor, getCurrentWindow } from '@tauri-apps/api/window'
import { call, toApiErrorPublic } from './index'
import type { Round as RoundCode } from './gen/Round'
import type { JudgeRef } from './gen/JudgeRef'
import type { Panel } from './gen/Panel'
import type { RoundOverview } from './gen/RoundOverview'
import type { RoundEntry } from './gen/RoundEntry'
import type { Conflict } from './gen/Conflict'
import type { Criterion } from './gen/Criterion'
import type { ScoreSheet } from './gen/ScoreSheet'
import type { ScoreValue } from './gen/ScoreValue'
import type { GridCell } from './gen/GridCell'
import type { GridRow } from './gen/GridRow'
import type { Grid } from './gen/Grid'
import type { Mismatch } from './gen/Mismatch'
import type { LogEntry as ScoreLogEntry } from './gen/LogEntry'
import type { ScoresImport } from './gen/ScoresImport'
import type { ScoreOverwrite } from './gen/ScoreOverwrite'
import type { CardLine } from './gen/CardLine'
import type { ScoreCard } from './gen/ScoreCard'
import type { Ranked as RankedDetail } from './gen/Ranked'
import type { RankedEntry } from './gen/RankedEntry'
import type { OpenTie } from './gen/OpenTie'
import type { RoundGroup } from './gen/RoundGroup'
import type { LineTie } from './gen/LineTie'
import type { AdvanceGroup } from './gen/AdvanceGroup'
import type { AdvanceResult } from './gen/AdvanceResult'
import type { AdvancementRow } from './gen/AdvancementRow'
import type { Group } from './gen/Group'
import type { DrawEntry } from './gen/DrawEntry'
import type { Draw } from './gen/Draw'
import type { JudgeStats } from './gen/JudgeStats'
import type { LeniencyEntry } from './gen/LeniencyEntry'
import type { GroupLeniency } from './gen/GroupLeniency'

export type { RoundCode, JudgeRef, Panel, RoundOverview, RoundEntry, Conflict, Criterion, ScoreSheet, ScoreValue, GridCell, GridRow, Grid, Mismatch, ScoreLogEntry, ScoresImport, ScoreOverwrite, CardLine, ScoreCard, RankedDetail, RankedEntry, OpenTie, RoundGroup, LineTie, AdvanceGroup, AdvanceResult, AdvancementRow, DrawEntry, Draw, JudgeStats, LeniencyEntry, GroupLeniency }


export const roundOverview = (roundCode: RoundCode) => call('round_overview', { roundCode })
export const roundEntries = (roundCode: RoundCode) => call('round_entries', { roundCode })
/** One panel per group; `judgesPerPanel` active judges each (all when null), taken in turn. */
export const panelsAuto = (roundCode: RoundCode, judgesPerPanel: number | null = null) => call('panels_auto', { roundCode, judgesPerPanel })
export const panelCreate = (roundCode: RoundCode, name: string) => call('panel_create', { roundCode, name })
export const panelDelete = (panelId: number) => call('panel_delete', { panelId })
export const panelSetJudges = (panelId: number, judgeIds: number[]) => call('panel_set_judges', { panelId, judgeIds })
export const panelSetEntries = (panelId: number, entries: string[]) => call('panel_set_entries', { panelId, entries })
/** With `suggest`, first looks for new 回避 suggestions in the data. */
export const conflictsList = (roundCode: RoundCode, suggest: boolean) => call('conflicts_list', { roundCode, suggest })
export const conflictDecide = (id: number, confirm: boolean, decidedBy: string) => call('conflict_decide', { id, confirm, decidedBy })
/** Dismisses several suggested 回避 at once with one reason (all or none); returns how many. */
export const conflictsDismiss = (roundCode: RoundCode, ids: number[], reason: string, decidedBy: string) =>
  call('conflicts_dismiss', { roundCode, ids, reason, decidedBy })
export const conflictDeclare = (roundCode: RoundCode, judgeId: number, entry: string, reason: string, decidedBy: string) =>
  call('conflict_declare', { roundCode, judgeId, entry, reason, decidedBy })
export const scoreGrid = (roundCode: RoundCode, judgeId: number, pass: 1 | 2) => call('score_grid', { roundCode, judgeId, pass })
/** Returns whether anything changed. Changing an existing pass-1 score needs a reason. */
export const scoreSet = (
  roundCode: RoundCode,
  judgeId: number,
  entry: string,
  pass: 1 | 2,
  value: ScoreValue,
  keyedBy: string,
  reason: string,
) => call('score_set', { roundCode, judgeId, entry, pass, value, keyedBy, reason })
export const scoreMismatches = (roundCode: RoundCode) => call('score_mismatches', { roundCode })
export const scoreLog = (roundCode: RoundCode | null, limit?: number) => call('score_log', { roundCode, limit })
/** Reads and checks a score file without storing anything. */
export const scoresCheck = (roundCode: RoundCode, path: string) => call('scores_check', { roundCode, path })
/**
 * Imports a score file; refused whole (code SCORES_REFUSED) when any cell is wrong, and (CONFLICT) when it would
 * replace hand-keyed scores with other values unless `overwrite` says the user confirmed that.
 */
export const scoresImport = (roundCode: RoundCode, path: string, keyedBy: string, overwrite = false) =>
  call('scores_import', { roundCode, path, keyedBy, overwrite })
export const scoresExport = (roundCode: RoundCode, path: string) => call('scores_export', { roundCode, path })
export const ranking = (roundCode: RoundCode) => call('ranking', { roundCode })
export const tieDecide = (roundCode: RoundCode, group: Group, entries: string[], reason: string, decidedBy: string) =>
  call('tie_decide', { roundCode, group, entries, reason, decidedBy })
/** Top N per group of the previous round in force enter `toRound` (复赛 or 决赛; the 决赛 by default). */
export const advance = (topN: number, decidedBy: string, toRound: RoundCode = 'final') => call('advance', { topN, decidedBy, toRound })
export const advancementList = (toRound: RoundCode = 'final') => call('advancement_list', { toRound })
export const advancementAdjust = (entry: string, included: boolean, reason: string, decidedBy: string, toRound: RoundCode = 'final') =>
  call('advancement_adjust', { entry, included, reason, decidedBy, toRound })
export const draw = (roundCode: RoundCode, group: Group, seed: number | null, drawnBy: string) =>
  call('draw', { roundCode, group, seed, drawnBy })
export const drawsList = (roundCode: RoundCode) => call('draws_list', { roundCode })
/** Opens the projector full screen on `monitor` (a name from `monitorsList`; null: the main window's screen). */
export const projectorOpen = (roundCode: RoundCode, monitor: string | null = null) => call('projector_open', { roundCode, monitor })

/** A screen the projector may fill. */
export interface MonitorChoice {
  name: string
  width: number
  height: number
  /** The screen the main window is on. */
  current: boolean
}

/** The screens the system lists (empty outside the app window or when it cannot tell). */
export async function monitorsList(): Promise<MonitorChoice[]> {
  try {
    const [all, here] = await Promise.all([availableMonitors(), currentMonitor()])
    return all
      .filter((m) => m.name)
      .map((m) => ({ name: m.name as string, width: m.size.width, height: m.size.height, current: m.name === here?.name }))
  } catch {
    return []
  }
}

/** The projector window leaving (false) or entering (true) full screen; without `on`, the other state. */
export async function projectorFullscreen(on?: boolean): Promise<void> {
  try {
    const w = getCurrentWindow()
    await w.setFullscreen(on ?? !(await w.isFullscreen()))
  } catch {
    // Outside the app window (tests, a browser) there is no window to change.
  }
}

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
    return await listen<string>('projector-round', (ev) => handler(ev.payload === 'final' || ev.payload === 'semifinal' ? ev.payload : 'preliminary'))
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
    const list = await call('judges_list')
    return list.filter((j) => j.active !== false).map((j) => ({ id: j.id, name: j.name, organization: j.organization ?? null }))
  } catch {
    const seen = new Map<number, JudgeRef>()
    for (const r of ['preliminary', 'semifinal', 'final'] as RoundCode[]) {
      // The 复赛 is refused while it is off: its panels are then simply none.
      const o = await roundOverview(r).catch(() => ({ panels: [] as Panel[] }))
      for (const p of o.panels) for (const j of p.judges) if (!seen.has(j.id)) seen.set(j.id, j)
    }
    return [...seen.values()].sort((a, b) => a.id - b.id)
  }
}

/** Writes one panel's per-judge score sheets as a PDF; with no panel, every panel's one after the other in one PDF (the whole round while it has no panels). Returns the path. */
export const scoreSheetsPdf = (roundCode: RoundCode, panelName: string | null, path: string) =>
  call('score_sheets_pdf', { roundCode, panelName, path })
/** Writes the printable roadshow order of a recorded draw; returns the path. */
export const orderSheetPdf = (roundCode: RoundCode, drawId: number, path: string) => call('order_sheet_pdf', { roundCode, drawId, path })

/** Advisory: judges' means and spreads, and the order under plain mean, trimmed mean and z-scores. */
export const leniency = (roundCode: RoundCode) => call('leniency', { roundCode })

