import { TRPCError } from '@trpc/server'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { complaintEvents, complaints } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  )

describe('complaint router', () => {
  it('registers a walk-in complaint on the walk-in SOP and shows the duty officer the step to do', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', { ticketPrefix: 'LALISA' })
    const piket = await callerFor(env.member('duty_officer').userId, env.tenant.slug)
    const { ticketNumber, trackingSecret } = await piket.complaint.create({
      channel: 'walk_in',
      description: 'Pedagang berjualan di trotoar depan pasar Paringin.',
      reporterName: 'Siti Aminah',
      reporterPhone: '081234567890',
    })
    expect(ticketNumber).toMatch(/^LALISA-\d{4}-000001$/)
    expect(trackingSecret.length).toBeGreaterThanOrEqual(8)
    const view = await piket.complaint.get({ ticket: ticketNumber })
    expect(view.sop?.nameId).toBe('Pelayanan Pengaduan Secara Langsung')
    expect(view.currentStep?.key).toBe('kedatangan')
    expect(view.canAct).toBe(true)
    expect(view.reporter).toMatchObject({ name: 'Siti Aminah', phone: '081234567890' })

    // The TRC member may see the complaint but holds no role of the step: no action, and 403 if forced.
    const trc = await callerFor(env.member('trc').userId, env.tenant.slug)
    const trcView = await trc.complaint.get({ ticket: ticketNumber })
    expect(trcView.canAct).toBe(false)
    expect(trcView.reporter).toMatchObject({ name: 'S*** A*****', phone: '0812*****890' })
    const forced = trc.complaint.transition({
      ticket: ticketNumber,
      outcomeKey: 'tercatat',
      checklist: ['identitas'],
      expectedVersion: view.complaint.version,
    })
    expect(await codeOf(forced)).toBe('FORBIDDEN')

    await piket.complaint.transition({
      ticket: ticketNumber,
      outcomeKey: 'tercatat',
      checklist: ['identitas'],
      expectedVersion: view.complaint.version,
    })
    const moved = await piket.complaint.get({ ticket: ticketNumber })
    expect(moved.currentStep?.key).toBe('hubungi-staf')
    expect(moved.events.map((e) => e.kind)).toEqual(['created', 'sop_started', 'transition'])
  })

  it('rejects a too-short description with BAD_REQUEST and stores nothing', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const piket = await callerFor(env.member('duty_officer').userId, env.tenant.slug)
    expect(await codeOf(piket.complaint.create({ channel: 'walk_in', description: 'pendek' }))).toBe(
      'BAD_REQUEST',
    )
    expect(await withTenant(env.tenant.id, (tx) => tx.select().from(complaints))).toEqual([])
  })

  it("answers 404 to tenant A's operator for tenant B's complaint, and B's complaint does not move", async () => {
    const a = await sopTenant('satpol-pp-kabupaten')
    const b = await sopTenant('city-control-room')
    const bOperator = await callerFor(b.member('operator').userId, b.tenant.slug)
    const { ticketNumber } = await bOperator.complaint.create({
      channel: 'phone',
      description: 'Jalan berlubang di Jl. Sudirman dekat halte.',
    })
    const aOperator = await callerFor(a.member('operator').userId, a.tenant.slug)
    expect(await codeOf(aOperator.complaint.get({ ticket: ticketNumber }))).toBe('NOT_FOUND')
    expect(
      await codeOf(
        aOperator.complaint.transition({
          ticket: ticketNumber,
          outcomeKey: 'diterima',
          checklist: [],
          expectedVersion: 1,
        }),
      ),
    ).toBe('NOT_FOUND')
    const viaB = await callerFor(a.member('operator').userId, b.tenant.slug)
    expect(await codeOf(viaB.complaint.get({ ticket: ticketNumber }))).toBe('NOT_FOUND')
    const events = await withTenant(b.tenant.id, (tx) => tx.select().from(complaintEvents))
    expect(events.map((e) => e.kind)).toEqual(['created', 'sop_started'])
    const [row] = await withTenant(b.tenant.id, (tx) =>
      tx.select().from(complaints).where(eq(complaints.ticketNumber, ticketNumber)),
    )
    expect(row?.currentStepKey).toBe('masuk')
  })
})
