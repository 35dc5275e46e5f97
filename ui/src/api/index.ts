// The window's api over the desktop commands. Every call goes through the typed `call` of ./commands (the one
// `invoke`); events are subscribed here. See docs/IPC.md.
import { call } from './commands'
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { ApiError, toApiError } from './errors'
import type { ColumnMapping, DecidedVerdict, ImportProgress, JudgeInput, NewContest, RefImportOptions, RefKind, Settings } from './types'

export { ApiError, toApiError, errorMessage } from './errors'
export type * from './types'

/** The one typed `call` (api/judging.ts and the others go through it too). */
export { call } from './commands'

// ---- Contest file ----
export const contestCurrent = () => call('contest_current')
export const contestStatus = () => call('contest_status')
/** Touches no store: answers even while an import holds the contest. */
export const appPing = () => call('app_ping')
export const contestOpen = (path: string) => call('contest_open', { path })
export const contestCreate = (path: string) => call('contest_create', { path })
export const contestDefaults = () => call('contest_defaults')
export const contestNew = (path: string, contest: NewContest) => call('contest_new', { path, contest })
export const contestDemo = () => call('contest_demo')
export const recentList = () => call('recent_list')
export const recentForget = (path: string) => call('recent_forget', { path })

// ---- Settings ----
export const settingsGet = () => call('settings_get')
export const settingsSave = (settings: Settings) => call('settings_save', { settings })

// ---- Dashboard ----
export const dashboard = () => call('dashboard')

// ---- Import ----
export const importFields = () => call('import_fields')

export const importPreview = (path: string, sheet: string | null = null, profile: string | null = null) =>
  call('import_preview', { path, sheet, profile })

export const importApply = (
  path: string,
  sheet: string | null,
  mapping: ColumnMapping[],
  saveProfile: string | null = null,
) => call('import_apply', { path, sheet, mapping, saveProfile })

export const importUndoLast = () => call('import_undo_last')
export const importsList = () => call('imports_list')
export const problemsList = (importId: number | null = null) => call('problems_list', { importId })
export const problemsExport = (path: string, importId: number | null = null) =>
  call('problems_export', { path, importId })
export const profilesList = () => call('profiles_list')
/** Writes the eligibility report (资格审查结果.xlsx); resolves to the written path. */
export const eligibilityExport = (path: string) => call('eligibility_export', { path })

/** Subscribe to `import-progress`; resolves to the function that unsubscribes. */
export async function onImportProgress(handler: (p: ImportProgress) => void): Promise<UnlistenFn> {
  try {
    return await listen<ImportProgress>('import-progress', (ev) => handler(ev.payload))
  } catch (e) {
    throw toApiError(e)
  }
}

// ---- Entries ----
export const entriesList = () => call('entries_list')
export const entryGet = (projectNo: string, reveal: boolean) => call('entry_get', { projectNo, reveal })

// ---- Screening (资格审查) ----
export const screeningList = () => call('screening_list')
/** How an entry's automatic verdict changed, run by run (oldest first); `projectNo` may be the entry's key. */
export const screeningHistory = (projectNo: string) => call('screening_history', { projectNo })
/**
 * Records a person's decision. `projectNo` may also be the entry's `key` (the backend looks up either), which is
 * what the screen passes: it is unique even when a project number is missing or repeated.
 */
/** 取消资格 with a reason: the entry leaves the rounds; a frozen award is withdrawn by amendment. */
export const entryDisqualify = (projectNo: string, reason: string, decidedBy: string) =>
  call('entry_disqualify', { projectNo, reason, decidedBy })
export const screeningDecide = (projectNo: string, verdict: DecidedVerdict, reason: string, decidedBy: string) =>
  call('screening_decide', { projectNo, verdict, reason, decidedBy })

// ---- Reference lists (参考名单) ----
export const referenceStatus = () => call('reference_status')
/** How the file would be read (sheet, header row, each column's automatic field, samples, problems); changes nothing. */
export const referencePreview = (kind: RefKind, path: string, sheet: string | null = null) =>
  call('reference_preview', { kind, path, sheet })
/**
 * Imports the file at `path` as the list of that kind (the four rule lists are replaced, judges are upserted).
 * Without options the sheet, header row and mapping are the automatic ones.
 */
export const referenceImport = (kind: RefKind, path: string, options?: RefImportOptions) =>
  call('reference_import', options ? { kind, path, ...options } : { kind, path })

// ---- Judges (评委) ----
/** Phones come masked. */
export const judgesList = () => call('judges_list')
export const judgeAdd = (judge: JudgeInput) => call('judge_add', { judge })
/** `judge.phone`: null or the masked phone keeps the stored one, '' clears it. */
export const judgeUpdate = (id: number, judge: JudgeInput) => call('judge_update', { id, judge })
/** Retire or bring back a judge (judges are never deleted). */
export const judgeSetActive = (id: number, active: boolean) => call('judge_set_active', { id, active })

export const toApiErrorPublic = toApiError

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}
