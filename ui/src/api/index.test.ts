import { beforeEach, describe, expect, it, vi } from 'vitest'

const invoke = vi.fn()
const listen = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...a: unknown[]) => invoke(...a) }))
vi.mock('@tauri-apps/api/event', () => ({ listen: (...a: unknown[]) => listen(...a) }))

const api = await import('./index')

beforeEach(() => {
  invoke.mockReset()
  listen.mockReset()
})

describe('api wrappers', () => {
  it('call the snake_case commands with camelCase argument keys', async () => {
    invoke.mockResolvedValue({})
    await api.entryGet('CK001', true)
    expect(invoke).toHaveBeenLastCalledWith('entry_get', { projectNo: 'CK001', reveal: true })
    await api.importApply('/tmp/a.xlsx', 'Sheet1', [{ index: 0, field: 'project_no' }], '国家平台2026')
    expect(invoke).toHaveBeenLastCalledWith('import_apply', {
      path: '/tmp/a.xlsx',
      sheet: 'Sheet1',
      mapping: [{ index: 0, field: 'project_no' }],
      saveProfile: '国家平台2026',
    })
    await api.problemsExport('/tmp/p.xlsx', 3)
    expect(invoke).toHaveBeenLastCalledWith('problems_export', { path: '/tmp/p.xlsx', importId: 3 })
    await api.importPreview('/tmp/a.xlsx')
    expect(invoke).toHaveBeenLastCalledWith('import_preview', { path: '/tmp/a.xlsx', sheet: null, profile: null })
    await api.problemsList()
    expect(invoke).toHaveBeenLastCalledWith('problems_list', { importId: null })
    await api.referenceStatus()
    expect(invoke).toHaveBeenLastCalledWith('reference_status', undefined)
    await api.referenceImport('dishonesty', '/tmp/失信名单.csv')
    expect(invoke).toHaveBeenLastCalledWith('reference_import', { kind: 'dishonesty', path: '/tmp/失信名单.csv' })
    await api.referencePreview('judges', '/tmp/评委.xlsx')
    expect(invoke).toHaveBeenLastCalledWith('reference_preview', { kind: 'judges', path: '/tmp/评委.xlsx', sheet: null })
    await api.referenceImport('judges', '/tmp/评委.xlsx', { sheet: '评委名单', headerRow: 3, mapping: [{ index: 1, field: 'name' }] })
    expect(invoke).toHaveBeenLastCalledWith('reference_import', {
      kind: 'judges',
      path: '/tmp/评委.xlsx',
      sheet: '评委名单',
      headerRow: 3,
      mapping: [{ index: 1, field: 'name' }],
    })
    await api.judgeUpdate(7, { name: '郑思远', organization: null, title: '教授', expertise: null, phone: null })
    expect(invoke).toHaveBeenLastCalledWith('judge_update', {
      id: 7,
      judge: { name: '郑思远', organization: null, title: '教授', expertise: null, phone: null },
    })
    await api.judgeSetActive(7, false)
    expect(invoke).toHaveBeenLastCalledWith('judge_set_active', { id: 7, active: false })
    await api.screeningList()
    expect(invoke).toHaveBeenLastCalledWith('screening_list', undefined)
    await api.screeningDecide('no:CZ2026-00004', 'eligible', '已核实', '王老师')
    expect(invoke).toHaveBeenLastCalledWith('screening_decide', {
      projectNo: 'no:CZ2026-00004',
      verdict: 'eligible',
      reason: '已核实',
      decidedBy: '王老师',
    })
    await api.contestCreate('/tmp/c.sqlite')
    expect(invoke).toHaveBeenLastCalledWith('contest_create', { path: '/tmp/c.sqlite' })
  })

  it('turn rejections into ApiError', async () => {
    invoke.mockRejectedValue({ code: 'IMPORT_UNSUPPORTED_TYPE', message: '不支持该文件类型' })
    const err = await api.importPreview('/tmp/a.pdf').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(api.ApiError)
    expect((err as InstanceType<typeof api.ApiError>).code).toBe('IMPORT_UNSUPPORTED_TYPE')
    expect((err as Error).message).toBe('不支持该文件类型')
  })

  it('passes import-progress payloads to the handler', async () => {
    const unlisten = vi.fn()
    listen.mockImplementation(async (_name: string, cb: (e: { payload: unknown }) => void) => {
      cb({ payload: { stage: '读取表格', done: 1, total: 10 } })
      return unlisten
    })
    const seen: unknown[] = []
    const u = await api.onImportProgress((p) => seen.push(p))
    expect(listen.mock.calls[0][0]).toBe('import-progress')
    expect(seen).toEqual([{ stage: '读取表格', done: 1, total: 10 }])
    u()
    expect(unlisten).toHaveBeenCalled()
  })
})
