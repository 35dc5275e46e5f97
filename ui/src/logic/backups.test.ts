import { describe, expect, it } from 'vitest'
import { sizeText, summaryText } from './backups'

describe('backups wording', () => {
  it('sizes in KB below a megabyte, MB above', () => {
    expect(sizeText(200)).toBe('1 KB')
    expect(sizeText(350 * 1024)).toBe('350 KB')
    expect(sizeText(3 * 1024 * 1024 + 200 * 1024)).toBe('3.2 MB')
  })
  it('says what a restore brings back', () => {
    const s = { path: '/b.sqlite', contest_name: '长治市赛', schema_version: 9, entries: 240, judges: 7, scores: 0, awards_frozen: true, certificates: 3 }
    expect(summaryText(s)).toBe('“长治市赛”中有：报名项目 240 个，评委 7 位，评分 0 条，有效证书 3 张，获奖结果已锁定。')
    expect(summaryText({ ...s, contest_name: '', awards_frozen: false })).toBe('该文件中有：报名项目 240 个，评委 7 位，评分 0 条，有效证书 3 张。')
  })
})
