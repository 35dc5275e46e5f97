import { beforeEach, describe, expect, it, vi } from 'vitest'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...a: unknown[]) => invoke(...a) }))
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }))

const { contestState, noContest, refreshContest, setContest } = await import('./contest')
const { noContestText } = await import('../logic/noContest')

const bad = { path: '/home/秘书处/坏.sqlite', code: 'STORE_NOT_CONTEST', message: '“/home/秘书处/坏.sqlite”不是本软件的赛事文件：无法作为数据库读取。' }
const info = { db_path: '/tmp/新.sqlite', contest_name: '第十一届', schema_version: 12 }

beforeEach(() => {
  invoke.mockReset()
  Object.assign(contestState, { info: null, problem: null, loaded: false, version: 0, loadError: '' })
})

describe('no contest open', () => {
  it('is not claimed before the app has answered', () => {
    expect(noContest()).toBe(false)
  })

  it('keeps the start-up problem and shows the no-contest page', async () => {
    invoke.mockResolvedValue({ contest: null, problem: bad, data_dir: '/tmp/data' })
    await refreshContest()
    expect(invoke).toHaveBeenLastCalledWith('contest_status', undefined)
    expect(contestState.problem).toEqual(bad)
    expect(noContest()).toBe(true)
    const t = noContestText(contestState.problem)
    expect(t.title).toBe('无法打开赛事文件')
    expect(t.file).toBe(bad.path)
    expect(t.reason).toBe(bad.message)
    expect(t.next).toContain('打开赛事文件')
    expect(t.next).toContain('新建赛事文件')
  })

  it('welcomes a first run without a problem', async () => {
    invoke.mockResolvedValue({ contest: null, problem: null, data_dir: '/tmp/data' })
    await refreshContest()
    expect(noContest()).toBe(true)
    const t = noContestText(contestState.problem)
    expect(t.file).toBe('')
    expect(t.title).toContain('欢迎')
  })

  it('goes away once a contest is created or opened, and the pages reload', async () => {
    invoke.mockResolvedValue({ contest: null, problem: bad, data_dir: '/tmp/data' })
    await refreshContest()
    setContest(info)
    expect(noContest()).toBe(false)
    expect(contestState.problem).toBeNull()
    expect(contestState.version).toBe(1)
  })

  it('shows the open contest when there is one', async () => {
    invoke.mockResolvedValue({ contest: info, problem: null, data_dir: '/tmp/data' })
    await refreshContest()
    expect(contestState.info).toEqual(info)
    expect(noContest()).toBe(false)
  })

  it('does not hide a failed status call behind the no-contest page', async () => {
    invoke.mockRejectedValue({ code: 'INTERNAL', message: '后台任务意外中断' })
    await refreshContest()
    expect(contestState.loadError).toContain('后台任务意外中断')
    expect(noContest()).toBe(false)
  })
})

describe('切换赛事', () => {
  it('shows the welcome page over an open contest until another one is opened', async () => {
    const { setSwitching, showWelcome } = await import('./contest')
    setSwitching(true)
    expect(showWelcome(), 'nothing to switch from while no contest is known').toBe(false)
    setContest(info)
    expect(showWelcome()).toBe(false)
    setSwitching(true)
    expect(showWelcome()).toBe(true)
    const v = contestState.version
    setContest({ ...info, db_path: '/tmp/另一届.sqlite' })
    expect([showWelcome(), contestState.version]).toEqual([false, v + 1])
    setSwitching(true)
    setSwitching(false)
    expect(showWelcome()).toBe(false)
  })
})
