import { data } from '@remix-run/node'
import { TRPCError } from '@trpc/server'
import { getHTTPStatusCodeFromError } from '@trpc/server/http'

export type ErrorPayload = { messageKey: string; params: Record<string, string | number> }

/** The translated-message key and its parameters of an error a procedure threw. */
export function errorPayload(error: TRPCError): ErrorPayload {
  // Duck-typed: the route bundle holds its own copy of server modules, so `instanceof AppError` fails.
  const cause = error.cause as { messageKey?: unknown; params?: Record<string, string | number> } | undefined
  if (typeof cause?.messageKey === 'string')
    return { messageKey: cause.messageKey, params: cause.params ?? {} }
  if (error.code === 'BAD_REQUEST') return { messageKey: 'errors.invalidInput', params: {} }
  return { messageKey: 'errors.unexpected', params: {} }
}

/**
 * Runs a server-side tRPC call for a loader. A refusal becomes a thrown response with the
 * matching status (404, 403, ...), which the route's error boundary shows translated.
 */
export async function load<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(error.cause ?? error)
      throw data(errorPayload(error), { status: getHTTPStatusCodeFromError(error) })
    }
    throw error
  }
}

/** For actions: a refusal comes back as a value (status and message) so the form can show it. */
export async function attempt<T>(
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; status: number; error: ErrorPayload }> {
  try {
    return { ok: true, value: await fn() }
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(error.cause ?? error)
      return { ok: false, status: getHTTPStatusCodeFromError(error), error: errorPayload(error) }
    }
    throw error
  }
}
