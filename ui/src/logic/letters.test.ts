import { describe, expect, it } from 'vitest'
import type { Letter } from '../api/letters'
import { letterRows, unknownLetterPlaceholders } from './letters'

const letter = (over: Partial<Letter>): Letter => ({
  kind: 'finalist',
  entry_key: 'k1',
  project_no: 'CZ001',
  project_name: '智能矿山',
  entrant_name: '甲公司',
  group: 'enterprise',
  group_label: '企业组',
  leader: '张三',
  phone: '13912345678',
  unit: null,
  round: 'final',
  round_label: '决赛',
  order: 3,
  slot: '9:30–9:45',
  prize: null,
  cash_yuan: null,
  number: null,
  issued_on: null,
  ...over,
})

describe('letters', () => {
  it('lists unknown placeholders once', () => {
    expect(unknownLetterPlaceholders('{收件人}：{奖状}{奖状}{路演时段}{x}')).toEqual(['奖状', 'x'])
  })

  it('masks phones unless revealed and says what each kind prints', () => {
    const [f] = letterRows([letter({})], false)
    expect(f.phone).not.toContain('12345678')
    expect(f.detail).toBe('企业组第 3 位 9:30–9:45')
    expect(f.number).toBe('（生成时编号）')
    expect(letterRows([letter({})], true)[0].phone).toBe('13912345678')
    const [a] = letterRows([letter({ kind: 'award', prize: '一等奖', cash_yuan: 30000, number: '长治创客〔2026〕获奖通知第001号' })], false)
    expect(a.detail).toBe('企业组一等奖（30000 元）')
    expect(a.number).toBe('长治创客〔2026〕获奖通知第001号')
    expect(letterRows([letter({ kind: 'advance' })], false)[0].detail).toBe('企业组入围决赛')
  })
})
