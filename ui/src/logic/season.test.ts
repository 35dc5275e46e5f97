import { describe, expect, it } from 'vitest'
import { amountOf, beijingToday, closeBlocker, followupBlocker, labelOf, objectionBlocker, PROVINCIAL_OUTCOMES } from './season'

describe('objection form', () => {
  const ok = { entry: 'CZ2026-001', from: '某公司', received: '2026-08-01', content: '抄袭' }
  it('passes a complete form and names the first missing part', () => {
    expect(objectionBlocker(ok, '2026-08-02')).toBe('')
    expect(objectionBlocker({ ...ok, entry: ' ' }, '2026-08-02')).toContain('项目')
    expect(objectionBlocker({ ...ok, from: '' }, '2026-08-02')).toContain('异议人')
    expect(objectionBlocker({ ...ok, received: '' }, '2026-08-02')).toContain('收到日期')
    expect(objectionBlocker({ ...ok, content: '' }, '2026-08-02')).toContain('异议内容')
  })
  it('refuses a received date after today', () => {
    expect(objectionBlocker(ok, '2026-07-31')).toContain('晚于今天')
  })
  it('uses the contest clock for today', () => {
    // 20:00 UTC is already the next day in Beijing.
    expect(beijingToday(new Date('2026-08-01T20:00:00Z'))).toBe('2026-08-02')
  })
})

describe('closing an objection', () => {
  it('withdraws the entry only for an upheld objection, with an operator', () => {
    expect(closeBlocker({ outcome: '', handling: 'x', disqualify: false, by: '' })).toContain('处理结果')
    expect(closeBlocker({ outcome: 'rejected', handling: ' ', disqualify: false, by: '' })).toContain('处理情况')
    expect(closeBlocker({ outcome: 'rejected', handling: '查无实据', disqualify: true, by: '主任' })).toContain('只有异议成立')
    expect(closeBlocker({ outcome: 'upheld', handling: '属实', disqualify: true, by: '' })).toContain('操作人')
    expect(closeBlocker({ outcome: 'upheld', handling: '属实', disqualify: true, by: '主任' })).toBe('')
  })
})

describe('follow-up form', () => {
  const ok = { entry: 'CZ2026-001', date: '2026-09-01', kind: 'financing' as const, note: '银行授信', amount: '500', next: '2026-10-01' }
  it('checks amount and dates', () => {
    expect(followupBlocker(ok)).toBe('')
    expect(followupBlocker({ ...ok, amount: '-1' })).toContain('金额')
    expect(followupBlocker({ ...ok, amount: 'abc' })).toContain('金额')
    expect(followupBlocker({ ...ok, next: '2026-08-01' })).toContain('早于')
    expect(followupBlocker({ ...ok, kind: '' })).toContain('类型')
    expect(amountOf('')).toBeNull()
    expect(amountOf(' 12.5 ')).toBe(12.5)
  })
  it('labels provincial outcomes as the notice words them', () => {
    expect(labelOf(PROVINCIAL_OUTCOMES, 'national')).toBe('推荐国赛')
    expect(labelOf(PROVINCIAL_OUTCOMES, null)).toBe('')
  })
})
