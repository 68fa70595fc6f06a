import { TRPCError } from '@trpc/server'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { channels, messageTemplates } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { decryptSecret } from '#server/crypto.ts'

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof TRPCError ? `${e.code}:${e.message}` : String(e)),
  )

describe('channel router', () => {
  it('adds a WhatsApp number with encrypted secrets it never sends back, and edits templates', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
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

    // The test message goes through the Graph API (the simulator here) and comes back accepted.
    const { startTestServer } = await import('#db/test/whatsapp.ts')
    const graph = await startTestServer()
    try {
      const { wamid } = await admin.channel.sendTest({ channelId: id, to: '6281299998888' })
      expect(wamid).toMatch(/^wamid\./)
      expect(JSON.stringify((await graph.sentTo('6281299998888'))[0]?.body)).toContain(
        'nomor WhatsApp ini sudah tersambung',
      )
      await graph.failNext('6281299997777', ['190'])
      expect(await codeOf(admin.channel.sendTest({ channelId: id, to: '6281299997777' }))).toBe(
        'BAD_REQUEST:channels.errors.testFailed',
      )
    } finally {
      await graph.close()
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
    const { id: bChannel } = await bAdmin.channel.saveWhatsapp({
      phoneNumberId: '109999000000002',
      displayNumber: '+62 811',
      verifyToken: 'token-b-123',
      accessToken: 'token-b',
    })
    const aAdmin = await callerFor(a.member('admin').userId, a.tenant.slug)
    expect(
      await codeOf(
        aAdmin.channel.saveWhatsapp({
          phoneNumberId: '109999000000002',
          displayNumber: '+62 812',
          verifyToken: 'token-a-123',
          accessToken: 'token-a',
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
})
