// Column → canonical field mapping used by the import dialog. Pure functions.
import type { ColumnMapping, ImportField, ImportPreview } from '../api/types'
import { maskPersonalText } from './masking'

/** Shown for field = null: the column is kept with the entry as additional information. */
export const UNMAPPED_LABEL = '（不导入，保留为附加信息）'

export interface MappingChange {
  mapping: ColumnMapping[]
  /** column indexes whose field was cleared because the new column took that field */
  cleared: number[]
}

/** Mapping proposed by the backend; if it proposes a field twice, only the first column keeps it. */
export function initialMapping(preview: Pick<ImportPreview, 'columns'>): ColumnMapping[] {
  const used = new Set<string>()
  return preview.columns.map((c) => {
    let field = c.field
    if (field !== null) {
      if (used.has(field)) field = null
      else used.add(field)
    }
    return { index: c.index, field }
  })
}

/**
 * Choose `field` for column `index`. A canonical field can belong to one column only: if another column
 * had it, that column is cleared (and reported in `cleared`). Returns a new array.
 */
export function assignField(mapping: readonly ColumnMapping[], index: number, field: string | null): MappingChange {
  const cleared: number[] = []
  const next = mapping.map((m) => {
    if (m.index === index) return { index: m.index, field }
    if (field !== null && m.field === field) {
      cleared.push(m.index)
      return { index: m.index, field: null }
    }
    return { ...m }
  })
  if (!next.some((m) => m.index === index)) next.push({ index, field })
  return { mapping: next, cleared }
}

export function fieldOf(mapping: readonly ColumnMapping[], index: number): string | null {
  return mapping.find((m) => m.index === index)?.field ?? null
}

/** Fields chosen for more than one column (should be empty when edited through assignField). */
export function duplicateFields(mapping: readonly ColumnMapping[]): string[] {
  const seen = new Set<string>()
  const dup = new Set<string>()
  for (const m of mapping) {
    if (m.field === null) continue
    if (seen.has(m.field)) dup.add(m.field)
    seen.add(m.field)
  }
  return [...dup]
}

export function mappedCount(mapping: readonly ColumnMapping[]): number {
  return mapping.filter((m) => m.field !== null).length
}

export function fieldLabel(fields: readonly ImportField[], key: string | null): string {
  if (key === null) return UNMAPPED_LABEL
  return fields.find((f) => f.key === key)?.label ?? key
}

/** Canonical fields that no column maps to (for a hint under the table). */
export function unusedFields(fields: readonly ImportField[], mapping: readonly ColumnMapping[]): ImportField[] {
  const used = new Set(mapping.map((m) => m.field).filter((f): f is string => f !== null))
  return fields.filter((f) => !used.has(f.key))
}

/** Which column letter currently uses each field, e.g. { project_no: "A" }. */
export function fieldOwners(
  mapping: readonly ColumnMapping[],
  columns: readonly { index: number; letter: string }[],
): Record<string, string> {
  const letters = new Map(columns.map((c) => [c.index, c.letter]))
  const out: Record<string, string> = {}
  for (const m of mapping) if (m.field !== null) out[m.field] = letters.get(m.index) ?? String(m.index)
  return out
}

/** Sample values of one column (display text; rows shorter than the header give ''). */
/** A preview cell as the rest of the app shows personal data: ID numbers and phones masked. */
function masked(v: string | undefined): string {
  return maskPersonalText(v ?? '', false) ?? ''
}

export function sampleValues(preview: Pick<ImportPreview, 'sample_rows'>, index: number): string[] {
  return preview.sample_rows.map((r) => masked(r[index]))
}

/** The mapping to send to import_apply, in column order. */
export function toApplyMapping(mapping: readonly ColumnMapping[]): ColumnMapping[] {
  return [...mapping].sort((a, b) => a.index - b.index).map((m) => ({ index: m.index, field: m.field }))
}

/** `value` of the native `<select>` option that stands for field = null (“不导入，保留为附加信息”). */
export const UNMAPPED_VALUE = ''

export interface FieldChoice {
  /** field key, or UNMAPPED_VALUE */
  value: string
  /** option text; fields already taken by another column say which one */
  label: string
  /** the field belongs to another column (choosing it moves it here) */
  taken: boolean
}

/**
 * The options of one column's `<select>`: “不导入…” first, then every field in catalogue order. A field owned by
 * another column is labelled “… （已对应 X 列）” (still selectable: choosing it moves the field here).
 */
export function fieldChoices(
  fields: readonly ImportField[],
  owners: Readonly<Record<string, string>>,
  letter: string,
  opts: ChoiceOptions = {},
): FieldChoice[] {
  const out: FieldChoice[] = [{ value: UNMAPPED_VALUE, label: opts.unmappedLabel ?? UNMAPPED_LABEL, taken: false }]
  for (const f of fields) {
    const owner = owners[f.key]
    const taken = owner !== undefined && owner !== letter
    const label = opts.required?.includes(f.key) ? `${f.label}${REQUIRED_MARK}` : f.label
    out.push({ value: f.key, label: taken ? `${label}（已对应 ${owner} 列）` : label, taken })
  }
  return out
}

/** Appended to the label of a required field in a column's `<select>`. */
export const REQUIRED_MARK = ' *'

export interface ChoiceOptions {
  /** text of the “not imported” option (default UNMAPPED_LABEL) */
  unmappedLabel?: string
  /** field keys marked with REQUIRED_MARK */
  required?: readonly string[]
}

/** `<select>` value ↔ mapping field. */
export function selectValueOf(field: string | null): string {
  return field ?? UNMAPPED_VALUE
}

export function fieldFromSelect(value: string): string | null {
  return value === UNMAPPED_VALUE ? null : value
}

/**
 * The sample grid transposed for rendering: `rows[r][i]` is the display text of sample row r in the i-th of
 * `columns` ('' where the row is short). Computed once per preview instead of once per cell.
 */
export function sampleGrid(
  preview: Pick<ImportPreview, 'sample_rows'>,
  columns: readonly { index: number }[],
): string[][] {
  return preview.sample_rows.map((r) => columns.map((c) => masked(r[c.index])))
}

/**
 * The options actually put into a column's `<select>`: all of them once the select is `expanded` (hovered, focused
 * or clicked), before that only the selected one (so ~30 closed selects do not put ~800 `<option>`s into the page,
 * which made every style and layout pass of the dialog slow). Falls back to the first choice if none matches.
 */
export function renderedChoices<T extends { value: string }>(all: readonly T[], value: string, expanded: boolean): readonly T[] {
  if (expanded) return all
  const sel = all.find((c) => c.value === value) ?? all[0]
  return sel ? [sel] : []
}
