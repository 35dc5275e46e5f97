// ApiError: the one shape every failed backend call is turned into.
// The backend rejects with { code, message } where message is Chinese text for the user.

export class ApiError extends Error {
  readonly code: string

  constructor(code: string, message: string) {
    super(message)
    this.name = 'ApiError'
    this.code = code
  }
}

const FALLBACK_MESSAGE = '操作失败：发生了未知错误。'

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== ''
}

/**
 * Turn anything a rejected `invoke` (or a thrown JS error) can produce into an ApiError.
 * - `{ code, message }` objects (the contract) keep both.
 * - a JSON string of such an object is parsed.
 * - a plain string becomes the message with code `UNKNOWN`.
 * - a JS Error keeps its message with code `UNKNOWN` (or `IPC_UNAVAILABLE` when not in the app window).
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (err === null || err === undefined) return new ApiError('UNKNOWN', FALLBACK_MESSAGE)

  if (typeof err === 'string') {
    const t = err.trim()
    if (t.startsWith('{')) {
      try {
        return toApiError(JSON.parse(t))
      } catch {
        /* not JSON: fall through */
      }
    }
    return new ApiError('UNKNOWN', nonEmptyString(t) ? t : FALLBACK_MESSAGE)
  }

  if (err instanceof Error) {
    const msg = err.message || ''
    if (/__TAURI_INTERNALS__|__TAURI__|window\.__TAURI/.test(msg) || /transformCallback|invoke.*undefined/.test(msg)) {
      return new ApiError('IPC_UNAVAILABLE', '无法连接到程序后台：请在“创客大赛秘书处”程序窗口中使用本界面。')
    }
    return new ApiError('UNKNOWN', nonEmptyString(msg) ? msg : FALLBACK_MESSAGE)
  }

  if (typeof err === 'object') {
    const o = err as Record<string, unknown>
    const code = nonEmptyString(o.code) ? o.code : 'UNKNOWN'
    let message: string | null = null
    if (nonEmptyString(o.message)) message = o.message
    else if (nonEmptyString(o.error)) message = o.error
    return new ApiError(code, message ?? FALLBACK_MESSAGE)
  }

  return new ApiError('UNKNOWN', String(err))
}

/** The message to show a person: ApiError text, else a normalised one. */
export function errorMessage(err: unknown): string {
  return toApiError(err).message
}
