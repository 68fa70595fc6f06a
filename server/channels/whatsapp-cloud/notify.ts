import { createElement } from 'react'
import { and, eq, sql } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { complaints, messages, reporters, stepActions, tenants } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { ReporterNoticeEmail } from '#emails/reporter-notice.tsx'
import { translator } from '#server/i18n/translate.ts'
import { queueEmail } from '#server/mail/queue.ts'
import { stepOf } from '#server/sop/definition.ts'
import { definitionOf } from '#server/sop/engine.ts'
import { findComplaintConversation } from '#server/complaints/whatsapp-thread.ts'
import { queueReporterMessage, renderReporterText } from './outbound.ts'

/**
 * Carries out the SOP's "notify the reporter" actions: the message of the action's kind goes into
 * the complaint's WhatsApp thread (once per kind and ticket: the intake bot may have acknowledged
 * already), and to the threads of the same reports merged into it. A complaint with no WhatsApp
 * thread gets it by email when the reporter left an address, else is marked as having no channel.
 */
export async function runReporterNotifications(tenantId: string): Promise<number> {
  return withTenant(tenantId, async (tx) => {
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId))
    const pending = await tx
      .select({ action: stepActions, complaint: complaints })
      .from(stepActions)
      .innerJoin(
        complaints,
        and(eq(complaints.tenantId, stepActions.tenantId), eq(complaints.id, stepActions.complaintId)),
      )
      .where(
        and(
          eq(stepActions.tenantId, tenantId),
          eq(stepActions.kind, 'notify_reporter'),
          eq(stepActions.status, 'pending'),
        ),
      )
      .orderBy(stepActions.createdAt)
      .limit(200)
      .for('update', { of: stepActions, skipLocked: true })
    let queued = 0
    for (const { action, complaint } of pending) {
      const key = String((action.params as { templateKey?: string }).templateKey ?? '')
      // Where the complaint stands, once per notice; each reporter reads it in their language.
      const step = complaint.sopVersionId
        ? stepOf(await definitionOf(tx, tenantId, complaint.sopVersionId), complaint.currentStepKey)
        : undefined
      const paramsFor = (ticket: string, language: string) => ({
        ticket,
        step: step ? (language === 'en' ? step.nameEn : step.nameId) : '',
        service: tenant!.serviceName,
        answer: '',
      })
      // The complaint's own reporter, and the reporters of the same reports merged into it, each
      // told under the ticket number they know.
      const merged = await tx
        .select()
        .from(complaints)
        .where(and(eq(complaints.tenantId, tenantId), eq(complaints.mergedIntoId, complaint.id)))
      const told: Record<string, unknown>[] = []
      for (const reported of [complaint, ...merged]) {
        // The same thread an operator's reply would use (server/complaints/whatsapp-thread.ts).
        const conversation = await findComplaintConversation(tx, tenantId, reported)
        const [reporter] = conversation
          ? await tx
              .select({ language: reporters.language })
              .from(reporters)
              .where(and(eq(reporters.tenantId, tenantId), eq(reporters.id, conversation.reporterId)))
          : []
        const thread = conversation ? { conversation, language: reporter?.language ?? null } : null
        if (!thread) {
          // No WhatsApp thread: a reporter who left an email address hears by email instead.
          const mailed = await mailReporter({ tx, tenant: tenant!, reported, key, paramsFor })
          if (mailed) told.push({ ticket: reported.ticketNumber, ...mailed })
          continue
        }
        const already = await tx
          .select({ id: messages.id })
          .from(messages)
          .where(
            and(
              eq(messages.tenantId, tenantId),
              eq(messages.conversationId, thread.conversation.id),
              eq(messages.templateKey, key),
              sql`${messages.payload} -> 'params' ->> 'ticket' = ${reported.ticketNumber}`,
            ),
          )
        if (already.length > 0) {
          told.push({ ticket: reported.ticketNumber, duplicateOf: already[0]!.id })
          continue
        }
        const language = thread.language ?? tenant!.language
        const params = paramsFor(reported.ticketNumber, language)
        const { text, whatsappTemplateName } = await renderReporterText({
          tx,
          tenantId,
          key,
          language,
          params,
        })
        const id = await queueReporterMessage({
          tx,
          tenantId,
          conversationId: thread.conversation.id,
          text,
          templateKey: key,
          params,
          whatsappTemplateName,
        })
        told.push({ ticket: reported.ticketNumber, messageId: id })
        queued++
      }
      const [own, ...others] = told
      const result: Record<string, unknown> = !own
        ? { channel: 'none' }
        : others.length === 0 && own.ticket === complaint.ticketNumber
          ? own.emailId || own.emailDuplicate
            ? { channel: 'email', emailId: own.emailId, emailDuplicate: own.emailDuplicate }
            : { channel: 'whatsapp', messageId: own.messageId, duplicateOf: own.duplicateOf }
          : { channel: 'several', reporters: told }
      await tx
        .update(stepActions)
        .set({ status: 'done', result })
        .where(and(eq(stepActions.tenantId, tenantId), eq(stepActions.id, action.id)))
    }
    return queued
  })
}

/** The SOP's notice by email, for a reporter without a WhatsApp thread; null when they left no address. */
async function mailReporter({
  tx,
  tenant,
  reported,
  key,
  paramsFor,
}: {
  tx: Tx
  tenant: typeof tenants.$inferSelect
  /** The complaint whose reporter is told: the one the notice is for, or one merged into it. */
  reported: typeof complaints.$inferSelect
  key: string
  paramsFor: (ticket: string, language: string) => Record<string, string>
}): Promise<{ emailId: string } | { emailDuplicate: true } | null> {
  if (!reported.reporterId) return null
  const [reporter] = await tx
    .select({ email: reporters.email, language: reporters.language, erasedAt: reporters.erasedAt })
    .from(reporters)
    .where(and(eq(reporters.tenantId, tenant.id), eq(reporters.id, reported.reporterId)))
  if (!reporter?.email || reporter.erasedAt) return null
  const language =
    reporter.language === 'en' || (!reporter.language && tenant.language === 'en') ? 'en' : 'id'
  const ticket = reported.ticketNumber
  const params = paramsFor(ticket, language)
  const { text } = await renderReporterText({ tx, tenantId: tenant.id, key, language, params })
  const t = await translator(language)
  const emailId = await queueEmail({
    tx,
    tenantId: tenant.id,
    to: reporter.email,
    subject: t('emails.reporterNotice.subject', { ticket, service: tenant.serviceName }),
    // One mail per notice kind and ticket, like the WhatsApp messages.
    dedupeKey: `reporter:${key}:${ticket}`,
    body: createElement(ReporterNoticeEmail, {
      agencyName: tenant.name,
      serviceName: tenant.serviceName,
      ticketNumber: ticket,
      message: text,
      language,
      texts: {
        preview: t('emails.reporterNotice.subject', { ticket, service: tenant.serviceName }),
        heading: t('emails.reporterNotice.heading'),
        ticket: t('emails.reporterNotice.ticket'),
        footer: t('emails.footer'),
      },
    }),
  })
  // Null: this notice already went to this reporter (the dedupe key).
  return emailId ? { emailId } : { emailDuplicate: true }
}
