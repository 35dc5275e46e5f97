// 参考名单 panel on the 资格审查 screen: labels and status text. Pure functions (unit tested).
import type {
  ColumnMapping,
  Judge,
  JudgeInput,
  PreviewColumn,
  Problem,
  RefField,
  RefImportOptions,
  RefImportResult,
  RefKind,
  RefPreview,
  RefStatus,
} from '../api/types'
import { initialMapping, toApplyMapping } from './mapping'
import { maskPersonalText } from './masking'

export interface RefKindInfo {
  kind: RefKind
  label: string
  /** Which rule the list feeds. */
  feeds: string
}

export const REF_KINDS: RefKindInfo[] = [
  { kind: 'provincial-winners', label: '省赛获奖名单', feeds: 'R03' },
  { kind: 'dishonesty', label: '失信名单', feeds: 'R09' },
  { kind: 'other-awards', label: '其他市级赛事获奖名单', feeds: 'R16' },
  { kind: 'recommendations', label: '推荐名单', feeds: '供核对推荐单位' },
  { kind: 'judges', label: '评委名单', feeds: '评审打分' },
]

/** One line of help: which rule each list feeds. */
export const REF_HELP = REF_KINDS.map((k) => `${k.label} → ${k.feeds}`).join('，')

export function refKindLabel(kind: RefKind | string): string {
  return REF_KINDS.find((k) => k.kind === kind)?.label ?? kind
}

/** Tag text for a list's status: “未导入” or “已导入 N 条” (judges: “N 位评委”, hand-added ones included). */
export function refStatusText(s: (Pick<RefStatus, 'imported' | 'rows'> & { kind?: string }) | null | undefined): string {
  if (!s || !s.imported) return '未导入'
  return s.kind === 'judges' ? `${s.rows} 位评委` : `已导入 ${s.rows} 条`
}

export function refStatusTagType(s: Pick<RefStatus, 'imported'> | null | undefined): 'success' | 'info' {
  return s && s.imported ? 'success' : 'info'
}

/** “文件名 · 时间” under the tag; '' when not imported. */
export function refStatusDetail(s: RefStatus | null | undefined): string {
  if (!s || !s.imported) return ''
  const file = s.file ? baseName(s.file) : ''
  const at = s.imported_at ? formatTime(s.imported_at) : ''
  return [file, at].filter((x) => x !== '').join(' · ')
}

/** Success message after an import: “已导入失信名单 1 条”. */
export function refImportMessage(kind: RefKind | string, rows: number): string {
  return `已导入${refKindLabel(kind)} ${rows} 条`
}

/**
 * Success message of an import: “已导入失信名单 1 条”; for judges (an upsert) the counts:
 * “已导入评委名单：新增 6 位，更新 0 位，未变 0 位”, plus the judges kept because the file does not name them;
 * appended to a list: the rows added, the ones already there and the rows kept.
 */
export function refResultMessage(
  r: Pick<RefImportResult, 'kind' | 'rows' | 'added' | 'updated' | 'unchanged' | 'kept'> & { appended?: boolean },
): string {
  if (r.appended) {
    const same = r.unchanged ? `，${r.unchanged} 条名单中已有，未重复添加` : ''
    return `已追加到${refKindLabel(r.kind)}：新增 ${r.added ?? 0} 条${same}；原有 ${r.kept ?? 0} 条保留`
  }
  if (r.added === null || r.added === undefined) return refImportMessage(r.kind, r.rows)
  const kept = r.kept ? `；名单中没有的 ${r.kept} 位评委保留不变` : ''
  return `已导入${refKindLabel(r.kind)}：新增 ${r.added} 位，更新 ${r.updated ?? 0} 位，未变 ${r.unchanged ?? 0} 位${kept}`
}

// ---- Mapping preview ----

/** The preview's columns in the shape of the mapping grid, with the unit each header declares (奖金（万元） → 万元). */
export function refGridColumns(p: Pick<RefPreview, 'columns'>): PreviewColumn[] {
  return p.columns.map((c) => ({ index: c.index, letter: c.letter, header: c.header, field: c.field, unit: c.unit }))
}

/** The automatic mapping of a preview, every field at most once. */
export function refInitialMapping(p: Pick<RefPreview, 'columns'>): ColumnMapping[] {
  return initialMapping({ columns: refGridColumns(p) })
}

export function requiredKeys(fields: readonly RefField[]): string[] {
  return fields.filter((f) => f.required).map((f) => f.key)
}

/**
 * Null when the mapping gives a column to at least one required field (the core's rule), else what to do:
 * “请为“姓名”选择一列” / “请为“项目名称”或“参赛主体”中的至少一项选择一列”.
 */
export function refRequiredMissing(fields: readonly RefField[], mapping: readonly ColumnMapping[]): string | null {
  const required = fields.filter((f) => f.required)
  if (required.length === 0) return null
  const mapped = new Set(mapping.map((m) => m.field))
  if (required.some((f) => mapped.has(f.key))) return null
  const labels = required.map((f) => `“${f.label}”`)
  return labels.length === 1 ? `请为${labels[0]}选择一列` : `请为${labels.join('或')}中的至少一项选择一列`
}

/**
 * What reference_import gets after a preview: the sheet and header row shown, and the person's mapping; `append`
 * (add to the list instead of replacing it) only when chosen.
 */
export function refImportOptions(
  p: Pick<RefPreview, 'sheet' | 'header_row'>,
  mapping: readonly ColumnMapping[],
  append = false,
): RefImportOptions {
  const o: RefImportOptions = { sheet: p.sheet, headerRow: p.header_row, mapping: toApplyMapping(mapping) }
  return append ? { ...o, append: true } : o
}

/** Whether the dialog offers 追加: a rule list (judges are always updated by name) that already has rows. */
export function refCanAppend(kind: RefKind | string, status: Pick<RefStatus, 'imported' | 'rows'> | undefined): boolean {
  return kind !== 'judges' && !!status && status.imported && status.rows > 0
}

/**
 * The preview's problems worth showing above the grid: the “required field unmapped” one is left out (the live
 * check of the mapping replaces it), errors first, at most `limit`; `more` counts the rest.
 */
export function refPreviewNotes(problems: readonly Problem[], limit = 10): { shown: Problem[]; more: number } {
  const list = problems
    .filter((p) => p.code !== 'REQUIRED_UNMAPPED')
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
  return { shown: list.slice(0, limit), more: Math.max(0, list.length - limit) }
}

/** The preview's rows as the window shows them: ID numbers and mobile numbers masked (失信名单, 评委名单). */
export function refMaskedRows(rows: readonly (readonly string[])[]): string[][] {
  return rows.map((r) => r.map((v) => maskPersonalText(v, false) ?? ''))
}

/** True when the preview found something no mapping can fix (e.g. the file is an entries export). */
export function refPreviewBlocked(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.code === 'LOOKS_LIKE_ENTRIES')
}

// ---- Judges ----

export interface JudgeForm {
  name: string
  organization: string
  title: string
  expertise: string
  phone: string
}

export function emptyJudgeForm(): JudgeForm {
  return { name: '', organization: '', title: '', expertise: '', phone: '' }
}

/** The edit form of a judge; its phone is the masked one (sent back unchanged, it keeps the stored phone). */
export function judgeForm(j: Judge): JudgeForm {
  return {
    name: j.name,
    organization: j.organization ?? '',
    title: j.title ?? '',
    expertise: j.expertise ?? '',
    phone: j.phone ?? '',
  }
}

/**
 * The form as judge_add / judge_update take it: trimmed, empty → null. When editing, an emptied phone is sent as ''
 * (clear it) if the judge had one, else null (keep: nothing there).
 */
export function judgeInput(f: JudgeForm, editing: Judge | null = null): JudgeInput {
  const t = (v: string) => (v.trim() === '' ? null : v.trim())
  let phone: string | null = t(f.phone)
  if (phone === null && editing && editing.phone) phone = ''
  return { name: f.name.trim(), organization: t(f.organization), title: t(f.title), expertise: t(f.expertise), phone }
}

export function judgeSourceLabel(source: string): string {
  return source === 'manual' ? '手工添加' : source === 'import' ? '名单导入' : source
}

/** Judges matching a search text (name, unit, title, expertise), active ones first, then by id. */
export function filterJudges(list: readonly Judge[], text: string, showInactive: boolean): Judge[] {
  const q = text.trim().toLowerCase()
  return list
    .filter((j) => showInactive || j.active)
    .filter((j) => q === '' || [j.name, j.organization, j.title, j.expertise].some((v) => (v ?? '').toLowerCase().includes(q)))
    .sort((a, b) => (a.active === b.active ? a.id - b.id : a.active ? -1 : 1))
}

/** One problem of a reference import, as text: “Sheet1 第 3 行 B 身份证号：message”. */
export function refProblemText(p: Pick<Problem, 'sheet' | 'row' | 'column' | 'message'>): string {
  const where = [p.sheet, p.row ? `第 ${p.row} 行` : '', p.column].filter((x) => x && x.trim() !== '').join(' ')
  return where ? `${where}：${p.message}` : p.message
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/)
  return parts[parts.length - 1] || path
}

/** "2026-07-04T17:52:54+08:00" → "2026-07-04 17:52"; anything else is shown as it is. */
function formatTime(t: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(t)
  return m ? `${m[1]} ${m[2]}` : t
}
