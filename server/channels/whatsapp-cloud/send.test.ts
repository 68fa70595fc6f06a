import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { conversations, messages, reporters } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import * as wa from '#db/test/whatsapp.ts'
import { queueReporterMessage } from './outbound.ts'
import { processDelivery } from './process-delivery.ts'
import { sendQueuedMessages } from './send.ts'

let server: Awaited<ReturnType<typeof wa.startTestServer>>
const stored: number[] = []
beforeAll(async () => {
  server = await wa.startTestServer((id) => stored.push(id))
})
afterAll(async () => {
  await server.close()
})

async function reporterConversation(tenantId: string, channelId: string, to: string) {
  return withTenant(tenantId, async (tx) => {
    const [reporter] = await tx
      .insert(reporters)
      .values({ tenantId, waId: to, phone: `+${to}`, name: 'Warga' })
      .returning()
    const [row] = await tx
      .insert(conversations)
      .values({ tenantId, channelId, reporterId: reporter!.id, lastInboundAt: new Date() })
      .returning()
    return row!
  })
}

describe('sending to reporters', () => {
  it('applies statuses that were processed before the accepted message’s wamid was written', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', { ticketPrefix: 'LALISA' })
    const { channel, phoneNumberId } = await wa.whatsappNumber(env.tenant)
    const to = '6281244440002'
    const conversation = await reporterConversation(env.tenant.id, channel.id, to)
    const id = await withTenant(env.tenant.id, (tx) =>
      queueReporterMessage({ tx, tenantId: env.tenant.id, conversationId: conversation.id, text: 'Halo' }),
    )
    // Meta's statuses of the send arrive and are processed while the sender has not recorded the wamid.
    for (const value of ['sent', 'delivered', 'read'])
      await server.post(wa.envelope(phoneNumberId, { statuses: [wa.status('wamid.EARLY1', value, to)] }))
    while (stored.length > 0) await processDelivery(stored.shift()!)
    await withTenant(env.tenant.id, (tx) =>
      tx.update(messages).set({ wamid: 'wamid.EARLY1' }).where(eq(messages.id, id)),
    )
    await sendQueuedMessages(env.tenant.id)
    const [row] = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(messages).where(eq(messages.id, id)),
    )
    expect(row?.status).toBe('read')
  })

  it('never lets a later message overtake an earlier one that another worker is still sending', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', { ticketPrefix: 'LALISA' })
    const { channel } = await wa.whatsappNumber(env.tenant)
    const to = '6281244440001'
    const conversation = await withTenant(env.tenant.id, async (tx) => {
      const [reporter] = await tx
        .insert(reporters)
        .values({ tenantId: env.tenant.id, waId: to, phone: `+${to}`, name: 'Warga' })
        .returning()
      const [row] = await tx
        .insert(conversations)
        .values({
          tenantId: env.tenant.id,
          channelId: channel.id,
          reporterId: reporter!.id,
          lastInboundAt: new Date(),
        })
        .returning()
      return row!
    })
    const queue = (text: string) =>
      withTenant(env.tenant.id, (tx) =>
        queueReporterMessage({ tx, tenantId: env.tenant.id, conversationId: conversation.id, text }),
      )
    await queue('Pesan pertama')
    // Meta does not answer the first send: the first worker waits on it for its full timeout.
    await server.failNext(to, ['timeout'])
    const first = sendQueuedMessages(env.tenant.id)
    await new Promise((r) => setTimeout(r, 1_000))
    // Meanwhile the second message is queued and another worker runs.
    await queue('Pesan kedua')
    const second = await sendQueuedMessages(env.tenant.id)
    await first
    expect(second).toMatchObject({ sent: 0, waiting: 1 })
    expect((await server.sentTo(to)).map((s) => JSON.stringify(s.body))).toEqual([])

    // Once the first is known not to have arrived, both go, in order.
    const later = new Date(Date.now() + 5 * 60_000)
    expect(await sendQueuedMessages(env.tenant.id, later)).toMatchObject({ sent: 2 })
    const texts = (await server.sentTo(to)).map((s) => (s.body.text as { body: string }).body)
    expect(texts).toEqual(['Pesan pertama', 'Pesan kedua'])
    const rows = await withTenant(env.tenant.id, (tx) =>
      tx
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, conversation.id), eq(messages.direction, 'outbound')))
        .orderBy(asc(messages.createdAt)),
    )
    expect(rows.map((m) => [m.body, m.attempts, m.payload.sending])).toEqual([
      ['Pesan pertama', 2, undefined],
      ['Pesan kedua', 1, undefined],
    ])
  }, 60_000)
})
