/** Chinese-aware, numeric ("CK2" < "CK10") comparison shared by every table. */
export const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' })

export type SortValue = string | number | null

/**
 * Sorted copy of `rows` by `key`: empty values always last (in both orders), ties in `idOf` order so
 * the result is deterministic. Keys are computed once per row, not per comparison (10k rows ≈ 140k
 * comparisons).
 */
export function sortByKey<T>(rows: readonly T[], key: (r: T) => SortValue, order: 'asc' | 'desc', idOf: (r: T) => string): T[] {
  const dir = order === 'desc' ? -1 : 1
  const dec = rows.map((r) => ({ r, v: key(r) }))
  dec.sort((a, b) => {
    if (a.v === null || b.v === null) {
      if (a.v === null && b.v === null) return collator.compare(idOf(a.r), idOf(b.r))
      return a.v === null ? 1 : -1
    }
    const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v))
    if (c !== 0) return c * dir
    return collator.compare(idOf(a.r), idOf(b.r))
  })
  return dec.map((d) => d.r)
}
