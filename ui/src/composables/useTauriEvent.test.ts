import { beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (ev: { payload: unknown }) => void
const listeners = new Map<string, Set<Listener>>()
const unlistened: string[] = []
/** Each `listen` answers when the test says so, to model a subscription that resolves late. */
let gate: Promise<void> = Promise.resolve()

vi.mock('@tauri-apps/api/event', () => ({
  listen: async (name: string, cb: Listener) => {
    await gate
    const set = listeners.get(name) ?? new Set()
    set.add(cb)
    listeners.set(name, set)
    return () => {
      set.delete(cb)
      unlistened.push(name)
    }
  },
}))
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }))

const { useTauriEvent, subscribe } = await import('./useTauriEvent')
const { mountSetup } = await import('./testMount')

function emit(name: string, payload: unknown) {
  for (const cb of listeners.get(name) ?? []) cb({ payload })
}

beforeEach(() => {
  listeners.clear()
  unlistened.length = 0
  gate = Promise.resolve()
})

describe('useTauriEvent', () => {
  it('delivers payloads while mounted and unsubscribes on unmount', async () => {
    const got: string[] = []
    const { result, unmount } = mountSetup(() => useTauriEvent('scores-changed', (w) => got.push(w)))
    await result.ready
    emit('scores-changed', 'score')
    expect(got).toEqual(['score'])
    unmount()
    expect(unlistened).toEqual(['scores-changed'])
    emit('scores-changed', 'again')
    expect(got).toEqual(['score'])
  })

  it('unsubscribes a subscription that only starts after the component is gone', async () => {
    let open!: () => void
    gate = new Promise((r) => (open = r))
    const got: string[] = []
    const { result, unmount } = mountSetup(() => useTauriEvent('projector-round', (r) => got.push(r)))
    unmount()
    open()
    await result.ready
    expect(unlistened).toEqual(['projector-round'])
    emit('projector-round', 'final')
    expect(got).toEqual([])
  })

  it('passes the api module’s payload (projector-round is normalised to a round code)', async () => {
    const got: string[] = []
    const { result, unmount } = mountSetup(() => useTauriEvent('projector-round', (r) => got.push(r)))
    await result.ready
    emit('projector-round', 'final')
    emit('projector-round', 'nonsense')
    expect(got).toEqual(['final', 'preliminary'])
    unmount()
  })

  it('subscribe() lives until stop(), and stop() twice is harmless', async () => {
    const got: number[] = []
    const sub = subscribe('import-progress', (p) => got.push(p.done))
    await sub.ready
    emit('import-progress', { stage: '读取', done: 3, total: 9 })
    sub.stop()
    sub.stop()
    emit('import-progress', { stage: '读取', done: 4, total: 9 })
    expect(got).toEqual([3])
    expect(unlistened).toEqual(['import-progress'])
  })

  it('settles ready without throwing when listening is impossible (outside the app)', async () => {
    gate = Promise.reject(new Error('window.__TAURI_INTERNALS__ is undefined'))
    gate.catch(() => {})
    const { result, unmount } = mountSetup(() => useTauriEvent('scores-changed', () => {}))
    await expect(result.ready).resolves.toBeUndefined()
    unmount()
    expect(unlistened).toEqual([])
  })
})
