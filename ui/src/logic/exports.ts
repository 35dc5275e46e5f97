// The 导出 page and the export buttons over the registry's list (api/exports.ts): which kinds get a card, how a
// kind is found, what the format tag and the success message say.
import type { ExportFormat, ExportKindInfo } from '../api/exports'

/** The cards of the 导出 page: every kind in the registry's order, except those that need a round chosen (the
 * registry also has one kind per round, e.g. 初赛排名 and 决赛排名, and the page offers those) and the 复赛's
 * (`…-semifinal`) while the 复赛 is not held (`rounds.semifinal`). */
export function pageKinds(kinds: readonly ExportKindInfo[], semifinal = false): ExportKindInfo[] {
  return kinds.filter((k) => !k.needs_round && (semifinal || !k.kind.endsWith('-semifinal')))
}

/** The kind by name; an unknown name is a programming error (a button naming a kind the core does not have). */
export function findKind(kinds: readonly ExportKindInfo[], kind: string): ExportKindInfo {
  const k = kinds.find((x) => x.kind === kind)
  if (!k) throw new Error(`未知的导出类型“${kind}”`)
  return k
}

export function formatTag(format: ExportFormat): { text: string; type: 'warning' | 'success' } {
  return format === 'pdf' ? { text: 'PDF', type: 'warning' } : { text: 'Excel', type: 'success' }
}

/** The success message after an export: “已导出公示名单：/path/公示名单.xlsx”. */
export function exportDoneText(kind: Pick<ExportKindInfo, 'title'>, path: string): string {
  return `已导出${kind.title}：${path}`
}
