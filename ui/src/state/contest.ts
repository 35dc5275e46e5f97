// Which contest file is open. `version` goes up whenever another file is opened or created, so pages reload.
import { reactive } from 'vue'
import { contestCurrent, type ContestInfo } from '../api'

export const contestState = reactive({
  info: null as ContestInfo | null,
  version: 0,
  loadError: '' as string,
})

export async function refreshContest(): Promise<void> {
  try {
    contestState.info = await contestCurrent()
    contestState.loadError = ''
  } catch (e) {
    contestState.loadError = e instanceof Error ? e.message : String(e)
  }
}

export function setContest(info: ContestInfo): void {
  contestState.info = info
  contestState.loadError = ''
  contestState.version++
}

/** Call after settings are saved: the header shows the contest name. */
export function setContestName(name: string): void {
  if (contestState.info) contestState.info = { ...contestState.info, contest_name: name }
}
