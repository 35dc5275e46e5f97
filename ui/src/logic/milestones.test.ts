import { describe, expect, it } from 'vitest'
import { countdowns, daysBetween } from './milestones'

const m = {
  registration_end: '2026-07-10',
  rounds_done: '2026-07-30',
  recommendation: '2026-08-05',
  provincial_results: '2026-09-10',
  followup_end: '2026-12-31',
}

describe('milestone countdowns', () => {
  it('counts calendar days across months', () => {
    expect(daysBetween('2026-07-25', '2026-08-05')).toBe(11)
    expect(daysBetween('2026-08-05', '2026-08-05')).toBe(0)
    expect(daysBetween('2026-12-31', '2026-07-10')).toBe(-174)
  })
  it('says passed, today, soon and later in the notice order', () => {
    const c = countdowns(m, '2026-07-30')
    expect(c.map((x) => x.label)).toEqual(['报名截止', '完成市级初赛、复赛', '向省工信厅推荐省赛项目', '省级决赛及服务活动', '赛后系列服务结束'])
    expect(c.map((x) => x.text)).toEqual(['已过 20 天', '今天', '还有 6 天', '还有 42 天', '还有 154 天'])
    expect(c.map((x) => x.state)).toEqual(['past', 'soon', 'soon', 'later', 'later'])
  })
})
