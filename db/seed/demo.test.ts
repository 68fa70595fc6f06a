import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { anonymousCaller, callerFor } from '#db/test/callers.ts'
import { decryptSecret } from '#server/crypto.ts'
import { db } from '../client.ts'
import * as s from '../schema/index.ts'
import { withTenant } from '../tenant.ts'
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from './demo.ts'

describe('demo seed', () => {
  it('creates the tenants, numbers, areas and sign-ins the README promises, once', async () => {
    expect(await seedDemo()).toBe('seeded')

    const tenants = await db().select().from(s.tenants).orderBy(s.tenants.slug)
    expect(tenants.map((t) => [t.slug, t.serviceName, t.timezone])).toEqual([
      ['balangan', 'LA-LISA', 'Asia/Makassar'],
      ['tangerang', 'LAKSA', 'Asia/Jakarta'],
    ])

    for (const [slug, phoneNumberId, display, kecamatan] of [
      ['balangan', '109000000000001', '+62 811-5100-0001', 8],
      ['tangerang', '109000000000002', '+62 811-5200-0002', 13],
    ] as const) {
      const tenant = tenants.find((t) => t.slug === slug)
      if (!tenant) throw new Error(slug)
      await withTenant(tenant.id, async (tx) => {
        const [channel] = await tx.select().from(s.channels).where(eq(s.channels.tenantId, tenant.id))
        expect(channel).toMatchObject({
          kind: 'whatsapp',
          phoneNumberId,
          displayNumber: display,
          verifyToken: 'demo-verify-token',
        })
        expect(decryptSecret(channel?.appSecretEnc ?? '')).toBe('demo-app-secret')
        const [areas] = await tx
          .select({ n: sql<number>`count(*)`.mapWith(Number) })
          .from(s.areas)
          .where(and(eq(s.areas.tenantId, tenant.id), eq(s.areas.kind, 'kecamatan')))
        expect(areas?.n).toBe(kecamatan)
      })
    }
    const balanganKecamatan = await withTenant(tenants[0]!.id, (tx) =>
      tx
        .select({ name: s.areas.name, latitude: s.areas.latitude, longitude: s.areas.longitude })
        .from(s.areas)
        .where(eq(s.areas.kind, 'kecamatan'))
        .orderBy(s.areas.name),
    )
    // Each within Kabupaten Balangan (2°1'-2°36' S, 114°50'-115°51' E), for the dashboard map.
    for (const k of balanganKecamatan) {
      expect(k.latitude).toBeGreaterThan(-2.6)
      expect(k.latitude).toBeLessThan(-2.02)
      expect(k.longitude).toBeGreaterThan(114.84)
      expect(k.longitude).toBeLessThan(115.84)
    }
    expect(balanganKecamatan.map((k) => k.name)).toEqual([
      'Awayan',
      'Batu Mandi',
      'Halong',
      'Juai',
      'Lampihong',
      'Paringin',
      'Paringin Selatan',
      'Tebing Tinggi',
    ])

    // Every demo login signs in with the demo password and holds the role the table gives it.
    for (const login of DEMO_LOGINS) {
      const { landingPath } = await anonymousCaller().auth.signIn({
        email: login.email,
        password: DEMO_PASSWORD,
      })
      expect(landingPath).toMatch(/^\/t\/(balangan|tangerang)$/)
      const [user] = await db().select().from(s.users).where(eq(s.users.email, login.email))
      for (const slug of login.tenant.split(', ')) {
        const shell = await (await callerFor(user!.id, slug)).tenant.getShell()
        expect({ email: login.email, slug, roles: shell.roles.map((r) => r.key) }).toEqual({
          email: login.email,
          slug,
          roles: [login.role],
        })
      }
    }

    expect(await seedDemo()).toBe('present')
    expect(await db().select().from(s.tenants)).toHaveLength(2)
  })

  it('gives the kecamatan of a demo seeded before they had coordinates their centre, and nothing else', async () => {
    await seedDemo()
    const [balangan] = await db().select().from(s.tenants).where(eq(s.tenants.slug, 'balangan'))
    const kecamatan = () =>
      withTenant(balangan!.id, (tx) =>
        tx
          .select({ name: s.areas.name, latitude: s.areas.latitude, longitude: s.areas.longitude })
          .from(s.areas)
          .where(eq(s.areas.kind, 'kecamatan'))
          .orderBy(s.areas.name),
      )
    const seeded = await kecamatan()
    await withTenant(balangan!.id, (tx) =>
      tx.update(s.areas).set({ latitude: null, longitude: null }).where(eq(s.areas.kind, 'kecamatan')),
    )
    await withTenant(balangan!.id, (tx) =>
      tx
        .update(s.areas)
        .set({ latitude: -2.1, longitude: 115.1 })
        .where(and(eq(s.areas.kind, 'kecamatan'), eq(s.areas.name, 'Juai'))),
    )
    expect(await seedDemo()).toBe('present')
    // Filled where missing; a position someone set meanwhile is theirs.
    expect(await kecamatan()).toEqual(
      seeded.map((k) => (k.name === 'Juai' ? { ...k, latitude: -2.1, longitude: 115.1 } : k)),
    )
  })

  it('starts over when an earlier seed was cut off half-way', async () => {
    await seedDemo()
    // A crash before the marker: the marker is missing, the rows are there.
    await db().delete(s.platformSettings)
    expect(await seedDemo()).toBe('seeded')
    expect(await db().select().from(s.tenants)).toHaveLength(2)
    const [count] = await db()
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(s.users)
      .where(sql`${s.users.email} like '%.demo'`)
    expect(count?.n).toBe(DEMO_LOGINS.length)
  })
})
