// ECharts, tree-shaken: only what the dashboard draws is registered (bar and pie series, grid,
// tooltip, legend, the canvas renderer). Everything is bundled; nothing is fetched. Canvas
// rendering needs no eval and only inline styles, which the app's CSP allows.
import { init, use } from 'echarts/core'
import { BarChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export { init }
export type { ECharts } from 'echarts/core'
