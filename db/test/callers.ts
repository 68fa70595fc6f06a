import { TRPCError } from '@trpc/server'
import { expect } from 'vitest'
import { resources } from '#app/locales/index.ts'
import { lucia } from '#server/auth/lucia.ts'
import { createCaller } from '#server/routers/_app.ts'

/** A tRPC caller signed in as `userId` through a real lucia session, for the tenant of `tenantSlug`. */
export async function callerFor(userId: string, tenantSlug: string | null = null) {
  const created = await lucia().createSession(userId, {})
  const { session, user } = await lucia().validateSession(created.id)
  if (!session || !user) throw new Error('session not valid')
  return createCaller({ user, session, tenantSlug, ip: '127.0.0.1' })
}

export function anonymousCaller(tenantSlug: string | null = null) {
  return createCaller({ user: null, session: null, tenantSlug, ip: '127.0.0.1' })
}

/**
 * How a call was refused: the tRPC code and the message key, checking on the way that the key is
 * translated in both languages (a refusal a person would see untranslated fails the test).
 */
export async function refusal(p: Promise<unknown>) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof TRPCError)) return { code: 'resolved', messageKey: null }
  const messageKey = (error.cause as { messageKey?: string } | undefined)?.messageKey ?? null
  if (messageKey)
    for (const language of ['id', 'en'] as const) {
      const text = messageKey
        .split('.')
        .reduce<unknown>(
          (o, k) => (o as Record<string, unknown> | undefined)?.[k],
          resources[language].common,
        )
      expect({ language, messageKey, translated: typeof text }).toEqual({
        language,
        messageKey,
        translated: 'string',
      })
    }
  return { code: error.code, messageKey }
}
