import { describe, expect, it } from 'vitest'
import type { Entry, Problem } from '../api/types'
import { countBySeverity, filterProblems, paginate, problemBreakdown } from './problems'
import { NAV_ITEMS, resolveNavPath } from './routes'
import { addUnit } from './settings'
import { entryFieldRows, extraRows } from './entryFields'

function problem(p: Partial<Problem>): Problem {
  return {
    file: '报名表.xlsx',
    sheet: 'Sheet1',
    row: 5,
    column: 'D 统一社会信用代码',
    code: 'BAD_CODE',
    message: '统一社会信用代码校验位不正确',
    hint: '请核对营业执照',
    project_no: 'CK001',
    severity: 'error',
    ...p,
  }
}

describe('problems', () => {
  const list = [
    problem({}),
    problem({ row: 7, severity: 'warning', column: 'F 成立日期', message: '日期无法识别', project_no: null }),
    problem({ row: 12, column: 'H 身份证号', message: '身份证号被 Excel 改成了科学计数法' }),
  ]

  it('filters by severity and text (row, column, message, project number)', () => {
    expect(filterProblems(list, { severity: 'warning', text: '' }).map((p) => p.row)).toEqual([7])
    expect(filterProblems(list, { severity: '', text: '身份证' }).map((p) => p.row)).toEqual([12])
    expect(filterProblems(list, { severity: 'error', text: 'ck001' }).map((p) => p.row)).toEqual([5, 12])
    expect(filterProblems(list, { severity: 'error', text: '日期' })).toEqual([])
  })

  it('counts by severity and paginates', () => {
    expect(countBySeverity(list)).toEqual({ error: 2, warning: 1 })
    const many = Array.from({ length: 45 }, (_, i) => i)
    expect(paginate(many, 1, 20)).toHaveLength(20)
    expect(paginate(many, 3, 20)).toEqual([40, 41, 42, 43, 44])
    expect(paginate(many, 4, 20)).toEqual([])
    expect(paginate(many, 0, 20)[0]).toBe(0)
  })
})

describe('navigation', () => {
  it('has the twelve pages in season order with their test ids', () => {
    expect(NAV_ITEMS.map((n) => n.testid)).toEqual([
      'nav-dashboard', 'nav-settings', 'nav-import', 'nav-entries', 'nav-screening',
      'nav-judging', 'nav-awards', 'nav-season', 'nav-certificates', 'nav-letters', 'nav-exports', 'nav-backups',
    ])
  })

  it('resolves next_step.route to a known page', () => {
    expect(resolveNavPath('/import')).toBe('/import')
    expect(resolveNavPath('#/entries')).toBe('/entries')
    expect(resolveNavPath('settings/')).toBe('/settings')
    expect(resolveNavPath('/entries?problems=1')).toBe('/entries?problems=1')
    expect(resolveNavPath('/')).toBe('/dashboard')
    expect(resolveNavPath('/nowhere')).toBeNull()
    expect(resolveNavPath('')).toBeNull()
  })
})

describe('organizing units', () => {
  it('adds trimmed names and refuses blanks and duplicates', () => {
    expect(addUnit(['潞州区'], '  上党区 ')).toEqual({ units: ['潞州区', '上党区'], error: null })
    expect(addUnit(['潞州区'], '   ').error).toBe('请输入单位名称。')
    expect(addUnit(['长治学院（东校区）'], '长治学院(东校区)').error).toContain('已在列表中')
    expect(addUnit(['潞州区'], '潞州 区').error).toContain('已在列表中')
  })
})

describe('entry detail rows', () => {
  const entry: Entry = {
    project_no: 'CK001',
    group: 'startup',
    kind: 'team',
    project_name: '智慧农业',
    field: null,
    entrant_name: '某团队',
    credit_code: null,
    founded_on: '2025-03-05',
    address: null,
    county: '沁县',
    industry: null,
    employees: 12,
    revenue_wan: 35.5,
    assets_wan: null,
    on_market: true,
    ip_summary: '发明专利1项',
    ip_holder: null,
    ip_dispute: false,
    dishonesty_declared: null,
    members: [{ name: '张三', id_number: '14040219900101123X', phone: '13812345678' }],
    leader: { name: '张三', id_number: '14040219900101123X', phone: '13812345678' },
    unit: '沁县',
    registered_at: '2026-07-01T10:30:00+08:00',
    site_status: '审核通过',
    source: { file: '报名表.xlsx', sheet: 'Sheet1', row: 3 },
    extra: { 备注: '无', 联系电话: '' },
  }

  it('labels every field in Chinese with 是/否/未知 for booleans', () => {
    const rows = Object.fromEntries(entryFieldRows(entry, false).map((r) => [r.label, r.value]))
    expect(rows['组别']).toBe('创业组')
    expect(rows['类型']).toBe('团队')
    expect(rows['产品（服务）已上市']).toBe('是')
    expect(rows['知识产权存在纠纷']).toBe('否')
    expect(rows['自报有失信记录']).toBe('未知')
    expect(rows['成立日期']).toBe('2025-03-05')
    expect(rows['报名时间']).toBe('2026-07-01 10:30')
    expect(rows['营业收入']).toBe('35.5 万元')
    expect(rows['资产总额']).toBe('—')
    expect(rows['从业人员']).toBe('12 人')
    expect(rows['成员人数']).toBe('1 人')
  })

  it('masks the leader unless revealed', () => {
    const masked = Object.fromEntries(entryFieldRows(entry, false).map((r) => [r.key, r.value]))
    expect(masked['leader.id_number']).toBe('140402********123X')
    expect(masked['leader.phone']).toBe('138****5678')
    const full = Object.fromEntries(entryFieldRows(entry, true).map((r) => [r.key, r.value]))
    expect(full['leader.id_number']).toBe('14040219900101123X')
  })

  it('lists additional columns', () => {
    expect(extraRows(entry)).toEqual([
      { header: '备注', value: '无' },
      { header: '联系电话', value: '—' },
    ])
  })
})

describe('score sheet editing', () => {
  it('totals and explains what is wrong', async () => {
    const { sheetProblem, sheetTotal } = await import('./settings')
    expect(sheetTotal([{ name: '创新性', max: 30 }, { name: '团队', max: 15 }])).toBe(45)
    expect(sheetProblem([])).toBe('至少需要一项评分标准。')
    expect(sheetProblem([{ name: '创新性', max: 30 }, { name: ' 创新性 ', max: 10 }])).toBe('评分标准“创新性”重复了。')
    expect(sheetProblem([{ name: '总分', max: 100 }])).toBe('评分标准不能叫“总分”。')
    expect(sheetProblem([{ name: '团队', max: 0 }])).toContain('1 到 1000')
    expect(sheetProblem([{ name: '团队', max: 15 }])).toBe('')
  })
})

describe('problem breakdown', () => {
  it('adds the import problem count up to the entries 仅看有问题 shows and the file\'s own', () => {
    expect(problemBreakdown(0, 0, 0)).toBe('')
    const t = problemBreakdown(45, 7, 30)
    expect(t.startsWith('共 45 条问题：38 条属于 30 个项目')).toBe(true)
    expect(t).toContain('仅看有问题')
    expect(t).toContain('7 条属于整个文件')
    expect(problemBreakdown(3, 0, 2)).not.toContain('整个文件')
    expect(problemBreakdown(2, 2, 0)).toBe('共 2 条问题：2 条属于整个文件（如重复的行、成员表中找不到的项目、表格范围外的单元格），不对应某个项目。')
  })
})
