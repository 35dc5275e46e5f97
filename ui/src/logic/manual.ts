// The 操作手册 (docs/manual/*.md) inside the app: the Markdown parsed into a small tree of headings, paragraphs,
// lists and images that Vue renders as text (never as HTML), and which section of it each page's ? button opens.

export interface Inline {
  text: string
  bold?: boolean
  code?: boolean
}

export type Block =
  | { kind: 'heading'; level: number; text: string; id: string }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'image'; alt: string; src: string }

export interface ManualPage {
  /** The file's stem, e.g. `03-screening`. */
  id: string
  title: string
  blocks: Block[]
}

/** `**粗体**` and `` `代码` ``; everything else is plain text (a stray `*` or `<b>` stays as typed). */
export function parseInline(s: string): Inline[] {
  const out: Inline[] = []
  const re = /\*\*([^*]+)\*\*|`([^`]+)`/g
  let last = 0
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    if (m.index > last) out.push({ text: s.slice(last, m.index) })
    out.push(m[1] !== undefined ? { text: m[1], bold: true } : { text: m[2], code: true })
    last = m.index + m[0].length
  }
  if (last < s.length) out.push({ text: s.slice(last) })
  return out
}

/** An anchor for a heading: the page id and the heading's text, so links name what they open. */
export function headingId(pageId: string, text: string): string {
  return `${pageId}--${text.trim().replace(/\s+/g, '-')}`
}

export function parseManual(id: string, md: string): ManualPage {
  const blocks: Block[] = []
  let para: string[] = []
  let list: { ordered: boolean; items: Inline[][] } | null = null
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', inlines: parseInline(para.join('')) })
    para = []
    if (list) blocks.push({ kind: 'list', ...list })
    list = null
  }
  for (const raw of md.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim()
    if (line === '') {
      flush()
      continue
    }
    const h = /^(#{1,4})\s+(.*)$/.exec(line)
    const img = /^!\[([^\]]*)\]\(([^)\s]+)\)$/.exec(line)
    const item = /^(?:([-*])|(\d+)[.、])\s+(.*)$/.exec(line)
    if (h) {
      flush()
      blocks.push({ kind: 'heading', level: h[1].length, text: h[2].trim(), id: headingId(id, h[2]) })
    } else if (img) {
      flush()
      blocks.push({ kind: 'image', alt: img[1], src: img[2] })
    } else if (item) {
      const ordered = item[2] !== undefined
      if (para.length || (list && list.ordered !== ordered)) flush()
      list ??= { ordered, items: [] }
      list.items.push(parseInline(item[3]))
    } else if (list && /^\s{2,}/.test(raw) && list.items.length) {
      // A continuation line of the last item.
      list.items[list.items.length - 1].push({ text: line })
    } else {
      if (list) flush()
      para.push(line)
    }
  }
  flush()
  const first = blocks.find((b) => b.kind === 'heading')
  return { id, title: first && first.kind === 'heading' ? first.text : id, blocks }
}

/** Which manual page (and heading) the ? button of each page of the app opens. */
export const HELP_FOR_ROUTE: Record<string, { page: string; heading?: string }> = {
  dashboard: { page: '01-setup', heading: '概览' },
  settings: { page: '01-setup', heading: '赛事设置' },
  import: { page: '02-import', heading: '报名导入' },
  entries: { page: '02-import', heading: '报名项目' },
  screening: { page: '03-screening' },
  judging: { page: '04-preliminary' },
  awards: { page: '06-awards' },
  season: { page: '08-season' },
  certificates: { page: '07-certificates' },
  letters: { page: '05-final', heading: '通知书' },
  exports: { page: '08-season', heading: '导出' },
  backups: { page: '09-backups' },
}

/** The help page's route for an app page (by route name); the first manual page when none is mapped. */
export function helpLink(routeName: string | null | undefined): { path: string; query: Record<string, string> } {
  const h = (routeName && HELP_FOR_ROUTE[routeName]) || { page: '01-setup' }
  const query: Record<string, string> = { page: h.page }
  if (h.heading) query.section = headingId(h.page, h.heading)
  return { path: '/help', query }
}

/** The manual's pages in order, from `{ path: text }` of the bundled Markdown files. */
export function manualPages(files: Record<string, string>): ManualPage[] {
  return Object.keys(files)
    .sort()
    .map((p) => parseManual(p.replace(/^.*\//, '').replace(/\.md$/, ''), files[p]))
}

/** `img/x.png` of a page → the bundled image's URL, by file name; null when the image is not bundled. */
export function imageUrl(src: string, images: Record<string, string>): string | null {
  const name = src.replace(/^.*\//, '')
  const key = Object.keys(images).find((k) => k.endsWith(`/img/${name}`))
  return key ? images[key] : null
}
