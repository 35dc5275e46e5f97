// Cell renderers shared by the DataTable lists. Text is passed as a child (never as HTML).
import { h, type VNode } from 'vue'

/** One line cut with “…” when too long; hovering shows `full` (the raw value; '' for none). */
export function ellipsisCell(shown: string, full: string): VNode {
  return h('span', { class: 'ellipsis', title: full }, shown)
}

/**
 * Header class of a must-see column (项目名称, 问题, 结论, 操作 …): the layout window test
 * (tests/e2e/tests/layouts.rs) fails when such a header lies outside the viewport or behind a scroll clip.
 * Plain tables mark the <th> with `data-key-col` instead.
 */
export const KEY_COL = 'key-col'
