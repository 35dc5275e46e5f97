import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import { NAV_ITEMS } from './logic/routes'
import DashboardView from './views/DashboardView.vue'
import SettingsView from './views/SettingsView.vue'
import ImportView from './views/ImportView.vue'
import EntriesView from './views/EntriesView.vue'
import ScreeningView from './views/ScreeningView.vue'
import UpcomingView from './views/UpcomingView.vue'

const pages: Record<string, RouteRecordRaw['component']> = {
  dashboard: DashboardView,
  settings: SettingsView,
  import: ImportView,
  entries: EntriesView,
  screening: ScreeningView,
}

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/dashboard' },
  ...NAV_ITEMS.map(
    (n): RouteRecordRaw => ({
      path: n.path,
      name: n.name,
      component: pages[n.name] ?? UpcomingView,
      meta: { title: n.title, upcoming: n.upcoming ?? '' },
      props: pages[n.name] ? false : { title: n.title, description: n.upcoming ?? '' },
    }),
  ),
  { path: '/:pathMatch(.*)*', redirect: '/dashboard' },
]

export const router = createRouter({
  history: createWebHashHistory(),
  routes,
})
