// Layout decisions that depend on data or on the window's size (issue #11): the folded 参考名单 panel and the
// projector's fit-or-page. Pure functions (unit tested in layout.test.ts).
import type { RefStatus } from '../api/types'
import { REF_KINDS } from './reference'

/** The 参考名单 panel opens by itself only while no list is in: then its import rows are what the page is for. */
export function refPanelStartsOpen(statuses: Pick<RefStatus, 'imported'>[]): boolean {
  return !statuses.some((s) => s.imported)
}

/** The folded panel's one line: “已导入 2 / 5 个名单：失信名单 1 条，评委名单 6 位；未导入 省赛获奖名单、…”. */
export function refSummary(statuses: Pick<RefStatus, 'kind' | 'imported' | 'rows'>[]): string {
  const done: string[] = []
  const todo: string[] = []
  for (const k of REF_KINDS) {
    const s = statuses.find((x) => x.kind === k.kind)
    if (s?.imported) done.push(`${k.label} ${s.rows} ${k.kind === 'judges' ? '位' : '条'}`)
    else todo.push(k.label)
  }
  let line = `已导入 ${done.length} / ${REF_KINDS.length} 个名单`
  if (done.length) line += `：${done.join('，')}`
  if (todo.length) line += `；未导入 ${todo.join('、')}`
  return line
}

/** How the projector shows its rows: all at once at `rowHeight` px, or `pages` pages of `perPage` rows each. */
export interface ProjectorFit {
  rowHeight: number
  perPage: number
  pages: number
}

/**
 * Fits `rows` (the longest group's ranked rows) into `available` px of height. Rows grow up to `maxRow` px (the
 * type scales with them) and never get smaller than `minRow` px (still legible from the back of the hall);
 * when they would, the rows are split into pages of equal size, each as tall as fits.
 */
export function projectorFit(available: number, rows: number, minRow: number, maxRow: number): ProjectorFit {
  const n = Math.max(rows, 1)
  const room = Math.max(available, minRow)
  const perPageMax = Math.max(1, Math.floor(room / minRow))
  if (n <= perPageMax) {
    return { rowHeight: Math.max(minRow, Math.min(maxRow, Math.floor(room / n))), perPage: n, pages: 1 }
  }
  const pages = Math.ceil(n / perPageMax)
  // Even pages (9 + 9, not 14 + 4), each row as tall as the fullest page allows.
  const perPage = Math.ceil(n / pages)
  return { rowHeight: Math.max(minRow, Math.min(maxRow, Math.floor(room / perPage))), perPage, pages }
}

/** The rows of page `page` (0-based) when `perPage` rows make a page. */
export function pageSlice<T>(rows: T[], page: number, perPage: number): T[] {
  return rows.slice(page * perPage, (page + 1) * perPage)
}

/** The screen the projector opens on by default: a second screen when there is one, else the main window's. */
export function defaultMonitor(monitors: { name: string; current: boolean }[]): string | null {
  return (monitors.find((m) => !m.current) ?? monitors.find((m) => m.current) ?? monitors[0])?.name ?? null
}

/** “显示器 2（1920×1080，当前）”: a monitor as the 投屏 menu lists it. */
export function monitorLabel(m: { name: string; width: number; height: number; current: boolean }, index: number): string {
  return `显示器 ${index + 1}（${m.width}×${m.height}${m.current ? '，本窗口所在' : ''}）`
}
