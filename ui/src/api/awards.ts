// 获奖与推荐 (SPEC §6, §11): the window ↔ core contract for the award list, its freeze and amendments, the
// provincial recommendation and 优秀组织单位 statistics (the committee's lists are written through api/exports.ts). Mirrors
// src-tauri/src/commands/awards.rs and the Rust types in crates/core/src/awards (serde: snake_case keys).
// Calls go through `call` in ./index.ts.
import { call } from './index'
import type { GroupCode } from './types'

export type Level = 'first' | 'second' | 'third' | 'excellence'

/** One award: the SPEC §11 award shape plus what the window and the lists show. */
export interface Award {
  project_no: string
  group: GroupCode | string
  /** null while a decision is pending (or after an amendment withdrew it). */
  level: Level | null
  pending_reason: string | null
  cash_yuan: number | null
  certificate_no: string | null
  // ---- beyond §11 ----
  key: string
  group_label: string
  level_label: string | null
  project_name: string
  entrant_name: string
  unit: string | null
  rank: number | null
  /** Exact score ("82.625" or "250/3"). */
  score: string | null
  score_display: string | null
  /** Why no cash (R16: already rewarded at another municipal contest this year). */
  no_cash_reason: string | null
}

export interface AwardTotal {
  group: GroupCode | string
  group_label: string
  level: Level
  level_label: string
  count: number
  cash_yuan: number
}

export interface Amendment {
  project_no: string
  old_level: Level | null
  new_level: Level | null
  reason: string
  amended_by: string
  amended_at: string
}

export interface FrozenSet {
  id: number
  frozen_at: string
  frozen_by: string
  content_hash: string
  amendments: Amendment[]
  /** The stored data still matches its hash. */
  intact: boolean
}

export interface AwardList {
  awards: Award[]
  /** Why awards cannot be settled yet (final scoring incomplete, ties at a line), and freeze warnings. */
  warnings: string[]
  totals: AwardTotal[]
  frozen: FrozenSet | null
  /** After the freeze: the live computation from the current scores differs from the frozen set. */
  live_differs: boolean
}

export interface RecommendedEntry {
  key: string
  project_no: string
  group: GroupCode | string
  group_label: string
  project_name: string
  entrant_name: string
  credit_code: string | null
  field: string | null
  county: string | null
  /** The municipal prize label (一等奖 …), when there is one. */
  prize: string | null
  score_display: string | null
  rank: number | null
  leader_name: string | null
  /** Full number from the backend: the window shows it masked. */
  leader_phone: string | null
  unit: string | null
  included: boolean
  /** A person changed this entry's place on the list. */
  manual: boolean
  reason: string
  /** Tied across the quota line and not yet decided. */
  pending: boolean
}

export interface Recommendation {
  /** Included entries first (by group, then rank), then pending ties and the entries a person took off. */
  entries: RecommendedEntry[]
  warnings: string[]
}

export interface UnitStats {
  unit: string
  rank: number
  entries: number
  /** Entries whose effective screening verdict is 符合. */
  valid: number
  finalists: number
  awards: number
  first: number
  second: number
  third: number
  excellence: number
  chosen: boolean
  chosen_reason: string | null
}

export const awardsList = () => call<AwardList>('awards_list')
/** Locks the list; resolves to its content hash. */
export const awardsFreeze = (frozenBy: string) => call<string>('awards_freeze', { frozenBy })
/** After the freeze: `level` null withdraws the award. */
export const awardsAmend = (entry: string, level: Level | null, reason: string, amendedBy: string) =>
  call<null>('awards_amend', { entry, level, reason, amendedBy })
export const recommendationList = () => call<Recommendation>('recommendation_list')
export const recommendationSet = (entry: string, included: boolean, reason: string, decidedBy: string) =>
  call<null>('recommendation_set', { entry, included, reason, decidedBy })
export const unitsStats = () => call<UnitStats[]>('units_stats')
export const unitChoose = (unit: string, chosen: boolean, reason: string, decidedBy: string) =>
  call<null>('unit_choose', { unit, chosen, reason, decidedBy })
