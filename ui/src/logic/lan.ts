// 手机评分 (issue #13): the pure parts of the window's tab — QR modules as few SVG rects, the matrix's cells.

/** One dark run of a QR code's row: x, y and width in modules. */
export interface QrRun {
  x: number
  y: number
  w: number
}

/** The dark modules of a `size`×`size` QR code (row by row) merged into horizontal runs, so a code is a few
 * hundred rects instead of a thousand. */
export function qrRuns(size: number, dark: boolean[]): QrRun[] {
  const runs: QrRun[] = []
  for (let y = 0; y < size; y++) {
    let x = 0
    while (x < size) {
      if (!dark[y * size + x]) {
        x++
        continue
      }
      const start = x
      while (x < size && dark[y * size + x]) x++
      runs.push({ x: start, y, w: x - start })
    }
  }
  return runs
}

/** What a cell of the judges × entries matrix shows. */
export function cellLabel(state: string): string {
  switch (state) {
    case 'scored':
      return '✓'
    case 'recused':
      return '回避'
    case 'missing':
      return '缺'
    default:
      return '—'
  }
}

/** "http://192.168.1.20:0" is no address: the port must be a number from 0 (any free one) to 65535. */
export function bindAddress(ip: string, port: number | null | undefined): string | null {
  if (!ip || port === null || port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) return null
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`
}
