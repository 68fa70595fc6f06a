import { and, eq, isNull } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { complaintEvents, complaints, complaintSteps, reporters } from '#db/schema/index.ts'
import { queueReporterMessage, renderReporterText } from '#server/channels/whatsapp-cloud/outbound.ts'
import { AppError } from '#server/errors.ts'
import { complaintByTicket } from './by-ticket.ts'
import { findComplaintConversation } from './whatsapp-thread.ts'

const OPEN = ['draft', 'open', 'in_progress'] as const
const isOpen = (status: string) => (OPEN as readonly string[]).includes(status)

/** The message that tells a duplicate's reporter where their report went (editable per tenant). */
export const MERGED_TEMPLATE = 'complaint_merged'

/**
 * Closes `duplicate` as the same report as `original`: its step ends, it points at the original,
 * both timelines say so, and its reporter is told on WhatsApp (when they came that way) that they
 * will hear about the original's progress, which the SOP's reporter notices then also send them
 * (server/channels/whatsapp-cloud/notify.ts). Returns whether a message was queued.
 */
export async function mergeComplaint({
  tx,
  tenant,
  membershipId,
  duplicateTicket,
  originalTicket,
  expectedVersion,
  now = new Date(),
}: {
  tx: Tx
  tenant: { id: string; language: string; serviceName: string }
  membershipId: string
  duplicateTicket: string
  originalTicket: string
  expectedVersion: number
  now?: Date
}): Promise<{ original: string; reporterTold: boolean }> {
  const duplicate = await complaintByTicket(tx, tenant.id, duplicateTicket)
  let original
  try {
    original = await complaintByTicket(tx, tenant.id, originalTicket)
  } catch {
    throw new AppError('BAD_REQUEST', 'complaints.merge.unknownOriginal', { ticket: originalTicket })
  }
  if (original.id === duplicate.id) throw new AppError('BAD_REQUEST', 'complaints.merge.same')
  if (duplicate.mergedIntoId || !isOpen(duplicate.status))
    throw new AppError('CONFLICT', 'complaints.merge.duplicateClosed')
  if (original.mergedIntoId || !isOpen(original.status))
    throw new AppError('BAD_REQUEST', 'complaints.merge.originalClosed', { ticket: original.ticketNumber })
  if (duplicate.version !== expectedVersion) throw new AppError('CONFLICT', 'errors.transitionConflict')

  const [moved] = await tx
    .update(complaints)
    .set({
      status: 'closed',
      closedAt: now,
      mergedIntoId: original.id,
      currentStepKey: null,
      stepDueAt: null,
      version: duplicate.version + 1,
      updatedAt: now,
    })
    .where(
      and(
        eq(complaints.tenantId, tenant.id),
        eq(complaints.id, duplicate.id),
        eq(complaints.version, expectedVersion),
      ),
    )
    .returning({ id: complaints.id })
  if (!moved) throw new AppError('CONFLICT', 'errors.transitionConflict')
  await tx
    .update(complaintSteps)
    .set({ finishedAt: now, outcomeKey: 'merged', actorMembershipId: membershipId })
    .where(
      and(
        eq(complaintSteps.tenantId, tenant.id),
        eq(complaintSteps.complaintId, duplicate.id),
        isNull(complaintSteps.finishedAt),
      ),
    )
  await tx.insert(complaintEvents).values([
    {
      tenantId: tenant.id,
      complaintId: duplicate.id,
      kind: 'merged_into',
      actorMembershipId: membershipId,
      fromStepKey: duplicate.currentStepKey,
      data: { ticket: original.ticketNumber },
      createdAt: now,
    },
    {
      tenantId: tenant.id,
      complaintId: original.id,
      kind: 'duplicate_merged',
      actorMembershipId: membershipId,
      data: { ticket: duplicate.ticketNumber },
      createdAt: now,
    },
  ])

  const conversation = await findComplaintConversation(tx, tenant.id, duplicate)
  if (!conversation) return { original: original.ticketNumber, reporterTold: false }
  const [reporter] = await tx
    .select({ language: reporters.language })
    .from(reporters)
    .where(and(eq(reporters.tenantId, tenant.id), eq(reporters.id, conversation.reporterId)))
  const params = {
    ticket: duplicate.ticketNumber,
    original: original.ticketNumber,
    service: tenant.serviceName,
  }
  const { text, whatsappTemplateName } = await renderReporterText({
    tx,
    tenantId: tenant.id,
    key: MERGED_TEMPLATE,
    language: reporter?.language ?? tenant.language,
    params,
  })
  await queueReporterMessage({
    tx,
    tenantId: tenant.id,
    conversationId: conversation.id,
    text,
    templateKey: MERGED_TEMPLATE,
    params,
    whatsappTemplateName,
  })
  return { original: original.ticketNumber, reporterTold: true }
}
