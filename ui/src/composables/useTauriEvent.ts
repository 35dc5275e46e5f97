// Tauri events the views listen to, by name, with their payloads. Subscribing goes through the api modules
// (the only code that calls `listen`); this adds the bookkeeping every view repeated: unsubscribe on unmount,
// also when the subscription only resolves after the view is gone.
import { getCurrentScope, onScopeDispose } from 'vue'
import type { UnlistenFn } from '@tauri-apps/api/event'
import { onImportProgress, type ImportProgress } from '../api'
import { onProjectorRound, onScoresChanged, type RoundCode } from '../api/judging'

export interface TauriEvents {
  /** A score, a 回避 or a tie decision changed. */
  'scores-changed': string
  /** The projector window is asked to show another round. */
  'projector-round': RoundCode
  /** How far the running entries import is. */
  'import-progress': ImportProgress
}

export type TauriEventName = keyof TauriEvents

const SUBSCRIBE: { [K in TauriEventName]: (handler: (payload: TauriEvents[K]) => void) => Promise<UnlistenFn> } = {
  'scores-changed': onScoresChanged,
  'projector-round': onProjectorRound,
  'import-progress': onImportProgress,
}

export interface Subscription {
  /** Settles once listening has started (or failed: outside the app window there are no events). */
  ready: Promise<void>
  /** Stops listening; safe to call more than once and before `ready`. */
  stop: () => void
}

/** Listen until `stop()`; for a subscription that lives as long as one operation (an import). */
export function subscribe<K extends TauriEventName>(name: K, handler: (payload: TauriEvents[K]) => void): Subscription {
  let stopped = false
  let unlisten: UnlistenFn | null = null
  const ready = SUBSCRIBE[name](handler).then(
    (u) => {
      if (stopped) u()
      else unlisten = u
    },
    () => {
      /* outside the app window (tests, a browser): no live events, the views still load on demand */
    },
  )
  const stop = () => {
    stopped = true
    const u = unlisten
    unlisten = null
    u?.()
  }
  return { ready, stop }
}

/** Listen while the calling component is mounted (or its effect scope alive). */
export function useTauriEvent<K extends TauriEventName>(name: K, handler: (payload: TauriEvents[K]) => void): Subscription {
  const sub = subscribe(name, handler)
  if (getCurrentScope()) onScopeDispose(sub.stop)
  return sub
}
