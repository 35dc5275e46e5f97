// 获奖与推荐 (SPEC §6, §11): the window ↔ core contract for the award list, its freeze and amendments, the
// provincial recommendation and 优秀组织单位 statistics (the committee's lists are written through api/exports.ts). Mirrors
// src-tauri/src/commands/awards.rs and the Rust types in crates/core/src/awards (serde: snake_case keys).
// Calls go through `call` in ./index.ts.
import { call } from './index'
import type { Level } from './gen/Level'
import type { Award } from './gen/Award'
import type { Total as AwardTotal } from './gen/Total'
import type { Amendment } from './gen/Amendment'
import type { Frozen as FrozenSet } from './gen/Frozen'
import type { AwardList } from './gen/AwardList'
import type { RecommendedEntry } from './gen/RecommendedEntry'
import type { Recommendation } from './gen/Recommendation'
import type { UnitStats } from './gen/UnitStats'

export type { Level, Award, AwardTotal, Amendment, FrozenSet, AwardList, RecommendedEntry, Recommendation, UnitStats }

export const awardsList = () => call('awards_list')
/** Locks the list; resolves to its content hash. `overrideReason`: why it is locked while 公示 objections are open. */
export const awardsFreeze = (frozenBy: string, overrideReason: string | null = null) => call('awards_freeze', { frozenBy, overrideReason })
/** After the freeze: `level` null withdraws the award. */
export const awardsAmend = (entry: string, level: Level | null, reason: string, amendedBy: string) =>
  call('awards_amend', { entry, level, reason, amendedBy })
export const recommendationList = () => call('recommendation_list')
export const recommendationSet = (entry: string, included: boolean, reason: string, decidedBy: string) =>
  call('recommendation_set', { entry, included, reason, decidedBy })
export const unitsStats = () => call('units_stats')
export const unitChoose = (unit: string, chosen: boolean, reason: string, decidedBy: string) =>
  call('unit_choose', { unit, chosen, reason, decidedBy })
