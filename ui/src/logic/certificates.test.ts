import { describe, expect, it } from 'vitest'
import type { CertificatePage, CertificateTemplate } from '../api/certificates'
import { checkBeforeWrite, MM_PER_PT, registerCounts, svgItems, toggleMember, unknownPlaceholders } from './certificates'

const t = { title: '荣誉证书', date: '2026-09-20' } as unknown as CertificateTemplate

const red = { r: 179, g: 20, b: 20 }
const page: CertificatePage = {
  width_mm: 297,
  height_mm: 210,
  items: [
    { kind: 'frame', x_mm: 10, y_mm: 10, w_mm: 277, h_mm: 190, stroke_pt: 2.6, color: red },
    { kind: 'text', role: 'title', x_mm: 100, y_mm: 52.5, size_pt: 44, spacing_pt: 44 / 3, color: red, text: '荣誉证书' },
    { kind: 'circle', cx_mm: 230, cy_mm: 160, r_mm: 20, stroke_pt: 0.8, color: red, dash_pt: [3, 2.5] },
    { kind: 'image', image: 'seal', x_mm: 210, y_mm: 140, w_mm: 40, h_mm: 40 },
  ],
}

describe('certificate preview drawn from the core page', () => {
  it('keeps positions in mm and turns points into mm, colours into rgb()', () => {
    const items = svgItems(page)
    expect(items.map((i) => i.kind)).toEqual(['rect', 'text', 'circle', 'image'])
    const [frame, title, circle, seal] = items
    expect(frame).toMatchObject({ x: 10, y: 10, width: 277, height: 190, stroke: 'rgb(179, 20, 20)' })
    expect(frame.kind === 'rect' && frame.strokeWidth).toBeCloseTo(2.6 * MM_PER_PT)
    expect(title).toMatchObject({ role: 'title', x: 100, y: 52.5, fill: 'rgb(179, 20, 20)', text: '荣誉证书' })
    expect(title.kind === 'text' && title.fontSize).toBeCloseTo(44 * MM_PER_PT)
    expect(title.kind === 'text' && title.letterSpacing).toBeCloseTo((44 / 3) * MM_PER_PT)
    expect(circle).toMatchObject({ cx: 230, cy: 160, r: 20, dash: `${+(3 * MM_PER_PT).toFixed(3)} ${+(2.5 * MM_PER_PT).toFixed(3)}` })
    expect(seal).toMatchObject({ role: 'seal', label: '印章图片', width: 40 })
  })
})

describe('before the folder dialog', () => {
  it('asks for the person and a valid date first', () => {
    expect(checkBeforeWrite(t, '')).toBe('请填写操作人。')
    expect(checkBeforeWrite({ ...t, date: null } as CertificateTemplate, '王秘书')).toContain('颁发日期')
    expect(checkBeforeWrite({ ...t, date: '2026-9-2' } as CertificateTemplate, '王秘书')).toContain('无法识别')
    expect(checkBeforeWrite(null, '王秘书')).toContain('没有载入')
    expect(checkBeforeWrite(t, '王秘书')).toBeNull()
  })
})

describe('certificate helpers', () => {
  it('unknown placeholders, counts, member choice', () => {
    expect(unknownPlaceholders('{项目名称}{名字}{序号:3}{称谓}{项目}{届次}{城市}')).toEqual(['名字'])
    const c = (v: string | null, prints: number) => ({ voided_at: v, prints }) as never
    expect(registerCounts([c(null, 1), c('2026', 0), c(null, 0)])).toEqual({ live: 2, voided: 1, printed: 1 })
    const seven = ['1', '2', '3', '4', '5', '6', '7']
    expect(toggleMember(seven, '8').error).toContain('最多')
    expect(toggleMember(seven, '7').chosen).toHaveLength(6)
  })
})
