// Types mirroring docs/IPC.md (the window ↔ core contract). Returned objects use snake_case keys.

export type GroupCode = 'enterprise' | 'startup'
export type EntryKind = 'company' | 'team'
export type Severity = 'error' | 'warning'

export interface ContestInfo {
  db_path: string
  contest_name: string
  schema_version: number
}

/** Why the contest file given at start-up could not be opened (the core's Chinese message). */
export interface StartupProblem {
  path: string
  code: string
  message: string
}

/** What the window shows first: the open contest, or none (and why). */
export interface ContestStatus {
  contest: ContestInfo | null
  problem: StartupProblem | null
  data_dir: string
}

export interface GroupSetting {
  code: GroupCode
  name: string
}

export interface Settings {
  contest_name: string
  edition: string
  year: number
  city: string
  organizer: string
  /** YYYY-MM-DD */
  deadline: string
  /** YYYY-MM-DD */
  reference_date: string
  groups: GroupSetting[]
  organizing_units: string[]
  /** 个体工商户 (92…) in 企业组: 'review' (人工审核, default) | 'allow' | 'refuse'. */
  individual_business_in_enterprise_group?: 'review' | 'allow' | 'refuse'
  /** Score sheet per group: criteria with maximum points (DOMAIN §4.3 defaults; load the official sheet). */
  score_sheets?: { group: string; criteria: { name: string; max: number }[] }[]
  /** Drop one highest and one lowest total from this many valid judges (default 5). */
  trim_min_judges?: number
  /** Fewer valid judges than this flags an entry (default 3). */
  min_valid_judges?: number
  /** Entries per group sent from the preliminary round to the final (default 20). */
  final_top_n?: number
}

export interface ImportRecord {
  id: number
  file: string
  sheet: string
  imported_at: string
  new: number
  changed: number
  unchanged: number
  missing: number
  problems: number
  undone: boolean
}

export interface NextStep {
  title: string
  detail: string
  route: string
}

export interface GroupCount {
  group: GroupCode | string | null
  name: string
  count: number
}

export interface Dashboard {
  entries_total: number
  by_group: GroupCount[]
  entries_with_problems: number
  problems_total: number
  missing_total: number
  last_import: ImportRecord | null
  /** Null until there are entries. */
  screening?: ScreeningSummary | null
  next_step: NextStep
  // ---- the charts (SPEC §8); nested shapes are reached as Dashboard['by_county'][number] etc. ----
  /** Entries by county (县区), most first; "其他" then "未填写" last when present. */
  by_county: { name: string; count: number }[]
  /** Entries by organizing unit (推荐单位), same order rules. */
  by_unit: { name: string; count: number }[]
  /** Entries by field (所属领域): the 12 largest, then "其他", then "未填写". */
  by_field: { name: string; count: number }[]
  /** Effective verdicts per group (settings order; group null = 组别未知). Empty without entries. */
  verdicts_by_group: {
    group: string | null
    name: string
    eligible: number
    ineligible: number
    review: number
    needs_reconfirmation: number
  }[]
  /** 初赛 then 决赛. `buckets` (5 points wide) are shared by the round's groups; `counts` align with them. */
  score_distributions: {
    round: 'preliminary' | 'final'
    label: string
    buckets: { label: string; from: number; to: number }[]
    groups: {
      group: string
      name: string
      entries: number
      complete: number
      scored: number
      counts: number[]
      min: string | null
      max: string | null
      mean: string | null
    }[]
  }[]
  /** The season's steps (SPEC §2): setup, import, screening, preliminary, advancement, final, awards, certificates. */
  progress: {
    key: string
    title: string
    done: number
    total: number
    state: 'not_started' | 'in_progress' | 'done'
    state_label: string
    detail: string
    route: string
  }[]
}

export interface ScreeningSummary {
  eligible: number
  ineligible: number
  review: number
  needs_reconfirmation: number
  /** Contest-level warnings, e.g. "R09 未检查：未导入失信名单（240 个项目）". */
  unchecked: string[]
}

export interface ImportField {
  key: string
  label: string
  kind: string
}

export interface PreviewColumn {
  /** 0-based */
  index: number
  /** "A", "B", … */
  letter: string
  header: string
  field: string | null
  unit: string | null
}

export interface ImportPreview {
  file: string
  path: string
  sheets: string[]
  sheet: string
  /** 1-based */
  header_row: number
  data_rows: number
  columns: PreviewColumn[]
  sample_rows: string[][]
  members_sheet: string | null
  profiles: string[]
  /** Cells far from the data block that the import leaves out (stray notes), in words. */
  ignored_cells: string[]
}

export interface ColumnMapping {
  index: number
  field: string | null
}

export interface Problem {
  file: string
  sheet: string
  /** 1-based, as Excel shows it */
  row: number
  /** letter + header, e.g. "D 统一社会信用代码" */
  column: string
  code: string
  message: string
  hint: string
  project_no: string | null
  severity: Severity
}

export interface ImportResult {
  import_id: number
  file: string
  new: number
  changed: number
  unchanged: number
  missing: number
  skipped_rows: number
  problems: Problem[]
}

export interface ImportProgress {
  stage: string
  done: number
  total: number
}

export interface UndoResult {
  import_id: number
  file: string
  message: string
}

export interface EntryRow {
  project_no: string
  group: GroupCode | null
  kind: EntryKind
  project_name: string
  entrant_name: string
  credit_code: string | null
  unit: string | null
  county: string | null
  field: string | null
  leader_name: string | null
  member_count: number
  problem_count: number
  missing: boolean
}

export interface Person {
  name: string | null
  id_number: string | null
  phone: string | null
}

export interface EntrySource {
  file: string
  sheet: string
  row: number
}

/** SPEC §11 Entry. Absent / unreadable values are null. */
export interface Entry {
  project_no: string
  group: GroupCode | null
  kind: EntryKind
  project_name: string | null
  field: string | null
  entrant_name: string | null
  credit_code: string | null
  founded_on: string | null
  address: string | null
  county: string | null
  industry: string | null
  employees: number | null
  revenue_wan: number | null
  assets_wan: number | null
  on_market: boolean | null
  /** SPEC lists it with the booleans; a text summary is accepted too. */
  ip_summary: string | boolean | null
  ip_holder: string | boolean | null
  ip_dispute: boolean | null
  dishonesty_declared: boolean | null
  members: Person[]
  leader: Person | null
  unit: string | null
  registered_at: string | null
  site_status: string | null
  source: EntrySource | null
  extra: Record<string, string | null> | null
  /** Not in SPEC §11's list but tolerated if the backend sends it. */
  missing?: boolean
}

export interface RawCell {
  column: string
  header: string
  value: string | null
}

export interface EntryDetail {
  entry: Entry
  raw: RawCell[]
  problems: Problem[]
  imported_at: string | null
}

// ---- Screening (资格审查) ----

/** eligible = 符合, ineligible = 不符合, review = 待人工审核 */
export type Verdict = 'eligible' | 'ineligible' | 'review'
/** A person can only decide 符合 or 不符合. */
export type DecidedVerdict = 'eligible' | 'ineligible'
export type Outcome = 'pass' | 'warn' | 'review' | 'fail' | 'unchecked'

export interface Finding {
  /** "R01" … "R16" */
  rule: string
  outcome: Outcome
  /** Chinese reason naming the data used (plain text). */
  message: string
}

export interface Decision {
  verdict: DecidedVerdict
  reason: string
  decided_by: string
  /** RFC 3339, +08:00 */
  decided_at: string
}

export interface EntryVerdict {
  project_no: string | null
  /** Stable entry key (e.g. "no:CZ2026-00001"); screening_decide accepts it in place of a project number. */
  key: string
  group: GroupCode | null
  project_name: string | null
  entrant_name: string | null
  unit: string | null
  /** Effective verdict: the person's decision when there is one. */
  verdict: Verdict
  /** The rules' own verdict (系统结论). */
  auto_verdict: Verdict
  decided_by_person: boolean
  needs_reconfirmation: boolean
  decision: Decision | null
  findings: Finding[]
  /** What the organizing units' recommendation list says (null while no list is imported). */
  recommendation?: string | null
  /** "取消资格：reason（who，date）" when the entry was disqualified. */
  disqualified?: string | null
}

export interface ScreeningCounts {
  total: number
  eligible: number
  ineligible: number
  review: number
  decided: number
  needs_reconfirmation: number
}

export interface ScreeningOverview {
  counts: ScreeningCounts
  /** Contest-level warnings, e.g. "R09 未检查：未导入失信名单（240 个项目）". */
  unchecked: string[]
  verdicts: EntryVerdict[]
  /** The latest stored screening run (after the last import, undo, list or settings change). */
  last_run?: ScreeningRun | null
}

/** A stored screening run: every import, undo, reference list and settings change re-screens. */
export interface ScreeningRun {
  id: number
  ran_at: string
  /** What caused the run, e.g. "导入报名数据“export.xlsx”" or "修改赛事设置". */
  trigger: string
  entries: number
  eligible: number
  ineligible: number
  review: number
  /** Entries whose automatic verdict or findings changed in this run. */
  changed: number
}

/** One change of an entry's automatic verdict or findings. */
export interface VerdictHistoryItem {
  run_id: number
  ran_at: string
  trigger: string
  auto_verdict: Verdict
  findings: Finding[]
}

// ---- Reference lists (参考名单) ----

export type RefKind = 'provincial-winners' | 'dishonesty' | 'other-awards' | 'recommendations' | 'judges'

export interface RefStatus {
  kind: RefKind
  label: string
  imported: boolean
  /** rows of the list; for judges, the judges stored (imported or added by hand) */
  rows: number
  file: string | null
  imported_at: string | null
}

export interface RefImportResult {
  kind: RefKind
  label: string
  file: string
  sheet: string
  rows: number
  replaced: number
  skipped_rows: number
  problems: Problem[]
  /** judges only (an upsert): added / updated / unchanged, and kept = stored judges the file does not name */
  added: number | null
  updated: number | null
  unchanged: number | null
  kept: number | null
}

/** A field of a list's catalogue. */
export interface RefField {
  key: string
  label: string
  kind: string
  /** a column is needed for at least one of the required fields (see RefPreview.required_hint) */
  required: boolean
}

export interface RefColumn {
  /** 0-based */
  index: number
  letter: string
  header: string
  /** the automatic mapping */
  field: string | null
  /** first non-empty values under the header */
  samples: string[]
}

export interface RefPreview {
  kind: RefKind
  label: string
  file: string
  path: string
  sheets: string[]
  sheet: string
  /** 1-based */
  header_row: number
  data_rows: number
  columns: RefColumn[]
  fields: RefField[]
  required_hint: string
  /** the first data rows, aligned with columns */
  rows: string[][]
  problems: Problem[]
}

/** Options of reference_import; all optional (null = automatic). */
export interface RefImportOptions {
  sheet?: string | null
  headerRow?: number | null
  mapping?: ColumnMapping[] | null
}

export interface Judge {
  id: number
  name: string
  organization: string | null
  title: string | null
  expertise: string | null
  /** masked (138****5678) */
  phone: string | null
  source: 'import' | 'manual'
  active: boolean
  created_at: string
  updated_at: string
}

/** A judge to add or edit. In judge_update, phone null (or the masked phone) keeps it, '' clears it. */
export interface JudgeInput {
  name: string
  organization: string | null
  title: string | null
  expertise: string | null
  phone: string | null
}
