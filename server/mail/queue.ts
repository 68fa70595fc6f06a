import { render, toPlainText } from '@react-email/render'
import { and, eq, sql } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import type { ReactElement } from 'react'
import type { Tx } from '#db/client.ts'
import { emailMessages } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { env } from '#server/env.ts'

/** Mail is a row first (in the caller's transaction); `deliverQueuedEmails` sends it after commit. */
export async function queueEmail({
  tx,
  tenantId,
  to,
  subject,
  body,
}: {
  tx: Tx
  tenantId: string
  to: string
  subject: string
  body: ReactElement
}) {
  const html = await render(body)
  const [row] = await tx
    .insert(emailMessages)
    .values({ tenantId, to, subject, html, text: toPlainText(html) })
    .returning({ id: emailMessages.id })
  return row!.id
}

type Transport = {
  sendMail: (message: {
    from: string
    to: string
    subject: string
    html: string
    text: string
  }) => Promise<unknown>
}
let transport: Transport | null | undefined

/** SMTP when SMTP_URL is set; otherwise none, and mail stays in the local outbox (/dev/outbox). */
export function mailTransport(): Transport | null {
  if (transport === undefined) transport = env.SMTP_URL ? nodemailer.createTransport(env.SMTP_URL) : null
  return transport
}

/** For tests: point delivery at a given SMTP server. */
export function setMailTransport(next: Transport | null) {
  transport = next
}

const MAX_ATTEMPTS = 5
export const MAIL_FROM = 'Tanggap <no-reply@tanggap.local>'

/** Sends a tenant's queued mail; rows are locked so two workers never send one twice. */
export async function deliverQueuedEmails(
  tenantId: string,
): Promise<{ sent: number; outbox: number; failed: number }> {
  const counts = { sent: 0, outbox: 0, failed: 0 }
  await withTenant(tenantId, async (tx) => {
    const queued = await tx
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.tenantId, tenantId), eq(emailMessages.status, 'queued')))
      .limit(50)
      .for('update', { skipLocked: true })
    const smtp = mailTransport()
    for (const email of queued) {
      if (!smtp) {
        await tx
          .update(emailMessages)
          .set({ status: 'outbox' })
          .where(and(eq(emailMessages.tenantId, tenantId), eq(emailMessages.id, email.id)))
        counts.outbox++
        continue
      }
      try {
        await smtp.sendMail({
          from: MAIL_FROM,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
        })
        await tx
          .update(emailMessages)
          .set({ status: 'sent', sentAt: new Date(), attempts: sql`${emailMessages.attempts} + 1` })
          .where(and(eq(emailMessages.tenantId, tenantId), eq(emailMessages.id, email.id)))
        counts.sent++
      } catch (error) {
        const attempts = email.attempts + 1
        await tx
          .update(emailMessages)
          .set({
            attempts,
            error: String(error).slice(0, 500),
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued',
          })
          .where(and(eq(emailMessages.tenantId, tenantId), eq(emailMessages.id, email.id)))
        counts.failed++
      }
    }
  })
  return counts
}
