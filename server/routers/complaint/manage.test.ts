import { TRPCError } from '@trpc/server'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { complaintEvents, complaints, notifications } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  )

describe('managing a complaint', () => {
  it('keeps an internal note, assigns a person who is told, and changes priority and category', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const kasi = await callerFor(env.member('supervisor').userId, env.tenant.slug)
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    const { ticketNumber } = await operator.complaint.create({
      channel: 'phone',
      description: 'Parkir liar di depan rumah sakit umum daerah.',
    })
    await kasi.complaint.addNote({ ticket: ticketNumber, text: 'Sudah dua kali dilaporkan bulan ini.' })
    const options = await kasi.complaint.getManageOptions()
    await kasi.complaint.assign({
      ticket: ticketNumber,
      membershipId: env.member('operator').membershipId,
      unitId: null,
    })
    await kasi.complaint.updateDetails({
      ticket: ticketNumber,
      priority: 'urgent',
      categoryId: options.categories[0]!.id,
    })
    const view = await operator.complaint.get({ ticket: ticketNumber })
    expect(view.assignment.membershipId).toBe(env.member('operator').membershipId)
    expect(view.complaint.priority).toBe('urgent')
    expect(view.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['note', 'assigned', 'details_changed']),
    )
    expect(view.events.find((e) => e.kind === 'note')?.data).toEqual({
      text: 'Sudah dua kali dilaporkan bulan ini.',
    })
    const bell = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(notifications).where(eq(notifications.kind, 'complaint_assigned')),
    )
    expect(bell.map((n) => n.membershipId)).toEqual([env.member('operator').membershipId])
    // The operator is now "mine" in the inbox.
    expect((await operator.inbox.find({ view: 'mine' })).items.map((i) => i.ticketNumber)).toEqual([
      ticketNumber,
    ])
  })

  it('refuses the TRC (no complaint.assign) and tenant A for tenant B, changing nothing in B', async () => {
    const a = await sopTenant('satpol-pp-kabupaten')
    const b = await sopTenant('city-control-room')
    const bOperator = await callerFor(b.member('operator').userId, b.tenant.slug)
    const { ticketNumber } = await bOperator.complaint.create({
      channel: 'phone',
      description: 'Jalan berlubang di depan sekolah dasar.',
    })
    const trc = await callerFor(b.member('trc').userId, b.tenant.slug)
    expect(
      await codeOf(trc.complaint.assign({ ticket: ticketNumber, membershipId: null, unitId: null })),
    ).toBe('FORBIDDEN')
    const aKasi = await callerFor(a.member('supervisor').userId, a.tenant.slug)
    expect(await codeOf(aKasi.complaint.addNote({ ticket: ticketNumber, text: 'penyusup' }))).toBe(
      'NOT_FOUND',
    )
    expect(
      await codeOf(
        aKasi.complaint.updateDetails({ ticket: ticketNumber, priority: 'low', categoryId: null }),
      ),
    ).toBe('NOT_FOUND')
    // Assigning a person of tenant B from tenant A's own complaint is refused too.
    const aOperator = await callerFor(a.member('operator').userId, a.tenant.slug)
    const own = await aOperator.complaint.create({
      channel: 'phone',
      description: 'Keributan di pasar malam Paringin.',
    })
    expect(
      await codeOf(
        aKasi.complaint.assign({
          ticket: own.ticketNumber,
          membershipId: b.member('operator').membershipId,
          unitId: null,
        }),
      ),
    ).toBe('BAD_REQUEST')
    const bEvents = await withTenant(b.tenant.id, (tx) => tx.select().from(complaintEvents))
    expect(bEvents.map((e) => e.kind).sort()).toEqual(['created', 'sop_started'])
    const [bComplaint] = await withTenant(b.tenant.id, (tx) => tx.select().from(complaints))
    expect(bComplaint?.priority).toBe('normal')
  })
})
