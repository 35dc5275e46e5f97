import { describe, expect, it } from 'vitest'
import type { ImportField } from '../api/types'
import {
  assignField,
  duplicateFields,
  fieldChoices,
  fieldFromSelect,
  fieldLabel,
  fieldOf,
  fieldOwners,
  initialMapping,
  mappedCount,
  renderedChoices,
  sampleGrid,
  sampleValues,
  selectValueOf,
  toApplyMapping,
  UNMAPPED_LABEL,
  UNMAPPED_VALUE,
  unusedFields,
} from './mapping'

const FIELDS: ImportField[] = [
  { key: 'project_no', label: '项目编号', kind: 'text' },
  { key: 'project_name', label: '项目名称', kind: 'text' },
  { key: 'credit_code', label: '统一社会信用代码', kind: 'code' },
]

const COLUMNS = [
  { index: 0, letter: 'A', header: '项目编号', field: 'project_no', unit: null },
  { index: 1, letter: 'B', header: '项目名称', field: 'project_name', unit: null },
  { index: 2, letter: 'C', header: '备注', field: null, unit: null },
  { index: 3, letter: 'D', header: '编号(旧)', field: 'project_no', unit: null },
]

describe('mapping', () => {
  it('starts from the proposed mapping, keeping a duplicated field only on its first column', () => {
    const m = initialMapping({ columns: COLUMNS })
    expect(m).toEqual([
      { index: 0, field: 'project_no' },
      { index: 1, field: 'project_name' },
      { index: 2, field: null },
      { index: 3, field: null },
    ])
    expect(duplicateFields(m)).toEqual([])
  })

  it('choosing a field already used by another column clears that column', () => {
    const m = initialMapping({ columns: COLUMNS })
    const { mapping, cleared } = assignField(m, 3, 'project_no')
    expect(cleared).toEqual([0])
    expect(fieldOf(mapping, 3)).toBe('project_no')
    expect(fieldOf(mapping, 0)).toBeNull()
    expect(fieldOf(mapping, 1)).toBe('project_name')
    expect(duplicateFields(mapping)).toEqual([])
    // the input is not modified
    expect(fieldOf(m, 0)).toBe('project_no')
  })

  it('choosing a free field or “不导入” clears nothing else', () => {
    const m = initialMapping({ columns: COLUMNS })
    const a = assignField(m, 2, 'credit_code')
    expect(a.cleared).toEqual([])
    expect(mappedCount(a.mapping)).toBe(3)
    const b = assignField(a.mapping, 1, null)
    expect(b.cleared).toEqual([])
    expect(fieldOf(b.mapping, 1)).toBeNull()
    expect(fieldOf(b.mapping, 0)).toBe('project_no')
    expect(mappedCount(b.mapping)).toBe(2)
  })

  it('re-choosing the same field on the same column changes nothing', () => {
    const m = initialMapping({ columns: COLUMNS })
    const r = assignField(m, 0, 'project_no')
    expect(r.cleared).toEqual([])
    expect(r.mapping).toEqual(m)
  })

  it('detects duplicates in a hand-made mapping', () => {
    expect(duplicateFields([{ index: 0, field: 'a' }, { index: 1, field: 'a' }, { index: 2, field: null }, { index: 3, field: null }])).toEqual(['a'])
  })

  it('labels, owners, unused fields and samples', () => {
    const m = initialMapping({ columns: COLUMNS })
    expect(fieldLabel(FIELDS, null)).toBe(UNMAPPED_LABEL)
    expect(UNMAPPED_LABEL).toBe('（不导入，保留为附加信息）')
    expect(fieldLabel(FIELDS, 'credit_code')).toBe('统一社会信用代码')
    expect(fieldOwners(m, COLUMNS)).toEqual({ project_no: 'A', project_name: 'B' })
    expect(unusedFields(FIELDS, m).map((f) => f.key)).toEqual(['credit_code'])
    expect(sampleValues({ sample_rows: [['1', 'x'], ['2']] }, 1)).toEqual(['x', ''])
  })

  it('sends the mapping in column order with only index and field', () => {
    const m = [{ index: 2, field: null }, { index: 0, field: 'project_no' }, { index: 1, field: 'project_name' }]
    expect(toApplyMapping(m)).toEqual([
      { index: 0, field: 'project_no' },
      { index: 1, field: 'project_name' },
      { index: 2, field: null },
    ])
  })
})

describe('mapping: native select helpers', () => {
  it('fieldChoices lists “unmapped” first, then the fields, marking those owned by another column', () => {
    const owners = fieldOwners(initialMapping({ columns: COLUMNS }), COLUMNS)
    const forB = fieldChoices(FIELDS, owners, 'B')
    expect(forB.map((c) => c.value)).toEqual([UNMAPPED_VALUE, 'project_no', 'project_name', 'credit_code'])
    expect(forB[0]).toEqual({ value: UNMAPPED_VALUE, label: UNMAPPED_LABEL, taken: false })
    expect(forB[1]).toEqual({ value: 'project_no', label: '项目编号（已对应 A 列）', taken: true })
    // B's own field is not “taken”
    expect(forB[2]).toEqual({ value: 'project_name', label: '项目名称', taken: false })
    expect(forB[3]).toEqual({ value: 'credit_code', label: '统一社会信用代码', taken: false })
    expect(fieldChoices(FIELDS, owners, 'A')[1].taken).toBe(false)
    expect(fieldChoices([], {}, 'A')).toHaveLength(1)
  })

  it('select value ↔ field round-trips, null is the empty value', () => {
    expect(UNMAPPED_VALUE).toBe('')
    expect(selectValueOf(null)).toBe('')
    expect(selectValueOf('project_no')).toBe('project_no')
    expect(fieldFromSelect('')).toBeNull()
    expect(fieldFromSelect('project_no')).toBe('project_no')
    for (const f of [null, 'unit']) expect(fieldFromSelect(selectValueOf(f))).toBe(f)
  })

  it('sampleGrid follows the column order and pads short rows', () => {
    const pv = { sample_rows: [['a0', 'b0', 'c0'], ['a1']] }
    expect(sampleGrid(pv, [{ index: 2 }, { index: 0 }, { index: 5 }])).toEqual([
      ['c0', 'a0', ''],
      ['', 'a1', ''],
    ])
    expect(sampleGrid({ sample_rows: [] }, [{ index: 0 }])).toEqual([])
    // same cells as sampleValues, transposed
    const cols = [{ index: 0 }, { index: 1 }]
    const g = sampleGrid(pv, cols)
    cols.forEach((c, i) => expect(g.map((r) => r[i])).toEqual(sampleValues(pv, c.index)))
  })
})

describe('mapping: the preview masks personal data', () => {
  it('masks ID numbers and phones in the sample rows like the rest of the app', () => {
    const pv = { sample_rows: [['CK2026001', '140427199001012851', '139 0000 1111', '长治市某公司']] }
    const g = sampleGrid(pv, [{ index: 0 }, { index: 1 }, { index: 2 }, { index: 3 }])
    expect(g[0][0]).toBe('CK2026001')
    expect(g[0][1]).toBe('140427********2851')
    expect(g[0][3]).toBe('长治市某公司')
    expect(g[0][2]).not.toContain('0000')
    expect(g[0][2]).toContain('1111')
    expect(sampleValues(pv, 1)).toEqual(['140427********2851'])
  })
})

describe('mapping: lazily rendered options', () => {
  const all = fieldChoices(FIELDS, {}, 'A')
  it('renders only the selected option until expanded', () => {
    expect(renderedChoices(all, 'project_name', false).map((c) => c.value)).toEqual(['project_name'])
    expect(renderedChoices(all, UNMAPPED_VALUE, false).map((c) => c.label)).toEqual([UNMAPPED_LABEL])
    expect(renderedChoices(all, 'project_name', true)).toBe(all)
  })
  it('falls back to the first choice for an unknown value, and handles an empty list', () => {
    expect(renderedChoices(all, 'nope', false)).toEqual([all[0]])
    expect(renderedChoices([], 'x', false)).toEqual([])
  })
})
