import { TRPCError } from '@trpc/server'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { createComplaint, createTenant, createUnit, createUser } from '#db/factories/index.ts'
import { users } from '#db/schema/index.ts'
import { callerFor } from '#db/test/callers.ts'

async function codeOf(promise: Promise<unknown>) {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  )
}

describe('tenant router', () => {
  it('gives a member the shell and dashboard counts of their tenant', async () => {
    const tenant = await createTenant({
      name: 'Satpol PP Uji',
      serviceName: 'LAPOR-UJI',
      timezone: 'Asia/Makassar',
    })
    await createUnit(tenant, { kind: 'trc_post', name: 'Pos TRC 1' })
    await createUnit(tenant, { kind: 'opd', name: 'Dinas PUPR' })
    await createComplaint(tenant, { status: 'open', stepDueAt: new Date(Date.now() - 60_000) })
    await createComplaint(tenant, { status: 'resolved' })
    const { user } = await createUser({ tenant, roles: ['operator'] })
    const caller = await callerFor(user.id, tenant.slug)

    const shell = await caller.tenant.getShell()
    expect(shell.tenant).toMatchObject({
      name: 'Satpol PP Uji',
      serviceName: 'LAPOR-UJI',
      timezone: 'Asia/Makassar',
    })
    expect(shell.roles.map((r) => r.key)).toEqual(['operator'])
    expect(shell.permissions).toContain('complaint.create')
    expect(shell.permissions).not.toContain('sop.edit')

    const dashboard = await caller.tenant.getDashboard()
    expect(dashboard.complaints).toEqual({ total: 2, open: 1, overdue: 1, today: 2 })
    expect(dashboard.units).toEqual({ divisions: 0, trcPosts: 1, opd: 1 })
    expect(dashboard.members).toBe(1)
  })

  it("answers 404 to a member of tenant A asking for tenant B, and B's data stays as it was", async () => {
    const a = await createTenant()
    const b = await createTenant()
    await createComplaint(b)
    const { user } = await createUser({ tenant: a, roles: ['admin'] })
    const before = await (
      await callerFor((await createUser({ tenant: b, roles: ['admin'] })).user.id, b.slug)
    ).tenant.getDashboard()

    const intruder = await callerFor(user.id, b.slug)
    expect(await codeOf(intruder.tenant.getShell())).toBe('NOT_FOUND')
    expect(await codeOf(intruder.tenant.getDashboard())).toBe('NOT_FOUND')
    // A tenant that does not exist answers the same: nobody learns which slugs exist.
    expect(await codeOf((await callerFor(user.id, 'no-such-tenant')).tenant.getShell())).toBe('NOT_FOUND')

    const after = await (
      await callerFor((await createUser({ tenant: b, roles: ['admin'] })).user.id, b.slug)
    ).tenant.getDashboard()
    expect(after.complaints).toEqual(before.complaints)
  })

  it('refuses the dashboard to a role without dashboard.view and to an anonymous caller', async () => {
    const tenant = await createTenant()
    const { user } = await createUser({ tenant, roles: [] })
    expect(await codeOf((await callerFor(user.id, tenant.slug)).tenant.getDashboard())).toBe('FORBIDDEN')
    const { createCaller } = await import('#server/routers/_app.ts')
    const anonymous = createCaller({ user: null, session: null, tenantSlug: tenant.slug, ip: '127.0.0.1' })
    expect(await codeOf(anonymous.tenant.getShell())).toBe('UNAUTHORIZED')
  })

  it('ignores an inactive membership', async () => {
    const tenant = await createTenant()
    const { user, membership } = await createUser({ tenant, roles: ['operator'] })
    expect(membership).toBeDefined()
    const { withTenant } = await import('#db/tenant.ts')
    const { memberships } = await import('#db/schema/index.ts')
    await withTenant(tenant.id, (tx) =>
      tx.update(memberships).set({ active: false }).where(eq(memberships.userId, user.id)),
    )
    expect(await codeOf((await callerFor(user.id, tenant.slug)).tenant.getShell())).toBe('NOT_FOUND')
    const [stillThere] = await db().select().from(users).where(eq(users.id, user.id))
    expect(stillThere?.email).toBe(user.email)
  })
})
