import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { emailMessages, stepActions } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor } from '#db/test/callers.ts'
import { startSmtpServerForFile } from '#db/test/smtp.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { deliverQueuedEmails } from '#server/mail/queue.ts'
import { runReporterNotifications } from './notify.ts'

const { received } = startSmtpServerForFile()

describe("the SOP's notices to a reporter without WhatsApp", () => {
  it('go by email to a reporter who left an address, once per notice, in their words', async () => {
    const env = await sopTenant('satpol-pp-kabupaten', { ticketPrefix: 'LALISA', serviceName: 'LA-LISA' })
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    // By phone, with an email address: LA-LISA's first step tells the reporter it was received.
    const { ticketNumber } = await operator.complaint.create({
      channel: 'phone',
      description: 'Balap liar di jalan lingkar Paringin setiap malam minggu.',
      reporterName: 'Siti Aminah',
      reporterEmail: 'siti@warga.test',
    })
    await operator.complaint.create({
      channel: 'phone',
      description: 'Parkir liar di depan pasar, tanpa alamat email pelapor.',
    })
    await runReporterNotifications(env.tenant.id)
    await runReporterNotifications(env.tenant.id)
    await deliverQueuedEmails(env.tenant.id)

    const mail = received.filter((m) => m.to === 'siti@warga.test')
    expect(mail).toHaveLength(1)
    expect(mail[0]!.raw).toContain(`Kabar aduan ${ticketNumber} dari LA-LISA`)
    expect(mail[0]!.raw).toContain(`nomor ${ticketNumber}`)
    const actions = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(stepActions).where(eq(stepActions.kind, 'notify_reporter')),
    )
    expect(actions.map((a) => [a.status, a.result?.channel]).sort()).toEqual([
      ['done', 'email'],
      ['done', 'none'],
    ])
    const rows = await withTenant(env.tenant.id, (tx) => tx.select().from(emailMessages))
    expect(rows.map((r) => [r.to, r.status])).toEqual([['siti@warga.test', 'sent']])
  })
})
