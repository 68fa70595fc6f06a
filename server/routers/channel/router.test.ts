import { TRPCError } from '@trpc/server'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import {
  channels,
  complaints,
  conversations,
  messageTemplates,
  users,
  webhookDeliveries,
} from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor, refusal } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import * as wa from '#db/test/whatsapp.ts'
import { processDelivery } from '#server/channels/whatsapp-cloud/process-delivery.ts'
import { setPlatformAppSecret } from '#server/channels/whatsapp-cloud/routing.ts'
import { decryptSecret } from '#server/crypto.ts'

// The Graph API (its simulator) for the whole file: every number saved is checked with it.
let graph: Awaited<ReturnType<typeof wa.startTestServer>>
const stored: number[] = []
beforeAll(async () => {
  graph = await wa.startTestServer((id) => stored.push(id))
})
afterAll(async () => {
  await graph.close()
})

const metaHolds = (id: string, accessToken: string) => graph.metaHolds(id, accessToken)

async function platformAdmin() {
  const { createUser } = await import('#db/factories/index.ts')
  const { user } = await createUser({})
  await db().update(users).set({ isPlatformAdmin: true }).where(eq(users.id, user.id))
  return callerFor(user.id)
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof TRPCError ? `${e.code}:${e.message}` : String(e)),
  )

describe('channel router', () => {
  it('adds a WhatsApp number with encrypted secrets it never sends back, and edits templates', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    await metaHolds('109999000000001', 'EAAG-token-asli')
    const { id } = await admin.channel.saveWhatsapp({
      phoneNumberId: '109999000000001',
      displayNumber: '+62 811-5999-0001',
      verifyToken: 'verifikasi-rahasia',
      accessToken: 'EAAG-token-asli',
      appSecret: 'rahasia-aplikasi',
    })
    const listed = await admin.channel.find()
    expect(listed.webhookUrl).toMatch(/\/webhooks\/whatsapp$/)
    expect(listed.channels[0]).toMatchObject({
      id,
      hasAccessToken: true,
      hasAppSecret: true,
      displayNumber: '+62 811-5999-0001',
    })
    expect(JSON.stringify(listed)).not.toContain('EAAG-token-asli')
    const [row] = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(channels).where(eq(channels.id, id)),
    )
    expect(row?.accessTokenEnc).not.toContain('EAAG')
    expect(decryptSecret(row!.accessTokenEnc!)).toBe('EAAG-token-asli')
    // An edit without a token keeps the stored one.
    await admin.channel.saveWhatsapp({
      channelId: id,
      phoneNumberId: '109999000000001',
      displayNumber: '+62 811-5999-0009',
      verifyToken: 'verifikasi-rahasia',
    })
    const [edited] = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(channels).where(eq(channels.id, id)),
    )
    expect(edited?.displayNumber).toBe('+62 811-5999-0009')
    expect(decryptSecret(edited!.accessTokenEnc!)).toBe('EAAG-token-asli')

    // The test message goes through the Graph API (the simulator here) once the platform approved it.
    await (await platformAdmin()).platform.approveChannel({ tenantSlug: env.tenant.slug, channelId: id })
    {
      const { wamid } = await admin.channel.sendTest({ channelId: id, to: '6281299998888' })
      expect(wamid).toMatch(/^wamid\./)
      expect(JSON.stringify((await graph.sentTo('6281299998888'))[0]?.body)).toContain(
        'nomor WhatsApp ini sudah tersambung',
      )
      await graph.failNext('6281299997777', ['190'])
      expect(await codeOf(admin.channel.sendTest({ channelId: id, to: '6281299997777' }))).toBe(
        'BAD_REQUEST:channels.errors.testFailed',
      )
    }

    await admin.channel.saveTemplate({
      key: 'complaint_received',
      language: 'id',
      body: 'Aduan {{ticket}} diterima.',
      whatsappTemplateName: 'aduan_diterima',
    })
    const templates = await admin.channel.findTemplates()
    expect(templates.find((t) => t.key === 'complaint_received' && t.language === 'id')).toMatchObject({
      body: 'Aduan {{ticket}} diterima.',
      whatsappTemplateName: 'aduan_diterima',
    })
  })

  it("refuses a number another tenant registered, and tenant A's admin cannot touch tenant B's channels", async () => {
    const a = await sopTenant('satpol-pp-kabupaten')
    const b = await sopTenant('city-control-room')
    const bAdmin = await callerFor(b.member('admin').userId, b.tenant.slug)
    await metaHolds('109999000000002', 'token-b')
    await metaHolds('109999000000003', 'token-a')
    const { id: bChannel } = await bAdmin.channel.saveWhatsapp({
      phoneNumberId: '109999000000002',
      displayNumber: '+62 811',
      verifyToken: 'token-b-123',
      accessToken: 'token-b',
    })
    const aAdmin = await callerFor(a.member('admin').userId, a.tenant.slug)
    // Even with a token Meta accepts for that number (both agencies hold it), one agency has it.
    expect(
      await codeOf(
        aAdmin.channel.saveWhatsapp({
          phoneNumberId: '109999000000002',
          displayNumber: '+62 812',
          verifyToken: 'token-a-123',
          accessToken: 'token-b',
        }),
      ),
    ).toBe('CONFLICT:channels.errors.numberTaken')
    expect(
      await codeOf(
        aAdmin.channel.saveWhatsapp({
          channelId: bChannel,
          phoneNumberId: '109999000000003',
          displayNumber: '+62 813',
          verifyToken: 'token-a-123',
        }),
      ),
    ).toBe('NOT_FOUND:errors.notFound')
    const viaB = await callerFor(a.member('admin').userId, b.tenant.slug)
    expect(await codeOf(viaB.channel.find())).toBe('NOT_FOUND:errors.notFound')
    expect(
      await codeOf(
        viaB.channel.saveTemplate({ key: 'complaint_received', language: 'id', body: 'diubah penyusup' }),
      ),
    ).toBe('NOT_FOUND:errors.notFound')
    const [bRow] = await withTenant(b.tenant.id, (tx) =>
      tx.select().from(channels).where(eq(channels.id, bChannel)),
    )
    expect(bRow?.phoneNumberId).toBe('109999000000002')
    const bTemplates = await withTenant(b.tenant.id, (tx) =>
      tx.select().from(messageTemplates).where(eq(messageTemplates.body, 'diubah penyusup')),
    )
    expect(bTemplates).toEqual([])
    const operator = await callerFor(a.member('operator').userId, a.tenant.slug)
    expect(await codeOf(operator.channel.find())).toBe('FORBIDDEN:errors.forbidden')
  })

  it("refuses to save a number Meta does not confirm for the token given: another number's token, a bad token; stores nothing", async () => {
    const a = await sopTenant('satpol-pp-kabupaten')
    const aAdmin = await callerFor(a.member('admin').userId, a.tenant.slug)
    // The rightful agency's number, not registered with Tanggap yet; the attacker holds a token of their own number.
    await metaHolds('109999000000010', 'token-pemilik-sah')
    await metaHolds('109999000000011', 'token-penyerang')
    const claim = (accessToken: string) =>
      refusal(
        aAdmin.channel.saveWhatsapp({
          phoneNumberId: '109999000000010',
          displayNumber: '+62 811-0010',
          verifyToken: 'verifikasi-penyerang',
          accessToken,
        }),
      )
    expect(await claim('token-penyerang')).toEqual({
      code: 'FORBIDDEN',
      messageKey: 'members.channels.errors.numberNotOwned',
    })
    expect(await claim('token-karangan')).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'members.channels.errors.tokenInvalid',
    })
    // A number Meta does not know at all.
    expect(
      await refusal(
        aAdmin.channel.saveWhatsapp({
          phoneNumberId: '109999000000099',
          displayNumber: '+62 811-0099',
          verifyToken: 'verifikasi-penyerang',
          accessToken: 'token-penyerang',
        }),
      ),
    ).toEqual({ code: 'FORBIDDEN', messageKey: 'members.channels.errors.numberNotOwned' })
    expect(await withTenant(a.tenant.id, (tx) => tx.select().from(channels))).toEqual([])

    // An edit may not move a pending number onto someone else's either.
    const { id } = await aAdmin.channel.saveWhatsapp({
      phoneNumberId: '109999000000011',
      displayNumber: '+62 811-0011',
      verifyToken: 'verifikasi-sendiri',
      accessToken: 'token-penyerang',
    })
    expect(
      await refusal(
        aAdmin.channel.saveWhatsapp({
          channelId: id,
          phoneNumberId: '109999000000010',
          displayNumber: '+62 811-0011',
          verifyToken: 'verifikasi-sendiri',
        }),
      ),
    ).toEqual({ code: 'FORBIDDEN', messageKey: 'members.channels.errors.numberNotOwned' })
    const rows = await withTenant(a.tenant.id, (tx) => tx.select().from(channels))
    expect(rows.map((r) => [r.phoneNumberId, r.approval])).toEqual([['109999000000011', 'pending']])

    // The rightful agency then registers its number without a "number taken".
    const b = await sopTenant('city-control-room')
    const bAdmin = await callerFor(b.member('admin').userId, b.tenant.slug)
    const saved = await bAdmin.channel.saveWhatsapp({
      phoneNumberId: '109999000000010',
      displayNumber: '+62 811-0010',
      verifyToken: 'verifikasi-pemilik',
      accessToken: 'token-pemilik-sah',
    })
    expect(saved.approval).toBe('pending')
  })

  it('a new number waits for a platform admin: no intake and no test send until approved, then both', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', {
      businessHours: { start: '00:00', end: '24:00' },
      workingDays: [1, 2, 3, 4, 5, 6, 7],
    })
    const other = await sopTenant('city-control-room')
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    await metaHolds('109999000000020', 'token-baru')
    const { id, approval } = await admin.channel.saveWhatsapp({
      phoneNumberId: '109999000000020',
      displayNumber: '+62 811-0020',
      verifyToken: 'verifikasi-baru',
      accessToken: 'token-baru',
      appSecret: 'rahasia-sendiri',
    })
    expect(approval).toBe('pending')
    expect((await admin.channel.find()).channels.map((c) => c.approval)).toEqual(['pending'])
    expect(await refusal(admin.channel.sendTest({ channelId: id, to: '6281200000020' }))).toEqual({
      code: 'CONFLICT',
      messageKey: 'members.channels.errors.awaitingApproval',
    })
    expect(await graph.sentTo('6281200000020')).toEqual([])

    // A citizen writes to the number: kept, but no complaint, no conversation, nothing sent. Its own
    // app secret signs nothing while pending; the platform app's does, and the body stays unroutable.
    const body = wa.envelope('109999000000020', {
      contacts: [wa.contact('6281200000020')],
      messages: [wa.text('6281200000020', 'Ada pohon tumbang menutup jalan di depan pasar Paringin')],
    })
    expect((await graph.post(body, { secret: 'rahasia-sendiri' })).status).toBe(401)
    setPlatformAppSecret(wa.APP_SECRET)
    try {
      expect((await graph.post(body)).status).toBe(200)
      while (stored.length > 0) await processDelivery(stored.shift()!)
      const [delivery] = await db().select().from(webhookDeliveries)
      expect(delivery?.status).toBe('unroutable')
      expect(await withTenant(env.tenant.id, (tx) => tx.select().from(conversations))).toEqual([])
      expect(await withTenant(env.tenant.id, (tx) => tx.select().from(complaints))).toEqual([])

      // Only a platform admin approves, and only for the tenant that holds the number.
      const platform = await platformAdmin()
      expect(
        (await platform.platform.findPendingChannels())
          .filter((c) => c.tenantSlug === env.tenant.slug)
          .map((c) => [c.tenantSlug, c.phoneNumberId]),
      ).toEqual([[env.tenant.slug, '109999000000020']])
      expect(
        await refusal(admin.platform.approveChannel({ tenantSlug: env.tenant.slug, channelId: id })),
      ).toEqual({
        code: 'NOT_FOUND',
        messageKey: 'errors.notFound',
      })
      expect(await refusal(admin.platform.findPendingChannels())).toEqual({
        code: 'NOT_FOUND',
        messageKey: 'errors.notFound',
      })
      expect(
        await refusal(platform.platform.approveChannel({ tenantSlug: other.tenant.slug, channelId: id })),
      ).toEqual({ code: 'NOT_FOUND', messageKey: 'errors.notFound' })
      expect((await admin.channel.find()).channels.map((c) => c.approval)).toEqual(['pending'])
      await platform.platform.approveChannel({ tenantSlug: env.tenant.slug, channelId: id })
      expect((await admin.channel.find()).channels.map((c) => c.approval)).toEqual(['approved'])
      expect((await platform.platform.findPendingChannels()).map((c) => c.channelId)).not.toContain(id)
      // Approved: its number id is fixed from now on.
      expect(
        await refusal(
          admin.channel.saveWhatsapp({
            channelId: id,
            phoneNumberId: '109999000000021',
            displayNumber: '+62 811-0020',
            verifyToken: 'verifikasi-baru',
          }),
        ),
      ).toEqual({ code: 'CONFLICT', messageKey: 'members.channels.errors.numberFixed' })

      const again = wa.envelope('109999000000020', {
        contacts: [wa.contact('6281200000020')],
        messages: [wa.text('6281200000020', 'Pohon tumbang masih menutup jalan di depan pasar Paringin')],
      })
      expect((await graph.post(again, { secret: 'rahasia-sendiri' })).status).toBe(200)
      while (stored.length > 0) await processDelivery(stored.shift()!)
      expect(await withTenant(env.tenant.id, (tx) => tx.select().from(conversations))).toHaveLength(1)
      const { wamid } = await admin.channel.sendTest({ channelId: id, to: '6281200000020' })
      expect(wamid).toMatch(/^wamid\./)
    } finally {
      setPlatformAppSecret(undefined)
    }
  })

  it('a platform admin rejects a claim: the number is free again; nobody else can reject it', async () => {
    const a = await sopTenant('satpol-pp-kabupaten')
    const aAdmin = await callerFor(a.member('admin').userId, a.tenant.slug)
    await metaHolds('109999000000030', 'token-30')
    const { id } = await aAdmin.channel.saveWhatsapp({
      phoneNumberId: '109999000000030',
      displayNumber: '+62 811-0030',
      verifyToken: 'verifikasi-30',
      accessToken: 'token-30',
    })
    expect(
      await refusal(aAdmin.platform.rejectChannel({ tenantSlug: a.tenant.slug, channelId: id })),
    ).toEqual({
      code: 'NOT_FOUND',
      messageKey: 'errors.notFound',
    })
    expect(await withTenant(a.tenant.id, (tx) => tx.select().from(channels))).toHaveLength(1)
    const platform = await platformAdmin()
    await platform.platform.rejectChannel({ tenantSlug: a.tenant.slug, channelId: id })
    expect(await withTenant(a.tenant.id, (tx) => tx.select().from(channels))).toEqual([])
    expect(
      await refusal(platform.platform.rejectChannel({ tenantSlug: a.tenant.slug, channelId: id })),
    ).toEqual({
      code: 'NOT_FOUND',
      messageKey: 'errors.notFound',
    })
  })
})
