import { and, eq, inArray, sql } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { createTenant } from '#db/factories/index.ts'
import { channels, complaints, messages, messageStatuses, webhookDeliveries } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { testOwnerUrl } from '#db/test/setup.ts'
import * as wa from '#db/test/whatsapp.ts'
import { jobQueue, startJobs, stopJobs } from '#server/jobs/boss.ts'
import { webhookRetention, whatsappSend, whatsappSweep } from '#server/jobs/definitions.ts'
import { processDelivery } from './process-delivery.ts'
import { setPlatformAppSecret } from './routing.ts'
import { sendQueuedMessages } from './send.ts'
import { signBody } from './signature.ts'

let server: Awaited<ReturnType<typeof wa.startTestServer>>
let owner: postgres.Sql
const stored: number[] = []

beforeAll(async () => {
  server = await wa.startTestServer((id) => stored.push(id))
  owner = postgres(testOwnerUrl, { max: 1, onnotice: () => {} })
})
afterAll(async () => {
  await server.close()
  await owner.end()
})

async function agency() {
  const env = await sopTenant('satpol-pp-kabupaten', {
    ticketPrefix: 'LALISA',
    businessHours: { start: '00:00', end: '24:00' },
    workingDays: [1, 2, 3, 4, 5, 6, 7],
  })
  const { phoneNumberId, channel } = await wa.whatsappNumber(env.tenant)
  return { ...env, phoneNumberId, channel }
}

/** An agency whose number is live but which has no SOP: every complaint it would open throws. */
async function brokenAgency() {
  const tenant = await createTenant({ ticketPrefix: 'RUSAK' })
  const { phoneNumberId } = await wa.whatsappNumber(tenant)
  return { tenant, phoneNumberId }
}

const complaintsOf = (tenantId: string) => withTenant(tenantId, (tx) => tx.select().from(complaints))
const deliveryCount = async () =>
  Number(
    (
      await db()
        .select({ n: sql<number>`count(*)` })
        .from(webhookDeliveries)
    )[0]!.n,
  )

async function until<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T | undefined> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined || Date.now() > deadline) return value
    await new Promise((r) => setTimeout(r, 100))
  }
}

const textBody = (phoneNumberId: string, from: string, text: string, extra: Record<string, unknown> = {}) =>
  wa.envelope(phoneNumberId, {
    contacts: [wa.contact(from)],
    messages: [{ ...wa.text(from, text), ...extra }],
  })

describe('the webhook checks what processing would throw on, before storing it', () => {
  it('refuses a non-numeric timestamp, a caption that is not a string and a body off the schema with 400, storing nothing', async () => {
    const { phoneNumberId } = await agency()
    const from = '6281233330001'
    const before = await deliveryCount()
    const cases: { body: unknown; path: RegExp; platform?: boolean }[] = [
      {
        body: textBody(phoneNumberId, from, 'Jam pesan ini bukan angka sama sekali.', {
          timestamp: 'kemarin',
        }),
        path: /messages\.0\.timestamp/,
      },
      {
        body: wa.envelope(phoneNumberId, {
          contacts: [wa.contact(from)],
          messages: [{ ...wa.image(from, 'x'), image: { id: '1479537139650973', caption: { a: 1 } } }],
        }),
        path: /messages\.0\.image\.caption/,
      },
      // Names no number, so only the platform app can have signed it.
      { body: { object: 'whatsapp_business_account', entry: 'bukan daftar' }, path: /entry/, platform: true },
      {
        body: wa.envelope(phoneNumberId, { messages: [{ from, type: 'text', text: { body: 'tanpa id' } }] }),
        path: /messages\.0\.id/,
      },
      {
        body: wa.envelope(phoneNumberId, { statuses: [{ id: 'wamid.X', status: 'read', timestamp: 12 }] }),
        path: /statuses\.0\.timestamp/,
      },
      {
        body: textBody(phoneNumberId, from, 'Lokasi di luar bumi, lintang sembilan ratus derajat.', {
          type: 'location',
          location: { latitude: 900, longitude: 115 },
        }),
        path: /messages\.0\.location\.latitude/,
      },
      {
        body: textBody(phoneNumberId, from, 'Wamid sepanjang tiga ribu karakter untuk indeks unik.', {
          id: `wamid.${'A'.repeat(3000)}`,
        }),
        path: /messages\.0\.id/,
      },
    ]
    setPlatformAppSecret('platform-app-secret')
    try {
      for (const { body, path, platform } of cases) {
        // Signed by the number's own secret (or the platform's): only the shape is wrong.
        const response = await server.post(body, platform ? { secret: 'platform-app-secret' } : {})
        const answer = (await response.json()) as { error: string; path: string }
        expect([response.status, answer.error], JSON.stringify(body).slice(0, 200)).toEqual([
          400,
          'payload_invalid',
        ])
        expect(answer.path).toMatch(path)
      }
    } finally {
      setPlatformAppSecret(undefined)
    }
    expect(await deliveryCount()).toBe(before)
    expect(stored).toEqual([])
  })

  it('checks every phone_number_id as digits before any lookup: a NUL byte is a 400, not a 500', async () => {
    const { phoneNumberId } = await agency()
    const before = await deliveryCount()
    for (const id of ['\u0000', '10900000000000\u00001', '12345', 'abc123456', '1'.repeat(21)]) {
      const body = {
        object: 'whatsapp_business_account',
        entry: [
          wa.envelope(phoneNumberId, { statuses: [] }).entry[0],
          wa.envelope(id, { statuses: [] }).entry[0],
        ],
      }
      // Unsigned by anything that knows the number: refused before a query is made.
      const response = await server.post(body, { secret: 'siapa-saja' })
      const answer = (await response.json()) as { error: string; path: string }
      expect([response.status, answer.error]).toEqual([400, 'phone_number_id_invalid'])
      expect(answer.path).toBe('entry.1.changes.0.value.metadata.phone_number_id')
    }
    const handshake = await fetch(
      `${server.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=%00&hub.challenge=1`,
    )
    expect(handshake.status).toBe(403)
    expect(await deliveryCount()).toBe(before)
  })

  it('keeps a message with a NUL character or a lone surrogate, made storable', async () => {
    const env = await agency()
    const from = '6281233330002'
    const body = wa.envelope(env.phoneNumberId, {
      contacts: [wa.contact(from, 'Budi\u0000')],
      messages: [wa.text(from, 'Jalan berlubang\u0000 di depan pasar \ud800 Paringin sejak minggu lalu.')],
    })
    expect((await server.post(body)).status).toBe(200)
    const id = stored.pop()!
    expect(await processDelivery(id)).toMatchObject({ tenantIds: [env.tenant.id] })
    const [delivery] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id))
    expect(delivery).toMatchObject({ status: 'processed', error: null })
    const [complaint] = await complaintsOf(env.tenant.id)
    expect(complaint?.description).toBe(
      'Jalan berlubang\uFFFD di depan pasar \uFFFD Paringin sejak minggu lalu.',
    )
  })
})

describe('an inactive number or agency is no route', () => {
  it('refuses what its own secret signed (401), and neither opens complaints nor replies for what the platform signed', async () => {
    const env = await agency()
    const from = '6281233330003'
    const body = textBody(env.phoneNumberId, from, 'Ada pohon tumbang menutup jalan ke kantor desa.')
    await withTenant(env.tenant.id, (tx) =>
      tx
        .update(channels)
        .set({ active: false })
        .where(and(eq(channels.tenantId, env.tenant.id), eq(channels.id, env.channel.id))),
    )
    const refused = await server.post(body)
    expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([
      401,
      'signature_invalid',
    ])

    // The platform app still signs for every number it hosts; processing skips the inactive one.
    setPlatformAppSecret('platform-app-secret')
    try {
      expect((await server.post(body, { secret: 'platform-app-secret' })).status).toBe(200)
    } finally {
      setPlatformAppSecret(undefined)
    }
    const id = stored.pop()!
    expect(await processDelivery(id)).toEqual({ tenantIds: [], unroutable: [env.phoneNumberId] })
    const [delivery] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id))
    expect(delivery?.status).toBe('unroutable')
    expect(await complaintsOf(env.tenant.id)).toEqual([])
    expect(await sendQueuedMessages(env.tenant.id)).toMatchObject({ sent: 0 })
    expect(await server.sentTo(from)).toEqual([])
  })

  it('an inactive agency: its number is refused and nothing it queued is sent; a deactivated number sends nothing either', async () => {
    const env = await agency()
    const from = '6281233330004'
    expect(
      (await server.post(textBody(env.phoneNumberId, from, 'Sampah menumpuk di depan sekolah dasar.')))
        .status,
    ).toBe(200)
    await processDelivery(stored.pop()!)
    expect(await complaintsOf(env.tenant.id)).toHaveLength(1)
    await owner`update tenants set active = false where id = ${env.tenant.id}`
    const later = await server.post(
      textBody(env.phoneNumberId, from, 'Masih ada sampah yang belum diangkut.'),
    )
    expect(later.status).toBe(401)
    // The acknowledgement queued while it was active is not sent by the job.
    await whatsappSend.handler({ tenantId: env.tenant.id })
    expect(await server.sentTo(from)).toEqual([])

    // Active again, but its number deactivated: still nothing goes out through that number.
    await owner`update tenants set active = true where id = ${env.tenant.id}`
    await withTenant(env.tenant.id, (tx) =>
      tx.update(channels).set({ active: false }).where(eq(channels.tenantId, env.tenant.id)),
    )
    expect(await sendQueuedMessages(env.tenant.id)).toMatchObject({ sent: 0 })
    expect(await server.sentTo(from)).toEqual([])
  })
})

describe('statuses and retention', () => {
  it('does not store a status for a message id that is not ours', async () => {
    const env = await agency()
    const body = wa.envelope(env.phoneNumberId, {
      statuses: [wa.status(wa.wamid(), 'delivered', '6281233330005')],
    })
    expect((await server.post(body)).status).toBe(200)
    await processDelivery(stored.pop()!)
    expect(
      await withTenant(env.tenant.id, (tx) =>
        tx.select().from(messageStatuses).where(eq(messageStatuses.tenantId, env.tenant.id)),
      ),
    ).toEqual([])
  })

  it('deletes processed, unroutable and failed bodies after 30 days, and keeps the rest', async () => {
    const old = new Date(Date.now() - 31 * 86_400_000)
    const recent = new Date(Date.now() - 29 * 86_400_000)
    const rows = await db()
      .insert(webhookDeliveries)
      .values(
        (['processed', 'unroutable', 'failed', 'received'] as const).flatMap((status) => [
          { body: `{"retention":"old ${status}"}`, status, receivedAt: old },
          { body: `{"retention":"recent ${status}"}`, status, receivedAt: recent },
        ]),
      )
      .returning({ id: webhookDeliveries.id, body: webhookDeliveries.body })
    const result = (await webhookRetention.handler({})) as { deleted: number }
    expect(result.deleted).toBeGreaterThanOrEqual(3)
    const left = await db()
      .select({ body: webhookDeliveries.body })
      .from(webhookDeliveries)
      .where(
        inArray(
          webhookDeliveries.id,
          rows.map((r) => r.id),
        ),
      )
    expect(left.map((r) => r.body).sort()).toEqual(
      [
        '{"retention":"old received"}',
        '{"retention":"recent failed"}',
        '{"retention":"recent processed"}',
        '{"retention":"recent received"}',
        '{"retention":"recent unroutable"}',
      ].sort(),
    )
  })
})

describe('one bad delivery does not stall intake', () => {
  it('the catch-up sweep goes past a poison delivery, and stops trying it after five attempts', async () => {
    const good = await agency()
    const bad = await brokenAgency()
    const poisonBody = JSON.stringify(
      textBody(bad.phoneNumberId, '6281233330006', 'Aduan ke instansi yang belum punya SOP sama sekali.'),
    )
    const genuineBody = JSON.stringify(
      textBody(good.phoneNumberId, '6281233330007', 'Aduan sungguhan yang menunggu di belakang aduan rusak.'),
    )
    // Both stuck (stored, never queued) for a minute; the poison one first.
    const minuteAgo = new Date(Date.now() - 60_000)
    const [poison, genuine] = await db()
      .insert(webhookDeliveries)
      .values([
        { body: poisonBody, phoneNumberIds: [bad.phoneNumberId], receivedAt: minuteAgo },
        { body: genuineBody, phoneNumberIds: [good.phoneNumberId], receivedAt: minuteAgo },
      ])
      .returning({ id: webhookDeliveries.id })
    await whatsappSweep.handler({}).catch(() => {})
    expect(await complaintsOf(good.tenant.id)).toHaveLength(1)
    const attemptsOf = async () =>
      (await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, poison!.id)))[0]!
    expect(await attemptsOf()).toMatchObject({ status: 'failed', attempts: 1 })
    const [done] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, genuine!.id))
    expect(done?.status).toBe('processed')

    for (let i = 0; i < 6; i++) await whatsappSweep.handler({}).catch(() => {})
    const poisoned = await attemptsOf()
    expect(poisoned).toMatchObject({ status: 'failed', attempts: 5 })
    expect(poisoned.error).toMatch(/^poison: /)
    expect(await complaintsOf(bad.tenant.id)).toEqual([])
  })

  it('a poison job does not fail the batch it was fetched in: the genuine message next to it is processed promptly', async () => {
    await startJobs({ ownerUrl: testOwnerUrl, work: true })
    try {
      const good = await agency()
      const bad = await brokenAgency()
      const send = (body: unknown) => {
        const payload = JSON.stringify(body)
        return fetch(`${server.url}/webhooks/whatsapp`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Hub-Signature-256': signBody(payload, wa.APP_SECRET),
          },
          body: payload,
        })
      }
      const ids: number[] = []
      const queue = async (body: unknown) => {
        expect((await send(body)).status).toBe(200)
        const id = stored.pop()!
        ids.push(id)
        return id
      }
      // Queued together, poison first, so one worker fetches them in one batch.
      const poisonIds: number[] = []
      for (let i = 0; i < 4; i++)
        poisonIds.push(
          await queue(textBody(bad.phoneNumberId, `62812333301${i}0`, `Aduan rusak nomor ${i} tanpa SOP.`)),
        )
      const genuineId = await queue(
        textBody(good.phoneNumberId, '6281233330199', 'Aduan sungguhan di antara aduan-aduan yang rusak.'),
      )
      const started = Date.now()
      // The poison ones at a higher priority: fetched first, in the same batch as the genuine one.
      await jobQueue().insert(
        ids.map((deliveryId) => ({
          name: 'whatsapp-delivery',
          data: { deliveryId },
          priority: deliveryId === genuineId ? 0 : 1,
        })),
      )
      const complaint = await until(async () => (await complaintsOf(good.tenant.id))[0], 20_000)
      const waited = Date.now() - started
      console.log(`genuine message processed ${waited} ms after being queued behind 4 poison deliveries`)
      expect(complaint?.description).toBe('Aduan sungguhan di antara aduan-aduan yang rusak.')
      expect(waited).toBeLessThan(10_000)
      // The complaint commits before its delivery is marked: wait for the mark, not just the complaint.
      const row = await until(async () => {
        const [delivery] = await db()
          .select()
          .from(webhookDeliveries)
          .where(eq(webhookDeliveries.id, genuineId))
        return delivery?.status === 'processed' ? delivery : undefined
      }, 20_000)
      expect(row?.status).toBe('processed')
      const allFailed = await until(async () => {
        const rows = await db()
          .select()
          .from(webhookDeliveries)
          .where(inArray(webhookDeliveries.id, poisonIds))
        return rows.every((p) => p.status === 'failed' && p.attempts >= 1) ? rows : undefined
      }, 20_000)
      expect(allFailed).toHaveLength(4)
      expect(await withTenant(good.tenant.id, (tx) => tx.select().from(messages))).not.toEqual([])
    } finally {
      await stopJobs()
    }
  }, 60_000)
})
