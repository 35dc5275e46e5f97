// Every export the window offers comes from the core's export registry (crates/core/src/export/registry.rs):
// the 导出 page renders `export_kinds`, and every export button writes through `export_run`.
import { call } from './index'
import type { RoundCode } from './judging'

export type ExportFormat = 'xlsx' | 'pdf'

/** One kind of export, as the registry describes it. */
export interface ExportKindInfo {
  /** Stable name (also the CLI's `saiwu export KIND`). */
  kind: string
  title: string
  format: ExportFormat
  /** Carries full personal data: for the secretariat and the provincial channel only. */
  personal: boolean
  /** Needs a round (`export_run`'s `round`); the page offers the per-round kinds instead. */
  needs_round: boolean
  /** Suggested file name in the save dialog. */
  file_name: string
  description: string
  /** What personal data it holds, in one sentence. */
  personal_note: string
}

export const exportKinds = () => call<ExportKindInfo[]>('export_kinds')
/** Writes export `kind` to `path` (the extension is added when missing); resolves to the written path. */
export const exportRun = (kind: string, path: string, round: RoundCode | null = null) => call<string>('export_run', { kind, path, round })

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
