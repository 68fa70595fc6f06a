import { TRPCError } from '@trpc/server'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { addMembership, createUnit, createUser } from '#db/factories/index.ts'
import { complaints, dispatches, notifications } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { transitionComplaint } from '#server/sop/engine.ts'
import { runDispatchActions } from '#server/trc/dispatch.ts'

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof TRPCError ? `${e.code}:${e.message}` : String(e)),
  )

/** A LA-LISA complaint in Juai brought to "send the TRC" and sent, with two posts to choose from. */
async function dispatched() {
  const env = await sopTenant('satpol-pp-kabupaten')
  const paringin = await createUnit(env.tenant, {
    kind: 'trc_post',
    name: 'Pos TRC Paringin',
    latitude: -2.3337,
    longitude: 115.4636,
  })
  const juai = await createUnit(env.tenant, {
    kind: 'trc_post',
    name: 'Pos TRC Juai',
    latitude: -2.3805,
    longitude: 115.6132,
  })
  const { user: juaiMember } = await createUser({ tenant: env.tenant, roles: ['trc'], unitId: juai.id })
  const { user: paringinMember } = await createUser({
    tenant: env.tenant,
    roles: ['trc'],
    unitId: paringin.id,
  })
  const complaint = await env.newComplaint('whatsapp', new Date())
  await withTenant(env.tenant.id, async (tx) => {
    await tx
      .update(complaints)
      .set({ latitude: -2.39, longitude: 115.6 })
      .where(eq(complaints.id, complaint.id))
    const path: [string, Parameters<typeof env.member>[0], string[]][] = [
      ['diterima', 'operator', ['verifikasi-laporan', 'data-pelapor']],
      ['sesuai', 'operator', ['diteruskan']],
      ['terverifikasi', 'supervisor', ['terverifikasi']],
      ['sesuai', 'supervisor', ['ditindaklanjuti']],
      ['trc-berangkat', 'head_of_division', ['mobil', 'sepeda-motor', 'pentungan', 'tameng']],
    ]
    for (const [outcomeKey, role, checklist] of path) {
      await transitionComplaint({
        tx,
        tenant: env.tenant,
        actor: env.member(role),
        complaintId: complaint.id,
        outcomeKey,
        checklist,
      })
    }
  })
  expect(await runDispatchActions(env.tenant.id)).toBe(1)
  return { env, complaint, juai, juaiMember, paringinMember }
}

describe('trc router', () => {
  it('sends the TRC of the nearest post, who departs, arrives and finishes; the SOP moves on with the findings', async () => {
    const { env, complaint, juai, juaiMember, paringinMember } = await dispatched()
    const [dispatch] = await withTenant(env.tenant.id, (tx) => tx.select().from(dispatches))
    expect(dispatch?.unitId).toBe(juai.id)
    const bell = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(notifications).where(eq(notifications.kind, 'trc_dispatched')),
    )
    expect(bell).toHaveLength(1)

    const member = await callerFor(juaiMember.id, env.tenant.slug)
    const [mine] = await member.trc.findMine()
    expect(mine).toMatchObject({
      status: 'assigned',
      post: 'Pos TRC Juai',
      complaint: { ticketNumber: complaint.ticketNumber },
    })
    expect(await (await callerFor(paringinMember.id, env.tenant.slug)).trc.findMine()).toEqual([])

    expect(
      await codeOf(member.trc.update({ dispatchId: mine!.id, action: 'finish', findings: 'pendek' })),
    ).toMatch(/^BAD_REQUEST/)
    await member.trc.update({ dispatchId: mine!.id, action: 'depart' })
    expect(await codeOf(member.trc.update({ dispatchId: mine!.id, action: 'depart' }))).toBe(
      'CONFLICT:trc.errors.wrongOrder',
    )
    await member.trc.update({
      dispatchId: mine!.id,
      action: 'arrive',
      latitude: -2.3901,
      longitude: 115.6003,
    })
    await member.trc.update({
      dispatchId: mine!.id,
      action: 'finish',
      findings: 'Pedagang sudah ditertibkan dan diberi surat teguran.',
    })

    const [after] = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(complaints).where(eq(complaints.id, complaint.id)),
    )
    expect(after?.currentStepKey).toBe('terima-laporan')
    const [done] = await withTenant(env.tenant.id, (tx) => tx.select().from(dispatches))
    expect(done).toMatchObject({
      status: 'finished',
      arrivedLatitude: -2.3901,
      findings: 'Pedagang sudah ditertibkan dan diberi surat teguran.',
    })
  })

  it('keeps tenants apart and refuses roles without dispatch.perform', async () => {
    const a = await dispatched()
    const b = await dispatched()
    const [bDispatch] = await withTenant(b.env.tenant.id, (tx) => tx.select().from(dispatches))
    const aMember = await callerFor(a.juaiMember.id, a.env.tenant.slug)
    expect(await codeOf(aMember.trc.update({ dispatchId: bDispatch!.id, action: 'depart' }))).toBe(
      'NOT_FOUND:errors.notFound',
    )
    expect(await codeOf((await callerFor(a.juaiMember.id, b.env.tenant.slug)).trc.findMine())).toBe(
      'NOT_FOUND:errors.notFound',
    )
    const [untouched] = await withTenant(b.env.tenant.id, (tx) => tx.select().from(dispatches))
    expect(untouched?.status).toBe('assigned')
    const { user: operator } = await createUser({})
    await addMembership({ tenant: a.env.tenant, user: operator, roles: ['operator'] })
    expect(await codeOf((await callerFor(operator.id, a.env.tenant.slug)).trc.findMine())).toBe(
      'FORBIDDEN:errors.forbidden',
    )
  })
})
