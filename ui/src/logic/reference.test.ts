import { describe, expect, it } from 'vitest'
import type { Judge, Problem, RefPreview, RefStatus } from '../api/types'
import {
  REF_HELP,
  REF_KINDS,
  emptyJudgeForm,
  filterJudges,
  judgeForm,
  judgeInput,
  judgeSourceLabel,
  refGridColumns,
  refImportMessage,
  refCanAppend,
  refImportOptions,
  refInitialMapping,
  refMaskedRows,
  refPreviewBlocked,
  refPreviewNotes,
  refRequiredMissing,
  refResultMessage,
  requiredKeys,
  refKindLabel,
  refProblemText,
  refStatusDetail,
  refStatusTagType,
  refStatusText,
} from './reference'

const notYet: RefStatus = { kind: 'dishonesty', label: '失信名单', imported: false, rows: 0, file: null, imported_at: null }
const done: RefStatus = {
  kind: 'dishonesty',
  label: '失信名单',
  imported: true,
  rows: 12,
  file: '/home/a/名单/失信名单.csv',
  imported_at: '2026-07-04T17:52:54+08:00',
}

describe('reference list status', () => {
  it('has the five kinds in order, with what each feeds', () => {
    expect(REF_KINDS.map((k) => k.kind)).toEqual(['provincial-winners', 'dishonesty', 'other-awards', 'recommendations', 'judges'])
    expect(REF_HELP).toBe(
      '省赛获奖名单 → R03，失信名单 → R09，其他市级赛事获奖名单 → R16，推荐名单 → 供核对推荐单位，评委名单 → 评审打分',
    )
  })

  it('turns a status into tag text and type', () => {
    expect(refStatusText(notYet)).toBe('未导入')
    expect(refStatusTagType(notYet)).toBe('info')
    expect(refStatusText(done)).toBe('已导入 12 条')
    expect(refStatusTagType(done)).toBe('success')
    expect(refStatusText(null)).toBe('未导入')
    expect(refStatusText({ imported: true, rows: 0 })).toBe('已导入 0 条')
    expect(refStatusText({ kind: 'judges', imported: true, rows: 7 })).toBe('7 位评委')
    expect(refStatusText({ kind: 'judges', imported: false, rows: 0 })).toBe('未导入')
  })

  it('shows the file name and time of an imported list', () => {
    expect(refStatusDetail(notYet)).toBe('')
    expect(refStatusDetail(done)).toBe('失信名单.csv · 2026-07-04 17:52')
    expect(refStatusDetail({ ...done, file: 'C:\\名单\\a.xlsx', imported_at: 'later' })).toBe('a.xlsx · later')
    expect(refStatusDetail({ ...done, file: null, imported_at: null })).toBe('')
  })

  it('words the success message and problems', () => {
    expect(refImportMessage('dishonesty', 1)).toBe('已导入失信名单 1 条')
    expect(refKindLabel('unknown')).toBe('unknown')
    expect(refProblemText({ sheet: 'Sheet1', row: 3, column: 'B 身份证号', message: '身份证号校验位不对' })).toBe(
      'Sheet1 第 3 行 B 身份证号：身份证号校验位不对',
    )
    expect(refProblemText({ sheet: '', row: 0, column: '', message: '没有数据' })).toBe('没有数据')
  })
})

const problem = (code: string, severity: 'error' | 'warning' = 'warning'): Problem => ({
  file: 'a.xlsx',
  sheet: 'Sheet1',
  row: 3,
  column: '',
  code,
  message: code,
  hint: '',
  project_no: null,
  severity,
})

const preview: RefPreview = {
  kind: 'judges',
  label: '评委名单',
  file: 'judges.xlsx',
  path: '/tmp/judges.xlsx',
  sheets: ['评委名单', 'Sheet2'],
  sheet: '评委名单',
  header_row: 3,
  data_rows: 2,
  columns: [
    { index: 0, letter: 'A', header: '序号', field: null, unit: null, samples: ['1', '2'] },
    { index: 1, letter: 'B', header: '评委姓名', field: 'name', unit: null, samples: ['郑思远'] },
    { index: 2, letter: 'C', header: '姓名', field: 'name', unit: null, samples: ['x'] },
    { index: 3, letter: 'D', header: '手机号', field: 'phone', unit: null, samples: [] },
  ],
  fields: [
    { key: 'name', label: '姓名', kind: 'text', required: true },
    { key: 'phone', label: '手机', kind: 'phone', required: false },
  ],
  required_hint: '必须为“姓名”选择一列',
  rows: [],
  problems: [],
}

describe('reference mapping preview', () => {
  it('turns the preview into grid columns and an initial mapping (a field once)', () => {
    expect(refGridColumns(preview)[1]).toEqual({ index: 1, letter: 'B', header: '评委姓名', field: 'name', unit: null })
    // The header's unit reaches the grid (it was dropped, and 奖金（万元） looked like 元).
    const cash = { ...preview.columns[0], header: '奖金（万元）', field: 'cash', unit: '万元' as const }
    expect(refGridColumns({ columns: [cash] })[0].unit).toBe('万元')
    expect(refInitialMapping(preview)).toEqual([
      { index: 0, field: null },
      { index: 1, field: 'name' },
      { index: 2, field: null },
      { index: 3, field: 'phone' },
    ])
    expect(requiredKeys(preview.fields)).toEqual(['name'])
  })

  it('says which required field still needs a column', () => {
    const mapping = refInitialMapping(preview)
    expect(refRequiredMissing(preview.fields, mapping)).toBeNull()
    const without = mapping.map((m) => (m.field === 'name' ? { ...m, field: null } : m))
    expect(refRequiredMissing(preview.fields, without)).toBe('请为“姓名”选择一列')
    const two = [
      { key: 'project_name', label: '项目名称', kind: 'text' as const, required: true },
      { key: 'entrant_name', label: '参赛主体', kind: 'text' as const, required: true },
    ]
    expect(refRequiredMissing(two, [])).toBe('请为“项目名称”或“参赛主体”中的至少一项选择一列')
    expect(refRequiredMissing(two, [{ index: 4, field: 'entrant_name' }])).toBeNull()
    expect(refRequiredMissing([], [])).toBeNull()
  })

  it('masks ID numbers and mobile numbers in the rows shown', () => {
    expect(refMaskedRows([['牛鑫', '140427196603162851', '13900000101', '2025-03-01']])).toEqual([
      ['牛鑫', '140427********2851', '139****0101', '2025-03-01'],
    ])
  })

  it('sends the sheet and header row shown, and the mapping in column order', () => {
    expect(refImportOptions(preview, [{ index: 3, field: 'phone' }, { index: 1, field: 'name' }])).toEqual({
      sheet: '评委名单',
      headerRow: 3,
      mapping: [
        { index: 1, field: 'name' },
        { index: 3, field: 'phone' },
      ],
    })
  })

  it('shows preview problems errors first, without the required-field one, capped', () => {
    const list = [problem('NO_HEADER'), problem('REQUIRED_UNMAPPED', 'error'), problem('LOOKS_LIKE_ENTRIES', 'error'), problem('PHONE_FORMAT')]
    const notes = refPreviewNotes(list, 2)
    expect(notes.shown.map((p) => p.code)).toEqual(['LOOKS_LIKE_ENTRIES', 'NO_HEADER'])
    expect(notes.more).toBe(1)
    expect(refPreviewBlocked(list)).toBe(true)
    expect(refPreviewBlocked([problem('NO_HEADER')])).toBe(false)
  })

  it('words import results, judges with their counts', () => {
    const base = { kind: 'dishonesty' as const, rows: 3, added: null, updated: null, unchanged: null, kept: null }
    expect(refResultMessage(base)).toBe('已导入失信名单 3 条')
    expect(refResultMessage({ ...base, kind: 'judges', rows: 6, added: 1, updated: 2, unchanged: 3, kept: 0 })).toBe(
      '已导入评委名单：新增 1 位，更新 2 位，未变 3 位',
    )
    expect(refResultMessage({ ...base, kind: 'judges', rows: 6, added: 0, updated: 0, unchanged: 6, kept: 2 })).toBe(
      '已导入评委名单：新增 0 位，更新 0 位，未变 6 位；名单中没有的 2 位评委保留不变',
    )
    const appended = { ...base, kind: 'provincial-winners', rows: 5, added: 3, unchanged: 2, kept: 40, appended: true }
    expect(refResultMessage(appended)).toBe('已追加到省赛获奖名单：新增 3 条，2 条名单中已有，未重复添加；原有 40 条保留')
    expect(refResultMessage({ ...appended, unchanged: 0 })).toBe('已追加到省赛获奖名单：新增 3 条；原有 40 条保留')
  })

  it('sends append only when chosen, and offers it only for a rule list that has rows', () => {
    expect(refImportOptions(preview, [], true)).toEqual({ sheet: '评委名单', headerRow: 3, mapping: [], append: true })
    expect(refImportOptions(preview, [])).not.toHaveProperty('append')
    expect(refCanAppend('provincial-winners', { imported: true, rows: 12 })).toBe(true)
    expect(refCanAppend('provincial-winners', { imported: true, rows: 0 })).toBe(false)
    expect(refCanAppend('dishonesty', { imported: false, rows: 0 })).toBe(false)
    expect(refCanAppend('dishonesty', undefined)).toBe(false)
    expect(refCanAppend('judges', { imported: true, rows: 9 })).toBe(false)
  })
})

const judge = (id: number, name: string, active = true, phone: string | null = '139****0101'): Judge => ({
  id,
  name,
  organization: '长治示范学院',
  title: null,
  expertise: '机械工程',
  phone,
  source: 'import',
  active,
  created_at: '2026-07-20T09:00:00+08:00',
  updated_at: '2026-07-20T09:00:00+08:00',
})

describe('judges', () => {
  it('fills the edit form and sends it back trimmed; the masked phone keeps, an emptied one clears', () => {
    const j = judge(3, '郑思远')
    const f = judgeForm(j)
    expect(f).toEqual({ name: '郑思远', organization: '长治示范学院', title: '', expertise: '机械工程', phone: '139****0101' })
    expect(judgeInput({ ...f, title: ' 教授 ' }, j)).toEqual({
      name: '郑思远',
      organization: '长治示范学院',
      title: '教授',
      expertise: '机械工程',
      phone: '139****0101',
    })
    expect(judgeInput({ ...f, phone: ' ' }, j).phone).toBe('')
    expect(judgeInput({ ...f, phone: '' }, judge(4, '秦晓岚', true, null)).phone).toBeNull()
    expect(judgeInput({ ...emptyJudgeForm(), name: ' 沈一鸣 ' })).toEqual({
      name: '沈一鸣',
      organization: null,
      title: null,
      expertise: null,
      phone: null,
    })
  })

  it('filters by text, hides retired judges unless asked, active first', () => {
    const list = [judge(2, '秦晓岚', false), judge(1, '郑思远'), { ...judge(3, '韩立新'), organization: '示例创投' }]
    expect(filterJudges(list, '', false).map((j) => j.id)).toEqual([1, 3])
    expect(filterJudges(list, '', true).map((j) => j.id)).toEqual([1, 3, 2])
    expect(filterJudges(list, '创投', true).map((j) => j.id)).toEqual([3])
    expect(filterJudges(list, '机械', false).map((j) => j.id)).toEqual([1, 3])
    expect(judgeSourceLabel('manual')).toBe('手工添加')
    expect(judgeSourceLabel('import')).toBe('名单导入')
  })
})
