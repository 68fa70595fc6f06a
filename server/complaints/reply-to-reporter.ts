import { and, eq } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { complaintEvents, type complaints, reporters } from '#db/schema/index.ts'
import { queueReporterMessage } from '#server/channels/whatsapp-cloud/outbound.ts'
import { AppError } from '#server/errors.ts'
import { findComplaintConversation, OPERATOR_REPLY, replyTemplate, WINDOW_MS } from './whatsapp-thread.ts'

/**
 * An operator's message to the reporter, queued in the complaint's WhatsApp thread for the send
 * job. Inside the 24-hour window it is the operator's own text; outside it WhatsApp only accepts an
 * approved template (decision 007), so the operator must choose the tenant's operator-reply
 * template, which invites the reporter to write back and so reopens the window.
 */
export async function replyToReporter({
  tx,
  tenant,
  membershipId,
  complaint,
  text,
  template,
  now = new Date(),
}: {
  tx: Tx
  tenant: { id: string; serviceName: string; language: string }
  membershipId: string
  complaint: typeof complaints.$inferSelect
  text?: string
  template: boolean
  now?: Date
}): Promise<{ messageId: string }> {
  const conversation = await findComplaintConversation(tx, tenant.id, complaint)
  if (!conversation) throw new AppError('BAD_REQUEST', 'reply.errors.noThread')
  const [reporter] = await tx
    .select({ language: reporters.language })
    .from(reporters)
    .where(and(eq(reporters.tenantId, tenant.id), eq(reporters.id, conversation.reporterId)))
  const approved = await replyTemplate({
    tx,
    tenant,
    language: reporter?.language ?? tenant.language,
    ticketNumber: complaint.ticketNumber,
  })
  const inWindow =
    !!conversation.lastInboundAt && now.getTime() - conversation.lastInboundAt.getTime() < WINDOW_MS
  let body: string
  if (template) {
    if (!approved.whatsappTemplateName || !approved.text)
      throw new AppError('BAD_REQUEST', 'reply.errors.templateMissing')
    body = approved.text
  } else {
    if (!inWindow) throw new AppError('CONFLICT', 'reply.errors.windowClosed')
    body = text?.trim() ?? ''
    if (!body) throw new AppError('BAD_REQUEST', 'reply.errors.textRequired')
  }
  const messageId = await queueReporterMessage({
    tx,
    tenantId: tenant.id,
    conversationId: conversation.id,
    text: body,
    templateKey: OPERATOR_REPLY,
    // Should the window close before it goes (or Meta say so, 131047), the send job falls back to
    // the approved template with these parameters.
    params: approved.params,
    whatsappTemplateName: approved.whatsappTemplateName,
  })
  await tx.insert(complaintEvents).values({
    tenantId: tenant.id,
    complaintId: complaint.id,
    kind: 'operator_reply',
    actorMembershipId: membershipId,
    data: template
      ? { messageId, text: body, template: approved.whatsappTemplateName }
      : { messageId, text: body },
  })
  return { messageId }
}
