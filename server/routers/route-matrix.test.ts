import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { installGlobals, type ServerBuild } from '@remix-run/node'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import * as s from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { changedTables, databaseFingerprint, sessionCookieFor, startHttpApp } from '#db/test/http-app.ts'
import { matrixWorld, type MatrixWorld } from '#db/test/matrix-world.ts'
import type { ProcedureMeta } from '#server/trpc/trpc.ts'
import { PROCEDURE_MATRIX, ROUTE_MATRIX, type FormPost, type MatrixIds } from './access-matrix.ts'
import { appRouter } from './_app.ts'

/**
 * The isolation matrix for the pages: every `/t/:tenant` route of the Remix build, over
 * real HTTP, through the other tenant's URL, with the other tenant's ids in the caller's own URL
 * and forms, anonymously, and as every seeded demo role; refusals as expected, no row changed.
 */

installGlobals({ nativeFetch: true })
const BUILD_PATH = path.resolve('build/index.js')
type Procedure = { _def: { meta?: ProcedureMeta } }
const procedures = appRouter._def.procedures as unknown as Record<string, Procedure>

let world: MatrixWorld
let app: Awaited<ReturnType<typeof startHttpApp>>
let routeIds: string[] = []
const cookies = new Map<string, string>()
const counts = { routes: 0, crossTenantRequests: 0, roleRequests: 0, anonymousRequests: 0 }

beforeAll(async () => {
  if (!fs.existsSync(BUILD_PATH))
    throw new Error('No Remix build: run `npm run build` first (`npm test` does).')
  const build = (await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild
  const fullPath = (id: string): string => {
    const route = build.routes[id]!
    const own = route.path ?? ''
    return route.parentId ? `${fullPath(route.parentId)}/${own}` : own
  }
  routeIds = Object.keys(build.routes)
    .filter((id) => /^\/?t\/:tenant(\/|$)/.test(fullPath(id).replace(/^\/+/, '')))
    .sort()
  world = await matrixWorld()
  app = await startHttpApp(build)
  for (const login of world.logins) cookies.set(login.email, (await sessionCookieFor(login.email)).cookie)
}, 120_000)

afterAll(async () => {
  console.log(
    `isolation matrix (routes): ${counts.routes} /t/:tenant routes; ${counts.crossTenantRequests} cross-tenant requests, ` +
      `${counts.roleRequests} requests as the ${world?.logins.length ?? 0} seeded sign-ins, ${counts.anonymousRequests} anonymous`,
  )
  await app?.close()
  await world?.cleanup()
})

async function request(url: string, { cookie, post }: { cookie?: string; post?: FormPost['body'] } = {}) {
  const headers: Record<string, string> = {}
  if (cookie) headers.cookie = cookie
  let body: URLSearchParams | undefined
  if (post) {
    body = new URLSearchParams()
    for (const [k, v] of Object.entries(post))
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one)
    headers['content-type'] = 'application/x-www-form-urlencoded'
  }
  const res = await fetch(`${app.url}${url}`, {
    method: post ? 'POST' : 'GET',
    headers,
    body,
    redirect: 'manual',
  })
  return { status: res.status, text: await res.text(), location: res.headers.get('location') }
}

async function permissionsOf(userId: string, slug: string) {
  const [tenant] = await db().select().from(s.tenants).where(eq(s.tenants.slug, slug))
  const rows = await withTenant(tenant!.id, (tx) =>
    tx
      .select({ permissions: s.roles.permissions })
      .from(s.memberships)
      .innerJoin(
        s.membershipRoles,
        and(
          eq(s.membershipRoles.tenantId, s.memberships.tenantId),
          eq(s.membershipRoles.membershipId, s.memberships.id),
        ),
      )
      .innerJoin(
        s.roles,
        and(eq(s.roles.tenantId, s.membershipRoles.tenantId), eq(s.roles.id, s.membershipRoles.roleId)),
      )
      .where(and(eq(s.memberships.userId, userId), eq(s.memberships.active, true))),
  )
  return new Set(rows.flatMap((r) => r.permissions))
}

/** A 404, or exactly the route's own refusal (its status, and its body or redirect when it names one). */
function refused(
  res: { status: number; text: string; location: string | null },
  own: { status: number; body?: string; location?: string } | undefined,
  notFound = 404,
) {
  if (res.status === notFound) return true
  if (!own || res.status !== own.status) return false
  if (own.body !== undefined && res.text !== own.body) return false
  if (own.location !== undefined && res.location !== own.location) return false
  return true
}

/** The permissions a route's loader needs: those of the procedures it calls (their meta and the matrix). */
export function routePermissions(loads: readonly string[]) {
  return [
    ...new Set(
      loads.flatMap((p) => [
        procedures[p]?._def.meta?.permission,
        ...(PROCEDURE_MATRIX[p]?.alsoRequires ?? []),
      ]),
    ),
  ].filter((p) => p !== undefined)
}

describe('isolation matrix: /t/:tenant routes', () => {
  it('has an entry for every /t/:tenant route of the build, and none for a route that is gone', () => {
    const missing = routeIds.filter((id) => !(id in ROUTE_MATRIX))
    const stale = Object.keys(ROUTE_MATRIX).filter((id) => !routeIds.includes(id))
    expect({ missing, stale }).toEqual({ missing: [], stale: [] })
    for (const id of routeIds)
      for (const p of ROUTE_MATRIX[id]!.loads)
        expect({ id, p, known: p in procedures }).toEqual({ id, p, known: true })
    counts.routes = routeIds.length
  })

  it('answers 404 to a member of one tenant for the other tenant’s pages and forms, changing nothing', async () => {
    const problems: unknown[] = []
    for (const [from, to] of [
      ['balangan', 'tangerang'],
      ['tangerang', 'balangan'],
    ] as const) {
      const own: MatrixIds = world.ids[from]
      const v: MatrixIds = world.ids[to]
      const cookie = cookies.get(`admin@${from}.demo`)!
      const markers = [v.ticket, v.ticket2, `Pelapor Rahasia ${to}`, `Surat aduan ${to}`, `Aduan web ${to}`]
      for (const id of routeIds) {
        const entry = ROUTE_MATRIX[id]!
        const before = await databaseFingerprint()
        // Through the other tenant's URL: not a member there.
        counts.crossTenantRequests++
        const page = await request(`/t/${to}${entry.path(v)}`, { cookie })
        if (!refused(page, entry.ownRefusal?.({ slug: to, v })))
          problems.push({ id, via: `/t/${to}`, status: page.status, location: page.location })
        for (const post of entry.posts?.(v) ?? []) {
          counts.crossTenantRequests++
          const res = await request(`/t/${to}${post.path ?? entry.path(v)}`, { cookie, post: post.body })
          if (res.status !== 404)
            problems.push({ id, via: `/t/${to}`, post, status: res.status, location: res.location })
        }
        // Through the caller's own URL, naming the other tenant's objects.
        if (entry.path(v) !== entry.path(own)) {
          counts.crossTenantRequests++
          const res = await request(`/t/${from}${entry.path(v)}`, { cookie })
          const harmless =
            entry.filterOnly && res.status === 200 && !markers.some((m) => res.text.includes(m))
          if (!refused(res, entry.ownRefusal?.({ slug: from, v })) && !harmless)
            problems.push({
              id,
              via: `/t/${from}`,
              status: res.status,
              location: res.location,
              leaked: markers.filter((m) => res.text.includes(m)),
            })
        }
        for (const post of entry.foreignPosts?.(v, own) ?? []) {
          counts.crossTenantRequests++
          const res = await request(`/t/${from}${post.path ?? entry.path(v)}`, { cookie, post: post.body })
          if (![400, 403, 404, 409].includes(res.status))
            problems.push({ id, via: `/t/${from}`, post, status: res.status, location: res.location })
        }
        const changed = changedTables(before, await databaseFingerprint())
        if (changed.length > 0) problems.push({ id, changed })
      }
    }
    expect(problems).toEqual([])
  })

  it('sends a visitor who is not signed in to the sign-in page, for every route', async () => {
    const problems: unknown[] = []
    for (const id of routeIds) {
      counts.anonymousRequests++
      const entry = ROUTE_MATRIX[id]!
      const v = world.ids.balangan
      const res = await request(`/t/balangan${entry.path(v)}`)
      const toLogin = res.status >= 300 && res.status < 400 && res.location?.startsWith('/login')
      if (!toLogin && res.status !== 401 && !refused(res, entry.ownRefusal?.({ slug: 'balangan', v }), 0))
        problems.push({ id, status: res.status, location: res.location })
    }
    expect(problems).toEqual([])
  })

  it('shows each seeded role exactly the pages its permissions allow, changing nothing', async () => {
    const problems: unknown[] = []
    for (const login of world.logins)
      for (const slug of login.tenants as ('balangan' | 'tangerang')[]) {
        const held = await permissionsOf(login.userId, slug)
        const cookie = cookies.get(login.email)!
        const before = await databaseFingerprint()
        for (const id of routeIds) {
          const entry = ROUTE_MATRIX[id]!
          counts.roleRequests++
          const res = await request(`/t/${slug}${entry.path(world.ids[slug])}`, { cookie })
          const allowed = routePermissions(entry.loads).every((p) => held.has(p))
          const want = allowed ? (entry.okStatus ?? 200) : (entry.refusedWith ?? 403)
          if (res.status !== want)
            problems.push({ login: login.email, slug, id, want, got: res.status, location: res.location })
        }
        const changed = changedTables(before, await databaseFingerprint())
        if (changed.length > 0) problems.push({ login: login.email, slug, changed })
      }
    expect(problems).toEqual([])
  })
})
