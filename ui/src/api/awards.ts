// 获奖与推荐 (SPEC §6, §11): the window ↔ core contract for the award list, its freeze and amendments, the
// provincial recommendation, 优秀组织单位 statistics and the committee's lists. Mirrors
// src-tauri/src/commands/awards.rs and the Rust types in crates/core/src/awards (serde: snake_case keys).
// Calls go through `call` in ./index.ts.
import { certificateRegister } from './certificates'
import { call, eligibilityExport, problemsExport } from './index'
import { rankingExport, scoresExport } from './judging'
import type { AwardsExportKind } from './commands'
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


/** awards | publicity | recommendation | units (xlsx); publicity-pdf | recommendation-pdf | signoff-pdf (PDF). */
export type { AwardsExportKind }

export const awardsList = () => call('awards_list')
/** Locks the list; resolves to its content hash. */
export const awardsFreeze = (frozenBy: string) => call('awards_freeze', { frozenBy })
/** After the freeze: `level` null withdraws the award. */
export const awardsAmend = (entry: string, level: Level | null, reason: string, amendedBy: string) =>
  call('awards_amend', { entry, level, reason, amendedBy })
export const recommendationList = () => call('recommendation_list')
export const recommendationSet = (entry: string, included: boolean, reason: string, decidedBy: string) =>
  call('recommendation_set', { entry, included, reason, decidedBy })
export const unitsStats = () => call('units_stats')
export const unitChoose = (unit: string, chosen: boolean, reason: string, decidedBy: string) =>
  call('unit_choose', { unit, chosen, reason, decidedBy })
/** Writes one of the committee's lists; resolves to the written path (the extension is added when missing). */
export const awardsExport = (kind: AwardsExportKind, path: string) => call('awards_export', { kind, path })

// ---- every list the secretariat exports (导出 page and the export buttons of 获奖与推荐) ----

/** An export the window offers: the awards lists plus the earlier ones (资格审查, 导入问题, 评分明细). */
export type ExportId =
  | 'eligibility'
  | 'problems'
  | 'scores-preliminary'
  | 'scores-final'
  | 'ranking-preliminary'
  | 'ranking-final'
  | 'certificates'
  | AwardsExportKind

/** Writes the export `id` to `path`; resolves to the written path. */
export async function writeExport(id: ExportId, path: string): Promise<string> {
  switch (id) {
    case 'eligibility':
      return eligibilityExport(path)
    case 'problems':
      return problemsExport(path, null)
    case 'scores-preliminary':
      return scoresExport('preliminary', path)
    case 'scores-final':
      return scoresExport('final', path)
    case 'ranking-preliminary':
      return rankingExport('preliminary', path)
    case 'ranking-final':
      return rankingExport('final', path)
    case 'certificates':
      return certificateRegister(path)
    default:
      return awardsExport(id, path)
  }
}
