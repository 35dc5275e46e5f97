// Cell renderers shared by the DataTable lists. Text is passed as a child (never as HTML).
import { h, type VNode } from 'vue'

/** One line cut with “…” when too long; hovering shows `full` (the raw value; '' for none). */
export function ellipsisCell(shown: string, full: string): VNode {
  return h('span', { class: 'ellipsis', title: full }, shown)
}
