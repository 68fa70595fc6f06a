import { render, toPlainText } from '@react-email/render'
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import type { ReactElement } from 'react'
import type { Tx } from '#db/client.ts'
import { emailMessages } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { env } from '#server/env.ts'

/**
 * Mail is a row first (in the caller's transaction); `deliverQueuedEmails` sends it after commit,
 * not before `sendAfter` when given (work that can wait is not mailed at night). With a
 * `dedupeKey`, a second mail with the same key for the tenant is not written: the id is then null.
 */
export async function queueEmail({
  tx,
  tenantId,
  to,
  subject,
  body,
  sendAfter = null,
  dedupeKey = null,
}: {
  tx: Tx
  tenantId: string
  to: string
  subject: string
  body: ReactElement
  sendAfter?: Date | null
  dedupeKey?: string | null
}): Promise<string | null> {
  const html = await render(body)
  const [row] = await tx
    .insert(emailMessages)
    .values({ tenantId, to, subject, html, text: toPlainText(html), sendAfter, dedupeKey })
    .onConflictDoNothing({ target: [emailMessages.tenantId, emailMessages.dedupeKey] })
    .returning({ id: emailMessages.id })
  return row?.id ?? null
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

/**
 * Sends a tenant's queued mail whose time has come (no `send_after`, or one that has passed); rows
 * are locked so two workers never send one twice. Held mail needs no other trigger: the
 * `deliver-emails` job runs every minute and picks it up once its time passes.
 */
export async function deliverQueuedEmails(
  tenantId: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<{ sent: number; outbox: number; failed: number }> {
  const counts = { sent: 0, outbox: 0, failed: 0 }
  await withTenant(tenantId, async (tx) => {
    const queued = await tx
      .select()
      .from(emailMessages)
      .where(
        and(
          eq(emailMessages.tenantId, tenantId),
          eq(emailMessages.status, 'queued'),
          or(isNull(emailMessages.sendAfter), lte(emailMessages.sendAfter, now)),
        ),
      )
      .orderBy(emailMessages.createdAt)
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
          .set({ status: 'sent', sentAt: now, attempts: sql`${emailMessages.attempts} + 1` })
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
