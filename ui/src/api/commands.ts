// The one typed map of the desktop commands (src-tauri/src/lib.rs `generate_handler!`): name → arguments and
// result, with the result types generated from Rust (./gen). The api modules call `call('name', args)`, so a
// renamed command, a changed argument or a changed result type fails vue-tsc; commands.test.ts checks the names
// and argument names against the Rust sources. Argument names are camelCase: Tauri maps them to the snake_case
// parameters. Optional (`?`) arguments are Rust `Option`s: omitted or null means none.
import { invoke } from '@tauri-apps/api/core'
import { toApiError } from './errors'
import type { AboutInfo } from './gen/AboutInfo'
import type { AdvanceResult } from './gen/AdvanceResult'
import type { AdvancementRow } from './gen/AdvancementRow'
import type { Group } from './gen/Group'
import type { Objection } from './gen/Objection'
import type { ProvincialRow } from './gen/ProvincialRow'
import type { FollowUp } from './gen/FollowUp'
import type { GrowthFlag } from './gen/GrowthFlag'
import type { NewSeason } from './gen/NewSeason'
import type { NextSeasonPlan } from './gen/NextSeasonPlan'
import type { SeasonCheck } from './gen/SeasonCheck'
import type { AuditReport } from './gen/AuditReport'
import type { AwardList } from './gen/AwardList'
import type { BackupInfo } from './gen/BackupInfo'
import type { Certificate } from './gen/Certificate'
import type { CertificatesOverview } from './gen/CertificatesOverview'
import type { CertificatePage } from './gen/CertificatePage'
import type { CertificateSubject } from './gen/CertificateSubject'
import type { CertificateTemplate } from './gen/CertificateTemplate'
import type { LetterKind } from './gen/LetterKind'
import type { LetterTemplate } from './gen/LetterTemplate'
import type { LetterTemplates } from './gen/LetterTemplates'
import type { Letter } from './gen/Letter'
import type { LettersOverview } from './gen/LettersOverview'
import type { LettersWritten } from './gen/LettersWritten'
import type { Conflict } from './gen/Conflict'
import type { ContestFileSummary } from './gen/ContestFileSummary'
import type { ContestInfo } from './gen/ContestInfo'
import type { ContestStatus } from './gen/ContestStatus'
import type { NewContest } from './gen/NewContest'
import type { RecentContest } from './gen/RecentContest'
import type { Dashboard } from './gen/Dashboard'
import type { Draw } from './gen/Draw'
import type { EntryDetail } from './gen/EntryDetail'
import type { EntryRow } from './gen/EntryRow'
import type { ExportKindInfo } from './gen/ExportKindInfo'
import type { FieldDef } from './gen/FieldDef'
import type { Grid } from './gen/Grid'
import type { GroupLeniency } from './gen/GroupLeniency'
import type { HistoryItem } from './gen/HistoryItem'
import type { ImportPreview } from './gen/ImportPreview'
import type { ImportRecord } from './gen/ImportRecord'
import type { ImportResult } from './gen/ImportResult'
import type { Judge } from './gen/Judge'
import type { JudgeInput } from './gen/JudgeInput'
import type { Level } from './gen/Level'
import type { LogEntry } from './gen/LogEntry'
import type { MappingChoice } from './gen/MappingChoice'
import type { Mismatch } from './gen/Mismatch'
import type { Panel } from './gen/Panel'
import type { Problem } from './gen/Problem'
import type { Recommendation } from './gen/Recommendation'
import type { RefImportResult } from './gen/RefImportResult'
import type { RefKind } from './gen/RefKind'
import type { RefPreview } from './gen/RefPreview'
import type { RefStatus } from './gen/RefStatus'
import type { Restored } from './gen/Restored'
import type { Round } from './gen/Round'
import type { RoundEntry } from './gen/RoundEntry'
import type { RoundGroup } from './gen/RoundGroup'
import type { RoundOverview } from './gen/RoundOverview'
import type { ScoresImport } from './gen/ScoresImport'
import type { ScoreValue } from './gen/ScoreValue'
import type { ScreeningOverview } from './gen/ScreeningOverview'
import type { Settings } from './gen/Settings'
import type { UndoResult } from './gen/UndoResult'
import type { UnitStats } from './gen/UnitStats'
import type { Verdict } from './gen/Verdict'
import type { WriteResult } from './gen/WriteResult'
import type { LanView } from './gen/LanView'
import type { QrMatrix } from './gen/QrMatrix'

/** A command without arguments. */
type None = Record<string, never>
/** A command returning Rust `()` (JSON null). */
type Unit = null

export interface Commands {
  // ---- contest file (commands/contest.rs) ----
  app_ping: { args: None; result: string }
  app_about: { args: None; result: AboutInfo }
  contest_status: { args: None; result: ContestStatus }
  contest_current: { args: None; result: ContestInfo }
  contest_open: { args: { path: string }; result: ContestInfo }
  contest_create: { args: { path: string }; result: ContestInfo }
  contest_defaults: { args: None; result: NewContest }
  contest_new: { args: { path: string; contest: NewContest }; result: ContestInfo }
  contest_demo: { args: None; result: ContestInfo }
  recent_list: { args: None; result: RecentContest[] }
  recent_forget: { args: { path: string }; result: RecentContest[] }
  // ---- backups (commands/backups.rs) ----
  backups_list: { args: None; result: BackupInfo[] }
  backup_now: { args: None; result: BackupInfo }
  contest_export: { args: { path: string }; result: number }
  backup_summary: { args: { path: string }; result: ContestFileSummary }
  backup_restore: { args: { path: string }; result: Restored }
  audit_verify: { args: { head?: string | null }; result: AuditReport }
  // ---- settings, dashboard ----
  settings_get: { args: None; result: Settings }
  settings_save: { args: { settings: Settings }; result: Settings }
  dashboard: { args: None; result: Dashboard }
  // ---- import (commands/import.rs) ----
  import_fields: { args: None; result: FieldDef[] }
  profiles_list: { args: None; result: string[] }
  import_preview: { args: { path: string; sheet?: string | null; profile?: string | null }; result: ImportPreview }
  import_apply: {
    args: { path: string; sheet?: string | null; mapping?: MappingChoice[] | null; saveProfile?: string | null; profile?: string | null }
    result: ImportResult
  }
  import_undo_last: { args: None; result: UndoResult }
  imports_list: { args: None; result: ImportRecord[] }
  problems_list: { args: { importId?: number | null }; result: Problem[] }
  problems_export: { args: { path: string; importId?: number | null }; result: string }
  // ---- entries, screening ----
  entries_list: { args: None; result: EntryRow[] }
  entry_get: { args: { projectNo: string; reveal: boolean }; result: EntryDetail }
  screening_list: { args: None; result: ScreeningOverview }
  screening_decide: { args: { projectNo: string; verdict: Exclude<Verdict, 'review'>; reason: string; decidedBy: string }; result: Unit }
  screening_history: { args: { projectNo: string }; result: HistoryItem[] }
  entry_disqualify: { args: { projectNo: string; reason: string; decidedBy: string }; result: Unit }
  eligibility_export: { args: { path: string }; result: string }
  // ---- reference lists, judges ----
  reference_status: { args: None; result: RefStatus[] }
  reference_preview: { args: { kind: RefKind; path: string; sheet?: string | null }; result: RefPreview }
  reference_import: {
    args: { kind: RefKind; path: string; sheet?: string | null; headerRow?: number | null; mapping?: MappingChoice[] | null; append?: boolean }
    result: RefImportResult
  }
  judges_list: { args: None; result: Judge[] }
  judge_add: { args: { judge: JudgeInput }; result: Judge }
  judge_update: { args: { id: number; judge: JudgeInput }; result: Judge }
  judge_set_active: { args: { id: number; active: boolean }; result: Judge }
  // ---- judging (commands/judging.rs) ----
  round_overview: { args: { roundCode: Round }; result: RoundOverview }
  round_entries: { args: { roundCode: Round }; result: RoundEntry[] }
  panels_auto: { args: { roundCode: Round; judgesPerPanel?: number | null }; result: Panel[] }
  panel_create: { args: { roundCode: Round; name: string }; result: number }
  panel_delete: { args: { panelId: number }; result: Unit }
  panel_set_judges: { args: { panelId: number; judgeIds: number[] }; result: Unit }
  panel_set_entries: { args: { panelId: number; entries: string[] }; result: Unit }
  conflicts_list: { args: { roundCode: Round; suggest: boolean }; result: Conflict[] }
  conflict_decide: { args: { id: number; confirm: boolean; decidedBy: string }; result: Unit }
  conflicts_dismiss: { args: { roundCode: Round; ids: number[]; reason: string; decidedBy: string }; result: number }
  conflict_declare: { args: { roundCode: Round; judgeId: number; entry: string; reason: string; decidedBy: string }; result: Unit }
  score_grid: { args: { roundCode: Round; judgeId: number; pass: 1 | 2 }; result: Grid }
  score_set: {
    args: { roundCode: Round; judgeId: number; entry: string; pass: 1 | 2; value: ScoreValue; keyedBy: string; reason: string }
    result: boolean
  }
  score_mismatches: { args: { roundCode: Round }; result: Mismatch[] }
  lan_addresses: { args: None; result: string[] }
  lan_status: { args: { roundCode: Round }; result: LanView }
  lan_open: { args: { roundCode: Round; bind: string }; result: LanView }
  lan_revoke: { args: { roundCode: Round; judge: string }; result: LanView }
  lan_close: { args: { roundCode: Round }; result: LanView }
  lan_qr: { args: { text: string }; result: QrMatrix }
  score_log: { args: { roundCode?: Round | null; limit?: number | null }; result: LogEntry[] }
  scores_check: { args: { roundCode: Round; path: string }; result: ScoresImport }
  scores_import: { args: { roundCode: Round; path: string; keyedBy: string; overwrite?: boolean | null }; result: ScoresImport }
  scores_export: { args: { roundCode: Round; path: string }; result: string }
  ranking: { args: { roundCode: Round }; result: RoundGroup[] }
  tie_decide: { args: { roundCode: Round; group: Group; entries: string[]; reason: string; decidedBy: string }; result: Unit }
  advance: { args: { topN: number; decidedBy: string; toRound?: Round | null }; result: AdvanceResult }
  advancement_list: { args: { toRound?: Round | null }; result: AdvancementRow[] }
  advancement_adjust: { args: { entry: string; included: boolean; reason: string; decidedBy: string; toRound?: Round | null }; result: Unit }
  draw: { args: { roundCode: Round; group: Group; seed?: number | null; drawnBy: string }; result: Draw }
  draws_list: { args: { roundCode: Round }; result: Draw[] }
  projector_open: { args: { roundCode: Round; monitor?: string | null }; result: Unit }
  score_sheets_pdf: { args: { roundCode: Round; panelName?: string | null; path: string }; result: string }
  order_sheet_pdf: { args: { roundCode: Round; drawId: number; path: string }; result: string }
  leniency: { args: { roundCode: Round }; result: GroupLeniency[] }
  // ---- awards (commands/awards.rs) ----
  awards_list: { args: None; result: AwardList }
  awards_freeze: { args: { frozenBy: string; overrideReason?: string | null }; result: string }
  awards_amend: { args: { entry: string; level?: Level | null; reason: string; amendedBy: string }; result: Unit }
  recommendation_list: { args: None; result: Recommendation }
  recommendation_set: { args: { entry: string; included: boolean; reason: string; decidedBy: string }; result: Unit }
  units_stats: { args: None; result: UnitStats[] }
  unit_choose: { args: { unit: string; chosen: boolean; reason: string; decidedBy: string }; result: Unit }
  objections_list: { args: None; result: Objection[] }
  objection_add: { args: { entry: string; from: string; received: string; content: string }; result: number }
  objection_close: { args: { id: number; outcome: string; handling: string; disqualifyBy?: string | null }; result: Objection }
  provincial_list: { args: None; result: ProvincialRow[] }
  provincial_set: { args: { entry: string; outcome: string }; result: Unit }
  followups_list: { args: { entry?: string | null; overdue: boolean }; result: FollowUp[] }
  followup_add: {
    args: { entry: string; date: string; kind: string; note: string; amountWan?: number | null; nextDue?: string | null }
    result: number
  }
  growth_flags_list: { args: None; result: GrowthFlag[] }
  growth_flag_set: { args: { entry: string; flag?: string | null; reason: string }; result: Unit }
  season_next_plan: { args: None; result: NextSeasonPlan }
  season_new_create: { args: { path: string }; result: NewSeason }
  season_check_get: { args: None; result: SeasonCheck | null }
  season_check_confirm: { args: { who: string }; result: SeasonCheck }
  // ---- exports (commands/exports.rs, over the core's registry) ----
  export_kinds: { args: None; result: ExportKindInfo[] }
  export_run: { args: { kind: string; path: string; round?: Round | null }; result: string }
  // ---- certificates (commands/certificates.rs) ----
  certificates_overview: { args: None; result: CertificatesOverview }
  certificate_template_save: { args: { template: CertificateTemplate }; result: CertificateTemplate }
  certificate_members_set: { args: { entry: string; names: string[]; decidedBy: string }; result: Unit }
  certificates_write: { args: { dir: string; printedBy: string }; result: WriteResult }
  certificate_void: { args: { number: string; reason: string; voidedBy: string }; result: Certificate }
  certificate_reprint: { args: { number: string; path: string; printedBy: string }; result: string }
  certificate_calibration: { args: { path: string }; result: string }
  certificate_register: { args: { path: string }; result: string }
  certificate_preview: { args: { template: CertificateTemplate; subject: CertificateSubject; number: string | null }; result: CertificatePage }
  // ---- letters (commands/letters.rs) ----
  letters_overview: { args: { kind: LetterKind }; result: LettersOverview }
  letter_template_save: { args: { kind: LetterKind; template: LetterTemplate }; result: LetterTemplates }
  letter_preview: { args: { kind: LetterKind; template: LetterTemplate; letter: Letter | null }; result: CertificatePage }
  letters_write: { args: { kind: LetterKind; dir: string; printedBy: string }; result: LettersWritten }
  open_path: { args: { path: string }; result: Unit }
  // ---- debug builds only (src-tauri/src/test_hooks.rs) ----
  test_hooks_enabled: { args: None; result: boolean }
}

export type CommandName = keyof Commands
export type CommandArgs<K extends CommandName> = Commands[K]['args']
export type CommandResult<K extends CommandName> = Commands[K]['result']

/** Every argument name of every command, at run time (commands.test.ts compares them with the Rust signatures). */
export const COMMAND_ARGS = {
  app_ping: [],
  app_about: [],
  contest_status: [],
  contest_current: [],
  contest_open: ['path'],
  contest_create: ['path'],
  contest_defaults: [],
  contest_new: ['path', 'contest'],
  contest_demo: [],
  recent_list: [],
  recent_forget: ['path'],
  backups_list: [],
  backup_now: [],
  contest_export: ['path'],
  backup_summary: ['path'],
  backup_restore: ['path'],
  audit_verify: ['head'],
  settings_get: [],
  settings_save: ['settings'],
  dashboard: [],
  import_fields: [],
  profiles_list: [],
  import_preview: ['path', 'sheet', 'profile'],
  import_apply: ['path', 'sheet', 'mapping', 'saveProfile', 'profile'],
  import_undo_last: [],
  imports_list: [],
  problems_list: ['importId'],
  problems_export: ['path', 'importId'],
  entries_list: [],
  entry_get: ['projectNo', 'reveal'],
  screening_list: [],
  screening_decide: ['projectNo', 'verdict', 'reason', 'decidedBy'],
  screening_history: ['projectNo'],
  entry_disqualify: ['projectNo', 'reason', 'decidedBy'],
  eligibility_export: ['path'],
  reference_status: [],
  reference_preview: ['kind', 'path', 'sheet'],
  reference_import: ['kind', 'path', 'sheet', 'headerRow', 'mapping', 'append'],
  judges_list: [],
  judge_add: ['judge'],
  judge_update: ['id', 'judge'],
  judge_set_active: ['id', 'active'],
  round_overview: ['roundCode'],
  round_entries: ['roundCode'],
  panels_auto: ['roundCode', 'judgesPerPanel'],
  panel_create: ['roundCode', 'name'],
  panel_delete: ['panelId'],
  panel_set_judges: ['panelId', 'judgeIds'],
  panel_set_entries: ['panelId', 'entries'],
  conflicts_list: ['roundCode', 'suggest'],
  conflict_decide: ['id', 'confirm', 'decidedBy'],
  conflicts_dismiss: ['roundCode', 'ids', 'reason', 'decidedBy'],
  conflict_declare: ['roundCode', 'judgeId', 'entry', 'reason', 'decidedBy'],
  score_grid: ['roundCode', 'judgeId', 'pass'],
  score_set: ['roundCode', 'judgeId', 'entry', 'pass', 'value', 'keyedBy', 'reason'],
  score_mismatches: ['roundCode'],
  lan_addresses: [],
  lan_status: ['roundCode'],
  lan_open: ['roundCode', 'bind'],
  lan_revoke: ['roundCode', 'judge'],
  lan_close: ['roundCode'],
  lan_qr: ['text'],
  score_log: ['roundCode', 'limit'],
  scores_check: ['roundCode', 'path'],
  scores_import: ['roundCode', 'path', 'keyedBy', 'overwrite'],
  scores_export: ['roundCode', 'path'],
  ranking: ['roundCode'],
  tie_decide: ['roundCode', 'group', 'entries', 'reason', 'decidedBy'],
  advance: ['topN', 'decidedBy', 'toRound'],
  advancement_list: ['toRound'],
  advancement_adjust: ['entry', 'included', 'reason', 'decidedBy', 'toRound'],
  draw: ['roundCode', 'group', 'seed', 'drawnBy'],
  draws_list: ['roundCode'],
  projector_open: ['roundCode', 'monitor'],
  score_sheets_pdf: ['roundCode', 'panelName', 'path'],
  order_sheet_pdf: ['roundCode', 'drawId', 'path'],
  leniency: ['roundCode'],
  awards_list: [],
  awards_freeze: ['frozenBy', 'overrideReason'],
  awards_amend: ['entry', 'level', 'reason', 'amendedBy'],
  recommendation_list: [],
  recommendation_set: ['entry', 'included', 'reason', 'decidedBy'],
  units_stats: [],
  unit_choose: ['unit', 'chosen', 'reason', 'decidedBy'],
  objections_list: [],
  objection_add: ['entry', 'from', 'received', 'content'],
  objection_close: ['id', 'outcome', 'handling', 'disqualifyBy'],
  provincial_list: [],
  provincial_set: ['entry', 'outcome'],
  followups_list: ['entry', 'overdue'],
  followup_add: ['entry', 'date', 'kind', 'note', 'amountWan', 'nextDue'],
  growth_flags_list: [],
  growth_flag_set: ['entry', 'flag', 'reason'],
  season_next_plan: [],
  season_new_create: ['path'],
  season_check_get: [],
  season_check_confirm: ['who'],
  export_kinds: [],
  export_run: ['kind', 'path', 'round'],
  certificates_overview: [],
  certificate_template_save: ['template'],
  certificate_members_set: ['entry', 'names', 'decidedBy'],
  certificates_write: ['dir', 'printedBy'],
  certificate_void: ['number', 'reason', 'voidedBy'],
  certificate_reprint: ['number', 'path', 'printedBy'],
  certificate_calibration: ['path'],
  certificate_register: ['path'],
  certificate_preview: ['template', 'subject', 'number'],
  letters_overview: ['kind'],
  letter_template_save: ['kind', 'template'],
  letter_preview: ['kind', 'template', 'letter'],
  letters_write: ['kind', 'dir', 'printedBy'],
  open_path: ['path'],
  test_hooks_enabled: [],
} as const satisfies { [K in CommandName]: readonly (keyof CommandArgs<K> & string)[] }

// Compile-time: every argument of the map is listed above (the `satisfies` checks the other direction).
type Unlisted = {
  [K in CommandName]: CommandArgs<K> extends None ? never : Exclude<keyof CommandArgs<K>, (typeof COMMAND_ARGS)[K][number]>
}[CommandName]
const everyArgumentListed: [Unlisted] extends [never] ? true : Unlisted = true
void everyArgumentListed

/** Calls a desktop command; a failure rejects with an ApiError (`code` is an ErrorCode, see ./errors). */
export async function call<K extends CommandName>(
  cmd: K,
  ...args: Record<string, never> extends CommandArgs<K> ? [args?: CommandArgs<K>] : [args: CommandArgs<K>]
): Promise<CommandResult<K>> {
  try {
    return await invoke<CommandResult<K>>(cmd, args[0])
  } catch (e) {
    throw toApiError(e)
  }
}
