import { and, eq, gt, lt, or, sql } from 'drizzle-orm'
import type { Cookie } from 'lucia'
import { db } from '#db/client.ts'
import { loginFailures, users } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { lucia } from './lucia.ts'
import { dummyPasswordHash, verifyPassword } from './password.ts'

export const THROTTLE_WINDOW_MINUTES = 15
export const MAX_FAILURES_PER_EMAIL = 5
export const MAX_FAILURES_PER_IP = 30

/** Failed attempts in the window; past the limit a sign-in is refused even with the right password. */
async function assertNotThrottled(email: string, ip: string) {
  const since = new Date(Date.now() - THROTTLE_WINDOW_MINUTES * 60_000)
  const [row] = await db()
    .select({
      byEmail: sql<number>`count(*) filter (where ${loginFailures.email} = ${email})`.mapWith(Number),
      byIp: sql<number>`count(*) filter (where ${loginFailures.ip} = ${ip})`.mapWith(Number),
      oldest: sql<Date | null>`min(${loginFailures.at})`,
    })
    .from(loginFailures)
    .where(and(gt(loginFailures.at, since), or(eq(loginFailures.email, email), eq(loginFailures.ip, ip))))
  if (!row) return
  if (row.byEmail >= MAX_FAILURES_PER_EMAIL || row.byIp >= MAX_FAILURES_PER_IP) {
    const oldest = row.oldest ? new Date(row.oldest).getTime() : Date.now()
    const minutes = Math.max(1, Math.ceil((oldest + THROTTLE_WINDOW_MINUTES * 60_000 - Date.now()) / 60_000))
    throw new AppError('TOO_MANY_REQUESTS', 'errors.loginThrottled', { minutes })
  }
}

export async function signIn({
  email,
  password,
  ip,
}: {
  email: string
  password: string
  ip: string
}): Promise<{
  userId: string
  cookie: Cookie
}> {
  const address = email.trim().toLowerCase()
  await assertNotThrottled(address, ip)
  const [user] = await db().select().from(users).where(eq(users.email, address))
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password)
  if (!user || !valid) {
    await db().insert(loginFailures).values({ email: address, ip })
    // Keep the table small: forget failures far outside the window.
    await db()
      .delete(loginFailures)
      .where(lt(loginFailures.at, new Date(Date.now() - 24 * 3600_000)))
    throw new AppError('UNAUTHORIZED', 'errors.loginInvalid')
  }
  await db().delete(loginFailures).where(eq(loginFailures.email, address))
  const session = await lucia().createSession(user.id, {})
  return { userId: user.id, cookie: lucia().createSessionCookie(session.id) }
}

export async function signOut(sessionId: string): Promise<Cookie> {
  await lucia().invalidateSession(sessionId)
  return lucia().createBlankSessionCookie()
}
