import { and, eq, sql } from 'drizzle-orm'
import { complaints, conversations, messages, reporters, stepActions, tenants } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { stepOf } from '#server/sop/definition.ts'
import { definitionOf } from '#server/sop/engine.ts'
import { queueReporterMessage, renderReporterText } from './outbound.ts'

/**
 * Carries out the SOP's "notify the reporter" actions: the message of the action's kind goes into
 * the complaint's WhatsApp thread (once per kind and ticket: the intake bot may have acknowledged
 * already). A complaint without a WhatsApp thread is marked as having no channel to use.
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
      const [thread] = await tx
        .select({ conversation: conversations, language: reporters.language })
        .from(conversations)
        .innerJoin(
          reporters,
          and(eq(reporters.tenantId, conversations.tenantId), eq(reporters.id, conversations.reporterId)),
        )
        .where(and(eq(conversations.tenantId, tenantId), eq(conversations.complaintId, complaint.id)))
      let result: Record<string, unknown>
      if (!thread) {
        result = { channel: 'none' }
      } else {
        const already = await tx
          .select({ id: messages.id })
          .from(messages)
          .where(
            and(
              eq(messages.tenantId, tenantId),
              eq(messages.conversationId, thread.conversation.id),
              eq(messages.templateKey, key),
              sql`${messages.payload} -> 'params' ->> 'ticket' = ${complaint.ticketNumber}`,
            ),
          )
        if (already.length > 0) {
          result = { channel: 'whatsapp', duplicateOf: already[0]!.id }
        } else {
          const language = thread.language ?? tenant!.language
          const step = complaint.sopVersionId
            ? stepOf(await definitionOf(tx, tenantId, complaint.sopVersionId), complaint.currentStepKey)
            : undefined
          const params = {
            ticket: complaint.ticketNumber,
            step: step ? (language === 'en' ? step.nameEn : step.nameId) : '',
            service: tenant!.serviceName,
            answer: '',
          }
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
          result = { channel: 'whatsapp', messageId: id }
          queued++
        }
      }
      await tx
        .update(stepActions)
        .set({ status: 'done', result })
        .where(and(eq(stepActions.tenantId, tenantId), eq(stepActions.id, action.id)))
    }
    return queued
  })
}
