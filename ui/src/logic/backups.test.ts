import { describe, expect, it } from 'vitest'
import { AUDIT_TEXT, FILES_TEXT, HEAD_TEXT, POLICY_TEXT, sizeText, summaryText, timeText, totalText } from './backups'

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
  it('totals the sizes of all backups', () => {
    expect(totalText([{ bytes: 700 * 1024 }, { bytes: 600 * 1024 }, { bytes: 200 }])).toBe('共 3 个备份，合计 1.3 MB')
    expect(totalText([{ bytes: 10 * 1024 }])).toBe('共 1 个备份，合计 10 KB')
    expect(totalText([])).toBe('还没有备份')
  })
  it('states the pruning policy in plain words', () => {
    expect(POLICY_TEXT).toContain('手动备份全部保留')
    expect(POLICY_TEXT).toContain('自动备份保留最近 20 个')
    expect(POLICY_TEXT).toContain('最近 30 天内每天保留当天最后一个')
  })
  it('marks a backup without a record as showing the file time', () => {
    expect(timeText({ taken_at: '2026-07-11 09:30:00', recorded: true })).toBe('2026-07-11 09:30:00')
    expect(timeText({ taken_at: '2026-07-11 09:30:00', recorded: false })).toBe('2026-07-11 09:30:00（文件时间）')
  })
})

describe('backups: plain words', () => {
  it('explain the audit log and the contest files without technical terms', () => {
    for (const t of [AUDIT_TEXT, FILES_TEXT, HEAD_TEXT]) expect(t).not.toMatch(/哈希|[Hh]ash|SQLite|数据库/)
    expect(AUDIT_TEXT).toContain('防篡改记录')
    expect(FILES_TEXT).toContain('赛事文件')
    expect(FILES_TEXT).toContain('.sqlite')
    expect(HEAD_TEXT).toContain('评分汇总表')
  })
})
