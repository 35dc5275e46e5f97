// 证书 page: the preview drawn from the page the core lays out for the PDF (so screen and paper agree), the
// checks before the folder dialog, and small helpers. Pure.
import type { Certificate, CertificatePage, CertificateTemplate, DateStyle, PageItem } from '../api/certificates'
import type { Rgb } from '../api/gen/Rgb'

export const PLACEHOLDERS = [
  '获奖主体名称',
  '项目名称',
  '项目',
  '称谓',
  '组别',
  '奖项',
  '赛事名称',
  '届次',
  '城市',
  '主办单位',
  '日期',
  '证书编号',
  '团队成员',
] as const

/** What the less obvious placeholders print (shown under the wording). */
export const PLACEHOLDER_HINT =
  '{称谓}：企业组“你单位”，创业组“你团队”；{项目}：带引号的项目名称，名称不以“项目”结尾时自动加“项目”；{届次}{城市}取自赛事设置。'

/** How {日期} is written (DateStyle). */
export const DATE_STYLES: readonly { value: DateStyle; label: string }[] = [
  { value: 'chinese', label: '中文数字（二〇二六年九月二十日）' },
  { value: 'chinese_month', label: '只到月（二〇二六年十二月）' },
  { value: 'arabic', label: '阿拉伯数字（2026年9月20日）' },
]

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

/**
 * What must be right before the folder dialog opens for 生成全部证书: the person's name and the date printed on
 * every certificate. Returns the message to show, or null when the folder may be asked for.
 */
export function checkBeforeWrite(t: CertificateTemplate | null, by: string): string | null {
  if (!by.trim()) return '请填写操作人。'
  if (!t) return '证书模板还没有载入，请稍候再试。'
  if (!t.date) return '请先在证书模板中填写颁发日期（落款日期）：每张证书都要印这个日期。'
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t.date) || Number.isNaN(Date.parse(t.date))) return `颁发日期“${t.date}”无法识别，请用日期选择框重新选择。`
  return null
}

export const MM_PER_PT = 25.4 / 72

/** `rgb(r, g, b)` for SVG. */
export function rgb(c: Rgb): string {
  return `rgb(${c.r}, ${c.g}, ${c.b})`
}

/** One laid-out page item as SVG attributes, in mm (the page's viewBox unit); text stays text (no HTML). */
export type SvgItem =
  | { kind: 'text'; key: string; role: string; x: number; y: number; fontSize: number; letterSpacing: number; fill: string; text: string }
  | { kind: 'rect'; key: string; x: number; y: number; width: number; height: number; stroke: string; strokeWidth: number }
  | { kind: 'circle'; key: string; cx: number; cy: number; r: number; stroke: string; strokeWidth: number; dash: string }
  | { kind: 'image'; key: string; role: string; x: number; y: number; width: number; height: number; label: string }

/** The page the PDF draws, converted for the preview's SVG: points become millimetres, colours `rgb()`. */
export function svgItems(page: CertificatePage): SvgItem[] {
  return page.items.map((it: PageItem, i): SvgItem => {
    const key = `${it.kind}-${i}`
    switch (it.kind) {
      case 'text':
        return {
          kind: 'text',
          key,
          role: it.role,
          x: it.x_mm,
          y: it.y_mm,
          fontSize: it.size_pt * MM_PER_PT,
          letterSpacing: it.spacing_pt * MM_PER_PT,
          fill: rgb(it.color),
          text: it.text,
        }
      case 'frame':
        return { kind: 'rect', key, x: it.x_mm, y: it.y_mm, width: it.w_mm, height: it.h_mm, stroke: rgb(it.color), strokeWidth: it.stroke_pt * MM_PER_PT }
      case 'circle':
        return {
          kind: 'circle',
          key,
          cx: it.cx_mm,
          cy: it.cy_mm,
          r: it.r_mm,
          stroke: rgb(it.color),
          strokeWidth: it.stroke_pt * MM_PER_PT,
          dash: it.dash_pt.map((d) => +(d * MM_PER_PT).toFixed(3)).join(' '),
        }
      case 'image':
        return {
          kind: 'image',
          key,
          role: it.image,
          x: it.x_mm,
          y: it.y_mm,
          width: it.w_mm,
          height: it.h_mm,
          label: it.image === 'seal' ? '印章图片' : '底图',
        }
    }
  })
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
