import { beforeEach, describe, expect, it, vi } from 'vitest'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...a: unknown[]) => invoke(...a) }))
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }))

const api = await import('./awards')

beforeEach(() => invoke.mockReset())

describe('awards api', () => {
  it('calls the snake_case commands with camelCase argument keys', async () => {
    invoke.mockResolvedValue(null)
    await api.awardsList()
    expect(invoke).toHaveBeenLastCalledWith('awards_list', undefined)
    await api.awardsFreeze('王秘书')
    expect(invoke).toHaveBeenLastCalledWith('awards_freeze', { frozenBy: '王秘书' })
    await api.awardsAmend('CZ2026-00002', null, '取消', '王秘书')
    expect(invoke).toHaveBeenLastCalledWith('awards_amend', { entry: 'CZ2026-00002', level: null, reason: '取消', amendedBy: '王秘书' })
    await api.recommendationSet('CZ2026-00002', true, '并列均推荐', '甲')
    expect(invoke).toHaveBeenLastCalledWith('recommendation_set', { entry: 'CZ2026-00002', included: true, reason: '并列均推荐', decidedBy: '甲' })
    await api.unitChoose('长治市工信局', true, '组织积极', '甲')
    expect(invoke).toHaveBeenLastCalledWith('unit_choose', { unit: '长治市工信局', chosen: true, reason: '组织积极', decidedBy: '甲' })
    await api.awardsExport('publicity-pdf', '/tmp/a.pdf')
    expect(invoke).toHaveBeenLastCalledWith('awards_export', { kind: 'publicity-pdf', path: '/tmp/a.pdf' })
  })

  it('writeExport dispatches every export id to its command', async () => {
    invoke.mockResolvedValue('/tmp/x')
    await api.writeExport('eligibility', '/tmp/e.xlsx')
    expect(invoke).toHaveBeenLastCalledWith('eligibility_export', { path: '/tmp/e.xlsx' })
    await api.writeExport('problems', '/tmp/p.xlsx')
    expect(invoke).toHaveBeenLastCalledWith('problems_export', { path: '/tmp/p.xlsx', importId: null })
    await api.writeExport('scores-final', '/tmp/s.xlsx')
    expect(invoke).toHaveBeenLastCalledWith('scores_export', { roundCode: 'final', path: '/tmp/s.xlsx' })
    await api.writeExport('signoff-pdf', '/tmp/s.pdf')
    expect(invoke).toHaveBeenLastCalledWith('awards_export', { kind: 'signoff-pdf', path: '/tmp/s.pdf' })
    expect(await api.writeExport('units', '/tmp/u')).toBe('/tmp/x')
  })
})
