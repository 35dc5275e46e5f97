import { describe, expect, it } from 'vitest'
import { HELP_FOR_ROUTE, helpLink, imageUrl, manualPages, parseInline, parseManual } from './manual'
import { NAV_ITEMS } from './routes'

const files = import.meta.glob('../../../docs/manual/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

describe('the Markdown of the manual', () => {
  it('becomes headings, paragraphs, lists and images — markup as text, never HTML', () => {
    const p = parseManual('x', '# 标题\n\n第一行\n第二行 **重点** 和 `代码`\n\n- 甲\n- 乙 <b>不是标签</b>\n\n1. 一\n2. 二\n\n![图](img/a.png)\n## 小节 二\n')
    expect(p.title).toBe('标题')
    expect(p.blocks).toEqual([
      { kind: 'heading', level: 1, text: '标题', id: 'x--标题' },
      { kind: 'paragraph', inlines: [{ text: '第一行第二行 ' }, { text: '重点', bold: true }, { text: ' 和 ' }, { text: '代码', code: true }] },
      { kind: 'list', ordered: false, items: [[{ text: '甲' }], [{ text: '乙 <b>不是标签</b>' }]] },
      { kind: 'list', ordered: true, items: [[{ text: '一' }], [{ text: '二' }]] },
      { kind: 'image', alt: '图', src: 'img/a.png' },
      { kind: 'heading', level: 2, text: '小节 二', id: 'x--小节-二' },
    ])
    expect(parseInline('a * b ** c')).toEqual([{ text: 'a * b ** c' }])
  })

  it('has the ten steps of the season, each with a title, what to do and common problems', () => {
    const pages = manualPages(files)
    expect(pages.map((p) => p.title)).toEqual(['准备与设置', '导入报名表', '资格审查', '初赛', '决赛', '获奖与推荐', '证书', '公示与跟踪', '备份与恢复', '常见问题'])
    for (const p of pages.slice(0, 9)) {
      const headings = p.blocks.filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? b.text : ''))
      expect(headings, p.id).toContain('常见问题')
    }
  })

  it('links every page of the app to a heading that exists', () => {
    const pages = manualPages(files)
    for (const n of NAV_ITEMS) {
      expect(HELP_FOR_ROUTE[n.name], n.name).toBeDefined()
      const link = helpLink(n.name)
      const page = pages.find((p) => p.id === link.query.page)
      expect(page, n.name).toBeDefined()
      if (link.query.section) expect(page!.blocks.some((b) => b.kind === 'heading' && b.id === link.query.section), n.name).toBe(true)
    }
    expect(helpLink('nope').query).toEqual({ page: '01-setup' })
  })

  it('finds a bundled image by its file name', () => {
    const images = { '../../../docs/manual/img/dashboard.png': '/assets/dashboard-1a2b.png' }
    expect(imageUrl('img/dashboard.png', images)).toBe('/assets/dashboard-1a2b.png')
    expect(imageUrl('img/none.png', images)).toBeNull()
  })
})
