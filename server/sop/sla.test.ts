import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import {
  complaintEvents,
  complaints,
  complaintSteps,
  emailMessages,
  notifications,
} from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { startSmtpServerForFile } from '#db/test/smtp.ts'
import { deliverQueuedEmails, setMailTransport } from '#server/mail/queue.ts'
import { transitionComplaint } from './engine.ts'
import { scanOverdueSteps } from './sla.ts'
import { stepFigures } from './stats.ts'

const MINUTE = 60_000

const smtp = startSmtpServerForFile()
const received = smtp.received

describe('SLA clock and escalation', () => {
  it('marks an overdue step once, notifies and emails the escalation role, and leaves steps on time alone', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', { name: 'Satpol PP Uji SLA', serviceName: 'LA-LISA' })
    const start = new Date('2026-04-02T06:00:00Z')
    const late = await env.newComplaint('whatsapp', start)
    const onTime = await env.newComplaint('whatsapp', new Date(start.getTime() + 8 * MINUTE))

    const escalated = await scanOverdueSteps({
      now: new Date(start.getTime() + 10 * MINUTE),
      publicUrl: 'http://tanggap.test',
    })
    expect(escalated).toEqual([{ tenantId: env.tenant.id, complaintId: late.id }])
    const again = await scanOverdueSteps({
      now: new Date(start.getTime() + 11 * MINUTE),
      publicUrl: 'http://tanggap.test',
    })
    expect(again).toEqual([])

    const state = await withTenant(env.tenant.id, async (tx) => ({
      late: (await tx.select().from(complaints).where(eq(complaints.id, late.id)))[0],
      onTime: (await tx.select().from(complaints).where(eq(complaints.id, onTime.id)))[0],
      events: await tx.select().from(complaintEvents).where(eq(complaintEvents.kind, 'step_breached')),
      bell: await tx.select().from(notifications).where(eq(notifications.kind, 'step_overdue')),
      visit: (await tx.select().from(complaintSteps).where(eq(complaintSteps.complaintId, late.id)))[0],
      mail: await tx.select().from(emailMessages),
    }))
    expect(state.late?.stepBreachedAt?.toISOString()).toBe(
      new Date(start.getTime() + 10 * MINUTE).toISOString(),
    )
    expect(state.visit?.breachedAt).not.toBeNull()
    expect(state.onTime?.stepBreachedAt).toBeNull()
    expect(state.events).toHaveLength(1)
    // "Menerima WhatsApp aduan" names no escalation role: its own role (operator) is told.
    expect(state.bell.map((n) => n.membershipId)).toEqual([env.member('operator').membershipId])
    expect(state.bell[0]?.params).toMatchObject({ ticket: late.ticketNumber })
    expect(state.mail).toHaveLength(1)
    expect(state.mail[0]?.subject).toBe(
      `Lewat batas waktu: ${late.ticketNumber} · Menerima WhatsApp aduan dari pelapor`,
    )

    expect(await deliverQueuedEmails(env.tenant.id)).toEqual({ sent: 1, outbox: 0, failed: 0 })
    const message = received.find((m) => m.raw.includes(late.ticketNumber))
    expect(message?.to).toMatch(/@test\.tanggap$/)
    expect(message?.raw).toContain('Langkah SOP lewat batas waktu')
    expect(message?.raw).toContain(`http://tanggap.test/t/${env.tenant.slug}/complaints/${late.ticketNumber}`)
    // Sent once: a second delivery finds nothing queued.
    expect(await deliverQueuedEmails(env.tenant.id)).toEqual({ sent: 0, outbox: 0, failed: 0 })
  })

  it('gives per-step figures: done within the limit, median and 90th percentile', async () => {
    const env = await sopTenant('city-control-room')
    const start = new Date('2026-06-10T02:00:00Z')
    // Step "input" (5 minutes) done after 2, 4 and 9 minutes: two of three within the limit.
    for (const [i, took] of [2, 4, 9].entries()) {
      const entered = new Date(start.getTime() + i * 60 * MINUTE)
      const complaint = await env.newComplaint('web', entered)
      await withTenant(env.tenant.id, async (tx) => {
        await transitionComplaint({
          tx,
          tenant: env.tenant,
          actor: env.member('operator'),
          complaintId: complaint.id,
          outcomeKey: 'diterima',
          checklist: [],
          now: entered,
        })
        await transitionComplaint({
          tx,
          tenant: env.tenant,
          actor: env.member('operator'),
          complaintId: complaint.id,
          outcomeKey: 'dimasukkan',
          checklist: [],
          now: new Date(entered.getTime() + took * MINUTE),
        })
      })
    }
    const figures = await withTenant(env.tenant.id, (tx) =>
      stepFigures({
        tx,
        tenantId: env.tenant.id,
        from: start,
        to: new Date(start.getTime() + 24 * 60 * MINUTE),
      }),
    )
    const input = figures.find((f) => f.stepKey === 'input')
    expect(input).toMatchObject({ finished: 3, limited: 3, withinLimit: 2, medianMinutes: 4, p90Minutes: 8 })
    expect(input?.onTimeShare).toBeCloseTo(2 / 3)
    // "masuk" has no limit in the LAKSA document: no on-time share, but times are measured.
    expect(figures.find((f) => f.stepKey === 'masuk')).toMatchObject({
      finished: 3,
      limited: 0,
      onTimeShare: null,
      medianMinutes: 0,
    })
  })
})

describe('nobody is mailed at night for work that can wait', () => {
  const publicUrl = 'http://tanggap.test'
  const at = (iso: string) => new Date(iso)

  /** A complaint whose current step is overdue, scanned at `scanAt`: what the bell and the mail got. */
  async function overdueAt(channel: 'letter' | 'whatsapp', startAt: string, scanAt: string) {
    const env = await sopTenant('satpol-pp-kabupaten', {
      name: 'Satpol PP Uji Malam',
      serviceName: 'LA-LISA',
    })
    const complaint = await env.newComplaint(channel, at(startAt))
    const escalated = await scanOverdueSteps({ now: at(scanAt), publicUrl })
    expect(escalated).toContainEqual({ tenantId: env.tenant.id, complaintId: complaint.id })
    const state = await withTenant(env.tenant.id, async (tx) => ({
      bell: await tx.select().from(notifications).where(eq(notifications.complaintId, complaint.id)),
      mail: await tx.select().from(emailMessages),
    }))
    const deliver = (iso: string) => deliverQueuedEmails(env.tenant.id, { now: at(iso) })
    const mailed = () => received.filter((m) => m.raw.includes(complaint.ticketNumber))
    return { env, complaint, ...state, deliver, mailed }
  }

  it('holds the mail of a working-hours step found overdue at 22:00 WITA until 08:00 the next working day', async () => {
    // The letter procedure's first step: 120 minutes counted in working hours, due at 16:00.
    const { env, bell, mail, deliver, mailed } = await overdueAt(
      'letter',
      '2026-06-10T14:00:00+08:00',
      '2026-06-10T22:00:00+08:00',
    )
    // The bell rings at once: it is only seen when the person opens the app.
    expect(bell.map((n) => n.membershipId)).toEqual([env.member('admin_staff').membershipId])
    expect(mail).toHaveLength(1)
    expect(mail[0]?.sendAfter?.toISOString()).toBe(at('2026-06-11T08:00:00+08:00').toISOString())

    expect(await deliver('2026-06-10T22:01:00+08:00')).toEqual({ sent: 0, outbox: 0, failed: 0 })
    expect(await deliver('2026-06-11T07:59:00+08:00')).toEqual({ sent: 0, outbox: 0, failed: 0 })
    expect(mailed()).toEqual([])
    expect(await deliver('2026-06-11T08:00:00+08:00')).toEqual({ sent: 1, outbox: 0, failed: 0 })
    expect(mailed()).toHaveLength(1)
    expect(mailed()[0]?.raw).toContain('Staf administrasi menyampaikan berkas pengaduan ke petugas layanan')
    expect(await deliver('2026-06-11T08:01:00+08:00')).toEqual({ sent: 0, outbox: 0, failed: 0 })
  })

  it('mails a clock-time step found overdue at 22:00 at once', async () => {
    // LA-LISA step 1: 5 minutes on the clock.
    const { mail, deliver, mailed } = await overdueAt(
      'whatsapp',
      '2026-06-10T21:50:00+08:00',
      '2026-06-10T22:00:00+08:00',
    )
    expect(mail).toHaveLength(1)
    expect(mail[0]?.sendAfter).toBeNull()
    expect(await deliver('2026-06-10T22:00:00+08:00')).toEqual({ sent: 1, outbox: 0, failed: 0 })
    expect(mailed().map((m) => m.to)).toEqual([expect.stringMatching(/@test\.tanggap$/)])
  })

  it('holds a Friday-evening mail until Monday morning', async () => {
    const { mail, deliver, mailed } = await overdueAt(
      'letter',
      '2026-06-12T14:00:00+08:00',
      '2026-06-12T19:00:00+08:00',
    )
    expect(mail[0]?.sendAfter?.toISOString()).toBe(at('2026-06-15T08:00:00+08:00').toISOString())
    expect(await deliver('2026-06-13T10:00:00+08:00')).toEqual({ sent: 0, outbox: 0, failed: 0 })
    expect(await deliver('2026-06-14T20:00:00+08:00')).toEqual({ sent: 0, outbox: 0, failed: 0 })
    expect(mailed()).toEqual([])
    expect(await deliver('2026-06-15T08:00:00+08:00')).toEqual({ sent: 1, outbox: 0, failed: 0 })
    expect(mailed()).toHaveLength(1)
  })

  it('skips a holiday: Friday evening before Pancasila Day waits until Tuesday', async () => {
    const { mail, deliver, mailed } = await overdueAt(
      'letter',
      '2026-05-29T14:00:00+08:00',
      '2026-05-29T20:00:00+08:00',
    )
    expect(mail[0]?.sendAfter?.toISOString()).toBe(at('2026-06-02T08:00:00+08:00').toISOString())
    expect(await deliver('2026-06-01T09:00:00+08:00')).toEqual({ sent: 0, outbox: 0, failed: 0 })
    expect(mailed()).toEqual([])
    expect(await deliver('2026-06-02T08:00:00+08:00')).toEqual({ sent: 1, outbox: 0, failed: 0 })
    expect(mailed()).toHaveLength(1)
  })

  it('holds mail without SMTP too: the local outbox gets it only when its time comes', async () => {
    const { deliver } = await overdueAt('letter', '2026-06-10T14:00:00+08:00', '2026-06-10T22:00:00+08:00')
    setMailTransport(null)
    try {
      expect(await deliver('2026-06-10T23:00:00+08:00')).toEqual({ sent: 0, outbox: 0, failed: 0 })
      expect(await deliver('2026-06-11T08:00:00+08:00')).toEqual({ sent: 0, outbox: 1, failed: 0 })
    } finally {
      setMailTransport(smtp.transport)
    }
  })
})
