import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import { ApiError } from '../api/errors'
import { useLoader } from './useLoader'
import { mountSetup } from './testMount'

/** A promise settled from outside, to decide which request answers first. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('useLoader', () => {
  it('keeps the newer answer when an earlier, slower request resolves after it', async () => {
    const slow = deferred<string>()
    const fast = deferred<string>()
    const answers = [slow.promise, fast.promise]
    const l = useLoader(() => answers.shift()!)
    const first = l.reload()
    const second = l.reload()
    fast.resolve('neu')
    await second
    expect(l.data.value).toBe('neu')
    expect(l.loading.value).toBe(false)
    slow.resolve('alt')
    await first
    expect(l.data.value).toBe('neu')
    expect(l.loading.value).toBe(false)
  })

  it('stays loading while only the older request has answered', async () => {
    const slow = deferred<number>()
    const fast = deferred<number>()
    const answers = [fast.promise, slow.promise]
    const l = useLoader(() => answers.shift()!, 0)
    const first = l.reload()
    const second = l.reload()
    fast.resolve(1)
    await first
    expect(l.data.value).toBe(0)
    expect(l.loading.value).toBe(true)
    slow.resolve(2)
    await second
    expect(l.data.value).toBe(2)
    expect(l.loading.value).toBe(false)
  })

  it('ignores a stale failure and shows the current one as the app’s message', async () => {
    const slow = deferred<string>()
    const fast = deferred<string>()
    const answers = [slow.promise, fast.promise]
    const seen: string[] = []
    const l = useLoader(() => answers.shift()!, null, { onError: (m) => seen.push(m) })
    const first = l.reload()
    const second = l.reload()
    fast.resolve('好')
    await second
    slow.reject(new ApiError('DB', '赛事文件正被占用'))
    await first
    expect(l.error.value).toBe('')
    expect(seen).toEqual([])

    const third = deferred<string>()
    answers.push(third.promise)
    const p = l.reload()
    third.reject({ code: 'NOT_FOUND', message: '找不到项目 2025-001' })
    await p
    expect(l.error.value).toBe('找不到项目 2025-001')
    expect(seen).toEqual(['找不到项目 2025-001'])
    // A failed refresh keeps what is on screen.
    expect(l.data.value).toBe('好')
  })

  it('clears the error once a later load succeeds and calls onLoaded with the value', async () => {
    let fail = true
    const loaded: number[] = []
    const l = useLoader(
      () => (fail ? Promise.reject(new Error('断开')) : Promise.resolve(7)),
      0,
      { onLoaded: (v) => loaded.push(v) },
    )
    await l.reload()
    expect(l.error.value).toBe('断开')
    fail = false
    await l.reload()
    expect(l.error.value).toBe('')
    expect(l.data.value).toBe(7)
    expect(loaded).toEqual([7])
  })

  it('keeps loading until an async onLoaded has finished', async () => {
    const after = deferred<void>()
    const l = useLoader(() => Promise.resolve(1), 0, { onLoaded: () => after.promise })
    const p = l.reload()
    await Promise.resolve()
    await Promise.resolve()
    expect(l.data.value).toBe(1)
    expect(l.loading.value).toBe(true)
    after.resolve()
    await p
    expect(l.loading.value).toBe(false)
  })

  it('writes nothing once its component is unmounted', async () => {
    const late = deferred<string>()
    const { result: l, unmount } = mountSetup(() => useLoader(() => late.promise, 'leer'))
    const p = l.reload()
    unmount()
    late.resolve('zu spät')
    await p
    expect(l.data.value).toBe('leer')
  })

  it('writes nothing once its effect scope is stopped', async () => {
    const late = deferred<string>()
    const scope = effectScope()
    const l = scope.run(() => useLoader(() => late.promise))!
    const p = l.reload()
    scope.stop()
    late.reject(new Error('x'))
    await p
    expect(l.error.value).toBe('')
  })
})
