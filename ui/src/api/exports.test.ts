import { beforeEach, describe, expect, it, vi } from 'vitest'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...a: unknown[]) => invoke(...a) }))
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }))

const api = await import('./exports')

beforeEach(() => invoke.mockReset())

describe('exports api', () => {
  it('writes any kind through export_run with camelCase keys', async () => {
    invoke.mockResolvedValue('/tmp/x.xlsx')
    expect(await api.exportRun('publicity-pdf', '/tmp/a')).toBe('/tmp/x.xlsx')
    expect(invoke).toHaveBeenLastCalledWith('export_run', { kind: 'publicity-pdf', path: '/tmp/a', round: null })
    await api.exportRun('ranking', '/tmp/r', 'final')
    expect(invoke).toHaveBeenLastCalledWith('export_run', { kind: 'ranking', path: '/tmp/r', round: 'final' })
  })

  it('asks for the kinds once, and again after a failure', async () => {
    invoke.mockRejectedValueOnce({ code: 'INTERNAL', message: '暂时不可用' })
    await expect(api.loadExportKinds()).rejects.toBeTruthy()
    invoke.mockResolvedValue([{ kind: 'awards' }])
    const a = await api.loadExportKinds()
    const b = await api.loadExportKinds()
    expect(a).toEqual([{ kind: 'awards' }])
    expect(b).toBe(a)
    expect(invoke.mock.calls.filter((c) => c[0] === 'export_kinds')).toHaveLength(2)
  })
})
