import { and, arrayContains, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import {
  attachments,
  channels,
  complaintEvents,
  complaints,
  conversations,
  messages,
  notifications,
  reporters,
  webhookDeliveries,
} from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { createWhatsappChannel } from '#db/factories/index.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import * as wa from '#db/test/whatsapp.ts'
import { callerFor } from '#db/test/callers.ts'
import { runReporterNotifications } from './notify.ts'
import { processDelivery } from './process-delivery.ts'
import { setPlatformAppSecret } from './routing.ts'
import { sendQueuedMessages } from './send.ts'

let server: Awaited<ReturnType<typeof wa.startTestServer>>
const stored: number[] = []

beforeAll(async () => {
  server = await wa.startTestServer((id) => stored.push(id))
})
afterAll(async () => {
  await server.close()
})

/** What the processing job does after the 200: process every stored delivery, then tell and send. */
async function drain(tenantId: string) {
  while (stored.length > 0) await processDelivery(stored.shift()!)
  await runReporterNotifications(tenantId)
  return sendQueuedMessages(tenantId)
}

async function setup() {
  const env = await sopTenant('satpol-pp-kabupaten', {
    ticketPrefix: 'LALISA',
    businessHours: { start: '00:00', end: '24:00' },
    workingDays: [1, 2, 3, 4, 5, 6, 7],
  })
  const { phoneNumberId, channel } = await wa.whatsappNumber(env.tenant)
  return { ...env, phoneNumberId, channel }
}

const deliveries = () => db().select().from(webhookDeliveries)

describe('WhatsApp webhook', () => {
  it('stores an acknowledged body exactly once', async () => {
    const { phoneNumberId } = await setup()
    const body = wa.envelope(phoneNumberId, {
      contacts: [wa.contact('6281233330001')],
      messages: [wa.text('6281233330001', 'Lampu jalan mati di depan kantor camat')],
    })
    expect((await server.post(body)).status).toBe(200)
    // The insert ran once, not again when the deadline's promise was settled.
    await new Promise((resolve) => setTimeout(resolve, 300))
    const mine = await db()
      .select()
      .from(webhookDeliveries)
      .where(arrayContains(webhookDeliveries.phoneNumberIds, [phoneNumberId]))
    expect(mine).toHaveLength(1)
    stored.length = 0
  })

  it('answers the verification handshake only with a configured verify token', async () => {
    const { phoneNumberId } = await setup()
    const ok = await fetch(
      `${server.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-${phoneNumberId}&hub.challenge=1158201444`,
    )
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('1158201444')
    const wrong = await fetch(
      `${server.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=salah&hub.challenge=1`,
    )
    expect(wrong.status).toBe(403)
  })

  it('refuses a missing or wrong signature (401), malformed JSON (400) and a body over 3 MB (413), storing nothing', async () => {
    const { phoneNumberId } = await setup()
    const before = (await deliveries()).length
    const body = wa.envelope(phoneNumberId, {
      contacts: [wa.contact('6281200000001')],
      messages: [wa.text('6281200000001', 'Ada keributan')],
    })
    const missing = await server.post(body, { secret: null })
    expect([missing.status, (await missing.json()).error]).toEqual([401, 'signature_missing'])
    const wrong = await server.post(body, { secret: 'bukan-rahasianya' })
    expect([wrong.status, (await wrong.json()).error]).toEqual([401, 'signature_invalid'])
    const malformed = await server.post(null, { raw: '{"object": "whatsapp_business_account", ' })
    expect([malformed.status, (await malformed.json()).error]).toEqual([400, 'malformed_json'])
    const huge = await server.post(null, {
      raw: JSON.stringify({ object: 'x', padding: 'x'.repeat(3 * 1024 * 1024 + 10) }),
    })
    expect(huge.status).toBe(413)
    expect((await deliveries()).length).toBe(before)
    expect(stored).toEqual([])
  })

  it('turns a first message into a complaint on step 1 and acknowledges it with the ticket number', async () => {
    const env = await setup()
    const from = '6281211110001'
    const response = await server.post(
      wa.envelope(env.phoneNumberId, {
        contacts: [wa.contact(from, 'Siti')],
        messages: [wa.text(from, 'Ada pedagang berjualan di trotoar depan pasar Paringin sejak pagi.')],
      }),
    )
    expect(response.status).toBe(200)
    const result = await drain(env.tenant.id)
    // The acknowledgement, then the question where it happened.
    expect(result).toMatchObject({ sent: 2, failed: 0 })
    const state = await withTenant(env.tenant.id, async (tx) => ({
      complaints: await tx.select().from(complaints),
      reporters: await tx.select().from(reporters),
    }))
    expect(state.complaints).toHaveLength(1)
    expect(state.complaints[0]).toMatchObject({
      channel: 'whatsapp',
      currentStepKey: 'terima',
      description: 'Ada pedagang berjualan di trotoar depan pasar Paringin sejak pagi.',
    })
    expect(state.reporters[0]).toMatchObject({ waId: from, name: 'Siti', phone: `+${from}` })
    const sent = await server.sentTo(from)
    expect(sent).toHaveLength(2)
    expect(JSON.stringify(sent[0]!.body)).toContain(state.complaints[0]!.ticketNumber)
    expect(sent[0]!.body).toMatchObject({ messaging_product: 'whatsapp', to: from, type: 'text' })
    // This tenant has no kecamatan list: the bot asks for a location pin.
    expect(sent[1]!.body).toMatchObject({
      type: 'interactive',
      interactive: { type: 'location_request_message', action: { name: 'send_location' } },
    })
  })

  it('makes one complaint of a message delivered three times', async () => {
    const env = await setup()
    const from = '6281211110002'
    const body = wa.envelope(env.phoneNumberId, {
      contacts: [wa.contact(from)],
      messages: [wa.text(from, 'Bangunan liar di bantaran sungai Balangan.')],
    })
    for (let i = 0; i < 3; i++) expect((await server.post(body)).status).toBe(200)
    await drain(env.tenant.id)
    const rows = await withTenant(env.tenant.id, async (tx) => ({
      complaints: await tx.select().from(complaints),
      inbound: await tx.select().from(messages).where(eq(messages.direction, 'inbound')),
      outbound: await tx.select().from(messages).where(eq(messages.direction, 'outbound')),
    }))
    expect(rows.complaints).toHaveLength(1)
    expect(rows.inbound).toHaveLength(1)
    expect(rows.outbound.map((m) => m.templateKey).sort()).toEqual([
      'ask_location_typed',
      'complaint_received',
    ])
  })

  it('stores every message of one POST, unknown types too, and adds the later ones to the open complaint', async () => {
    const env = await setup()
    const from = '6281211110003'
    const first = wa.text(from, 'Ada balap liar setiap malam di jalan lingkar Paringin.')
    const body = wa.envelope(env.phoneNumberId, {
      contacts: [wa.contact(from)],
      messages: [
        first,
        wa.image(from, 'Foto lokasi'),
        wa.location(from, -2.3337, 115.4636),
        wa.buttonReply(from, 'lanjut', 'Lanjut'),
        wa.reaction(from, first.id),
        wa.unknownType(from),
      ],
    })
    expect((await server.post(body)).status).toBe(200)
    await drain(env.tenant.id)
    const rows = await withTenant(env.tenant.id, async (tx) => ({
      complaints: await tx.select().from(complaints),
      inbound: await tx
        .select()
        .from(messages)
        .where(eq(messages.direction, 'inbound'))
        .orderBy(messages.createdAt),
      events: await tx.select().from(complaintEvents).where(eq(complaintEvents.kind, 'reporter_message')),
    }))
    expect(rows.complaints).toHaveLength(1)
    expect(rows.complaints[0]).toMatchObject({
      latitude: -2.3337,
      longitude: 115.4636,
      locationText: 'Jl. A. Yani, Paringin',
    })
    expect(rows.inbound.map((m) => m.type).sort()).toEqual([
      'image',
      'interactive',
      'location',
      'reaction',
      'text',
      'unsupported',
    ])
    expect(rows.inbound.find((m) => m.type === 'image')?.body).toBe('Foto lokasi')
    expect(rows.inbound.find((m) => m.type === 'unsupported')?.body).toBe('[unsupported]')
    expect(rows.events).toHaveLength(6)
  })

  it('answers a status request with the current step, and never tells one reporter about another one’s complaint', async () => {
    const env = await setup()
    const from = '6281211110004'
    await server.post(
      wa.envelope(env.phoneNumberId, {
        contacts: [wa.contact(from)],
        messages: [wa.text(from, 'Parkir liar menutup jalan di depan sekolah.')],
      }),
    )
    await drain(env.tenant.id)
    const [complaint] = await withTenant(env.tenant.id, (tx) => tx.select().from(complaints))
    await server.post(
      wa.envelope(env.phoneNumberId, {
        contacts: [wa.contact(from)],
        messages: [wa.text(from, `status ${complaint!.ticketNumber}`)],
      }),
    )
    await drain(env.tenant.id)
    const replies = await server.sentTo(from)
    expect(JSON.stringify(replies.at(-1)!.body)).toContain(
      'sedang di tahap: Menerima WhatsApp aduan dari pelapor',
    )
    const stranger = '6281211110099'
    await server.post(
      wa.envelope(env.phoneNumberId, {
        contacts: [wa.contact(stranger)],
        messages: [wa.text(stranger, `status ${complaint!.ticketNumber}`)],
      }),
    )
    await drain(env.tenant.id)
    const strangerReplies = await server.sentTo(stranger)
    expect(JSON.stringify(strangerReplies.at(-1)!.body)).toContain('tidak kami temukan')
    expect(JSON.stringify(strangerReplies)).not.toContain('Menerima WhatsApp aduan')
  })

  it('applies statuses in any order without going backwards, and records a failure with its reason', async () => {
    const env = await setup()
    const from = '6281211110005'
    await server.post(
      wa.envelope(env.phoneNumberId, {
        contacts: [wa.contact(from)],
        messages: [wa.text(from, 'Ada orang mabuk membuat onar di terminal.')],
      }),
    )
    await drain(env.tenant.id)
    const [ack] = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(messages).where(eq(messages.direction, 'outbound')),
    )
    // Statuses of our own ack, out of order: read, then delivered, then sent, read again, then a late failure.
    for (const value of ['read', 'delivered', 'sent', 'read']) {
      await server.post(wa.envelope(env.phoneNumberId, { statuses: [wa.status(ack!.wamid!, value, from)] }))
    }
    await server.post(
      wa.envelope(env.phoneNumberId, {
        statuses: [
          wa.status(ack!.wamid!, 'failed', from, {
            errors: [{ code: 131026, title: 'Message undeliverable' }],
          }),
        ],
      }),
    )
    await drain(env.tenant.id)
    const [after] = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(messages).where(eq(messages.id, ack!.id)),
    )
    expect(after?.status).toBe('read')
    // A failure of a message only accepted so far is recorded with Meta's reason.
    const { queueReporterMessage } = await import('./outbound.ts')
    const pendingId = await withTenant(env.tenant.id, (tx) =>
      queueReporterMessage({
        tx,
        tenantId: env.tenant.id,
        conversationId: ack!.conversationId,
        text: 'Pesan yang gagal',
      }),
    )
    await withTenant(env.tenant.id, (tx) =>
      tx.update(messages).set({ wamid: 'wamid.GAGAL1' }).where(eq(messages.id, pendingId)),
    )
    await server.post(
      wa.envelope(env.phoneNumberId, {
        statuses: [
          wa.status('wamid.GAGAL1', 'failed', from, {
            errors: [{ code: 131026, title: 'Message undeliverable' }],
          }),
        ],
      }),
    )
    await drain(env.tenant.id)
    const [failed] = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(messages).where(eq(messages.id, pendingId)),
    )
    expect(failed?.status).toBe('failed')
    expect(failed?.error).toEqual({ errors: [{ code: 131026, title: 'Message undeliverable' }] })
  })

  it('sends the approved template outside the 24-hour window, and on 131047', async () => {
    const env = await setup()
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    await admin.channel.saveTemplate({
      key: 'complaint_received',
      language: 'id',
      body: 'Aduan {{ticket}} diterima.',
      whatsappTemplateName: 'aduan_diterima',
    })
    const from = '6281211110006'
    const old = String(Math.floor(Date.now() / 1000) - 25 * 3600)
    await server.post(
      wa.envelope(env.phoneNumberId, {
        contacts: [wa.contact(from)],
        messages: [wa.text(from, 'Laporan lama yang baru sampai hari ini.', wa.wamid(), old)],
      }),
    )
    await drain(env.tenant.id)
    const [sent] = await server.sentTo(from)

    expect(sent?.body).toMatchObject({
      type: 'template',
      template: { name: 'aduan_diterima', language: { code: 'id' } },
    })

    // Inside the window, Meta may still answer 131047: the same message goes again as the template.
    const other = '6281211110007'
    await server.failNext(other, ['131047'])
    await server.post(
      wa.envelope(env.phoneNumberId, {
        contacts: [wa.contact(other)],
        messages: [wa.text(other, 'Ada pohon tumbang menutup jalan desa.')],
      }),
    )
    expect(await drain(env.tenant.id)).toMatchObject({ sent: 0, waiting: 1 })
    expect(await sendQueuedMessages(env.tenant.id)).toMatchObject({ sent: 2 })
    const [retried] = await server.sentTo(other)
    expect(retried?.body).toMatchObject({ type: 'template', template: { name: 'aduan_diterima' } })
  })

  it('retries after 429 and 500 with backoff, keeping the order of one reporter’s messages', async () => {
    const env = await setup()
    const from = '6281211110008'
    await server.failNext(from, ['429', '500'])
    await server.post(
      wa.envelope(env.phoneNumberId, {
        contacts: [wa.contact(from)],
        messages: [wa.text(from, 'Lampu jalan mati di seluruh kompleks.')],
      }),
    )
    expect(await drain(env.tenant.id)).toMatchObject({ sent: 0, waiting: 1 })
    const [conversation] = await withTenant(env.tenant.id, (tx) => tx.select().from(conversations))
    const { queueReporterMessage } = await import('./outbound.ts')
    await withTenant(env.tenant.id, (tx) =>
      queueReporterMessage({
        tx,
        tenantId: env.tenant.id,
        conversationId: conversation!.id,
        text: 'Pesan kedua',
      }),
    )
    // Not due yet: nothing goes, not even the second message.
    expect(await sendQueuedMessages(env.tenant.id)).toMatchObject({ sent: 0 })
    const later = (minutes: number) => new Date(Date.now() + minutes * 60_000)
    expect(await sendQueuedMessages(env.tenant.id, later(1))).toMatchObject({ sent: 0, waiting: 1 }) // the 500
    expect(await sendQueuedMessages(env.tenant.id, later(5))).toMatchObject({ sent: 3 })
    const sent = await server.sentTo(from)
    expect(sent.map((m) => JSON.stringify(m.body).includes('Pesan kedua'))).toEqual([false, false, true])
    const [first] = await withTenant(env.tenant.id, (tx) =>
      tx
        .select()
        .from(messages)
        .where(and(eq(messages.direction, 'outbound'), eq(messages.attempts, 3))),
    )
    expect(first?.wamid).toBeTruthy()
  })

  it('on an expired token marks the number unhealthy, tells the admins and keeps the message queued until a new token', async () => {
    const env = await setup()
    const from = '6281211110009'
    await server.failNext(from, ['190'])
    await server.post(
      wa.envelope(env.phoneNumberId, {
        contacts: [wa.contact(from)],
        messages: [wa.text(from, 'Sampah menumpuk di pinggir jalan desa.')],
      }),
    )
    expect(await drain(env.tenant.id)).toMatchObject({ sent: 0, waiting: 1 })
    const state = await withTenant(env.tenant.id, async (tx) => ({
      channel: (await tx.select().from(channels).where(eq(channels.id, env.channel.id)))[0],
      queued: await tx
        .select()
        .from(messages)
        .where(and(eq(messages.direction, 'outbound'), eq(messages.status, 'queued'))),
      bell: await tx.select().from(notifications).where(eq(notifications.kind, 'channel_unhealthy')),
    }))
    expect(state.channel?.healthy).toBe(false)
    expect(state.queued).toHaveLength(2)
    expect(state.bell.map((n) => n.membershipId)).toEqual([env.member('admin').membershipId])
    expect(await sendQueuedMessages(env.tenant.id)).toMatchObject({ sent: 0 })
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    // A new token is checked with Meta before it is saved.
    await server.metaHolds(env.phoneNumberId, 'token-baru')
    await admin.channel.saveWhatsapp({
      channelId: env.channel.id,
      phoneNumberId: env.phoneNumberId,
      displayNumber: '+62 811-5100-0001',
      verifyToken: `verify-${env.phoneNumberId}`,
      accessToken: 'token-baru',
    })
    expect(await sendQueuedMessages(env.tenant.id)).toMatchObject({ sent: 2 })
  })

  it('keeps a delivery for an unknown number, signed with the platform secret, as unroutable', async () => {
    setPlatformAppSecret('platform-app-secret')
    try {
      const body = wa.envelope('109999999999999', {
        contacts: [wa.contact('6281200000009')],
        messages: [wa.text('6281200000009', 'Halo')],
      })
      expect((await server.post(body, { secret: 'platform-app-secret' })).status).toBe(200)
      const [delivery] = await db()
        .select()
        .from(webhookDeliveries)
        .where(arrayContains(webhookDeliveries.phoneNumberIds, ['109999999999999']))
      const id = delivery!.id
      expect(await processDelivery(id)).toEqual({ tenantIds: [], unroutable: ['109999999999999'] })
      const [row] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id))
      expect(row).toMatchObject({ status: 'unroutable', error: 'unknown phone_number_id: 109999999999999' })
    } finally {
      setPlatformAppSecret(undefined)
    }
  })

  it("refuses a body signed with one agency's own secret that carries an entry for another agency's number", async () => {
    const a = await setup()
    const b = await setup()
    // Agency A's admin sets an app secret of their own choosing on A's number.
    const aOwn = `1091${Date.now().toString().slice(-11)}`
    await createWhatsappChannel(a.tenant, {
      phoneNumberId: aOwn,
      displayNumber: '+62 811-5100-0009',
      verifyToken: `verify-${aOwn}`,
      appSecret: 'rahasia-pilihan-instansi-a',
      accessToken: 'token-a',
    })
    const from = '6281211110042'
    const entryFor = (phoneNumberId: string, body: string) =>
      wa.envelope(phoneNumberId, {
        contacts: [wa.contact(from)],
        messages: [wa.text(from, body)],
      }).entry[0]!
    const mixed = {
      object: 'whatsapp_business_account',
      entry: [
        entryFor(aOwn, 'Aduan biasa untuk instansi A sendiri, cukup panjang.'),
        entryFor(b.phoneNumberId, 'Aduan palsu yang diselundupkan ke instansi B lewat rahasia A.'),
      ],
    }
    const forged = await server.post(mixed, { secret: 'rahasia-pilihan-instansi-a' })
    expect([forged.status, (await forged.json()).error]).toEqual([401, 'signature_not_for_number'])
    // B's secret does not carry A's entry either.
    const other = await server.post(mixed, { secret: wa.APP_SECRET })
    expect([other.status, (await other.json()).error]).toEqual([401, 'signature_not_for_number'])
    const naming = (id: string) =>
      db()
        .select()
        .from(webhookDeliveries)
        .where(arrayContains(webhookDeliveries.phoneNumberIds, [id]))
    expect(await naming(aOwn)).toEqual([])
    expect(await naming(b.phoneNumberId)).toEqual([])
    await drain(b.tenant.id)
    expect(await withTenant(b.tenant.id, (tx) => tx.select().from(complaints))).toHaveLength(0)
    expect(await server.sentTo(from)).toEqual([])

    // Each agency's own deliveries, signed with its own secret, still come in.
    const own = { object: 'whatsapp_business_account', entry: [mixed.entry[0]] }
    expect((await server.post(own, { secret: 'rahasia-pilihan-instansi-a' })).status).toBe(200)
    await drain(a.tenant.id)
    expect(await withTenant(a.tenant.id, (tx) => tx.select().from(complaints))).toHaveLength(1)
    expect(await withTenant(b.tenant.id, (tx) => tx.select().from(complaints))).toHaveLength(0)

    // The platform app serves every number it hosts, so its signature carries a mixed body.
    setPlatformAppSecret('platform-app-secret')
    try {
      expect((await server.post(mixed, { secret: 'platform-app-secret' })).status).toBe(200)
    } finally {
      setPlatformAppSecret(undefined)
    }
  })

  it('refuses a body naming more numbers than any app sends at once, storing nothing', async () => {
    const { phoneNumberId } = await setup()
    const one = wa.envelope(phoneNumberId, { statuses: [] }).entry[0]!
    const many = {
      object: 'whatsapp_business_account',
      entry: Array.from({ length: 51 }, (_, i) => ({
        ...one,
        changes: [
          {
            field: 'messages',
            value: { ...one.changes[0]!.value, metadata: { phone_number_id: `${phoneNumberId}${i}` } },
          },
        ],
      })),
    }
    const before = (await deliveries()).length
    const response = await server.post(many)
    expect([response.status, (await response.json()).error]).toEqual([401, 'too_many_numbers'])
    expect((await deliveries()).length).toBe(before)
  })

  it("keeps tenants apart: a number routes only to its own tenant's data", async () => {
    const a = await setup()
    const b = await setup()
    const from = '6281211110010'
    await server.post(
      wa.envelope(a.phoneNumberId, {
        contacts: [wa.contact(from)],
        messages: [wa.text(from, 'Aduan untuk instansi A saja.')],
      }),
    )
    await drain(a.tenant.id)
    expect(await withTenant(a.tenant.id, (tx) => tx.select().from(complaints))).toHaveLength(1)
    expect(await withTenant(b.tenant.id, (tx) => tx.select().from(complaints))).toHaveLength(0)
    expect(await withTenant(b.tenant.id, (tx) => tx.select().from(reporters))).toHaveLength(0)
  })
})

describe('WhatsApp media', () => {
  it('downloads a photo into storage, checked against its sha256; refuses a wrong hash and an oversized sticker', async () => {
    const env = await setup()
    const { downloadPendingMedia } = await import('./media.ts')
    const { readStoredFile } = await import('#server/storage/files.ts')
    const upload = async (bytes: Buffer, type: string) =>
      (await (
        await fetch(`${server.url}/dev/graph/media`, {
          method: 'POST',
          headers: { 'Content-Type': type },
          body: new Uint8Array(bytes),
        })
      ).json()) as {
        id: string
        sha256: string
      }
    const photo = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
    const good = await upload(photo, 'image/png')
    const tampered = await upload(Buffer.from('another file'), 'image/png')
    const sticker = await upload(Buffer.alloc(150 * 1024, 1), 'image/webp')
    const from = '6281211110011'
    const media = (type: string, object: Record<string, unknown>) => ({
      from,
      id: wa.wamid(),
      timestamp: String(Math.floor(Date.now() / 1000)),
      type,
      [type]: object,
    })
    await server.post(
      wa.envelope(env.phoneNumberId, {
        contacts: [wa.contact(from)],
        messages: [
          wa.text(from, 'Ada bangunan liar di atas saluran air, ini fotonya.'),
          media('image', {
            id: good.id,
            mime_type: 'image/png',
            sha256: good.sha256,
            caption: 'Foto bangunan',
          }),
          media('image', { id: tampered.id, mime_type: 'image/png', sha256: good.sha256 }),
          media('sticker', { id: sticker.id, mime_type: 'image/webp', sha256: sticker.sha256 }),
        ],
      }),
    )
    await drain(env.tenant.id)
    expect(await downloadPendingMedia(env.tenant.id)).toEqual({ stored: 1, failed: 1 })
    const rows = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(attachments).orderBy(attachments.createdAt),
    )
    const stored = rows.find((r) => r.sourceMediaId === good.id)!
    expect(stored).toMatchObject({
      status: 'stored',
      kind: 'image',
      caption: 'Foto bangunan',
      sizeBytes: photo.length,
      mimeType: 'image/png',
    })
    expect(stored.complaintId).not.toBeNull()
    expect(Buffer.compare(await readStoredFile(stored.storageKey!), photo)).toBe(0)
    expect(rows.find((r) => r.sourceMediaId === tampered.id)).toMatchObject({
      status: 'pending',
      error: 'sha256 does not match: the file was changed or cut off',
    })
    expect(rows.find((r) => r.sourceMediaId === sticker.id)).toMatchObject({ status: 'failed' })
    expect(rows.find((r) => r.sourceMediaId === sticker.id)?.error).toMatch(/over the 102400-byte limit/)
  })
})

describe('the intake conversation', () => {
  it('answers a greeting with what to send, then opens the complaint and takes the kecamatan from the list', async () => {
    const env = await setup()
    const { createArea } = await import('#db/factories/index.ts')
    const paringin = await createArea(env.tenant, { kind: 'kecamatan', name: 'Paringin' })
    await createArea(env.tenant, { kind: 'kecamatan', name: 'Juai' })
    const from = '6281211110012'
    await server.post(
      wa.envelope(env.phoneNumberId, { contacts: [wa.contact(from)], messages: [wa.text(from, 'Halo pak')] }),
    )
    await drain(env.tenant.id)
    expect(await withTenant(env.tenant.id, (tx) => tx.select().from(complaints))).toHaveLength(0)
    expect(JSON.stringify((await server.sentTo(from))[0]!.body)).toContain('Ceritakan apa yang terjadi')

    await server.post(
      wa.envelope(env.phoneNumberId, {
        contacts: [wa.contact(from)],
        messages: [wa.text(from, 'Ada warung remang-remang buka sampai subuh dan mengganggu warga.')],
      }),
    )
    await drain(env.tenant.id)
    const [, ack, question] = await server.sentTo(from)
    expect(JSON.stringify(ack!.body)).toMatch(/LALISA-\d{4}-\d{6}/)
    expect(question!.body).toMatchObject({
      type: 'interactive',
      interactive: {
        type: 'list',
        action: {
          button: 'Pilih kecamatan',
          sections: [
            { rows: [{ id: expect.stringMatching(/^kec:/), title: 'Juai' }, { title: 'Paringin' }] },
          ],
        },
      },
    })
    await server.post(
      wa.envelope(env.phoneNumberId, {
        contacts: [wa.contact(from)],
        messages: [
          {
            from,
            id: wa.wamid(),
            timestamp: String(Math.floor(Date.now() / 1000)),
            type: 'interactive',
            interactive: { type: 'list_reply', list_reply: { id: `kec:${paringin.id}`, title: 'Paringin' } },
          },
        ],
      }),
    )
    await drain(env.tenant.id)
    const [complaint] = await withTenant(env.tenant.id, (tx) => tx.select().from(complaints))
    expect(complaint).toMatchObject({ kecamatanId: paringin.id, locationText: 'Kecamatan Paringin' })
    expect(JSON.stringify((await server.sentTo(from)).at(-1)!.body)).toContain(
      'Lokasi tercatat: Kecamatan Paringin',
    )
  })
})
