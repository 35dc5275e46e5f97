import { describe, expect, it } from 'vitest'
import type { CertificateSubject, CertificateTemplate } from '../api/certificates'
import { dateText, previewText, registerCounts, toggleMember, unknownPlaceholders } from './certificates'

const t = {
  title: '荣誉证书',
  body: '{获奖主体名称}：\n　　你单位（团队）{项目名称} 项目在{赛事名称}中荣获{组别}{奖项}。',
  unit_body: '{获奖主体名称}：\n　　荣获{奖项}。',
  members_line: '团队成员：{团队成员}',
  issuer: '{主办单位}',
  date_line: '{日期}',
  number_line: '证书编号：{证书编号}',
  contest_name: '第十一届大赛',
  organizer: '长治市工业和信息化局',
  date: '2026-08-01',
} as unknown as CertificateTemplate

const team: CertificateSubject = {
  kind: 'award',
  key: 'k',
  group: 'startup',
  group_label: '创业组',
  prize: '一等奖',
  project_no: 'CZ-1',
  project_name: '智能项目',
  entrant_name: '某某团队',
  members: ['甲', '乙'],
}

describe('certificate preview', () => {
  it('fills every placeholder like the PDF', () => {
    const p = previewText(t, team, 'CZCK2026-CY-001')
    expect(p.body[0]).toBe('某某团队：')
    expect(p.body[1]).toContain('智能项目 项目在第十一届大赛中荣获创业组一等奖')
    expect(p.members).toBe('团队成员：甲、乙')
    expect(p.date).toBe('2026年8月1日')
    expect(p.number).toBe('证书编号：CZCK2026-CY-001')
    expect(previewText(t, { ...team, members: [] }).members).toBeNull()
    expect(previewText(t, { ...team, kind: 'unit', entrant_name: '长治学院', prize: '优秀组织单位奖' }).body[1]).toContain('荣获优秀组织单位奖')
  })
  it('dates, unknown placeholders, counts, member choice', () => {
    expect(dateText(null)).toBe('（未设日期）')
    expect(unknownPlaceholders('{项目名称}{名字}{序号:3}')).toEqual(['名字'])
    const c = (v: string | null, prints: number) => ({ voided_at: v, prints }) as never
    expect(registerCounts([c(null, 1), c('2026', 0), c(null, 0)])).toEqual({ live: 2, voided: 1, printed: 1 })
    const seven = ['1', '2', '3', '4', '5', '6', '7']
    expect(toggleMember(seven, '8').error).toContain('最多')
    expect(toggleMember(seven, '7').chosen).toHaveLength(6)
  })
})
