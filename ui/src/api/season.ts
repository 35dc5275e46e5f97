// 公示与跟踪 (issue #12): the window ↔ core contract for the 公示's objections, the provincial results and the
// follow-up to year end. Mirrors src-tauri/src/commands/season.rs.
import { call } from './commands'
import type { Objection } from './gen/Objection'
import type { ObjectionOutcome } from './gen/ObjectionOutcome'
import type { FollowUp } from './gen/FollowUp'
import type { FollowUpKind } from './gen/FollowUpKind'
import type { ProvincialOutcome } from './gen/ProvincialOutcome'
import type { ProvincialRow } from './gen/ProvincialRow'
import type { GrowthFlag } from './gen/GrowthFlag'

export type { Objection, ObjectionOutcome, FollowUp, FollowUpKind, ProvincialOutcome, ProvincialRow, GrowthFlag }

export const objectionsList = () => call('objections_list')
export const objectionAdd = (entry: string, from: string, received: string, content: string) =>
  call('objection_add', { entry, from, received, content })
/** `disqualifyBy`: the operator, when an upheld objection withdraws the entry too. */
export const objectionClose = (id: number, outcome: ObjectionOutcome, handling: string, disqualifyBy: string | null) =>
  call('objection_close', { id, outcome, handling, disqualifyBy })
export const provincialList = () => call('provincial_list')
export const provincialSet = (entry: string, outcome: ProvincialOutcome) => call('provincial_set', { entry, outcome })
export const followupsList = (entry: string | null, overdue: boolean) => call('followups_list', { entry, overdue })
export const followupAdd = (
  entry: string,
  date: string,
  kind: FollowUpKind,
  note: string,
  amountWan: number | null,
  nextDue: string | null,
) => call('followup_add', { entry, date, kind, note, amountWan, nextDue })
export const growthFlagsList = () => call('growth_flags_list')
export const growthFlagSet = (entry: string, flag: 'fast' | 'potential' | null, reason: string) =>
  call('growth_flag_set', { entry, flag, reason })
