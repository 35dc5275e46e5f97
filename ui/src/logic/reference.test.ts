import { describe, expect, it } from 'vitest'
import type { RefStatus } from '../api/types'
import {
  REF_HELP,
  REF_KINDS,
  refImportMessage,
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
  it('has the four kinds in order, with the rule each feeds', () => {
    expect(REF_KINDS.map((k) => k.kind)).toEqual(['provincial-winners', 'dishonesty', 'other-awards', 'recommendations'])
    expect(REF_HELP).toBe('省赛获奖名单 → R03，失信名单 → R09，其他市级赛事获奖名单 → R16，推荐名单 → 供核对推荐单位')
  })

  it('turns a status into tag text and type', () => {
    expect(refStatusText(notYet)).toBe('未导入')
    expect(refStatusTagType(notYet)).toBe('info')
    expect(refStatusText(done)).toBe('已导入 12 条')
    expect(refStatusTagType(done)).toBe('success')
    expect(refStatusText(null)).toBe('未导入')
    expect(refStatusText({ imported: true, rows: 0 })).toBe('已导入 0 条')
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
