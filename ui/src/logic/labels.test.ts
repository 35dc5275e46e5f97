import { describe, expect, it } from 'vitest'
import { boolLabel, displayText, formatDate, formatDateTime, formatWan, groupLabel, kindLabel, severityLabel, RULE_NAMES, ruleLabel, withRuleNames } from './labels'

describe('labels', () => {
  it('maps group codes to 企业组 / 创业组', () => {
    expect(groupLabel('enterprise')).toBe('企业组')
    expect(groupLabel('startup')).toBe('创业组')
    expect(groupLabel(null)).toBe('未分组')
    expect(groupLabel('other')).toBe('other')
  })

  it('uses the names from settings when given', () => {
    const names = [{ code: 'startup', name: '创业团队组' }, { code: 'enterprise', name: '  ' }]
    expect(groupLabel('startup', names)).toBe('创业团队组')
    expect(groupLabel('enterprise', names)).toBe('企业组')
  })

  it('maps booleans to 是 / 否 / 未知', () => {
    expect(boolLabel(true)).toBe('是')
    expect(boolLabel(false)).toBe('否')
    expect(boolLabel(null)).toBe('未知')
    expect(boolLabel(undefined)).toBe('未知')
  })

  it('maps kinds and severities', () => {
    expect(kindLabel('company')).toBe('企业')
    expect(kindLabel('team')).toBe('团队')
    expect(severityLabel('error')).toBe('错误')
    expect(severityLabel('warning')).toBe('提醒')
  })

  it('shows absent values as —', () => {
    expect(displayText(null)).toBe('—')
    expect(displayText('  ')).toBe('—')
    expect(displayText(0)).toBe('0')
    expect(displayText(false)).toBe('否')
    expect(displayText('长治')).toBe('长治')
  })

  it('formats dates as 2026-07-10', () => {
    expect(formatDate('2026-07-10')).toBe('2026-07-10')
    expect(formatDate('2026/7/1')).toBe('2026-07-01')
    expect(formatDate('2026-07-10T23:59:59+08:00')).toBe('2026-07-10')
    expect(formatDate(null)).toBe('—')
    expect(formatDate('不详')).toBe('不详')
  })

  it('formats date-times without shifting the time zone', () => {
    expect(formatDateTime('2026-07-10T23:59:59+08:00')).toBe('2026-07-10 23:59')
    expect(formatDateTime('2026-07-10 09:05:00')).toBe('2026-07-10 09:05')
    expect(formatDateTime('2026-7-9T8:05')).toBe('2026-07-09 08:05')
    expect(formatDateTime('2026-07-10')).toBe('2026-07-10')
    expect(formatDateTime('')).toBe('—')
  })

  it('formats 万元 amounts', () => {
    expect(formatWan(1234.5)).toBe('1,234.5 万元')
    expect(formatWan(0)).toBe('0 万元')
    expect(formatWan(null)).toBe('—')
  })
})

describe('rule names (SPEC §12)', () => {
  it('puts the Chinese name beside every id', () => {
    expect(ruleLabel('R05')).toBe('R05 企业规模')
    expect(ruleLabel('R01')).toBe('R01 报名状态')
    expect(ruleLabel('R16')).toBe('R16 其他赛事获奖')
    expect(ruleLabel('R99')).toBe('R99')
    expect(Object.keys(RULE_NAMES)).toHaveLength(16)
    expect(Object.values(RULE_NAMES).every((n) => n.length > 0)).toBe(true)
  })
  it('names the ids inside a text from the core, once', () => {
    expect(withRuleNames('R03 未检查：未导入近三届省赛获奖名单（12 个项目）')).toBe('R03 往届省赛获奖 未检查：未导入近三届省赛获奖名单（12 个项目）')
    expect(withRuleNames('不重复资金奖励（R16：甲）')).toBe('不重复资金奖励（R16 其他赛事获奖：甲）')
    expect(withRuleNames('R09 失信记录 已检查')).toBe('R09 失信记录 已检查')
    expect(withRuleNames('R17 与 CR05X')).toBe('R17 与 CR05X')
  })
})
