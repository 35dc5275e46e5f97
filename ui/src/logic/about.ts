// 关于: the licence list grouped as the dialog shows it, each group with a one-line tally of its licences.
import type { AboutInfo } from '../api/gen/AboutInfo'
import type { Licence } from '../api/gen/Licence'

export interface LicenceSection {
  key: 'fonts' | 'crates' | 'npm'
  title: string
  rows: Licence[]
  /** "共 403 项：MIT OR Apache-2.0 184、MIT 95、… 其他 12" */
  summary: string
}

const TITLES: Record<LicenceSection['key'], string> = { fonts: '字体', crates: 'Rust 库', npm: '界面库（npm）' }

/** The most common licences first (then by name), `top` of them named, the rest counted as 其他. */
export function tally(rows: Licence[], top = 4): string {
  const counts = new Map<string, number>()
  for (const r of rows) counts.set(r.license, (counts.get(r.license) ?? 0) + 1)
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const named = sorted.slice(0, top).map(([l, n]) => `${l} ${n}`)
  const rest = sorted.slice(top).reduce((s, [, n]) => s + n, 0)
  if (rest > 0) named.push(`其他 ${rest}`)
  return `共 ${rows.length} 项：${named.join('、')}`
}

export function licenceSections(info: AboutInfo): LicenceSection[] {
  return (['fonts', 'crates', 'npm'] as const).map((key) => {
    const rows = info.licences[key]
    return { key, title: TITLES[key], rows, summary: rows.length ? tally(rows) : '无' }
  })
}

/** Rows whose name or licence contains `query` (case-insensitive); all rows for a blank query. */
export function filterLicences(rows: Licence[], query: string): Licence[] {
  const q = query.trim().toLowerCase()
  if (!q) return rows
  return rows.filter((r) => r.name.toLowerCase().includes(q) || r.license.toLowerCase().includes(q))
}
