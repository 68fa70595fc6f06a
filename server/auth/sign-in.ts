import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm'
import type { Cookie } from 'lucia'
import { db } from '#db/client.ts'
import { loginDevices, loginFailures, users } from '#db/schema/index.ts'
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
/** Accounts a browser is remembered for (a desk shared by a shift of operators). */
export const MAX_ACCOUNTS_PER_BROWSER = 5
/** Browsers an account is remembered on; the least recently used go first. */
export const MAX_DEVICES_PER_ACCOUNT = 10
/** Attempts waiting in this process for the same account, address or browser before more are refused outright. */
export const MAX_WAITING_PER_KEY = 10

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/**
 * A browser that signed in to an account is given a random device token; the database keeps its
 * hash with the account (`login_devices`). The device cookie holds one token per account signed in
 * from that browser, joined by dots, so each person at a shared desk keeps their own.
 */
export function deviceTokensOf(cookie: string | undefined): string[] {
  return (cookie ?? '')
    .split('.')
    .filter((token) => TOKEN_PATTERN.test(token))
    .slice(0, MAX_ACCOUNTS_PER_BROWSER)
}

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('base64url')
}

/**
 * The cookie's tokens that are still remembered, whoever they belong to: one query by hash, the same
 * for an existing and an unknown address, and the list the cookie is rewritten from (a token
 * forgotten by "sign out everywhere" or pushed out by newer browsers drops out of it).
 */
async function rememberedOf(tokens: string[]): Promise<(Device & { userId: string })[]> {
  if (tokens.length === 0) return []
  const hashes = tokens.map(hashToken)
  const rows = await db()
    .select({ id: loginDevices.id, userId: loginDevices.userId, tokenHash: loginDevices.tokenHash })
    .from(loginDevices)
    .where(inArray(loginDevices.tokenHash, hashes))
  return rows.map((row) => ({
    id: row.id,
    userId: row.userId,
    token: tokens[hashes.indexOf(row.tokenHash)]!,
  }))
}

type Device = { id: string; token: string }

/** Remembers this browser for the account (a new token unless it was already remembered) and keeps the list short. */
async function rememberDevice(userId: string, device: Device | null): Promise<string> {
  if (device) {
    await db().update(loginDevices).set({ lastUsedAt: new Date() }).where(eq(loginDevices.id, device.id))
    return device.token
  }
  const token = randomBytes(32).toString('base64url')
  await db()
    .insert(loginDevices)
    .values({ userId, tokenHash: hashToken(token) })
  await db().execute(sql`
    delete from ${loginDevices} where ${loginDevices.userId} = ${userId} and ${loginDevices.id} not in (
      select ${loginDevices.id} from ${loginDevices} where ${loginDevices.userId} = ${userId}
      order by ${loginDevices.lastUsedAt} desc limit ${MAX_DEVICES_PER_ACCOUNT})`)
  return token
}

/** This account's token first, then the browser's other accounts', at most MAX_ACCOUNTS_PER_BROWSER. */
export function deviceCookie(token: string, others: string[] = []): string {
  const tokens = [token, ...others.filter((t) => t !== token)].slice(0, MAX_ACCOUNTS_PER_BROWSER)
  return [
    `${DEVICE_COOKIE}=${tokens.join('.')}`,
    'Path=/login',
    `Max-Age=${DEVICE_COOKIE_MAX_AGE}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(isProduction ? ['Secure'] : []),
  ].join('; ')
}

/**
 * Attempts on one key take turns in this process before they touch the database, and when more
 * than a few are already waiting the rest are refused at once: a flood of parallel guesses never
 * holds the connection pool on advisory locks (the locks still order attempts across processes).
 */
const turns = new Map<string, (() => void)[]>()

async function takeTurn(key: string): Promise<() => void> {
  const waiting = turns.get(key)
  const release = () => {
    const next = turns.get(key)?.shift()
    if (next) next()
    else turns.delete(key)
  }
  if (!waiting) {
    turns.set(key, [])
    return release
  }
  if (waiting.length >= MAX_WAITING_PER_KEY) throw new AppError('TOO_MANY_REQUESTS', 'errors.loginBusy')
  await new Promise<void>((resolve) => waiting.push(resolve))
  return release
}

async function inTurn<T>(keys: string[], work: () => Promise<T>): Promise<T> {
  const releases: (() => void)[] = []
  try {
    for (const key of keys) releases.push(await takeTurn(key))
    return await work()
  } finally {
    for (const release of releases.reverse()) release()
  }
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
  return inTurn(scope.lockKeys, () =>
    db().transaction(async (tx) => {
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
    }),
  )
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
  const tokens = deviceTokensOf(deviceToken)
  const [user] = await db().select().from(users).where(eq(users.email, address))
  const remembered = await rememberedOf(tokens)
  const device = remembered.find((d) => d.userId === user?.id) ?? null
  const scope = scopeOf(address, ip, device?.id ?? null)
  const reservation = await reserveAttempt(address, ip, scope)
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password)
  // The reservation stays as the failure; the hourly job forgets it once far outside the window.
  if (!user || !valid) throw new AppError('UNAUTHORIZED', 'errors.loginInvalid')
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
    deviceCookie: deviceCookie(
      await rememberDevice(user.id, device),
      remembered.map((d) => d.token),
    ),
  }
}

/** Forgets failures far outside the window (a job, not every wrong password: a flood must not scan the table). */
export async function forgetOldLoginFailures(): Promise<number> {
  const gone = await db()
    .delete(loginFailures)
    .where(lt(loginFailures.at, new Date(Date.now() - 24 * 3600_000)))
    .returning({ id: loginFailures.id })
  return gone.length
}

export async function signOut(sessionId: string): Promise<Cookie> {
  await lucia().invalidateSession(sessionId)
  return lucia().createBlankSessionCookie()
}

/** Every session of the user ends, this one included ("sign out everywhere"). */
export async function signOutEverywhere(userId: string): Promise<Cookie> {
  await lucia().invalidateUserSessions(userId)
  await db().delete(loginDevices).where(eq(loginDevices.userId, userId))
  return lucia().createBlankSessionCookie()
}
