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
    expect(invoke).toHaveBeenLastCalledWith('awards_freeze', { frozenBy: '王秘书', overrideReason: null })
    await api.awardsFreeze('王秘书', '异议不涉及获奖项目')
    expect(invoke).toHaveBeenLastCalledWith('awards_freeze', { frozenBy: '王秘书', overrideReason: '异议不涉及获奖项目' })
    await api.awardsAmend('CZ2026-00002', null, '取消', '王秘书')
    expect(invoke).toHaveBeenLastCalledWith('awards_amend', { entry: 'CZ2026-00002', level: null, reason: '取消', amendedBy: '王秘书' })
    await api.recommendationSet('CZ2026-00002', true, '并列均推荐', '甲')
    expect(invoke).toHaveBeenLastCalledWith('recommendation_set', { entry: 'CZ2026-00002', included: true, reason: '并列均推荐', decidedBy: '甲' })
    await api.unitChoose('长治市工信局', true, '组织积极', '甲')
    expect(invoke).toHaveBeenLastCalledWith('unit_choose', { unit: '长治市工信局', chosen: true, reason: '组织积极', decidedBy: '甲' })
  })
})
