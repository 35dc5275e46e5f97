import { describe, expect, it } from 'vitest'
import { fileName, newContestProblem, openedAtText, recentRows, suggestedFileName, windowTitle } from './welcome'

const info = (name: string, path: string) => ({ db_path: path, contest_name: name, schema_version: 1 })
const form = { contest_name: '第十二届大赛', edition: '第十二届', year: 2027, city: '晋城市' }

describe('the window title', () => {
  it('names the contest and its file, Windows paths too', () => {
    expect(windowTitle(info('第十一届大赛', '/home/a/赛事/2026.sqlite'))).toBe('第十一届大赛（2026.sqlite）— 创客大赛秘书处')
    expect(windowTitle(info('', 'D:\\创客\\长治.sqlite'))).toBe('（未命名赛事）（长治.sqlite）— 创客大赛秘书处')
    expect(windowTitle(null)).toBe('创客大赛秘书处')
    expect(fileName('a/b/')).toBe('a/b/')
    expect(openedAtText('2026-07-10T23:59:59+08:00')).toBe('2026-07-10 23:59')
  })
})

describe('the recent contest files', () => {
  it('shows the file name, the time as recorded and a missing file', () => {
    const rows = recentRows([
      { path: '/x/新.sqlite', name: '新', opened_at: '2026-06-01T10:05:09.123+08:00', missing: false },
      { path: '/x/旧.sqlite', name: '旧', opened_at: '不是时间', missing: true },
    ])
    expect(rows.map((r) => [r.file, r.opened, r.status])).toEqual([
      ['新.sqlite', '2026-06-01 10:05', ''],
      ['旧.sqlite', '不是时间', '文件已不在原处'],
    ])
  })
})

describe('the 新建赛事 form', () => {
  it('asks for each missing field by name, then for the location', () => {
    expect(newContestProblem({ ...form, contest_name: ' ' }, '/a.sqlite')).toContain('赛事名称')
    expect(newContestProblem({ ...form, edition: '' }, '/a.sqlite')).toContain('届次')
    expect(newContestProblem({ ...form, year: 26 }, '/a.sqlite')).toContain('年份')
    expect(newContestProblem({ ...form, city: '' }, '/a.sqlite')).toContain('城市')
    expect(newContestProblem(form, ' ')).toContain('保存位置')
    expect(newContestProblem(form, '/a.sqlite')).toBe('')
  })

  it('suggests a file name without characters Windows refuses', () => {
    expect(suggestedFileName(form)).toBe('2027晋城市创客大赛.sqlite')
    expect(suggestedFileName({ ...form, city: 'a/b:c' })).toBe('2027abc创客大赛.sqlite')
  })
})
