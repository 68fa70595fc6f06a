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
