import { describe, expect, it } from 'vitest'
import { ApiError, ERROR_CODES, errorKind, errorMessage, isErrorCode, toApiError, type ApiErrorCode } from './errors'

// The generated union, as text: ERROR_CODES must list exactly its members (vue-tsc checks it too).
const generated = Object.values(import.meta.glob('./gen/ErrorCode.ts', { query: '?raw', import: 'default', eager: true }))[0] as string

describe('toApiError', () => {
  it('keeps code and message of the backend’s { code, message }', () => {
    const e = toApiError({ code: 'IMPORT_NO_HEADER', message: '没有找到表头行' })
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toBeInstanceOf(Error)
    expect(e.code).toBe('IMPORT_NO_HEADER')
    expect(e.message).toBe('没有找到表头行')
  })

  it('parses a JSON string of { code, message }', () => {
    const e = toApiError('{"code":"STORE_TOO_NEW","message":"赛事文件版本过新"}')
    expect(e.code).toBe('STORE_TOO_NEW')
    expect(e.message).toBe('赛事文件版本过新')
  })

  it('turns a plain string into UNKNOWN with that message', () => {
    const e = toApiError('文件被占用')
    expect(e.code).toBe('UNKNOWN')
    expect(e.message).toBe('文件被占用')
    expect(toApiError('{ not json').message).toBe('{ not json')
  })

  it('handles objects without code or message, null and Errors', () => {
    expect(toApiError({ message: '出错了' }).code).toBe('UNKNOWN')
    expect(toApiError({ code: 'X' }).message).toBe('操作失败：发生了未知错误。')
    expect(toApiError({ code: 'X', error: '另一种写法' }).message).toBe('另一种写法')
    expect(toApiError(null).message).toBe('操作失败：发生了未知错误。')
    expect(toApiError(new Error('boom')).message).toBe('boom')
    expect(toApiError(42).message).toBe('42')
  })

  it('recognises running outside the app window', () => {
    const e = toApiError(new TypeError("Cannot read properties of undefined (reading '__TAURI_INTERNALS__')"))
    expect(e.code).toBe('IPC_UNAVAILABLE')
    expect(e.message).toContain('程序窗口')
  })

  it('returns an existing ApiError unchanged', () => {
    const e = new ApiError('NOT_FOUND', '找不到该项目')
    expect(toApiError(e)).toBe(e)
    expect(errorMessage(e)).toBe('找不到该项目')
  })
})

describe('ErrorCode', () => {
  it('ERROR_CODES is the generated union, member for member', () => {
    const union = generated.slice(generated.indexOf('export type ErrorCode ='))
    const members = [...union.matchAll(/"([A-Z_]+)"/g)].map((m) => m[1])
    expect(members.length).toBeGreaterThan(20)
    expect([...ERROR_CODES].sort()).toEqual(members.sort())
  })

  it('keeps field from a validation error and maps codes it does not know to UNKNOWN', () => {
    const e = toApiError({ code: 'INVALID_INPUT', message: '年份必须是四位数字。', field: 'year' })
    expect([e.code, e.field, e.kind]).toEqual(['INVALID_INPUT', 'year', 'input'])
    expect(toApiError({ code: 'FROZEN', message: '已锁定' }).field).toBeNull()
    const newer = toApiError({ code: 'SOMETHING_NEWER', message: '新版本的错误' })
    expect([newer.code, newer.message]).toEqual(['UNKNOWN', '新版本的错误'])
    expect(isErrorCode('NOT_IN_ROUND')).toBe(true)
    expect(isErrorCode('not_in_round')).toBe(false)
  })

  it('maps every code to what the window does about it', () => {
    const expected: Record<ApiErrorCode, string> = {
      INVALID_INPUT: 'input',
      SCORES_REFUSED: 'input',
      PRECONDITION: 'state',
      FROZEN: 'state',
      NOT_IN_ROUND: 'state',
      CONFLICT: 'state',
      NOT_FOUND: 'state',
      NOTHING_TO_UNDO: 'state',
      UNDO_REFUSED: 'state',
      FILE_OPEN: 'file',
      IMPORT_UNSUPPORTED_TYPE: 'file',
      IMPORT_CORRUPT: 'file',
      IMPORT_TOO_LARGE: 'file',
      IMPORT_NO_HEADER: 'file',
      IMPORT_NO_SUCH_SHEET: 'file',
      STORE_EXISTS: 'file',
      NO_CONTEST: 'contest',
      STORE_TOO_NEW: 'contest',
      STORE_NOT_CONTEST: 'contest',
      IPC_UNAVAILABLE: 'contest',
      DB: 'internal',
      IO: 'internal',
      XLSX: 'internal',
      PDF: 'internal',
      INTERNAL: 'internal',
      UNKNOWN: 'internal',
    }
    for (const [code, kind] of Object.entries(expected)) expect(errorKind(code as ApiErrorCode), code).toBe(kind)
    expect(new ApiError('FROZEN', '获奖名单已锁定').kind).toBe('state')
  })
})
