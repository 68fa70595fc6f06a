import { eq } from 'drizzle-orm'
import { SMTPServer } from 'smtp-server'
import nodemailer from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  complaintEvents,
  complaints,
  complaintSteps,
  emailMessages,
  notifications,
} from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { deliverQueuedEmails, setMailTransport } from '#server/mail/queue.ts'
import { transitionComplaint } from './engine.ts'
import { scanOverdueSteps } from './sla.ts'
import { stepFigures } from './stats.ts'

const MINUTE = 60_000

/** The message as a reader sees its text: quoted-printable soft breaks and escapes undone. */
function decodeQuotedPrintable(raw: string) {
  const joined = raw.replace(/=\r?\n/g, '')
  return Buffer.from(
    joined.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8')
}
const received: { to: string; raw: string }[] = []
let smtp: SMTPServer

beforeAll(async () => {
  // A real SMTP server on loopback: the mail goes over the wire.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()))
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          raw: decodeQuotedPrintable(raw),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  const address = smtp.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  setMailTransport(nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }))
})

afterAll(async () => {
  setMailTransport(null)
  await new Promise<void>((resolve) => smtp.close(resolve))
})

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
