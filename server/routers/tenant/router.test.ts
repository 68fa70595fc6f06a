import { TRPCError } from '@trpc/server'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { createArea, createComplaint, createTenant, createUser } from '#db/factories/index.ts'
import { memberships, roles, users } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'

async function codeOf(promise: Promise<unknown>) {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  )
}

describe('tenant router', () => {
  it('gives a member the shell and the dashboard of their tenant', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', { name: 'Satpol PP Uji', serviceName: 'LAPOR-UJI' })
    // LA-LISA's first step has 5 minutes: started 10 minutes ago, it is overdue.
    await env.newComplaint('whatsapp', new Date(Date.now() - 10 * 60_000))
    await createComplaint(env.tenant, { status: 'resolved', channel: 'phone' })
    const caller = await callerFor(env.member('operator').userId, env.tenant.slug)

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
    expect(dashboard.totals).toMatchObject({ receivedToday: 2, open: 1, overdue: 1 })
    expect(dashboard.intakeToday.filter((c) => c.count > 0)).toEqual([
      { channel: 'whatsapp', count: 1 },
      { channel: 'phone', count: 1 },
    ])
    expect(dashboard.overdue.map((o) => o.step?.nameId)).toEqual(['Menerima WhatsApp aduan dari pelapor'])
  })

  it("answers 404 to a member of tenant A asking for tenant B, and never mixes B's figures into A's", async () => {
    const a = await sopTenant('satpol-pp-kabupaten')
    const b = await sopTenant('satpol-pp-kabupaten')
    const aPlace = await createArea(a.tenant, { kind: 'kecamatan', name: 'Paringin' })
    const bPlace = await createArea(b.tenant, { kind: 'kecamatan', name: 'Larangan' })
    const anHourAgo = new Date(Date.now() - 3_600_000)
    const mine = await a.newComplaint('whatsapp', anHourAgo, { kecamatanId: aPlace.id })
    const theirs = await b.newComplaint('email', anHourAgo, { kecamatanId: bPlace.id })
    await b.newComplaint('email', anHourAgo)
    const user = a.member('admin').userId
    const bAdmin = await callerFor(b.member('admin').userId, b.tenant.slug)
    const before = await bAdmin.tenant.getDashboard()

    const intruder = await callerFor(user, b.tenant.slug)
    expect(await codeOf(intruder.tenant.getShell())).toBe('NOT_FOUND')
    expect(await codeOf(intruder.tenant.getDashboard())).toBe('NOT_FOUND')
    // A tenant that does not exist answers the same: nobody learns which slugs exist.
    expect(await codeOf((await callerFor(user, 'no-such-tenant')).tenant.getShell())).toBe('NOT_FOUND')

    const own = await (await callerFor(user, a.tenant.slug)).tenant.getDashboard()
    expect(own.totals).toMatchObject({ receivedToday: 1, open: 1, overdue: 1 })
    expect(own.overdue.map((o) => o.ticketNumber)).toEqual([mine.ticketNumber])
    expect(own.openByStep.map((s) => [s.stepKey, s.open])).toEqual([['terima', 1]])
    expect(own.intakeToday.find((c) => c.channel === 'email')?.count).toBe(0)
    expect(own.kecamatan.map((k) => [k.name, k.received, k.open])).toEqual([['Paringin', 1, 1]])
    expect(own.withoutKecamatan).toEqual({ received: 0, open: 0 })
    expect(JSON.stringify(own)).not.toContain(theirs.ticketNumber)
    expect(JSON.stringify(own)).not.toContain('Larangan')

    const after = await bAdmin.tenant.getDashboard()
    expect({ ...after, now: null }).toEqual({ ...before, now: null })
    expect(after.totals).toMatchObject({ receivedToday: 2, open: 2, overdue: 2 })
  })

  it('refuses the dashboard to a role without dashboard.view and to an anonymous caller', async () => {
    const tenant = await createTenant()
    const { user } = await createUser({ tenant, roles: [] })
    expect(await codeOf((await callerFor(user.id, tenant.slug)).tenant.getDashboard())).toBe('FORBIDDEN')
    // A role of the tenant's own making that may read complaints but not the dashboard.
    await withTenant(tenant.id, (tx) =>
      tx.insert(roles).values({
        tenantId: tenant.id,
        key: 'reader',
        nameId: 'Pembaca',
        nameEn: 'Reader',
        permissions: ['complaint.view'],
      }),
    )
    const reader = await createUser({ tenant, roles: ['reader'] })
    const readerCaller = await callerFor(reader.user.id, tenant.slug)
    expect((await readerCaller.tenant.getShell()).permissions).toEqual(['complaint.view'])
    expect(await codeOf(readerCaller.tenant.getDashboard())).toBe('FORBIDDEN')
    const { createCaller } = await import('#server/routers/_app.ts')
    const anonymous = createCaller({ user: null, session: null, tenantSlug: tenant.slug, ip: '127.0.0.1' })
    expect(await codeOf(anonymous.tenant.getShell())).toBe('UNAUTHORIZED')
  })

  it('ignores an inactive membership', async () => {
    const tenant = await createTenant()
    const { user, membership } = await createUser({ tenant, roles: ['operator'] })
    expect(membership).toBeDefined()
    await withTenant(tenant.id, (tx) =>
      tx.update(memberships).set({ active: false }).where(eq(memberships.userId, user.id)),
    )
    expect(await codeOf((await callerFor(user.id, tenant.slug)).tenant.getShell())).toBe('NOT_FOUND')
    const [stillThere] = await db().select().from(users).where(eq(users.id, user.id))
    expect(stillThere?.email).toBe(user.email)
  })
})
