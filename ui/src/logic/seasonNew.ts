// 公示与跟踪's tabs: the dashboard links to one of them with `?tab=NAME` (the overdue card and 下一步 →
// 跟踪服务, the season's end → 新建下一届).

/** The tab named by the route's `tab` query when it is one of `tabs`, else the first tab. */
export function tabFromQuery(tab: unknown, tabs: readonly { name: string }[]): string {
  const asked = Array.isArray(tab) ? tab[0] : tab
  return typeof asked === 'string' && tabs.some((t) => t.name === asked) ? asked : (tabs[0]?.name ?? '')
}
