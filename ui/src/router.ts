import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import { NAV_ITEMS } from './logic/routes'
import DashboardView from './views/DashboardView.vue'
import SettingsView from './views/SettingsView.vue'
import ImportView from './views/ImportView.vue'
import EntriesView from './views/EntriesView.vue'
import ScreeningView from './views/ScreeningView.vue'
import UpcomingView from './views/UpcomingView.vue'
import JudgingView from './views/JudgingView.vue'
import ProjectorView from './views/ProjectorView.vue'
import AwardsView from './views/AwardsView.vue'
import SeasonView from './views/SeasonView.vue'
import ExportsView from './views/ExportsView.vue'
import CertificatesView from './views/CertificatesView.vue'
import LettersView from './views/LettersView.vue'
import BackupsView from './views/BackupsView.vue'
import HelpView from './views/HelpView.vue'

const pages: Record<string, RouteRecordRaw['component']> = {
  dashboard: DashboardView,
  settings: SettingsView,
  import: ImportView,
  entries: EntriesView,
  screening: ScreeningView,
  judging: JudgingView,
  awards: AwardsView,
  season: SeasonView,
  certificates: CertificatesView,
  letters: LettersView,
  exports: ExportsView,
  backups: BackupsView,
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
  // 帮助: the 操作手册, opened by the ? button in the header (not a step of the season, so not in the navigation).
  { path: '/help', name: 'help', component: HelpView, meta: { title: '帮助', help: true } },
  // The projector window (投屏): the live ranking alone, without the app's sidebar and header (App.vue).
  { path: '/projector', name: 'projector', component: ProjectorView, meta: { title: '实时排名', bare: true } },
  { path: '/:pathMatch(.*)*', redirect: '/dashboard' },
]

export const router = createRouter({
  history: createWebHashHistory(),
  routes,
})
