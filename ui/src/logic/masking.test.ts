import { describe, expect, it } from 'vitest'
import { displayIdNumber, displayPhone, isMasked, maskIdNumber, maskPersonalText, maskPhone } from './masking'

describe('masking', () => {
  it('masks like the backend: ID first 6 + last 4, phone first 3 + last 4', () => {
    expect(maskIdNumber('14040219900101123X')).toBe('140402********123X')
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskIdNumber('1234')).toBe('****')
  })

  it('never shows a full value while the switch is off', () => {
    expect(displayIdNumber('14040219900101123X', false)).toBe('140402********123X')
    expect(displayPhone('13812345678', false)).toBe('138****5678')
  })

  it('shows full values only when revealed, and masked ones as given', () => {
    expect(displayIdNumber('14040219900101123X', true)).toBe('14040219900101123X')
    expect(displayIdNumber('140402********123X', false)).toBe('140402********123X')
    expect(isMasked('138****5678')).toBe(true)
    expect(isMasked('13812345678')).toBe(false)
    expect(displayPhone(null, false)).toBe('—')
    expect(displayIdNumber('', true)).toBe('—')
  })

  it('masks IDs and phones inside free text, leaving credit codes and other text', () => {
    const t = '张三 14040219900101123X，电话13812345678；李四 140402900101123 信用代码 91140400MA0K12345X'
    expect(maskPersonalText(t, false)).toBe(
      '张三 140402********123X，电话138****5678；李四 140402*****1123 信用代码 91140400MA0K12345X',
    )
    expect(maskPersonalText(t, true)).toBe(t)
    expect(maskPersonalText('13812345678,13912345678', false)).toBe('138****5678,139****5678')
    expect(maskPersonalText('订单号 2013812345678999', false)).toBe('订单号 2013812345678999')
    expect(maskPersonalText(null, false)).toBeNull()
  })

  it('masks phones and IDs written in groups with spaces or dashes', () => {
    const cases: [string, string][] = [
      ['电话 138 1234 5678，请回电', '电话 138****5678，请回电'],
      ['电话138-1234-5678', '电话138****5678'],
      ['+86 138 1234 5678', '+86 138****5678'],
      ['+86-138-1234-5678', '+86-138****5678'],
      ['+8613812345678', '+86138****5678'],
      ['联系人 139　1234　5678（全角空格）', '联系人 139****5678（全角空格）'],
      ['身份证 140402 19900101 123X 张三', '身份证 140402********123X 张三'],
      ['身份证 1404 0219 9001 0112 3x', '身份证 140402********123x'],
      ['旧证 140402 900101 123', '旧证 140402*****1123'],
      ['2024 138 1234 5678', '2024 138****5678'],
    ]
    for (const [text, want] of cases) expect(maskPersonalText(text, false)).toBe(want)
    expect(maskPersonalText('电话 138 1234 5678', true)).toBe('电话 138 1234 5678')
  })

  it('leaves amounts, dates, ranges and codes written in groups alone', () => {
    for (const text of ['金额 1 000 000 元', '2026-07-20 09:30', '60-65 分 3 项', '编号 CK1381234 5678', '1234 5678 9012 3456', '报名 138 1234 567 项']) {
      expect(maskPersonalText(text, false)).toBe(text)
    }
  })
})
