import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ServerBuild } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import postgres from 'postgres'
import { db } from '#db/client.ts'
import { users } from '#db/schema/index.ts'
import { lucia } from '#server/auth/lucia.ts'
import { createHttpApp } from '#server/http.ts'
import { testOwnerUrl } from './setup.ts'

/** The real HTTP app (with the Remix build when given) on a free loopback port. */
export async function startHttpApp(build?: ServerBuild) {
  const app = createHttpApp({ build, demo: false, onWebhookStored: () => {} })
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A real lucia session for the user with this e-mail address, as the Cookie header a browser sends. */
export async function sessionCookieFor(email: string) {
  const [user] = await db().select().from(users).where(eq(users.email, email))
  if (!user) throw new Error(`no user ${email}`)
  const session = await lucia().createSession(user.id, {})
  return { userId: user.id, cookie: lucia().createSessionCookie(session.id).serialize().split(';')[0]! }
}

let owner: ReturnType<typeof postgres> | undefined
let fingerprintSql: string | undefined

/**
 * A fingerprint of every row of every table of the application's schema (as the owner, past row-level
 * security), per table, so a test can say which table a call changed. Sessions and sign-in attempts
 * are left out: signing the test's own users in writes them.
 */
export async function databaseFingerprint(
  skip: readonly string[] = ['sessions', 'login_failures'],
): Promise<Record<string, string>> {
  // One connection for the file (it ends when idle), and one query for all tables.
  owner ??= postgres(testOwnerUrl, { max: 1, idle_timeout: 2, onnotice: () => {} })
  if (!fingerprintSql) {
    const tables = await owner<{ name: string }[]>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`
    fingerprintSql = tables
      .filter(({ name }) => !skip.includes(name))
      .map(
        ({ name }) =>
          `select '${name}' as name, count(*)::text || ':' ||
             md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), '')) as sum from "${name}" t`,
      )
      .join(' union all ')
  }
  const rows = await owner.unsafe<{ name: string; sum: string }[]>(fingerprintSql)
  return Object.fromEntries(rows.map((r) => [r.name, r.sum]))
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Record<string, string>, after: Record<string, string>) {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k])
}

/** A tRPC call over HTTP as a browser page of `tenant` makes it, with its status and JSON body. */
export async function trpcHttp(
  url: string,
  path: string,
  input: unknown,
  {
    cookie,
    tenant,
    method = 'POST',
    raw,
  }: { cookie?: string; tenant?: string; method?: 'GET' | 'POST'; raw?: string } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (cookie) headers.cookie = cookie
  if (tenant) headers['x-tanggap-tenant'] = tenant
  const body = raw ?? JSON.stringify(input === undefined ? {} : input)
  const res =
    method === 'GET'
      ? await fetch(`${url}/api/trpc/${path}?input=${encodeURIComponent(body)}`, { headers })
      : await fetch(`${url}/api/trpc/${path}`, { method: 'POST', headers, body })
  const text = await res.text()
  let json: unknown = null
  try {
    json = JSON.parse(text)
  } catch {
    json = null
  }
  return { status: res.status, text, json: json as TrpcBody | null }
}

export type TrpcBody = {
  result?: { data?: unknown }
  error?: {
    message: string
    code: number
    data?: { code?: string; httpStatus?: number; messageKey?: string; errorId?: string; reason?: string }
  }
}
