import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { and, eq, gt, isNull, lt, sql, type SQL } from 'drizzle-orm'
import type { Cookie } from 'lucia'
import { db } from '#db/client.ts'
import { loginFailures, users } from '#db/schema/index.ts'
import { derivedKey } from '#server/crypto.ts'
import { isProduction } from '#server/env.ts'
import { AppError } from '#server/errors.ts'
import { DEVICE_COOKIE } from './device-cookie.ts'
import { lucia } from './lucia.ts'
import { dummyPasswordHash, verifyPassword } from './password.ts'

export const THROTTLE_WINDOW_MINUTES = 15
/** Wrong passwords for one account from browsers that never signed in to it. */
export const MAX_FAILURES_PER_EMAIL = 5
/** Wrong passwords from one address, over every account, from browsers that never signed in. */
export const MAX_FAILURES_PER_IP = 30
/** Wrong passwords from one browser that signed in to the account before. */
export const MAX_FAILURES_PER_DEVICE = 5

const DEVICE_COOKIE_MAX_AGE = 365 * 24 * 3600

/**
 * A browser that signed in to an account is given a device token (`nonce.mac`, the MAC binding the
 * nonce to the e-mail address). Its later attempts count against that device alone, so a stranger
 * guessing the account's password cannot lock its owner out (docs/decisions/012).
 */
function deviceMac(email: string, nonce: string) {
  return createHmac('sha256', derivedKey('login-device')).update(`${email}\n${nonce}`).digest('base64url')
}

export function issueDeviceToken(email: string): string {
  const nonce = randomBytes(18).toString('base64url')
  return `${nonce}.${deviceMac(email, nonce)}`
}

/** The nonce of a device token that was issued for this e-mail address, else null. */
export function deviceOf(email: string, token: string | undefined): string | null {
  const [nonce, mac, extra] = (token ?? '').split('.')
  if (!nonce || !mac || extra !== undefined || nonce.length > 64) return null
  const expected = Buffer.from(deviceMac(email, nonce))
  const given = Buffer.from(mac)
  return expected.length === given.length && timingSafeEqual(expected, given) ? nonce : null
}

export function deviceCookie(token: string): string {
  return [
    `${DEVICE_COOKIE}=${token}`,
    'Path=/login',
    `Max-Age=${DEVICE_COOKIE_MAX_AGE}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(isProduction ? ['Secure'] : []),
  ].join('; ')
}

type Scope = { lockKeys: string[]; limits: { where: SQL; max: number }[]; device: string | null }

function scopeOf(email: string, ip: string, device: string | null): Scope {
  if (device)
    return {
      lockKeys: [`login-device:${device}`],
      limits: [{ where: eq(loginFailures.device, device), max: MAX_FAILURES_PER_DEVICE }],
      device,
    }
  return {
    // Always the account's key before the address's, so two attempts never wait on each other in a circle.
    lockKeys: [`login-email:${email}`, `login-ip:${ip}`],
    limits: [
      {
        where: and(eq(loginFailures.email, email), isNull(loginFailures.device))!,
        max: MAX_FAILURES_PER_EMAIL,
      },
      { where: and(eq(loginFailures.ip, ip), isNull(loginFailures.device))!, max: MAX_FAILURES_PER_IP },
    ],
    device: null,
  }
}

/**
 * Counts the attempts in the window and, when under every limit, writes this attempt as a failure
 * before any password is checked, in one transaction holding the scope's advisory locks: a hundred
 * parallel or batched attempts reserve one by one, and only the first few get a password checked.
 */
async function reserveAttempt(email: string, ip: string, scope: Scope): Promise<string> {
  const since = new Date(Date.now() - THROTTLE_WINDOW_MINUTES * 60_000)
  return db().transaction(async (tx) => {
    for (const key of scope.lockKeys)
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`)
    for (const limit of scope.limits) {
      const [row] = await tx
        .select({
          count: sql<number>`count(*)`.mapWith(Number),
          oldest: sql<string | null>`min(${loginFailures.at})`,
        })
        .from(loginFailures)
        .where(and(gt(loginFailures.at, since), limit.where))
      if (row && row.count >= limit.max) {
        const oldest = row.oldest ? new Date(row.oldest).getTime() : Date.now()
        const minutes = Math.max(
          1,
          Math.ceil((oldest + THROTTLE_WINDOW_MINUTES * 60_000 - Date.now()) / 60_000),
        )
        throw new AppError('TOO_MANY_REQUESTS', 'errors.loginThrottled', { minutes })
      }
    }
    const [reserved] = await tx
      .insert(loginFailures)
      .values({ email, ip, device: scope.device })
      .returning({ id: loginFailures.id })
    return reserved!.id
  })
}

export async function signIn({
  email,
  password,
  ip,
  deviceToken,
}: {
  email: string
  password: string
  ip: string
  /** The device cookie this browser sent, if any. */
  deviceToken?: string
}): Promise<{ userId: string; cookie: Cookie; deviceCookie: string }> {
  const address = email.trim().toLowerCase()
  const scope = scopeOf(address, ip, deviceOf(address, deviceToken))
  const reservation = await reserveAttempt(address, ip, scope)
  const [user] = await db().select().from(users).where(eq(users.email, address))
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password)
  if (!user || !valid) {
    // The reservation stays as the failure. Keep the table small: forget failures far outside the window.
    await db()
      .delete(loginFailures)
      .where(lt(loginFailures.at, new Date(Date.now() - 24 * 3600_000)))
    throw new AppError('UNAUTHORIZED', 'errors.loginInvalid')
  }
  await db().delete(loginFailures).where(eq(loginFailures.id, reservation))
  await db()
    .delete(loginFailures)
    .where(
      scope.device
        ? eq(loginFailures.device, scope.device)
        : and(eq(loginFailures.email, address), isNull(loginFailures.device)),
    )
  const session = await lucia().createSession(user.id, {})
  return {
    userId: user.id,
    cookie: lucia().createSessionCookie(session.id),
    deviceCookie: deviceCookie(scope.device ? (deviceToken as string) : issueDeviceToken(address)),
  }
}

export async function signOut(sessionId: string): Promise<Cookie> {
  await lucia().invalidateSession(sessionId)
  return lucia().createBlankSessionCookie()
}

/** Every session of the user ends, this one included ("sign out everywhere"). */
export async function signOutEverywhere(userId: string): Promise<Cookie> {
  await lucia().invalidateUserSessions(userId)
  return lucia().createBlankSessionCookie()
}
