import { and, eq, like } from 'drizzle-orm'
import { createElement } from 'react'
import { describe, expect, it } from 'vitest'
import { createComplaint, createUser } from '#db/factories/index.ts'
import type { ChannelKind } from '#db/schema/enums.ts'
import { emailMessages, memberships } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { startSmtpServerForFile } from '#db/test/smtp.ts'
import { deliverQueuedEmails, queueEmail } from '#server/mail/queue.ts'
import { startComplaintOnSop } from '#server/sop/engine.ts'
import { scanOverdueSteps } from '#server/sop/sla.ts'
import { digestFigures, sendDailyDigests } from './digest.ts'

const publicUrl = 'http://tanggap.test'
const at = (iso: string) => new Date(iso)

const { received } = startSmtpServerForFile()

/** A Balangan-like agency (WITA) with complaints around the weekend of 12-14 June 2026. */
async function agency() {
  const env = await sopTenant('satpol-pp-kabupaten', {
    name: 'Satpol PP Uji Ringkasan',
    serviceName: 'LA-LISA',
  })
  const english = await createUser({ tenant: env.tenant, roles: ['supervisor'], language: 'en' })
  const gone = await createUser({ tenant: env.tenant, roles: ['head'] })
  await withTenant(env.tenant.id, (tx) =>
    tx.update(memberships).set({ active: false }).where(eq(memberships.id, gone.membership!.id)),
  )
  const complaint = async (channel: ChannelKind, iso: string) => {
    const row = await createComplaint(env.tenant, { channel, status: 'draft', createdAt: at(iso) })
    return withTenant(env.tenant.id, (tx) =>
      startComplaintOnSop({ tx, tenant: env.tenant, complaintId: row.id, actor: null, now: at(iso) }),
    )
  }
  // Before the period: overdue since Thursday (5-minute WhatsApp steps).
  const thursday = await complaint('whatsapp', '2026-06-11T10:00:00+08:00')
  await complaint('whatsapp', '2026-06-11T11:00:00+08:00')
  await complaint('whatsapp', '2026-06-11T12:00:00+08:00')
  // New over the weekend: Friday morning, a Saturday letter (due Monday 10:00), Sunday evening by phone,
  // one resolved on Friday, and a draft that is no complaint yet.
  const friday = await complaint('whatsapp', '2026-06-12T09:00:00+08:00')
  await complaint('letter', '2026-06-13T10:00:00+08:00')
  const sunday = await complaint('phone', '2026-06-14T20:00:00+08:00')
  await createComplaint(env.tenant, { status: 'resolved', createdAt: at('2026-06-12T15:00:00+08:00') })
  await createComplaint(env.tenant, { status: 'draft', createdAt: at('2026-06-13T09:00:00+08:00') })
  // Monday before opening: open and overdue, but Tuesday's news.
  await complaint('whatsapp', '2026-06-15T07:00:00+08:00')
  // The SLA scan marks four steps breached on Friday at noon and one on Sunday night; Monday's at 07:30.
  await scanOverdueSteps({ now: at('2026-06-12T12:00:00+08:00'), publicUrl })
  await scanOverdueSteps({ now: at('2026-06-14T21:00:00+08:00'), publicUrl })
  await scanOverdueSteps({ now: at('2026-06-15T07:30:00+08:00'), publicUrl })
  return { env, english, gone, thursday, friday, sunday }
}

const digestsOf = (tenantId: string, day: string) =>
  withTenant(tenantId, (tx) =>
    tx
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.tenantId, tenantId), like(emailMessages.dedupeKey, `digest:%:${day}`))),
  )

describe('the daily digest', () => {
  it('counts new complaints since the previous working day, open and overdue now, and steps breached', async () => {
    const { env, thursday } = await agency()
    const figures = await withTenant(env.tenant.id, (tx) =>
      digestFigures({
        tx,
        tenantId: env.tenant.id,
        from: at('2026-06-12T00:00:00+08:00'),
        to: at('2026-06-15T00:00:00+08:00'),
        now: at('2026-06-15T08:00:00+08:00'),
      }),
    )
    expect(figures).toMatchObject({ newComplaints: 4, open: 7, overdue: 6, breached: 5 })
    expect(figures.worst).toHaveLength(5)
    expect(figures.worst[0]).toMatchObject({
      ticketNumber: thursday.ticketNumber,
      step: { nameId: 'Menerima WhatsApp aduan dari pelapor' },
    })
    expect(figures.worst[0]?.dueAt.toISOString()).toBe(at('2026-06-11T10:05:00+08:00').toISOString())
  })

  it('goes to the supervisors once on a working morning, in their language, and never on Sunday', async () => {
    const { env, english, gone, thursday, sunday } = await agency()
    const mine = (written: { tenantId: string; membershipId: string }[]) =>
      written.filter((w) => w.tenantId === env.tenant.id).map((w) => w.membershipId)

    // Sunday, and Monday before 08:00 WITA: nothing.
    expect(mine(await sendDailyDigests({ now: at('2026-06-14T10:00:00+08:00'), publicUrl }))).toEqual([])
    expect(mine(await sendDailyDigests({ now: at('2026-06-15T07:45:00+08:00'), publicUrl }))).toEqual([])
    expect(await digestsOf(env.tenant.id, '2026-06-14')).toEqual([])

    // Monday 08:00 WITA: the section head, head of division, head and admin (digest.receive), not the
    // operator, the TRC or a deactivated member.
    const monday = mine(await sendDailyDigests({ now: at('2026-06-15T08:00:00+08:00'), publicUrl }))
    const expected = [
      env.member('admin').membershipId,
      env.member('supervisor').membershipId,
      env.member('head_of_division').membershipId,
      env.member('head').membershipId,
      english.membership!.id,
    ].sort()
    expect([...monday].sort()).toEqual(expected)
    expect(monday).not.toContain(gone.membership!.id)
    expect(monday).not.toContain(env.member('operator').membershipId)

    // Later runs that day write nothing more.
    expect(mine(await sendDailyDigests({ now: at('2026-06-15T08:15:00+08:00'), publicUrl }))).toEqual([])
    expect(mine(await sendDailyDigests({ now: at('2026-06-15T13:00:00+08:00'), publicUrl }))).toEqual([])
    const rows = await digestsOf(env.tenant.id, '2026-06-15')
    expect(rows).toHaveLength(5)

    const before = received.length
    expect(await deliverQueuedEmails(env.tenant.id, { now: at('2026-06-15T08:00:00+08:00') })).toMatchObject({
      sent: expect.any(Number),
      failed: 0,
    })
    const digests = received.slice(before).filter((m) => /Ringkasan harian|Daily summary/.test(m.raw))
    expect(digests).toHaveLength(5)
    const kasiAddress = rows.find((r) => r.dedupeKey?.includes(env.member('supervisor').membershipId))?.to
    const kasi = digests.find((m) => m.to === kasiAddress)!.raw
    expect(kasi).toContain('Subject: Ringkasan harian LA-LISA, Senin, 15 Juni 2026')
    expect(kasi).toContain('Aduan baru sejak Jumat, 12 Juni 2026')
    expect(kasi).toContain('Lewat batas waktu sekarang')
    expect(kasi).toContain('Ada 1 aduan lain yang juga lewat batas waktu.')
    expect(kasi).toContain(`${publicUrl}/t/${env.tenant.slug}/complaints/${thursday.ticketNumber}`)
    expect(kasi).toContain(`${publicUrl}/t/${env.tenant.slug}"`)
    // Thursday 10:05 to Monday 08:00 WITA: about four days.
    expect(kasi).toContain('terlambat 4 hari')
    expect(kasi).toContain(sunday.ticketNumber)
    const englishText = rows.find((r) => r.dedupeKey?.includes(english.membership!.id))
    expect(englishText?.subject).toBe('Daily summary LA-LISA, Monday, 15 June 2026')
    expect(englishText?.text).toContain('New complaints since Friday, 12 June 2026')
    expect(englishText?.text).toContain('Receive the daily summary')
    const kasiText = rows.find((r) => r.to === kasiAddress)?.text ?? ''
    // The four figures, in order: new, open, overdue, breached.
    expect(kasiText.match(/^\d+$/gm)).toEqual(['4', '7', '6', '5'])

    // Sent once: a second delivery finds no digest left.
    const after = received.length
    await deliverQueuedEmails(env.tenant.id, { now: at('2026-06-15T08:30:00+08:00') })
    expect(received.slice(after).filter((m) => /Ringkasan harian|Daily summary/.test(m.raw))).toEqual([])
  })

  it('is written once even when two runs race, and waits for working hours in each time zone', async () => {
    const { env } = await agency()
    const jakarta = await sopTenant('city-control-room')
    const ofTenant = (written: { tenantId: string }[], tenantId: string) =>
      written.filter((w) => w.tenantId === tenantId).length

    // Islamic New Year (Tuesday 16 June) is a holiday: no digest.
    const holiday = await sendDailyDigests({ now: at('2026-06-16T09:00:00+08:00'), publicUrl })
    expect(ofTenant(holiday, env.tenant.id)).toBe(0)

    // Two runs at once on Wednesday 08:00 WITA: the unique key lets one of them write each digest.
    const [first, second] = await Promise.all([
      sendDailyDigests({ now: at('2026-06-17T08:00:00+08:00'), publicUrl }),
      sendDailyDigests({ now: at('2026-06-17T08:00:00+08:00'), publicUrl }),
    ])
    expect(ofTenant(first, env.tenant.id) + ofTenant(second, env.tenant.id)).toBe(5)
    const wednesday = await digestsOf(env.tenant.id, '2026-06-17')
    expect(wednesday).toHaveLength(5)
    // Whichever run comes second, its insert for a key already written is dropped, not doubled.
    const again = await withTenant(env.tenant.id, (tx) =>
      queueEmail({
        tx,
        tenantId: env.tenant.id,
        to: wednesday[0]!.to,
        subject: 'twice',
        body: createElement('p', null, 'twice'),
        dedupeKey: wednesday[0]!.dedupeKey,
      }),
    )
    expect(again).toBeNull()
    expect(await digestsOf(env.tenant.id, '2026-06-17')).toHaveLength(5)
    // 08:00 WITA is 07:00 WIB: Jakarta's offices are not open yet.
    expect(ofTenant(first, jakarta.tenant.id) + ofTenant(second, jakarta.tenant.id)).toBe(0)
    const wib = await sendDailyDigests({ now: at('2026-06-17T08:00:00+07:00'), publicUrl })
    expect(ofTenant(wib, jakarta.tenant.id)).toBe(4)
    expect(ofTenant(wib, env.tenant.id)).toBe(0)

    // After closing time, none either: a digest that missed the morning does not come at night.
    const evening = await sendDailyDigests({ now: at('2026-06-18T17:00:00+08:00'), publicUrl })
    expect(ofTenant(evening, env.tenant.id)).toBe(0)
  })
})
