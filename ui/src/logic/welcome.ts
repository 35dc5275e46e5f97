// The welcome page and the window title: which contest is open, the recent contest files, the 新建赛事 form.
import type { ContestInfo, NewContest, RecentContest } from '../api/types'

const APP = '创客大赛秘书处'

/** The file name of a path written with / or \ (Windows). */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/)
  return parts[parts.length - 1] || path
}

/** The window title: the open contest's name and file, so the taskbar always says which contest is open. */
export function windowTitle(info: ContestInfo | null): string {
  if (!info) return APP
  const name = info.contest_name.trim() || '（未命名赛事）'
  return `${name}（${fileName(info.db_path)}）— ${APP}`
}

/** `2026-06-01T10:00:00+08:00` → `2026-06-01 10:00` (as recorded, Beijing time); anything else as it is. */
export function openedAtText(at: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(at)
  return m ? `${m[1]} ${m[2]}` : at
}

export interface RecentRow extends RecentContest {
  file: string
  opened: string
  status: string
}

export function recentRows(list: RecentContest[]): RecentRow[] {
  return list.map((r) => ({
    ...r,
    file: fileName(r.path),
    opened: openedAtText(r.opened_at),
    status: r.missing ? '文件已不在原处' : '',
  }))
}

/** What is wrong with the 新建赛事 form, in the words the page shows; '' when it can be sent. */
export function newContestProblem(form: NewContest, path: string): string {
  if (!form.contest_name.trim()) return '请填写赛事名称。'
  if (!form.edition.trim()) return '请填写届次，例如 第十一届。'
  if (!Number.isInteger(form.year) || form.year < 2000 || form.year > 2100) return '请填写举办年份，例如 2026。'
  if (!form.city.trim()) return '请填写所在城市，例如 长治市。'
  if (!path.trim()) return '请点击“选择位置…”选择赛事文件的保存位置，或直接填写路径。'
  return ''
}

/** A file name to suggest in the save dialog: the year and city, e.g. `2026长治市创客大赛.sqlite`. */
export function suggestedFileName(form: NewContest): string {
  const safe = `${form.year || ''}${form.city.trim()}创客大赛`.replace(/[\\/:*?"<>|]/g, '')
  return `${safe || '创客大赛'}.sqlite`
}
