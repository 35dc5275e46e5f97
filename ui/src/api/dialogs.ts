// Native file pickers (Tauri dialog plugin). Return null when the person cancels.
import { open, save } from '@tauri-apps/plugin-dialog'
import { call } from './index'
import { toApiError } from './errors'

const CONTEST_FILTER = [{ name: '赛事文件', extensions: ['sqlite'] }]
const SPREADSHEET_FILTER = [{ name: '报名表格', extensions: ['xlsx', 'xls', 'ods', 'csv'] }]
const XLSX_FILTER = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }]

function single(v: string | string[] | null): string | null {
  if (v === null) return null
  return Array.isArray(v) ? v[0] ?? null : v
}

async function guard<T>(p: Promise<T>): Promise<T> {
  try {
    return await p
  } catch (e) {
    throw toApiError(e)
  }
}

export async function pickContestFile(): Promise<string | null> {
  const t = await testSavePath()
  if (t !== null) return t
  return single(await guard(open({ title: '打开赛事文件', multiple: false, directory: false, filters: CONTEST_FILTER })))
}

export async function pickNewContestFile(defaultName = '创客大赛.sqlite'): Promise<string | null> {
  const t = await testSavePath()
  if (t !== null) return t
  return guard(save({ title: '新建赛事文件', defaultPath: defaultName, filters: CONTEST_FILTER }))
}

/** Where to write the whole contest as one file (备份与恢复 → 导出赛事文件). */
export async function pickContestSavePath(defaultName: string): Promise<string | null> {
  const t = await testSavePath()
  if (t !== null) return t
  return guard(save({ title: '导出赛事文件', defaultPath: defaultName, filters: CONTEST_FILTER }))
}

/** Where to create the next season's contest file (公示与跟踪 → 新建下一届). */
export async function pickNextSeasonPath(defaultName: string): Promise<string | null> {
  const t = await testSavePath()
  if (t !== null) return t
  return guard(save({ title: '新建下一届赛事文件', defaultPath: defaultName, filters: CONTEST_FILTER }))
}

export async function pickSpreadsheet(): Promise<string | null> {
  return single(
    await guard(open({ title: '选择报名表格', multiple: false, directory: false, filters: SPREADSHEET_FILTER })),
  )
}

/**
 * The end-to-end tests cannot drive the native save dialog. A test may put a path into
 * `window.__SAIWU_TEST_SAVE_PATH__` (through WebDriver); the next save dialog then returns that path without
 * opening, once. Only debug builds of the app have the `test_hooks_enabled` command: a release build answers
 * "command not found", so there the hook is off and the real dialog always opens.
 */
let hooksOn: Promise<boolean> | null = null

function testHooksEnabled(): Promise<boolean> {
  hooksOn ??= call('test_hooks_enabled').then(
    (v) => v === true,
    () => false,
  )
  return hooksOn
}

async function testSavePath(): Promise<string | null> {
  if (typeof window === 'undefined') return null
  const w = window as unknown as { __SAIWU_TEST_SAVE_PATH__?: unknown }
  const p = w.__SAIWU_TEST_SAVE_PATH__
  if (typeof p !== 'string' || p.trim() === '') return null
  if (!(await testHooksEnabled())) return null
  delete w.__SAIWU_TEST_SAVE_PATH__
  return p
}

export async function pickXlsxSavePath(defaultName: string): Promise<string | null> {
  const t = await testSavePath()
  if (t !== null) return t
  return guard(save({ title: '导出', defaultPath: defaultName, filters: XLSX_FILTER }))
}

/** A filled-in score sheet (评分表) to import. */
export async function pickScoresFile(): Promise<string | null> {
  return single(
    await guard(open({ title: '选择评分表', multiple: false, directory: false, filters: [{ name: '评分表', extensions: ['xlsx', 'xls', 'ods', 'csv'] }] })),
  )
}

export async function pickPdfSavePath(defaultName: string): Promise<string | null> {
  const t = await testSavePath()
  if (t !== null) return t
  return guard(save({ title: '保存 PDF', defaultPath: defaultName, filters: [{ name: 'PDF 文件', extensions: ['pdf'] }] }))
}

/** A folder to write the certificates into (the tests put a path into the same test hook as the save dialogs). */
export async function pickFolder(title: string): Promise<string | null> {
  const t = await testSavePath()
  if (t !== null) return t
  return single(await guard(open({ title, multiple: false, directory: true })))
}

/** A background or seal image (PNG with transparency, or JPEG). */
export async function pickImage(title: string): Promise<string | null> {
  return single(
    await guard(open({ title, multiple: false, directory: false, filters: [{ name: '图片', extensions: ['png', 'jpg', 'jpeg'] }] })),
  )
}
