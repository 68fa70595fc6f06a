import { TRPCError, type inferRouterInputs } from '@trpc/server'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.ts'
import { addMembership, createUnit, createUser } from '#db/factories/index.ts'
import {
  attachments,
  complaintEvents,
  complaints,
  dispatches,
  memberships,
  notifications,
  stepActions,
  tenants,
  units,
  users,
} from '#db/schema/index.ts'
import { seedDemo } from '#db/seed/demo.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor, refusal } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { createComplaint } from '#server/complaints/create-complaint.ts'
import type { AppRouter } from '#server/routers/_app.ts'
import { transitionComplaint } from '#server/sop/engine.ts'
import { dispatchToPost, runDispatchActions } from '#server/trc/dispatch.ts'

// The first bytes of a JPEG are all the server looks at.
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex')

/** Every step of a trip a TRC member can take, on one dispatch. */
const tripUpdates = (dispatchId: string): inferRouterInputs<AppRouter>['trc']['update'][] => [
  { dispatchId, action: 'depart' },
  { dispatchId, action: 'arrive', photos: [{ fileName: 'a.jpg', dataBase64: JPEG.toString('base64') }] },
  { dispatchId, action: 'finish', findings: 'Lokasi sudah ditertibkan oleh tim.' },
  {
    dispatchId,
    action: 'photos',
    stage: 'after',
    photos: [{ fileName: 'b.jpg', dataBase64: JPEG.toString('base64') }],
  },
]

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
    const bRows = () =>
      withTenant(b.env.tenant.id, async (tx) => ({
        dispatches: await tx.select().from(dispatches),
        events: await tx.select().from(complaintEvents),
        attachments: await tx.select().from(attachments),
      }))
    const bBefore = await bRows()
    const aMember = await callerFor(a.juaiMember.id, a.env.tenant.slug)
    for (const update of tripUpdates(bDispatch!.id))
      expect({ action: update.action, refused: await codeOf(aMember.trc.update(update)) }).toEqual({
        action: update.action,
        refused: 'NOT_FOUND:errors.notFound',
      })
    expect((await aMember.trc.findMine()).map((d) => d.id)).not.toContain(bDispatch!.id)
    expect(await codeOf((await callerFor(a.juaiMember.id, b.env.tenant.slug)).trc.findMine())).toBe(
      'NOT_FOUND:errors.notFound',
    )
    const [untouched] = await withTenant(b.env.tenant.id, (tx) => tx.select().from(dispatches))
    expect(untouched?.status).toBe('assigned')
    expect(await bRows()).toEqual(bBefore)
    const { user: operator } = await createUser({})
    await addMembership({ tenant: a.env.tenant, user: operator, roles: ['operator'] })
    expect(await codeOf((await callerFor(operator.id, a.env.tenant.slug)).trc.findMine())).toBe(
      'FORBIDDEN:errors.forbidden',
    )
  })

  it('keeps photos before and after with the complaint, refusing a file that is not a photo', async () => {
    const { env, complaint, juaiMember } = await dispatched()
    const member = await callerFor(juaiMember.id, env.tenant.slug)
    const [mine] = await member.trc.findMine()
    const photo = (name: string) => ({ fileName: name, dataBase64: JPEG.toString('base64') })
    expect(
      (
        await refusal(
          member.trc.update({
            dispatchId: mine!.id,
            action: 'arrive',
            photos: [
              { fileName: 'x.jpg', dataBase64: Buffer.from('%PDF-1.4 not a photo').toString('base64') },
            ],
          }),
        )
      ).messageKey,
    ).toBe('uploads.wrongType')
    expect((await member.trc.findMine())[0]?.status).toBe('assigned')
    await member.trc.update({ dispatchId: mine!.id, action: 'arrive', photos: [photo('sebelum.jpg')] })
    await member.trc.update({
      dispatchId: mine!.id,
      action: 'finish',
      findings: 'Lapak dibongkar, trotoar kembali bisa dilalui.',
      photos: [photo('sesudah-1.jpg'), photo('sesudah-2.jpg')],
    })
    await member.trc.update({
      dispatchId: mine!.id,
      action: 'photos',
      stage: 'after',
      photos: [photo('lagi.jpg')],
    })
    const [seen] = await member.trc.findMine()
    expect(seen?.photos.map((p) => p.stage)).toEqual(['before', 'after', 'after', 'after'])
    const rows = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(attachments).where(eq(attachments.complaintId, complaint.id)),
    )
    const [juaiMembership] = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(memberships).where(eq(memberships.userId, juaiMember.id)),
    )
    expect(rows.map((r) => [r.kind, r.mimeType, r.uploadedBy])).toEqual([
      ['trc_before', 'image/jpeg', juaiMembership!.id],
      ['trc_after', 'image/jpeg', juaiMembership!.id],
      ['trc_after', 'image/jpeg', juaiMembership!.id],
      ['trc_after', 'image/jpeg', juaiMembership!.id],
    ])
    // The operator sees them on the complaint page.
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    const view = await operator.complaint.get({ ticket: complaint.ticketNumber })
    expect(view.attachments.map((a) => a.kind)).toEqual(['trc_before', 'trc_after', 'trc_after', 'trc_after'])
    expect(view.events.map((e) => e.kind)).toContain('trc_photos')
  })

  it('lets the Kabid send the TRC by hand, nearest post suggested, and redirect it without sending twice', async () => {
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
    const complaint = await env.newComplaint('whatsapp', new Date())
    await withTenant(env.tenant.id, (tx) =>
      tx.update(complaints).set({ latitude: -2.39, longitude: 115.6 }).where(eq(complaints.id, complaint.id)),
    )
    const kabid = await callerFor(env.member('head_of_division').userId, env.tenant.slug)
    const ticket = complaint.ticketNumber
    expect((await kabid.complaint.get({ ticket })).canDispatch).toBe(true)
    const options = await kabid.trc.getDispatchOptions({ ticket })
    expect(options.suggestedId).toBe(juai.id)
    expect(options.posts.map((p) => p.name)).toEqual(['Pos TRC Juai', 'Pos TRC Paringin'])
    expect(options.posts[0]!.km).toBeLessThan(3)
    expect(options.active).toBeNull()

    await kabid.trc.dispatch({ ticket, unitId: paringin.id })
    expect(await refusal(kabid.trc.dispatch({ ticket, unitId: paringin.id }))).toEqual({
      code: 'CONFLICT',
      messageKey: 'trc.errors.alreadyThere',
    })
    await kabid.trc.dispatch({ ticket, unitId: juai.id })
    const trips = await withTenant(env.tenant.id, (tx) => tx.select().from(dispatches))
    expect(trips.map((d) => [d.unitId, d.status]).sort()).toEqual(
      [
        [paringin.id, 'cancelled'],
        [juai.id, 'assigned'],
      ].sort(),
    )
    expect((await kabid.trc.getDispatchOptions({ ticket })).active).toMatchObject({
      post: 'Pos TRC Juai',
      status: 'assigned',
    })

    // The SOP's own "send the TRC" later finds the team already on its way and sends nobody else.
    await withTenant(env.tenant.id, (tx) =>
      tx.insert(stepActions).values({
        tenantId: env.tenant.id,
        complaintId: complaint.id,
        stepKey: 'kirim-trc',
        kind: 'dispatch_trc',
      }),
    )
    await runDispatchActions(env.tenant.id)
    expect(await withTenant(env.tenant.id, (tx) => tx.select().from(dispatches))).toHaveLength(2)

    const trc = await callerFor(env.member('trc').userId, env.tenant.slug)
    expect((await refusal(trc.trc.dispatch({ ticket, unitId: juai.id }))).code).toBe('FORBIDDEN')
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    expect((await operator.complaint.get({ ticket })).canDispatch).toBe(false)
    expect((await refusal(operator.trc.dispatch({ ticket, unitId: juai.id }))).code).toBe('FORBIDDEN')
    expect(await refusal(kabid.trc.dispatch({ ticket, unitId: complaint.id }))).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'trc.errors.unknownPost',
    })
  })

  it("cannot send another tenant's complaint, or to another tenant's post", async () => {
    const a = await dispatched()
    const b = await dispatched()
    const kabidA = await callerFor(a.env.member('head_of_division').userId, a.env.tenant.slug)
    const aTicket = a.complaint.ticketNumber
    const before = await withTenant(b.env.tenant.id, (tx) => tx.select().from(dispatches))
    expect(await refusal(kabidA.trc.dispatch({ ticket: aTicket, unitId: b.juai.id }))).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'trc.errors.unknownPost',
    })
    // B's complaint gets a ticket number A has none of: asked for in A's console, it is not found.
    await withTenant(b.env.tenant.id, (tx) =>
      tx.update(complaints).set({ ticketNumber: 'BBB-2026-000777' }).where(eq(complaints.id, b.complaint.id)),
    )
    expect((await refusal(kabidA.trc.dispatch({ ticket: 'BBB-2026-000777', unitId: a.juai.id }))).code).toBe(
      'NOT_FOUND',
    )
    expect((await refusal(kabidA.trc.getDispatchOptions({ ticket: 'BBB-2026-000777' }))).code).toBe(
      'NOT_FOUND',
    )
    const viaB = await callerFor(a.env.member('head_of_division').userId, b.env.tenant.slug)
    expect((await refusal(viaB.trc.dispatch({ ticket: 'BBB-2026-000777', unitId: b.juai.id }))).code).toBe(
      'NOT_FOUND',
    )
    expect((await refusal(viaB.trc.getDispatchOptions({ ticket: 'BBB-2026-000777' }))).code).toBe('NOT_FOUND')
    expect(await withTenant(b.env.tenant.id, (tx) => tx.select().from(dispatches))).toEqual(before)
  })

  it('sends one team when two people dispatch the same complaint at once', async () => {
    const { env, complaint, juai } = await dispatched()
    const paringin = await withTenant(env.tenant.id, async (tx) => {
      const [row] = await tx.select().from(units).where(eq(units.name, 'Pos TRC Paringin'))
      return row!
    })
    const kabid = await callerFor(env.member('head_of_division').userId, env.tenant.slug)
    const { user: second } = await createUser({ tenant: env.tenant, roles: ['head_of_division'] })
    const kabid2 = await callerFor(second.id, env.tenant.slug)
    const ticket = complaint.ticketNumber
    await Promise.allSettled([
      kabid.trc.dispatch({ ticket, unitId: paringin.id }),
      kabid2.trc.dispatch({ ticket, unitId: paringin.id }),
    ])
    const trips = await withTenant(env.tenant.id, (tx) => tx.select().from(dispatches))
    const active = trips.filter((d) => !['finished', 'cancelled'].includes(d.status))
    expect(active.map((d) => d.unitId)).toEqual([paringin.id])
    expect(trips.find((d) => d.unitId === juai.id)?.status).toBe('cancelled')
    // The called-off post hears of it.
    const told = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(notifications).where(eq(notifications.kind, 'trc_cancelled')),
    )
    expect(told.length).toBeGreaterThan(0)
  })

  it("lets the demo's TRC member act only on their own post's trips: another post's is not found, and untouched", async () => {
    await seedDemo()
    const [tenant] = await db().select().from(tenants).where(eq(tenants.slug, 'balangan'))
    const [joko] = await db().select().from(users).where(eq(users.email, 'trc@balangan.demo'))
    const { own, other, ownComplaint, otherComplaint } = await withTenant(tenant!.id, async (tx) => {
      const [membership] = await tx.select().from(memberships).where(eq(memberships.userId, joko!.id))
      const [juai] = await tx.select().from(units).where(eq(units.name, 'Pos TRC Juai'))
      expect(membership!.unitId).not.toBe(juai!.id)
      const complaint = async (description: string) =>
        (
          await createComplaint({
            tx,
            tenant: tenant!,
            actor: null,
            input: { channel: 'phone', description },
          })
        ).complaint
      const ownComplaint = await complaint('Pedagang berjualan di trotoar depan Pasar Paringin')
      const otherComplaint = await complaint('Bangunan liar di bantaran sungai dekat Juai')
      const own = await dispatchToPost({
        tx,
        tenantId: tenant!.id,
        complaintId: ownComplaint.id,
        unitId: membership!.unitId!,
        by: null,
      })
      const other = await dispatchToPost({
        tx,
        tenantId: tenant!.id,
        complaintId: otherComplaint.id,
        unitId: juai!.id,
        by: null,
      })
      return { own, other, ownComplaint, otherComplaint }
    })
    const state = () =>
      withTenant(tenant!.id, async (tx) => ({
        dispatch: (await tx.select().from(dispatches).where(eq(dispatches.id, other.id)))[0],
        events: await tx
          .select()
          .from(complaintEvents)
          .where(eq(complaintEvents.complaintId, otherComplaint.id)),
        photos: await tx.select().from(attachments).where(eq(attachments.complaintId, otherComplaint.id)),
      }))
    const before = await state()
    const trc = await callerFor(joko!.id, 'balangan')
    expect((await trc.trc.findMine()).map((d) => d.id)).toEqual([own.id])
    for (const update of tripUpdates(other.id))
      expect({ action: update.action, refused: await codeOf(trc.trc.update(update)) }).toEqual({
        action: update.action,
        refused: 'NOT_FOUND:errors.notFound',
      })
    expect(await state()).toEqual(before)
    // Their own post's trip they take from start to finish.
    for (const update of tripUpdates(own.id)) await trc.trc.update(update)
    const [done] = await withTenant(tenant!.id, (tx) =>
      tx.select().from(dispatches).where(eq(dispatches.id, own.id)),
    )
    expect(done).toMatchObject({ status: 'finished', complaintId: ownComplaint.id })
  })
  it("keeps a trip's step with its post: another post's member cannot move it from the complaint page", async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const juai = await createUnit(env.tenant, {
      kind: 'trc_post',
      name: 'Pos TRC Juai',
      latitude: -2.38,
      longitude: 115.61,
    })
    const paringin = await createUnit(env.tenant, {
      kind: 'trc_post',
      name: 'Pos TRC Paringin',
      latitude: -2.33,
      longitude: 115.46,
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
      for (const [outcomeKey, role, checklist] of path)
        await transitionComplaint({
          tx,
          tenant: env.tenant,
          actor: env.member(role),
          complaintId: complaint.id,
          outcomeKey,
          checklist,
        })
    })
    expect(await runDispatchActions(env.tenant.id)).toBe(1)
    const [trip] = await withTenant(env.tenant.id, (tx) => tx.select().from(dispatches))
    expect(trip!.unitId).toBe(juai.id)
    const state = () =>
      withTenant(env.tenant.id, async (tx) => ({
        complaint: (await tx.select().from(complaints).where(eq(complaints.id, complaint.id)))[0],
        events: await tx.select().from(complaintEvents).where(eq(complaintEvents.complaintId, complaint.id)),
      }))
    const before = await state()
    const other = await callerFor(paringinMember.id, env.tenant.slug)
    const view = await other.complaint.get({ ticket: complaint.ticketNumber })
    expect(view.canAct).toBe(false)
    expect(
      await refusal(
        other.complaint.transition({
          ticket: complaint.ticketNumber,
          outcomeKey: 'dilaporkan',
          expectedVersion: view.complaint.version,
          checklist: ['laporan'],
          note: 'Ditulis oleh pos lain yang tidak pernah ke lokasi',
        }),
      ),
    ).toEqual({ code: 'FORBIDDEN', messageKey: 'errors.tripOfAnotherPost' })
    expect(await state()).toEqual(before)
    // The post the trip went to still sees the step as theirs.
    const own = await callerFor(juaiMember.id, env.tenant.slug)
    expect((await own.complaint.get({ ticket: complaint.ticketNumber })).canAct).toBe(true)
  })
})
