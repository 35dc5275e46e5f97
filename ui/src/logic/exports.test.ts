import { describe, expect, it } from 'vitest'
import type { ExportKindInfo } from '../api/exports'
import { exportDoneText, findKind, formatTag, pageKinds } from './exports'

const kind = (over: Partial<ExportKindInfo>): ExportKindInfo => ({
  kind: 'awards',
  title: '获奖名单',
  format: 'xlsx',
  personal: false,
  needs_round: false,
  file_name: '获奖名单.xlsx',
  description: '秘书处工作名单',
  personal_note: '不含个人信息。',
  ...over,
})

const LIST = [
  kind({ kind: 'ranking-preliminary', title: '初赛排名' }),
  kind({ kind: 'recommendation', title: '推荐参加省赛项目表', personal: true }),
  kind({ kind: 'signoff-pdf', title: '评分汇总表（PDF）', format: 'pdf', file_name: '决赛评分汇总表.pdf' }),
  kind({ kind: 'ranking', title: '排名（指定轮次）', needs_round: true }),
]

describe('exports over the registry', () => {
  it('the page shows every kind in order except those needing a round chosen', () => {
    expect(pageKinds(LIST).map((k) => k.kind)).toEqual(['ranking-preliminary', 'recommendation', 'signoff-pdf'])
    expect(pageKinds([])).toEqual([])
  })

  it('shows the 复赛 kinds only while the 复赛 is held', () => {
    const withSemi = [LIST[0], kind({ kind: 'ranking-semifinal', title: '复赛排名' }), ...LIST.slice(1)]
    expect(pageKinds(withSemi).map((k) => k.kind)).toEqual(['ranking-preliminary', 'recommendation', 'signoff-pdf'])
    expect(pageKinds(withSemi, true).map((k) => k.kind)).toEqual(['ranking-preliminary', 'ranking-semifinal', 'recommendation', 'signoff-pdf'])
  })

  it('finds a kind by name and refuses an unknown one', () => {
    expect(findKind(LIST, 'signoff-pdf').file_name).toBe('决赛评分汇总表.pdf')
    expect(() => findKind(LIST, 'nope')).toThrow('未知的导出类型“nope”')
  })

  it('tags the format and names the written file', () => {
    expect(formatTag('pdf')).toEqual({ text: 'PDF', type: 'warning' })
    expect(formatTag('xlsx')).toEqual({ text: 'Excel', type: 'success' })
    expect(exportDoneText(findKind(LIST, 'recommendation'), '/tmp/推荐.xlsx')).toBe('已导出推荐参加省赛项目表：/tmp/推荐.xlsx')
  })
})
