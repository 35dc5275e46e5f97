// Organizing-unit list editing (settings page). Pure.
import { toHalfWidth } from './text'

function unitKey(s: string): string {
  return toHalfWidth(s).replace(/\s/g, '')
}

/** Add a unit name (trimmed, as typed); refuses blanks and duplicates (ignoring spaces and full/half width). */
export function addUnit(units: readonly string[], name: string): { units: string[]; error: string | null } {
  const n = name.replace(/\s+/g, ' ').trim()
  if (n === '') return { units: [...units], error: '请输入单位名称。' }
  if (units.some((u) => unitKey(u) === unitKey(n))) {
    return { units: [...units], error: `“${n}”已在列表中。` }
  }
  return { units: [...units, n], error: null }
}
