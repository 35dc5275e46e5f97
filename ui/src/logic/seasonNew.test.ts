import { describe, expect, it } from 'vitest'
import { tabFromQuery } from './seasonNew'

const TABS = [{ name: 'objections' }, { name: 'provincial' }, { name: 'followup' }, { name: 'next' }]

describe('tabFromQuery', () => {
  it('opens the tab the link names', () => {
    expect(tabFromQuery('followup', TABS)).toBe('followup')
    expect(tabFromQuery('next', TABS)).toBe('next')
    expect(tabFromQuery(['next', 'followup'], TABS)).toBe('next')
  })
  it('falls back to the first tab for anything else', () => {
    expect(tabFromQuery(undefined, TABS)).toBe('objections')
    expect(tabFromQuery('nosuch', TABS)).toBe('objections')
    expect(tabFromQuery(null, TABS)).toBe('objections')
    expect(tabFromQuery('x', [])).toBe('')
  })
})
