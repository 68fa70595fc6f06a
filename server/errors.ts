/**
 * The one error type of the domain (docs/style.md rule 8). `code` picks the HTTP status; `messageKey`
 * is a key of the `errors` namespace of the locale files, so the person sees a translated message.
 */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'PAYLOAD_TOO_LARGE'

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    /** Machine-readable, for API clients (e.g. `nul_byte`); the message key when absent. */
    readonly reason?: string,
  ) {
    super(`${code}: ${messageKey}`)
    this.name = 'AppError'
  }
}

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  PAYLOAD_TOO_LARGE: 413,
}
