import { TRPCError } from '@trpc/server'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { complaintEvents, messages } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import * as wa from '#db/test/whatsapp.ts'
import { whatsappComplaint } from '#db/test/whatsapp-complaint.ts'
import { sendQueuedMessages } from '#server/channels/whatsapp-cloud/send.ts'

/** The code and translated-message key of a refusal. */
const refusalOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) =>
      e instanceof TRPCError
        ? `${e.code} ${(e.cause as { messageKey?: string } | undefined)?.messageKey ?? ''}`.trim()
        : String(e),
  )

const outbound = (tenantId: string) =>
  withTenant(tenantId, (tx) => tx.select().from(messages).where(eq(messages.direction, 'outbound')))
const replyEvents = (tenantId: string) =>
  withTenant(tenantId, (tx) =>
    tx.select().from(complaintEvents).where(eq(complaintEvents.kind, 'operator_reply')),
  )

// The Graph API simulator stands in for Meta, so the tests see what the reporter's phone would get.
let server: Awaited<ReturnType<typeof wa.startTestServer>>
beforeAll(async () => {
  server = await wa.startTestServer()
})
afterAll(async () => {
  await server.close()
})

describe('complaint.reply', () => {
  it('inside the 24-hour window queues the operator’s text, records who wrote it, and the reporter gets it', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', { ticketPrefix: 'LALISA' })
    const { complaint, waId } = await whatsappComplaint(env.tenant, {
      lastInboundAt: new Date(Date.now() - 3600_000),
    })
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    const { messageId } = await operator.complaint.reply({
      ticket: complaint.ticketNumber.toLowerCase(),
      text: '  Petugas kami menuju Pasar Paringin sekarang.  ',
    })

    const [row] = await outbound(env.tenant.id)
    expect(row).toMatchObject({
      id: messageId,
      type: 'text',
      body: 'Petugas kami menuju Pasar Paringin sekarang.',
      status: 'queued',
      templateKey: 'operator_reply',
    })
    const [event] = await replyEvents(env.tenant.id)
    expect(event).toMatchObject({
      complaintId: complaint.id,
      actorMembershipId: env.member('operator').membershipId,
      data: { messageId, text: 'Petugas kami menuju Pasar Paringin sekarang.' },
    })

    const view = await operator.complaint.get({ ticket: complaint.ticketNumber })
    expect(view.canReply).toBe(true)
    expect(view.thread?.messages.map((m) => [m.author, m.body, m.status])).toEqual([
      ['reporter', 'Pedagang berjualan di trotoar depan Pasar Paringin.', 'received'],
      ['operator', 'Petugas kami menuju Pasar Paringin sekarang.', 'queued'],
    ])
    expect(view.thread?.messages[1]?.authorName).toBeTruthy()
    expect(new Date(view.thread!.windowOpenUntil!).getTime()).toBeGreaterThan(Date.now())
    expect(view.events.map((e) => e.kind)).toContain('operator_reply')

    expect(await sendQueuedMessages(env.tenant.id)).toMatchObject({ sent: 1 })
    const [got] = await server.sentTo(waId)
    expect(got?.body).toMatchObject({
      type: 'text',
      text: { body: 'Petugas kami menuju Pasar Paringin sekarang.' },
    })
  })

  it('outside the window refuses free text, refuses the template until the tenant names it, then sends the approved template', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', { ticketPrefix: 'LALISA' })
    const { complaint, waId } = await whatsappComplaint(env.tenant, {
      lastInboundAt: new Date(Date.now() - 25 * 3600_000),
    })
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    expect(
      await refusalOf(
        operator.complaint.reply({ ticket: complaint.ticketNumber, text: 'Halo, masih di sana?' }),
      ),
    ).toBe('CONFLICT reply.errors.windowClosed')
    expect(
      await refusalOf(operator.complaint.reply({ ticket: complaint.ticketNumber, template: true })),
    ).toBe('BAD_REQUEST reply.errors.templateMissing')
    expect(await outbound(env.tenant.id)).toEqual([])
    expect(await replyEvents(env.tenant.id)).toEqual([])
    const before = await operator.complaint.get({ ticket: complaint.ticketNumber })
    expect(new Date(before.thread!.windowOpenUntil!).getTime()).toBeLessThan(Date.now())
    expect(before.replyTemplate).toMatchObject({ whatsappTemplateName: null })
    expect(before.replyTemplate?.text).toContain(complaint.ticketNumber)

    // The admin names the approved template (Pengaturan → Nomor WhatsApp dan pesan).
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    await admin.channel.saveTemplate({
      key: 'operator_reply',
      language: 'id',
      body: 'Petugas {{service}} ingin menindaklanjuti aduan {{ticket}}. Balas pesan ini.',
      whatsappTemplateName: 'balasan_petugas',
    })
    const { messageId } = await operator.complaint.reply({ ticket: complaint.ticketNumber, template: true })
    const [row] = await outbound(env.tenant.id)
    expect(row).toMatchObject({
      id: messageId,
      status: 'queued',
      templateKey: 'operator_reply',
      body: `Petugas ${env.tenant.serviceName} ingin menindaklanjuti aduan ${complaint.ticketNumber}. Balas pesan ini.`,
      payload: {
        whatsappTemplateName: 'balasan_petugas',
        params: { '1': env.tenant.serviceName, '2': complaint.ticketNumber },
      },
    })
    const [event] = await replyEvents(env.tenant.id)
    expect(event?.data).toMatchObject({ messageId, template: 'balasan_petugas' })

    expect(await sendQueuedMessages(env.tenant.id)).toMatchObject({ sent: 1 })
    const [got] = await server.sentTo(waId)
    expect(got?.body).toMatchObject({
      type: 'template',
      template: {
        name: 'balasan_petugas',
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: env.tenant.serviceName },
              { type: 'text', text: complaint.ticketNumber },
            ],
          },
        ],
      },
    })
    const after = await operator.complaint.get({ ticket: complaint.ticketNumber })
    expect(after.thread?.messages.at(-1)).toMatchObject({ author: 'operator', sentAsTemplate: true })
  })

  it('refuses a member without complaint.reply (403), and an empty text, queueing nothing', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const { complaint } = await whatsappComplaint(env.tenant)
    const trc = await callerFor(env.member('trc').userId, env.tenant.slug)
    expect(await refusalOf(trc.complaint.reply({ ticket: complaint.ticketNumber, text: 'Halo' }))).toBe(
      'FORBIDDEN errors.forbidden',
    )
    const trcView = await trc.complaint.get({ ticket: complaint.ticketNumber })
    expect([trcView.canReply, trcView.replyTemplate]).toEqual([false, null])
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    expect(await refusalOf(operator.complaint.reply({ ticket: complaint.ticketNumber, text: '   ' }))).toBe(
      'BAD_REQUEST reply.errors.textRequired',
    )
    expect(
      await refusalOf(operator.complaint.reply({ ticket: complaint.ticketNumber, text: 'x'.repeat(4097) })),
    ).toBe('BAD_REQUEST')
    expect(await outbound(env.tenant.id)).toEqual([])
  })

  it('refuses a complaint without a WhatsApp thread', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    const { ticketNumber } = await operator.complaint.create({
      channel: 'phone',
      description: 'Jalan berlubang di depan kantor kecamatan.',
    })
    expect((await operator.complaint.get({ ticket: ticketNumber })).thread).toBeNull()
    expect(await refusalOf(operator.complaint.reply({ ticket: ticketNumber, text: 'Halo' }))).toBe(
      'BAD_REQUEST reply.errors.noThread',
    )
  })

  it("answers 404 to tenant A's operator replying to tenant B's ticket, and nothing is queued in B", async () => {
    const a = await sopTenant('satpol-pp-kabupaten')
    const b = await sopTenant('city-control-room')
    const { complaint } = await whatsappComplaint(b.tenant)
    const aOperator = await callerFor(a.member('operator').userId, a.tenant.slug)
    expect(await refusalOf(aOperator.complaint.reply({ ticket: complaint.ticketNumber, text: 'Halo' }))).toBe(
      'NOT_FOUND errors.notFound',
    )
    const viaB = await callerFor(a.member('operator').userId, b.tenant.slug)
    expect(await refusalOf(viaB.complaint.reply({ ticket: complaint.ticketNumber, text: 'Halo' }))).toBe(
      'NOT_FOUND errors.notFound',
    )
    expect(await outbound(b.tenant.id)).toEqual([])
    expect(await replyEvents(b.tenant.id)).toEqual([])
  })

  it('never shows the reporter’s phone number to a member without reporter.view_pii', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const { complaint, waId, conversation } = await whatsappComplaint(env.tenant)
    // A failure whose reason names the number, as Meta's errors may.
    await withTenant(env.tenant.id, (tx) =>
      tx.insert(messages).values({
        tenantId: env.tenant.id,
        conversationId: conversation.id,
        direction: 'outbound',
        wamid: `wamid.${Buffer.from(waId).toString('base64')}`,
        type: 'text',
        body: 'Aduan Anda kami terima.',
        payload: { to: waId },
        status: 'failed',
        error: { errors: [{ code: 131026, title: `Message undeliverable to +${waId}` }] },
      }),
    )
    const trc = await callerFor(env.member('trc').userId, env.tenant.slug)
    const view = await trc.complaint.get({ ticket: complaint.ticketNumber })
    const shown = JSON.stringify(view)
    expect(shown).not.toContain(waId)
    expect(shown).not.toContain(waId.slice(2))
    expect(shown).not.toContain(Buffer.from(waId).toString('base64'))
    const failed = view.thread?.messages.find((m) => m.status === 'failed')
    expect(failed?.failure).toBe('Message undeliverable to ••• (131026)')

    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    const full = await operator.complaint.get({ ticket: complaint.ticketNumber })
    expect(full.thread?.messages.find((m) => m.status === 'failed')?.failure).toBe(
      `Message undeliverable to +${waId} (131026)`,
    )
  })
})
