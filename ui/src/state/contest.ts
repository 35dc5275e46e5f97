// Which contest file is open. `version` goes up whenever another file is opened or created, so pages reload.
// No contest may be open (first run, or the file given at start-up could not be opened): the window then
// shows the no-contest page instead of the pages, and says why.
import { reactive } from 'vue'
import { contestStatus, type ContestInfo, type StartupProblem } from '../api'
import { setOperatorContest } from '../logic/operator'

export const contestState = reactive({
  info: null as ContestInfo | null,
  problem: null as StartupProblem | null,
  /** True once the app has said whether a contest is open (avoids flashing the no-contest page). */
  loaded: false,
  version: 0,
  loadError: '' as string,
  /** 切换赛事: the welcome page is shown although a contest is open (it stays open until another is chosen). */
  switching: false,
  /** The app's data folder (recent files, demo contest, audit heads). */
  dataDir: '' as string,
})

export async function refreshContest(): Promise<void> {
  try {
    const s = await contestStatus()
    contestState.info = s.contest
    setOperatorContest(s.contest?.db_path)
    contestState.problem = s.problem
    contestState.dataDir = s.data_dir
    contestState.loadError = ''
  } catch (e) {
    contestState.loadError = e instanceof Error ? e.message : String(e)
  } finally {
    contestState.loaded = true
  }
}

export function setContest(info: ContestInfo): void {
  contestState.info = info
  setOperatorContest(info.db_path)
  contestState.problem = null
  contestState.loadError = ''
  contestState.loaded = true
  contestState.switching = false
  contestState.version++
}

/** 切换赛事 (true) and 返回当前赛事 (false). */
export function setSwitching(on: boolean): void {
  contestState.switching = on && contestState.info !== null
}

/** Whether the window shows the welcome page: no contest open, or 切换赛事 chosen. */
export function showWelcome(): boolean {
  return noContest() || (contestState.switching && contestState.info !== null)
}

/** Call after settings are saved: the header shows the contest name. */
export function setContestName(name: string): void {
  if (contestState.info) contestState.info = { ...contestState.info, contest_name: name }
}

/** Whether the window must show the no-contest page instead of the pages. */
export function noContest(): boolean {
  return contestState.loaded && contestState.info === null && contestState.loadError === ''
}
