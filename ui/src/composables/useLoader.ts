// One loader for a view's data: `loading`, `error` (the person-facing text from api/errors), `data`, `reload()`.
// Every reload takes a ticket; only the newest ticket may write, so a slow earlier answer (a refresh clicked twice,
// a round switched while the first round was still loading) never replaces a newer one. After the owning
// component is unmounted nothing is written at all.
import { getCurrentScope, onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { errorMessage } from '../api/errors'

export interface Loader<T> {
  /** The last loaded value; replaced as a whole, never deep-reactive (IPC results can be thousands of rows). */
  data: ShallowRef<T>
  loading: Ref<boolean>
  /** '' or the message to show (the failed call's Chinese text). */
  error: Ref<string>
  reload: () => Promise<void>
}

export interface LoaderOptions<T> {
  /**
   * Runs with each accepted result, after `data` is set and before `loading` falls (derive other state from the
   * same answer here; a returned promise is awaited, e.g. to focus a cell once the new rows are rendered).
   */
  onLoaded?: (value: T) => unknown
  /** Runs with each accepted failure's message, besides setting `error` (for views that also toast it). */
  onError?: (message: string) => void
}

export function useLoader<T>(fetch: () => Promise<T>, initial: T, options?: LoaderOptions<T>): Loader<T>
export function useLoader<T>(fetch: () => Promise<T>, initial?: null, options?: LoaderOptions<T>): Loader<T | null>
export function useLoader<T>(fetch: () => Promise<T>, initial: T | null = null, options: LoaderOptions<T> = {}): Loader<T | null> {
  const data = shallowRef<T | null>(initial)
  const loading = ref(false)
  const error = ref('')
  let ticket = 0

  async function reload() {
    const mine = ++ticket
    loading.value = true
    try {
      const value = await fetch()
      if (mine !== ticket) return
      data.value = value
      error.value = ''
      await options.onLoaded?.(value)
    } catch (e) {
      if (mine !== ticket) return
      // The previous data stays: a failed refresh should not blank a table the person is reading.
      error.value = errorMessage(e)
      options.onError?.(error.value)
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  // Unmounted (or the effect scope stopped): any answer still on its way is stale.
  if (getCurrentScope()) onScopeDispose(() => void ++ticket)

  return { data, loading, error, reload }
}
