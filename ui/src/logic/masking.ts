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

// Separators people put inside phone and ID numbers ("138 1234 5678", "138-1234-5678", full-width space).
const SEPARATORS = new Set([' ', '-', '\u00a0', '\u3000', '－', '‐', '–'])
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9'
const isAlnum = (c: string | undefined) => c !== undefined && /[0-9A-Za-z]/.test(c)

/** 11 digits, 1[3-9]…: a mainland mobile number. */
function isMobile(d: string): boolean {
  return /^1[3-9]\d{9}$/.test(d)
}

// 18-digit ID (with a plausible birth date 19xx/20xx-MM-DD) or 15-digit old ID.
const ID18 = /^\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx]$/
const ID15 = /^\d{8}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}$/

/** Masked form of a run of digits that is a phone or an ID, else null. */
function maskRun(d: string, grouped: boolean): string | null {
  if (isMobile(d)) return maskPhone(d)
  if (!grouped && d.length === 13 && d.startsWith('86') && isMobile(d.slice(2))) return '86' + maskPhone(d.slice(2))
  if (ID18.test(d) || ID15.test(d)) return maskIdNumber(d)
  return null
}

/**
 * Digit groups starting at `i`, joined by 1–3 separators: [start, end) pairs. An X right after the 17th digit
 * (an ID's check character) belongs to the last group and ends the chain.
 */
function digitGroups(s: string, i: number): [number, number][] {
  const groups: [number, number][] = []
  let a = i
  let total = 0
  for (;;) {
    let b = a
    while (isDigit(s[b])) b++
    total += b - a
    const x = total === 17 && (s[b] === 'X' || s[b] === 'x')
    if (x) b++
    groups.push([a, b])
    if (x) return groups
    let c = b
    while (c - b < 3 && s[c] !== undefined && SEPARATORS.has(s[c])) c++
    if (c === b || !isDigit(s[c])) return groups
    a = c
  }
}

/**
 * Mask ID numbers and mobile numbers found inside free text (raw cells, additional columns, remarks, problem
 * messages), also when written in groups ("138 1234 5678", "+86 138-1234-5678", "140402 19900101 123X"), for
 * when the reveal switch is off. Numbers glued to letters or digits, and other text, are left as they are.
 * (A scanner, not a look-behind regex: older WebKitGTK builds reject look-behind.)
 */
export function maskPersonalText(v: string | null | undefined, revealed: boolean): string | null {
  if (v === null || v === undefined) return null
  if (revealed) return v
  let out = ''
  let i = 0
  while (i < v.length) {
    if (!isDigit(v[i])) {
      out += v[i]
      i++
      continue
    }
    const groups = digitGroups(v, i)
    let best: [number, string] | null = null
    let digits = ''
    groups.forEach(([a, b], k) => {
      digits += v.slice(a, b)
      if (isAlnum(v[i - 1]) || isAlnum(v[b])) return
      const m = maskRun(digits, k > 0)
      if (m !== null) best = [b, m]
    })
    if (best !== null) {
      const [end, masked] = best as [number, string]
      out += masked
      i = end
    } else {
      // Not personal data from here: keep this group and look again from the next one ("+86 138 1234 5678").
      out += v.slice(i, groups[0][1])
      i = groups[0][1]
    }
  }
  return out
}
