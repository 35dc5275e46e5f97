// ApiError: the one shape every failed backend call is turned into.
// The backend rejects with { code, message, field? } (ErrorPayload, generated from Rust) where message is Chinese
// text for the user and code one of the ErrorCode union (also generated: a new Rust code fails vue-tsc below).
import type { ErrorCode } from './gen/ErrorCode'

/** Codes this side makes up: a rejection that is not the backend's shape, or no backend at all. */
export type ClientErrorCode = 'UNKNOWN' | 'IPC_UNAVAILABLE'
export type ApiErrorCode = ErrorCode | ClientErrorCode

/** Every backend code at run time; `satisfies` plus the check below keep it equal to the generated union. */
export const ERROR_CODES = [
  'FILE_OPEN',
  'IMPORT_UNSUPPORTED_TYPE',
  'IMPORT_CORRUPT',
  'IMPORT_TOO_LARGE',
  'IMPORT_NO_HEADER',
  'IMPORT_NO_SUCH_SHEET',
  'STORE_TOO_NEW',
  'STORE_NOT_CONTEST',
  'STORE_EXISTS',
  'INVALID_INPUT',
  'PRECONDITION',
  'FROZEN',
  'NOT_IN_ROUND',
  'CONFLICT',
  'NOT_FOUND',
  'NOTHING_TO_UNDO',
  'UNDO_REFUSED',
  'SCORES_REFUSED',
  'DB',
  'IO',
  'XLSX',
  'PDF',
  'NO_CONTEST',
  'INTERNAL',
] as const satisfies readonly ErrorCode[]
type UnlistedCode = Exclude<ErrorCode, (typeof ERROR_CODES)[number]>
const everyCodeListed: [UnlistedCode] extends [never] ? true : UnlistedCode = true
void everyCodeListed

export function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && (ERROR_CODES as readonly string[]).includes(v)
}

/**
 * What the window does about a failure:
 * - `input`: the person corrects a value (the message — and `field` when given — says which) and tries again;
 * - `state`: a step is missing first or the data is locked (frozen, not in the round, in use): nothing to retry;
 * - `file`: the chosen file cannot be used: choose or fix another file;
 * - `contest`: no usable contest file is open: open or create one;
 * - `internal`: the program or the disk failed: retry, then restore from a backup / report it.
 */
export type ErrorKind = 'input' | 'state' | 'file' | 'contest' | 'internal'

export function errorKind(code: ApiErrorCode): ErrorKind {
  switch (code) {
    case 'INVALID_INPUT':
    case 'SCORES_REFUSED':
      return 'input'
    case 'PRECONDITION':
    case 'FROZEN':
    case 'NOT_IN_ROUND':
    case 'CONFLICT':
    case 'NOT_FOUND':
    case 'NOTHING_TO_UNDO':
    case 'UNDO_REFUSED':
      return 'state'
    case 'FILE_OPEN':
    case 'IMPORT_UNSUPPORTED_TYPE':
    case 'IMPORT_CORRUPT':
    case 'IMPORT_TOO_LARGE':
    case 'IMPORT_NO_HEADER':
    case 'IMPORT_NO_SUCH_SHEET':
    case 'STORE_EXISTS':
      return 'file'
    case 'NO_CONTEST':
    case 'STORE_TOO_NEW':
    case 'STORE_NOT_CONTEST':
    case 'IPC_UNAVAILABLE':
      return 'contest'
    case 'DB':
    case 'IO':
    case 'XLSX':
    case 'PDF':
    case 'INTERNAL':
    case 'UNKNOWN':
      return 'internal'
    default: {
      // A code added in Rust (ErrorCode.ts regenerated) and not placed above fails to compile here.
      const unhandled: never = code
      return unhandled
    }
  }
}

export class ApiError extends Error {
  readonly code: ApiErrorCode
  /** The value to correct, when a validation error names one (a setting key, a column, a form field). */
  readonly field: string | null

  constructor(code: ApiErrorCode, message: string, field: string | null = null) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.field = field
  }

  get kind(): ErrorKind {
    return errorKind(this.code)
  }
}

const FALLBACK_MESSAGE = '操作失败：发生了未知错误。'

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== ''
}

/**
 * Turn anything a rejected `invoke` (or a thrown JS error) can produce into an ApiError.
 * - `{ code, message, field? }` objects (the contract) keep them; a code this window does not know (a newer
 *   backend) becomes `UNKNOWN`, the message stays.
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
    const code = isErrorCode(o.code) ? o.code : 'UNKNOWN'
    let message: string | null = null
    if (nonEmptyString(o.message)) message = o.message
    else if (nonEmptyString(o.error)) message = o.error
    return new ApiError(code, message ?? FALLBACK_MESSAGE, nonEmptyString(o.field) ? o.field : null)
  }

  return new ApiError('UNKNOWN', String(err))
}

/** The message to show a person: ApiError text, else a normalised one. */
export function errorMessage(err: unknown): string {
  return toApiError(err).message
}
