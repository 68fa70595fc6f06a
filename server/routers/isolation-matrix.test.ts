import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withTenant } from '#db/tenant.ts'
import { db } from '#db/client.ts'
import * as s from '#db/schema/index.ts'
import {
  changedTables,
  databaseFingerprint,
  sessionCookieFor,
  startHttpApp,
  trpcHttp,
} from '#db/test/http-app.ts'
import { matrixWorld, type MatrixWorld } from '#db/test/matrix-world.ts'
import type { ProcedureMeta } from '#server/trpc/trpc.ts'
import { PROCEDURE_MATRIX, type MatrixIds, type ProcedureEntry } from './access-matrix.ts'
import { appRouter } from './_app.ts'

/**
 * The isolation matrix: every tRPC procedure, over real HTTP, as a member of one tenant
 * with the other tenant's ids, through the other tenant's URL, anonymously, and as every seeded demo
 * role; refusals as expected and no row of any table changed.
 */

type Procedure = { _def: { type: 'query' | 'mutation' | 'subscription'; meta?: ProcedureMeta } }
const procedures = appRouter._def.procedures as unknown as Record<string, Procedure>
const paths = Object.keys(procedures).sort()

let world: MatrixWorld
let app: Awaited<ReturnType<typeof startHttpApp>>
const cookies = new Map<string, string>()
const counts = { procedures: 0, crossTenantCalls: 0, roleCalls: 0, anonymousCalls: 0 }

beforeAll(async () => {
  world = await matrixWorld()
  app = await startHttpApp()
  for (const login of world.logins) cookies.set(login.email, (await sessionCookieFor(login.email)).cookie)
}, 120_000)

afterAll(async () => {
  console.log(
    `isolation matrix (tRPC): ${counts.procedures} procedures; ${counts.crossTenantCalls} cross-tenant calls, ` +
      `${counts.roleCalls} calls as the ${world?.logins.length ?? 0} seeded sign-ins, ${counts.anonymousCalls} anonymous calls`,
  )
  await app?.close()
  await world?.cleanup()
})

function call(path: string, input: unknown, opts: { cookie?: string; tenant?: string }) {
  const method = procedures[path]!._def.type === 'query' ? 'GET' : 'POST'
  return trpcHttp(app.url, path, input, { ...opts, method })
}

const STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
}

/** What the procedure's meta (and the matrix's `alsoRequires`) say this caller gets. */
function expectedFor(
  meta: ProcedureMeta,
  entry: ProcedureEntry,
  who: { isPlatformAdmin: boolean; permissions: ReadonlySet<string> } | null,
): 'allowed' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' {
  if (entry.httpRefused) return 'NOT_FOUND'
  if (meta.access === 'public' || meta.access === 'dev-tools') return 'allowed'
  if (!who) return 'UNAUTHORIZED'
  if (meta.access === 'signed-in') return 'allowed'
  if (meta.access === 'platform-admin') return who.isPlatformAdmin ? 'allowed' : 'NOT_FOUND'
  const required = [meta.permission, ...(entry.alsoRequires ?? [])].filter((p) => p !== undefined)
  return required.every((p) => who.permissions.has(p)) ? 'allowed' : 'FORBIDDEN'
}

function outcome(status: number) {
  if (status >= 500) return `SERVER_ERROR_${status}`
  if (status === 401 || status === 403) return STATUS[status]!
  return 'allowed'
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

describe('isolation matrix', () => {
  it('has an entry for every procedure of the router, and none for a procedure that is gone', () => {
    const missing = paths.filter((p) => !(p in PROCEDURE_MATRIX))
    const stale = Object.keys(PROCEDURE_MATRIX).filter((p) => !(p in procedures))
    expect({ missing, stale }).toEqual({ missing: [], stale: [] })
    for (const p of paths)
      expect({ p, meta: procedures[p]!._def.meta?.access }).toEqual({ p, meta: expect.any(String) })
    counts.procedures = paths.length
  })

  it('refuses a member of one tenant the other tenant’s objects, through either URL, changing nothing', async () => {
    const problems: unknown[] = []
    for (const [from, to] of [
      ['balangan', 'tangerang'],
      ['tangerang', 'balangan'],
    ] as const) {
      const own: MatrixIds = world.ids[from]
      const v: MatrixIds = world.ids[to]
      const cookie = cookies.get(`admin@${from}.demo`)!
      const markers = [
        v.ticket,
        v.ticket2,
        v.complaintId,
        v.notificationId,
        v.attachmentId,
        v.dispatchId,
        `Pelapor Rahasia ${to}`,
      ]
      for (const path of paths) {
        const entry = PROCEDURE_MATRIX[path]!
        const meta = procedures[path]!._def.meta!
        const before = await databaseFingerprint()
        const tenantScoped = meta.access === 'member' || meta.access === 'platform-admin' || entry.httpRefused
        // 1. Through the other tenant's URL (the page's tenant header), which the caller is no member of.
        if (tenantScoped)
          for (const input of entry.foreign ? entry.foreign(v, v) : [entry.probe(v)]) {
            counts.crossTenantCalls++
            const res = await call(path, input, { cookie, tenant: to })
            if (res.status !== 404)
              problems.push({
                path,
                via: `/t/${to}`,
                input,
                status: res.status,
                body: res.text.slice(0, 300),
              })
          }
        // 2. Through the caller's own URL, naming the other tenant's objects.
        if (entry.foreign)
          for (const input of entry.foreign(v, own)) {
            counts.crossTenantCalls++
            const res = await call(path, input, { cookie, tenant: from })
            const code = STATUS[res.status] ?? String(res.status)
            const key = res.json?.error?.data?.messageKey
            const refused =
              code === 'NOT_FOUND' ||
              code === 'FORBIDDEN' ||
              ((entry.alsoRefusedWith ?? []).includes(code as 'BAD_REQUEST') && key !== 'errors.invalidInput')
            const harmlessList =
              entry.filterOnly && res.status === 200 && !markers.some((m) => res.text.includes(m))
            if (!refused && !harmlessList)
              problems.push({
                path,
                via: `/t/${from}`,
                input,
                status: res.status,
                body: res.text.slice(0, 300),
              })
          }
        const changed = changedTables(before, await databaseFingerprint())
        if (changed.length > 0) problems.push({ path, changed })
      }
    }
    expect(problems).toEqual([])
  })

  it('refuses every procedure but the public ones to a caller who is not signed in', async () => {
    const problems: unknown[] = []
    const before = await databaseFingerprint()
    for (const path of paths) {
      const entry = PROCEDURE_MATRIX[path]!
      const meta = procedures[path]!._def.meta!
      counts.anonymousCalls++
      const res = await call(path, entry.probe(world.ids.balangan), { tenant: 'balangan' })
      const want = expectedFor(meta, entry, null)
      const got = want === 'NOT_FOUND' ? (res.status === 404 ? 'NOT_FOUND' : res.status) : outcome(res.status)
      if (got !== want) problems.push({ path, want, got, body: res.text.slice(0, 200) })
    }
    expect(problems).toEqual([])
    expect(changedTables(before, await databaseFingerprint())).toEqual([])
  })

  it('gives each seeded role exactly what its permissions allow, changing nothing', async () => {
    const problems: unknown[] = []
    for (const login of world.logins)
      for (const slug of login.tenants) {
        const permissions = await permissionsOf(login.userId, slug)
        const who = { isPlatformAdmin: login.isPlatformAdmin, permissions }
        const cookie = cookies.get(login.email)!
        const before = await databaseFingerprint()
        for (const path of paths) {
          const entry = PROCEDURE_MATRIX[path]!
          const meta = procedures[path]!._def.meta!
          counts.roleCalls++
          const res = await call(path, entry.probe(world.ids[slug as 'balangan']), { cookie, tenant: slug })
          const want = expectedFor(meta, entry, who)
          const got =
            want === 'NOT_FOUND' ? (res.status === 404 ? 'NOT_FOUND' : res.status) : outcome(res.status)
          if (got !== want)
            problems.push({ login: login.email, slug, path, want, got, body: res.text.slice(0, 200) })
        }
        const changed = changedTables(before, await databaseFingerprint())
        if (changed.length > 0) problems.push({ login: login.email, slug, changed })
      }
    expect(problems).toEqual([])
  })
})
