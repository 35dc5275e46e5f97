// The window ↔ core contract (docs/IPC.md). The shapes are generated from the Rust types by ts-rs into ./gen
// (scripts/gen-bindings.sh; CI fails when they are stale): this file only re-exports them under the names the
// views use, plus the few types that exist only on this side (arguments, narrowed unions).
import type { MappingChoice } from './gen/MappingChoice'
import type { Verdict } from './gen/Verdict'

export type { ErrorCode } from './gen/ErrorCode'
export type { ErrorPayload } from './gen/ErrorPayload'

// ---- Contest file, settings, dashboard ----
export type { ContestInfo } from './gen/ContestInfo'
export type { ContestStatus } from './gen/ContestStatus'
export type { StartupProblem } from './gen/StartupProblem'
export type { NewContest } from './gen/NewContest'
export type { RecentContest } from './gen/RecentContest'
export type { Group as GroupCode } from './gen/Group'
export type { GroupSetting } from './gen/GroupSetting'
export type { GroupAwardQuota } from './gen/GroupAwardQuota'
export type { GroupAwardCash } from './gen/GroupAwardCash'
export type { ProvincialQuota } from './gen/ProvincialQuota'
export type { AwardQuota } from './gen/AwardQuota'
export type { AwardCash } from './gen/AwardCash'
export type { Settings } from './gen/Settings'
export type { Dashboard } from './gen/Dashboard'
export type { GroupCount } from './gen/GroupCount'
export type { NextStep } from './gen/NextStep'
export type { ScreeningSummary } from './gen/ScreeningSummary'

// ---- Import and entries ----
export type { Kind as EntryKind } from './gen/Kind'
export type { FieldDef as ImportField } from './gen/FieldDef'
export type { ColumnMap as PreviewColumn } from './gen/ColumnMap'
export type { ImportPreview } from './gen/ImportPreview'
export type { MappingChoice as ColumnMapping } from './gen/MappingChoice'
export type { Problem } from './gen/Problem'
export type { ImportResult } from './gen/ImportResult'
export type { SkippedRow } from './gen/SkippedRow'
export type { ImportRecord } from './gen/ImportRecord'
export type { Progress as ImportProgress } from './gen/Progress'
export type { UndoResult } from './gen/UndoResult'
export type { EntryRow } from './gen/EntryRow'
export type { Person } from './gen/Person'
export type { Source as EntrySource } from './gen/Source'
export type { Entry } from './gen/Entry'
export type { RawCell } from './gen/RawCell'
export type { EntryDetail } from './gen/EntryDetail'

/** A problem's severity as the core writes it (`Problem.severity`). */
export type Severity = 'error' | 'warning'

// ---- Screening (资格审查) ----
export type { Verdict } from './gen/Verdict'
export type { Outcome } from './gen/Outcome'
export type { Finding } from './gen/Finding'
export type { Decision } from './gen/Decision'
export type { EntryVerdict } from './gen/EntryVerdict'
export type { ScreeningCounts } from './gen/ScreeningCounts'
export type { ScreeningOverview } from './gen/ScreeningOverview'
export type { Run as ScreeningRun } from './gen/Run'
export type { HistoryItem as VerdictHistoryItem } from './gen/HistoryItem'

/** A person can only decide 符合 or 不符合. */
export type DecidedVerdict = Exclude<Verdict, 'review'>

// ---- Reference lists (参考名单) and judges ----
export type { RefKind } from './gen/RefKind'
export type { RefStatus } from './gen/RefStatus'
export type { RefImportResult } from './gen/RefImportResult'
export type { RefField } from './gen/RefField'
export type { RefColumn } from './gen/RefColumn'
export type { RefPreview } from './gen/RefPreview'
export type { Judge } from './gen/Judge'
export type { JudgeInput } from './gen/JudgeInput'

/** Options of reference_import; all optional (null = automatic). */
export interface RefImportOptions {
  sheet?: string | null
  headerRow?: number | null
  mapping?: MappingChoice[] | null
  /** Add the rows to the list instead of replacing it (not for judges). */
  append?: boolean
}
