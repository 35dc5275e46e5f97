// Personal data display. The backend masks ID numbers and phones unless reveal=true; these helpers make
// sure a value is never shown in full by accident when the switch is off, in the same format the backend uses:
// ID 140402********123X (first 6, last 4), phone 138****5678 (first 3, last 4).
import { EMPTY } from './labels'

export function isMasked(v: string | null | undefined): boolean {
  return typeof v === 'string' && v.includes('*')
}

export function maskIdNumber(v: string): string {
  const s = v.trim()
  if (s.length <= 10) return '*'.repeat(s.length)
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4)
}

export function maskPhone(v: string): string {
  const s = v.trim()
  if (s.length <= 7) return '*'.repeat(s.length)
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4)
}

/** ID number for display: full only when revealed; already-masked values pass through. */
export function displayIdNumber(v: string | null | undefined, revealed: boolean): string {
  if (v === null || v === undefined || v.trim() === '') return EMPTY
  if (revealed || isMasked(v)) return v
  return maskIdNumber(v)
}

export function displayPhone(v: string | null | undefined, revealed: boolean): string {
  if (v === null || v === undefined || v.trim() === '') return EMPTY
  if (revealed || isMasked(v)) return v
  return maskPhone(v)
}

// 18-digit ID (with a plausible birth date 19xx/20xx-MM-DD) or 15-digit old ID, and mainland mobile numbers,
// not part of a longer run of letters/digits. (No look-behind: older WebKitGTK builds reject it.)
const ID18_RE = /(^|[^0-9A-Za-z])(\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx])(?=[^0-9A-Za-z]|$)/g
const ID15_RE = /(^|[^0-9A-Za-z])(\d{8}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?=[^0-9A-Za-z]|$)/g
const PHONE_RE = /(^|[^0-9A-Za-z])(1[3-9]\d{9})(?=[^0-9A-Za-z]|$)/g

/**
 * Mask ID numbers and mobile numbers found inside free text (raw cells, additional columns), for when the
 * reveal switch is off. Other text is left as it is.
 */
export function maskPersonalText(v: string | null | undefined, revealed: boolean): string | null {
  if (v === null || v === undefined) return null
  if (revealed) return v
  return v
    .replace(ID18_RE, (_m, pre: string, id: string) => pre + maskIdNumber(id))
    .replace(ID15_RE, (_m, pre: string, id: string) => pre + maskIdNumber(id))
    .replace(PHONE_RE, (_m, pre: string, ph: string) => pre + maskPhone(ph))
}
