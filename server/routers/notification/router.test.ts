import { describe, expect, it } from 'vitest'
import { addMembership, createComplaint, createTenant, createUser, type Tenant } from '#db/factories/index.ts'
import { notifications } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { anonymousCaller, callerFor, refusal } from '#db/test/callers.ts'
import type { NotificationKind } from '#server/notifications/text.ts'

const MINUTE = 60_000

async function notify(
  tenant: Tenant,
  membershipId: string,
  kind: NotificationKind,
  values: { complaintId?: string; params?: Record<string, string>; createdAt?: Date } = {},
) {
  const [row] = await withTenant(tenant.id, (tx) =>
    tx
      .insert(notifications)
      .values({ tenantId: tenant.id, membershipId, kind, params: {}, ...values })
      .returning(),
  )
  return row!
}

const rowsOf = (tenant: Tenant) =>
  withTenant(tenant.id, (tx) => tx.select().from(notifications).orderBy(notifications.id))

describe('notification router', () => {
  it("lists the member's own notifications newest first in keyset pages, with texts and tickets", async () => {
    const tenant = await createTenant({ timezone: 'Asia/Makassar' })
    const { user, membership } = await createUser({ tenant, roles: ['operator'] })
    const colleague = await createUser({ tenant, roles: ['operator'] })
    const complaint = await createComplaint(tenant)
    const start = new Date('2026-06-10T02:00:00Z')
    const overdue = await notify(tenant, membership!.id, 'step_overdue', {
      complaintId: complaint.id,
      params: { ticket: complaint.ticketNumber, step: 'Memeriksa kesesuaian aduan', stepEn: 'Check the fit' },
      createdAt: start,
    })
    // Two at the same instant: the id breaks the tie, and paging neither loses nor repeats one.
    const same = new Date(start.getTime() + MINUTE)
    for (let i = 0; i < 2; i++)
      await notify(tenant, membership!.id, 'complaint_assigned', {
        complaintId: complaint.id,
        createdAt: same,
      })
    await notify(tenant, membership!.id, 'channel_unhealthy', {
      params: { number: '+62 811-5100-0001' },
      createdAt: new Date(start.getTime() + 2 * MINUTE),
    })
    // Written by the database clock, with microseconds a JavaScript Date cannot hold.
    for (let i = 0; i < 4; i++)
      await notify(tenant, membership!.id, 'trc_dispatched', { complaintId: complaint.id })
    await notify(tenant, colleague.membership!.id, 'step_waiting', { complaintId: complaint.id })

    const caller = await callerFor(user.id, tenant.slug)
    expect(await caller.notification.getUnreadCount()).toEqual({ count: 8 })
    expect((await caller.tenant.getShell()).unreadNotifications).toBe(8)

    const seen: string[] = []
    let cursor: { at: string; id: string } | undefined
    let pages = 0
    do {
      const page = await caller.notification.find({ limit: 3, cursor })
      seen.push(...page.items.map((i) => i.id))
      expect(page.unread).toBe(8)
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen).toHaveLength(8)
    expect(new Set(seen).size).toBe(8)
    expect(seen.at(-1)).toBe(overdue.id)

    const all = await caller.notification.find({ limit: 20 })
    const times = all.items.map((i) => new Date(i.createdAt).getTime())
    expect([...times].sort((x, y) => y - x)).toEqual(times)
    expect(all.items.at(-1)).toMatchObject({
      kind: 'step_overdue',
      ticket: complaint.ticketNumber,
      text: `Aduan ${complaint.ticketNumber} lewat batas waktu di langkah "Memeriksa kesesuaian aduan"`,
      readAt: null,
    })
    expect(all.items.find((i) => i.kind === 'channel_unhealthy')).toMatchObject({
      ticket: null,
      text: 'Nomor WhatsApp +62 811-5100-0001 tidak bisa mengirim pesan. Periksa pengaturan WhatsApp.',
    })
    const english = await caller.notification.find({ language: 'en' })
    expect(english.items.at(-1)?.text).toBe(
      `Complaint ${complaint.ticketNumber} is overdue at step "Check the fit"`,
    )
    expect(english.items[0]?.text).toBe(`New TRC field assignment: complaint ${complaint.ticketNumber}`)

    // The colleague sees only their own, and cannot open or clear the operator's.
    const other = await callerFor(colleague.user.id, tenant.slug)
    const theirs = await other.notification.find({})
    expect(theirs.items.map((i) => i.kind)).toEqual(['step_waiting'])
    expect(theirs.items[0]?.text).toBe(`Aduan ${complaint.ticketNumber} menunggu Anda kerjakan`)
    expect(await refusal(other.notification.markRead({ id: overdue.id }))).toEqual({
      code: 'NOT_FOUND',
      messageKey: 'errors.notFound',
    })
    expect(await other.notification.markAllRead({})).toEqual({ marked: 1 })
    expect(await caller.notification.getUnreadCount()).toEqual({ count: 8 })

    // Opening one marks it read and says where it leads; opening it again keeps the first time.
    expect(await caller.notification.markRead({ id: overdue.id })).toEqual({
      kind: 'step_overdue',
      ticket: complaint.ticketNumber,
    })
    const firstRead = (await rowsOf(tenant)).find((r) => r.id === overdue.id)?.readAt
    expect(firstRead).toBeInstanceOf(Date)
    await caller.notification.markRead({ id: overdue.id })
    expect((await rowsOf(tenant)).find((r) => r.id === overdue.id)?.readAt).toEqual(firstRead)
    expect(await caller.notification.getUnreadCount()).toEqual({ count: 7 })

    // "Mark all read" up to the newest the page showed leaves one that came in after it.
    const shown = await caller.notification.find({ limit: 20 })
    const newer = await notify(tenant, membership!.id, 'step_waiting', {
      createdAt: new Date(Date.now() + MINUTE),
    })
    expect(await caller.notification.markAllRead({ upTo: shown.items[0]!.createdAt })).toEqual({ marked: 7 })
    const after = await caller.notification.find({})
    expect(after.unread).toBe(1)
    expect(after.items.filter((i) => i.readAt === null).map((i) => i.id)).toEqual([newer.id])
  })

  it("refuses tenant A's member anything of tenant B, and B's notifications stay unread", async () => {
    const a = await createTenant()
    const b = await createTenant()
    const aMember = await createUser({ tenant: a, roles: ['operator'] })
    const bMember = await createUser({ tenant: b, roles: ['operator'] })
    const bComplaint = await createComplaint(b)
    const bNote = await notify(b, bMember.membership!.id, 'complaint_assigned', {
      complaintId: bComplaint.id,
    })
    await notify(a, aMember.membership!.id, 'step_waiting')
    const before = await rowsOf(b)

    // Through B's slug: not a member, so nothing exists.
    const viaB = await callerFor(aMember.user.id, b.slug)
    for (const call of [
      () => viaB.notification.getUnreadCount(),
      () => viaB.notification.find({}),
      () => viaB.notification.markRead({ id: bNote.id }),
      () => viaB.notification.markAllRead({}),
    ])
      expect(await refusal(call())).toEqual({ code: 'NOT_FOUND', messageKey: 'errors.notFound' })
    // Through A's own slug, B's id is simply not one of theirs.
    const own = await callerFor(aMember.user.id, a.slug)
    expect(await refusal(own.notification.markRead({ id: bNote.id }))).toEqual({
      code: 'NOT_FOUND',
      messageKey: 'errors.notFound',
    })
    expect(await own.notification.markAllRead({})).toEqual({ marked: 1 })
    expect((await own.notification.find({})).items.map((i) => i.kind)).toEqual(['step_waiting'])
    expect(await rowsOf(b)).toEqual(before)

    // A person in both tenants sees, in each, only that tenant's notifications.
    await addMembership({ tenant: b, user: aMember.user, roles: ['operator'] })
    expect(await (await callerFor(aMember.user.id, b.slug)).notification.getUnreadCount()).toEqual({
      count: 0,
    })
    expect(await rowsOf(b)).toEqual(before)

    expect((await refusal(anonymousCaller(b.slug).notification.getUnreadCount())).code).toBe('UNAUTHORIZED')
  })
})
