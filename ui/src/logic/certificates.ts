// 证书 page: the preview text of a certificate (the same placeholders the PDF fills) and small helpers. Pure.
import type { Certificate, CertificateSubject, CertificateTemplate } from '../api/certificates'

export const PLACEHOLDERS = ['获奖主体名称', '项目名称', '组别', '奖项', '赛事名称', '主办单位', '日期', '证书编号', '团队成员'] as const

/** "2026年8月1日" (DOMAIN §4.4). */
export function dateText(iso: string | null | undefined): string {
  if (!iso) return '（未设日期）'
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`
}

/** Placeholders a text uses that the app does not know (shown while typing; the core refuses them on save). */
export function unknownPlaceholders(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    const name = m[1].split(':')[0]
    if (!(PLACEHOLDERS as readonly string[]).includes(name) && name !== '年份' && name !== '组别代码' && name !== '序号' && !out.includes(name)) {
      out.push(name)
    }
  }
  return out
}

export interface PreviewText {
  title: string
  body: string[]
  members: string | null
  issuer: string
  date: string
  number: string
}

/** What the certificate of `s` says under template `t` (numbering preview: the number it has or "待编号"). */
export function previewText(t: CertificateTemplate, s: CertificateSubject | Certificate, number?: string | null): PreviewText {
  const values: Record<string, string> = {
    获奖主体名称: s.entrant_name,
    项目名称: s.project_name,
    组别: s.group_label,
    奖项: s.prize,
    赛事名称: t.contest_name,
    主办单位: t.organizer,
    日期: dateText(t.date),
    证书编号: number ?? ('number' in s ? s.number : '（待编号）'),
    团队成员: s.members.join('、'),
  }
  const fill = (text: string) => text.replace(/\{([^{}:]*)(:[^{}]*)?\}/g, (all, name: string) => values[name] ?? all)
  const body = (s.kind === 'unit' ? t.unit_body : t.body).split('\n').map(fill)
  return {
    title: t.title,
    body,
    members: s.members.length > 0 ? fill(t.members_line) : null,
    issuer: fill(t.issuer),
    date: fill(t.date_line),
    number: fill(t.number_line),
  }
}

/** Live / voided counts of the register. */
export function registerCounts(list: readonly Certificate[]): { live: number; voided: number; printed: number } {
  let live = 0
  let voided = 0
  let printed = 0
  for (const c of list) {
    if (c.voided_at) voided++
    else live++
    if (c.prints > 0) printed++
  }
  return { live, voided, printed }
}

/** Toggling a member in a ≤ 7 choice: refuses an 8th. */
export function toggleMember(chosen: readonly string[], name: string, max = 7): { chosen: string[]; error: string | null } {
  if (chosen.includes(name)) return { chosen: chosen.filter((n) => n !== name), error: null }
  if (chosen.length >= max) return { chosen: [...chosen], error: `证书上最多印 ${max} 名核心成员。` }
  return { chosen: [...chosen, name], error: null }
}
