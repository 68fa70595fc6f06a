import { TRPCError } from '@trpc/server'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { createTenant, createUser, createWhatsappChannel } from '#db/factories/index.ts'
import { channels, sops, tenants, users, webhookDeliveries } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { anonymousCaller, callerFor } from '#db/test/callers.ts'

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof TRPCError ? `${e.code}:${e.message}` : String(e)),
  )

const newTenant = {
  slug: 'satpolpp-hst',
  name: 'Satpol PP Kabupaten Hulu Sungai Tengah',
  serviceName: 'LAPOR-HST',
  regionName: 'Kabupaten Hulu Sungai Tengah',
  timezone: 'Asia/Makassar' as const,
  ticketPrefix: 'HST',
  preset: 'satpol-pp-kabupaten' as const,
  admin: { email: 'admin@hst.go.id', name: 'Admin HST', password: 'kata-sandi-awal' },
}

describe('platform router', () => {
  it('creates a tenant from the Satpol PP preset with its SOPs, roles and first admin', async () => {
    const { user } = await createUser({})
    await db().update(users).set({ isPlatformAdmin: true }).where(eq(users.id, user.id))
    const platform = await callerFor(user.id)
    expect(await platform.platform.createTenant(newTenant)).toEqual({ slug: 'satpolpp-hst' })
    const [tenant] = await db().select().from(tenants).where(eq(tenants.slug, 'satpolpp-hst'))
    const installed = await withTenant(tenant!.id, (tx) =>
      tx.select({ key: sops.key, published: sops.publishedVersionId }).from(sops),
    )
    expect(installed.map((s) => s.key).sort()).toEqual([
      'la-lisa',
      'pengaduan-langsung',
      'pengaduan-tidak-langsung',
    ])
    expect(installed.every((s) => s.published)).toBe(true)
    const { userId } = await anonymousCaller()
      .auth.signIn({ email: 'admin@hst.go.id', password: 'kata-sandi-awal' })
      .then(async (r) => {
        const [row] = await db().select().from(users).where(eq(users.email, 'admin@hst.go.id'))
        expect(r.landingPath).toBe('/t/satpolpp-hst')
        return { userId: row!.id }
      })
    const shell = await (await callerFor(userId, 'satpolpp-hst')).tenant.getShell()
    expect(shell.roles.map((r) => r.key)).toEqual(['admin'])
    expect(await codeOf(platform.platform.createTenant(newTenant))).toBe('CONFLICT:platform.errors.slugTaken')

    // A webhook for a number nobody registered is shown to the platform admin, and only to them.
    await db()
      .insert(webhookDeliveries)
      .values({ body: '{}', phoneNumberIds: ['109888777666555'], status: 'unroutable' })
    expect((await platform.platform.findUnroutable()).map((d) => d.phoneNumberIds)).toEqual([
      ['109888777666555'],
    ])
  })

  it('is invisible to a tenant admin and to anonymous callers', async () => {
    const tenant = await createTenant()
    const { user } = await createUser({ tenant, roles: ['admin'] })
    expect(await codeOf((await callerFor(user.id, tenant.slug)).platform.findTenants())).toBe(
      'NOT_FOUND:errors.notFound',
    )
    const intruder = { ...newTenant, slug: 'kota-penyusup' }
    expect(await codeOf((await callerFor(user.id, tenant.slug)).platform.createTenant(intruder))).toBe(
      'NOT_FOUND:errors.notFound',
    )
    expect(await codeOf(anonymousCaller().platform.findTenants())).toBe('UNAUTHORIZED:errors.signInRequired')
    expect(await codeOf((await callerFor(user.id, tenant.slug)).platform.findUnroutable())).toBe(
      'NOT_FOUND:errors.notFound',
    )
    expect(await db().select().from(tenants).where(eq(tenants.slug, 'kota-penyusup'))).toEqual([])

    // The numbers waiting for approval: neither listed nor decided by a tenant's admin, and the claim stays.
    const channel = await createWhatsappChannel(tenant, {
      phoneNumberId: '109777000000001',
      displayNumber: '+62 811-7770-0001',
      verifyToken: 'verifikasi-777',
      accessToken: 'token-777',
      approval: 'pending',
    })
    const asAdmin = await callerFor(user.id, tenant.slug)
    const decision = { tenantSlug: tenant.slug, channelId: channel.id }
    expect(await codeOf(asAdmin.platform.findPendingChannels())).toBe('NOT_FOUND:errors.notFound')
    expect(await codeOf(asAdmin.platform.approveChannel(decision))).toBe('NOT_FOUND:errors.notFound')
    expect(await codeOf(asAdmin.platform.rejectChannel(decision))).toBe('NOT_FOUND:errors.notFound')
    expect(await codeOf(anonymousCaller().platform.approveChannel(decision))).toBe(
      'UNAUTHORIZED:errors.signInRequired',
    )
    const [row] = await withTenant(tenant.id, (tx) =>
      tx.select().from(channels).where(eq(channels.id, channel.id)),
    )
    expect(row).toMatchObject({ approval: 'pending', approvedAt: null })
  })
})
