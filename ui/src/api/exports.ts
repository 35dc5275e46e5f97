// Every export the window offers comes from the core's export registry (crates/core/src/export/registry.rs):
// the 导出 page renders `export_kinds`, and every export button writes through `export_run`.
import { call } from './index'
import type { RoundCode } from './judging'

import type { FileFormat as ExportFormat } from './gen/FileFormat'
import type { ExportKindInfo } from './gen/ExportKindInfo'

export type { ExportFormat, ExportKindInfo }

export const exportKinds = () => call('export_kinds')
/** Writes export `kind` to `path` (the extension is added when missing); resolves to the written path. */
export const exportRun = (kind: string, path: string, round: RoundCode | null = null) => call('export_run', { kind, path, round })

let loaded: Promise<ExportKindInfo[]> | null = null
/** The registry's list, asked once per window (it never changes while the app runs); a failure is asked again. */
export function loadExportKinds(): Promise<ExportKindInfo[]> {
  if (!loaded) {
    loaded = exportKinds().catch((e) => {
      loaded = null
      throw e
    })
  }
  return loaded
}
