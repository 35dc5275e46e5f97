// Text normalisation for searching: full-width → half-width, lower case, no spaces.

export function toHalfWidth(s: string): string {
  let out = ''
  for (const ch of s) {
    const c = ch.charCodeAt(0)
    if (c === 0x3000) out += ' '
    else if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0)
    else out += ch
  }
  return out
}

export function normalizeSearch(s: string | null | undefined): string {
  if (!s) return ''
  return toHalfWidth(s).toLowerCase().replace(/\s+/g, '')
}
