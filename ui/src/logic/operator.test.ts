import { describe, expect, it } from 'vitest'
import { rememberOperator, rememberedOperator, replacesPrefill, setOperatorContest } from './operator'

function memory() {
  const m = new Map<string, string>()
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m }
}

describe('operator names', () => {
  it('are remembered per contest file', () => {
    const s = memory()
    rememberOperator('screening', ' 王秘书 ', s, '/data/2026.sqlite')
    expect(rememberedOperator('screening', s, '/data/2026.sqlite')).toBe('王秘书')
    expect(rememberedOperator('screening', s, '/data/2027.sqlite')).toBe('')
    expect(rememberedOperator('certificates', s, '/data/2026.sqlite')).toBe('')
    rememberOperator('screening', '李主任', s, '/data/2027.sqlite')
    expect(rememberedOperator('screening', s, '/data/2026.sqlite')).toBe('王秘书')
  })

  it('follow the open contest, and nothing is kept without one', () => {
    const s = memory()
    setOperatorContest('/a.sqlite')
    rememberOperator('keyedBy', '张三', s)
    expect(rememberedOperator('keyedBy', s)).toBe('张三')
    setOperatorContest('/b.sqlite')
    expect(rememberedOperator('keyedBy', s)).toBe('')
    setOperatorContest(null)
    rememberOperator('keyedBy', '李四', s)
    expect(rememberedOperator('keyedBy', s)).toBe('')
    expect(s.m.size).toBe(1)
  })

  it('typing into a prefilled field replaces the name instead of appending', () => {
    expect(replacesPrefill(true, 'insertText', 3, 3)).toBe(true)
    expect(replacesPrefill(true, 'insertCompositionText', 3, 3)).toBe(true)
    // Everything selected: the browser replaces it by itself.
    expect(replacesPrefill(true, 'insertText', 0, 3)).toBe(false)
    // Deleting, or a field that was empty on focus / already edited: left alone.
    expect(replacesPrefill(true, 'deleteContentBackward', 3, 3)).toBe(false)
    expect(replacesPrefill(false, 'insertText', 3, 3)).toBe(false)
  })
})
