// Navigation entries, in the order the season is worked through (SPEC §2).

export interface NavItem {
  path: string
  name: string
  title: string
  testid: string
  /** one sentence shown on pages that are not built yet */
  upcoming?: string
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/dashboard', name: 'dashboard', title: '概览', testid: 'nav-dashboard' },
  { path: '/settings', name: 'settings', title: '赛事设置', testid: 'nav-settings' },
  { path: '/import', name: 'import', title: '报名导入', testid: 'nav-import' },
  { path: '/entries', name: 'entries', title: '报名项目', testid: 'nav-entries' },
  { path: '/screening', name: 'screening', title: '资格审查', testid: 'nav-screening' },
  {
    path: '/judging',
    name: 'judging',
    title: '评审',
    testid: 'nav-judging',
  },
  {
    path: '/awards',
    name: 'awards',
    title: '获奖与推荐',
    testid: 'nav-awards',
  },
  { path: '/season', name: 'season', title: '公示与跟踪', testid: 'nav-season' },
  {
    path: '/certificates',
    name: 'certificates',
    title: '证书',
    testid: 'nav-certificates',
  },
  { path: '/letters', name: 'letters', title: '通知书', testid: 'nav-letters' },
  {
    path: '/exports',
    name: 'exports',
    title: '导出',
    testid: 'nav-exports',
  },
  { path: '/backups', name: 'backups', title: '备份与恢复', testid: 'nav-backups' },
]

/**
 * Turn next_step.route from the backend ("/import", "#/import", "import") into a known route path,
 * or null when it names no page of this app.
 */
export function resolveNavPath(route: string | null | undefined): string | null {
  if (!route) return null
  let r = route.trim().replace(/^#/, '')
  const q = r.search(/[?#]/)
  const suffix = q >= 0 ? r.slice(q) : ''
  if (q >= 0) r = r.slice(0, q)
  if (!r.startsWith('/')) r = '/' + r
  r = r.replace(/\/+$/, '') || '/'
  if (r === '/') return '/dashboard'
  return NAV_ITEMS.some((n) => n.path === r) ? r + suffix : null
}
