import { describe, expect, it } from 'vitest'
import { bindAddress, cellLabel, qrRuns } from './lan'

describe('qrRuns', () => {
  it('merges each row’s dark modules into runs and keeps every dark module', () => {
    // 3×3: row 0 ■■□, row 1 □□□, row 2 ■□■
    const dark = [true, true, false, false, false, false, true, false, true]
    const runs = qrRuns(3, dark)
    expect(runs).toEqual([
      { x: 0, y: 0, w: 2 },
      { x: 0, y: 2, w: 1 },
      { x: 2, y: 2, w: 1 },
    ])
    expect(runs.reduce((n, r) => n + r.w, 0)).toBe(dark.filter(Boolean).length)
  })
  it('draws nothing for an all-light code', () => {
    expect(qrRuns(2, [false, false, false, false])).toEqual([])
  })
})

describe('cellLabel', () => {
  it('names each state of the matrix', () => {
    expect(['scored', 'recused', 'missing', 'none'].map(cellLabel)).toEqual(['✓', '回避', '缺', '—'])
  })
})

describe('bindAddress', () => {
  it('joins an address and a port, brackets IPv6, refuses a bad port', () => {
    expect(bindAddress('192.168.1.20', 8080)).toBe('192.168.1.20:8080')
    expect(bindAddress('127.0.0.1', 0)).toBe('127.0.0.1:0')
    expect(bindAddress('::1', 80)).toBe('[::1]:80')
    expect(bindAddress('127.0.0.1', 70000)).toBeNull()
    expect(bindAddress('', 80)).toBeNull()
    expect(bindAddress('127.0.0.1', null)).toBeNull()
  })
})
