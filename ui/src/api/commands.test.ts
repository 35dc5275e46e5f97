import { beforeEach, describe, expect, it, vi } from 'vitest'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...a: unknown[]) => invoke(...a) }))

const { call, COMMAND_ARGS } = await import('./commands')
const { ApiError } = await import('./errors')

// The Rust sources, read as text: the map must name exactly the registered commands and their parameters.
const libRs = Object.values(import.meta.glob('../../../src-tauri/src/lib.rs', { query: '?raw', import: 'default', eager: true }))[0] as string
const commandSources = import.meta.glob(['../../../src-tauri/src/commands/*.rs', '../../../src-tauri/src/test_hooks.rs'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

/** Commands only the window tests call (tests/e2e): not part of the window's api. */
const WINDOW_TEST_ONLY = ['app_assets_check']

function registered(): string[] {
  const body = libRs.slice(libRs.indexOf('generate_handler!['))
  const list = body.slice(0, body.indexOf('])'))
  return [...list.matchAll(/(?:\w+::)*(\w+),/g)].map((m) => m[1]).filter((n) => !WINDOW_TEST_ONLY.includes(n))
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/** name → camelCase parameter names of every `#[tauri::command]` (without the AppHandle/State/Window Tauri injects). */
function signatures(): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const src of Object.values(commandSources)) {
    for (const m of src.matchAll(/#\[tauri::command\]\s*pub (?:async )?fn (\w+)(?:<[^>]*>)?\(([^)]*)\)/g)) {
      const params = m[2]
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '')
        .filter((p) => !/:\s*(tauri::)?(AppHandle|State|Window|WebviewWindow)\b/.test(p))
        .map((p) => camel(p.slice(0, p.indexOf(':')).trim()))
      out.set(m[1], params)
    }
  }
  return out
}

beforeEach(() => invoke.mockReset())

describe('the typed command map', () => {
  it('names exactly the commands src-tauri registers', () => {
    const names = registered()
    expect(names.length).toBeGreaterThan(80)
    expect(Object.keys(COMMAND_ARGS).sort()).toEqual([...names].sort())
  })

  it('lists each command’s parameters as Tauri expects them (camelCase of the Rust names)', () => {
    const sigs = signatures()
    for (const [name, args] of Object.entries(COMMAND_ARGS)) {
      expect(sigs.has(name), `no #[tauri::command] fn ${name}`).toBe(true)
      expect([...args].sort(), name).toEqual([...sigs.get(name)!].sort())
    }
  })

  it('passes the arguments through and turns a rejection into an ApiError with its code and field', async () => {
    invoke.mockResolvedValueOnce({ entry: {}, raw: [], problems: [], imported_at: null })
    await call('entry_get', { projectNo: 'CK001', reveal: false })
    expect(invoke).toHaveBeenLastCalledWith('entry_get', { projectNo: 'CK001', reveal: false })
    invoke.mockResolvedValueOnce([])
    await call('backups_list')
    expect(invoke).toHaveBeenLastCalledWith('backups_list', undefined)

    invoke.mockRejectedValueOnce({ code: 'INVALID_INPUT', message: '晋级名额必须大于 0。', field: 'final_top_n' })
    const err = await call('advance', { topN: 0, decidedBy: '王' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'INVALID_INPUT', field: 'final_top_n', kind: 'input', message: '晋级名额必须大于 0。' })
  })
})
