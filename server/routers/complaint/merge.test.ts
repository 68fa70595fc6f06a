import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUnit } from '#db/factories/index.ts'
import { complaintEvents, complaints, complaintSteps, dispatches } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor, refusal } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import * as wa from '#db/test/whatsapp.ts'
import { runReporterNotifications } from '#server/channels/whatsapp-cloud/notify.ts'
import { processDelivery } from '#server/channels/whatsapp-cloud/process-delivery.ts'
import { sendQueuedMessages } from '#server/channels/whatsapp-cloud/send.ts'

let server: Awaited<ReturnType<typeof wa.startTestServer>>
const stored: number[] = []
beforeAll(async () => {
  server = await wa.startTestServer((id) => stored.push(id))
})
afterAll(async () => {
  await server.close()
})

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
  const { phoneNumberId } = await wa.whatsappNumber(env.tenant)
  /** A citizen reports on WhatsApp; returns the ticket of the complaint it opened. */
  async function report(from: string, text: string) {
    await server.post(
      wa.envelope(phoneNumberId, { contacts: [wa.contact(from)], messages: [wa.text(from, text)] }),
    )
    await drain(env.tenant.id)
    const [row] = await withTenant(env.tenant.id, (tx) =>
      tx.select({ ticket: complaints.ticketNumber }).from(complaints).where(eq(complaints.description, text)),
    )
    return row!.ticket
  }
  return { ...env, phoneNumberId, report }
}

const texts = async (to: string) => (await server.sentTo(to)).map((m) => JSON.stringify(m.body)).join('\n')

describe('merging the same report', () => {
  it('closes the duplicate into the original and keeps both reporters told, each under their own ticket', async () => {
    const env = await setup()
    const siti = '6281211120001'
    const andi = '6281211120002'
    const original = await env.report(siti, 'Balap liar di jalan lingkar Paringin setiap malam minggu.')
    const duplicate = await env.report(andi, 'Ada balap motor liar di jalan lingkar Paringin, bising sekali.')
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    const before = await operator.complaint.get({ ticket: duplicate })
    expect(before.canMerge).toBe(true)

    const merged = await operator.complaint.merge({
      ticket: duplicate.toLowerCase(),
      originalTicket: original,
      expectedVersion: before.complaint.version,
    })
    expect(merged).toEqual({ original, reporterTold: true })
    await drain(env.tenant.id)
    expect(await texts(andi)).toContain(`Aduan ${duplicate} Anda sama dengan laporan ${original}`)

    const view = await operator.complaint.get({ ticket: duplicate })
    expect(view.complaint.status).toBe('closed')
    expect(view.mergedInto).toBe(original)
    expect(view.canMerge).toBe(false)
    expect(view.currentStep).toBeNull()
    expect(view.events.map((e) => e.kind)).toContain('merged_into')
    const originalView = await operator.complaint.get({ ticket: original })
    expect(originalView.duplicates).toEqual([{ ticket: duplicate, channel: 'whatsapp' }])
    expect(originalView.events.map((e) => e.kind)).toContain('duplicate_merged')
    const openVisits = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(complaintSteps).where(eq(complaintSteps.outcomeKey, 'merged')),
    )
    expect(openVisits).toHaveLength(1)

    // What the second reporter adds now goes to the complaint being handled.
    await server.post(
      wa.envelope(env.phoneNumberId, {
        contacts: [wa.contact(andi)],
        messages: [wa.text(andi, 'Malam ini mereka datang lagi jam sebelas.')],
      }),
    )
    await drain(env.tenant.id)
    const onOriginal = await operator.complaint.get({ ticket: original })
    expect(onOriginal.events.filter((e) => e.kind === 'reporter_message')).toHaveLength(2)
    // Asking for their own ticket, they hear where the original stands.
    await server.post(
      wa.envelope(env.phoneNumberId, {
        contacts: [wa.contact(andi)],
        messages: [wa.text(andi, `status ${duplicate}`)],
      }),
    )
    await drain(env.tenant.id)
    expect(await texts(andi)).toContain(
      `Aduan ${duplicate} sedang di tahap: Menerima WhatsApp aduan dari pelapor`,
    )

    // The original moves on: the SOP's notice reaches both reporters.
    for (const [outcomeKey, checklist] of [
      ['diterima', ['verifikasi-laporan', 'data-pelapor']],
      ['tidak-sesuai', ['diteruskan']],
    ] as const) {
      const { complaint } = await operator.complaint.get({ ticket: original })
      await operator.complaint.transition({
        ticket: original,
        outcomeKey,
        checklist: [...checklist],
        expectedVersion: complaint.version,
      })
    }
    await drain(env.tenant.id)
    expect(await texts(siti)).toContain(`aduan ${original} tidak dapat kami tindak lanjuti`)
    expect(await texts(andi)).toContain(`aduan ${duplicate} tidak dapat kami tindak lanjuti`)
  })

  it('refuses what cannot be merged, with a reason, changing nothing', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    const create = (description: string) => operator.complaint.create({ channel: 'phone', description })
    const a = (await create('Pedagang menutup trotoar di depan pasar Paringin.')).ticketNumber
    const b = (await create('Trotoar depan pasar Paringin dipakai pedagang.')).ticketNumber
    const version = (await operator.complaint.get({ ticket: b })).complaint.version
    const merge = (originalTicket: string, expectedVersion = version, ticket = b) =>
      refusal(operator.complaint.merge({ ticket, originalTicket, expectedVersion }))

    expect(await merge(b)).toEqual({ code: 'BAD_REQUEST', messageKey: 'complaints.merge.same' })
    expect(await merge('LALISA-2026-999999')).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'complaints.merge.unknownOriginal',
    })
    expect(await merge(a, version - 1)).toEqual({ code: 'CONFLICT', messageKey: 'errors.transitionConflict' })
    const trc = await callerFor(env.member('trc').userId, env.tenant.slug)
    expect(
      (await refusal(trc.complaint.merge({ ticket: b, originalTicket: a, expectedVersion: version }))).code,
    ).toBe('FORBIDDEN')
    const untouched = await withTenant(env.tenant.id, (tx) => tx.select().from(complaints))
    expect(untouched.map((c) => [c.status, c.mergedIntoId])).toEqual([
      ['open', null],
      ['open', null],
    ])

    await operator.complaint.merge({ ticket: b, originalTicket: a, expectedVersion: version })
    // Merged once: neither it nor into it again.
    expect(await merge(a, version + 1)).toEqual({
      code: 'CONFLICT',
      messageKey: 'complaints.merge.duplicateClosed',
    })
    const c = (await create('Pedagang kaki lima di trotoar pasar lagi.')).ticketNumber
    const cVersion = (await operator.complaint.get({ ticket: c })).complaint.version
    expect(await merge(b, cVersion, c)).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'complaints.merge.originalClosed',
    })
  })

  it("answers 404 for another tenant's complaint and cannot reach another tenant's original", async () => {
    const a = await sopTenant('satpol-pp-kabupaten', { ticketPrefix: 'AAA' })
    const b = await sopTenant('satpol-pp-kabupaten', { ticketPrefix: 'BBB' })
    const aOperator = await callerFor(a.member('operator').userId, a.tenant.slug)
    const bOperator = await callerFor(b.member('operator').userId, b.tenant.slug)
    const inA = (
      await aOperator.complaint.create({ channel: 'phone', description: 'Parkir liar di alun-alun.' })
    ).ticketNumber
    const inB = (
      await bOperator.complaint.create({ channel: 'phone', description: 'Parkir liar di terminal.' })
    ).ticketNumber
    const version = (await aOperator.complaint.get({ ticket: inA })).complaint.version
    expect(
      (
        await refusal(
          aOperator.complaint.merge({ ticket: inB, originalTicket: inA, expectedVersion: version }),
        )
      ).code,
    ).toBe('NOT_FOUND')
    expect(
      await refusal(
        aOperator.complaint.merge({ ticket: inA, originalTicket: inB, expectedVersion: version }),
      ),
    ).toEqual({ code: 'BAD_REQUEST', messageKey: 'complaints.merge.unknownOriginal' })
    const viaB = await callerFor(a.member('operator').userId, b.tenant.slug)
    expect(
      (await refusal(viaB.complaint.merge({ ticket: inB, originalTicket: inB, expectedVersion: 0 }))).code,
    ).toBe('NOT_FOUND')
    for (const env of [a, b]) {
      const rows = await withTenant(env.tenant.id, (tx) => tx.select().from(complaints))
      expect(rows.map((r) => [r.status, r.mergedIntoId])).toEqual([['open', null]])
      const events = await withTenant(env.tenant.id, (tx) => tx.select().from(complaintEvents))
      expect(events.map((e) => e.kind)).toEqual(['created', 'sop_started'])
    }
  })

  it("keeps every report one hop from the original, calls off the duplicate's TRC trip, and lets only one of two opposite merges win", async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const post = await createUnit(env.tenant, {
      kind: 'trc_post',
      name: 'Pos TRC Juai',
      latitude: -2.38,
      longitude: 115.61,
    })
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    const kabid = await callerFor(env.member('head_of_division').userId, env.tenant.slug)
    const create = async (description: string) =>
      (await operator.complaint.create({ channel: 'phone', description })).ticketNumber
    const version = async (ticket: string) => (await operator.complaint.get({ ticket })).complaint.version
    const a = await create('Parkir liar di depan Pasar Juai sejak pagi.')
    const b = await create('Mobil parkir di bahu jalan Pasar Juai, macet.')
    const c = await create('Parkir liar Pasar Juai, jalan tertutup sebagian.')
    await kabid.trc.dispatch({ ticket: b, unitId: post.id })

    await operator.complaint.merge({ ticket: a, originalTicket: b, expectedVersion: await version(a) })
    await operator.complaint.merge({ ticket: b, originalTicket: c, expectedVersion: await version(b) })
    const rows = await withTenant(env.tenant.id, (tx) => tx.select().from(complaints))
    const byTicket = Object.fromEntries(rows.map((r) => [r.ticketNumber, r]))
    expect(byTicket[a]!.mergedIntoId).toBe(byTicket[c]!.id)
    expect(byTicket[b]!.mergedIntoId).toBe(byTicket[c]!.id)
    expect((await operator.complaint.get({ ticket: c })).duplicates.map((d) => d.ticket).sort()).toEqual(
      [a, b].sort(),
    )
    const trips = await withTenant(env.tenant.id, (tx) => tx.select().from(dispatches))
    expect(trips.map((d) => d.status)).toEqual(['cancelled'])
    expect((await operator.complaint.get({ ticket: b })).events.map((e) => e.kind)).toContain('trc_cancelled')

    // X into Y and Y into X at the same moment: one wins, the other is refused, nothing points in a circle.
    const x = await create('Pedagang di trotoar Jalan Merdeka, pejalan kaki turun ke jalan.')
    const y = await create('Trotoar Jalan Merdeka penuh lapak pedagang.')
    const results = await Promise.allSettled([
      operator.complaint.merge({ ticket: x, originalTicket: y, expectedVersion: await version(x) }),
      operator.complaint.merge({ ticket: y, originalTicket: x, expectedVersion: await version(y) }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    const after = await withTenant(env.tenant.id, (tx) => tx.select().from(complaints))
    const merged = after.filter((r) => [x, y].includes(r.ticketNumber) && r.mergedIntoId)
    expect(merged).toHaveLength(1)
    expect(after.find((r) => r.id === merged[0]!.mergedIntoId)?.status).toBe('open')
  })
})
