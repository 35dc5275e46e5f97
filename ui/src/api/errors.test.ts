import { describe, expect, it } from 'vitest'
import { ApiError, errorMessage, toApiError } from './errors'

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
