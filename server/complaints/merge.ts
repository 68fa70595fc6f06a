import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { complaintEvents, complaints, complaintSteps, dispatches, reporters } from '#db/schema/index.ts'
import { queueReporterMessage, renderReporterText } from '#server/channels/whatsapp-cloud/outbound.ts'
import { AppError } from '#server/errors.ts'
import { tellPost, tripOpen } from '#server/trc/dispatch.ts'
import { complaintByTicket } from './by-ticket.ts'
import { findComplaintConversation } from './whatsapp-thread.ts'
import { isActive } from './status.ts'

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
  const duplicateFound = await complaintByTicket(tx, tenant.id, duplicateTicket)
  let originalFound
  try {
    originalFound = await complaintByTicket(tx, tenant.id, originalTicket)
  } catch {
    throw new AppError('BAD_REQUEST', 'complaints.merge.unknownOriginal', { ticket: originalTicket })
  }
  if (originalFound.id === duplicateFound.id) throw new AppError('BAD_REQUEST', 'complaints.merge.same')
  // Both rows locked, always in the same order, then checked as they are now: two people merging
  // A into B and B into A at once, or someone closing the original meanwhile, cannot both win.
  const locked = await tx
    .select()
    .from(complaints)
    .where(
      and(eq(complaints.tenantId, tenant.id), inArray(complaints.id, [duplicateFound.id, originalFound.id])),
    )
    .orderBy(complaints.id)
    .for('update')
  const duplicate = locked.find((c) => c.id === duplicateFound.id)!
  const original = locked.find((c) => c.id === originalFound.id)!
  if (duplicate.mergedIntoId || !isActive(duplicate.status))
    throw new AppError('CONFLICT', 'complaints.merge.duplicateClosed')
  if (original.mergedIntoId || !isActive(original.status))
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
  // Reports merged into the duplicate before follow the original too: one hop, always.
  const followers = await tx
    .update(complaints)
    .set({ mergedIntoId: original.id, updatedAt: now })
    .where(and(eq(complaints.tenantId, tenant.id), eq(complaints.mergedIntoId, duplicate.id)))
    .returning({ id: complaints.id })
  // A TRC team sent for the duplicate is called off: the original is where the work happens.
  const trips = await tx
    .update(dispatches)
    .set({ status: 'cancelled', updatedAt: now })
    .where(and(eq(dispatches.tenantId, tenant.id), eq(dispatches.complaintId, duplicate.id), tripOpen))
    .returning({ id: dispatches.id, unitId: dispatches.unitId })
  for (const trip of trips) {
    await tx.insert(complaintEvents).values({
      tenantId: tenant.id,
      complaintId: duplicate.id,
      kind: 'trc_cancelled',
      actorMembershipId: membershipId,
      data: { dispatchId: trip.id, unitId: trip.unitId },
      createdAt: now,
    })
    await tellPost({
      tx,
      tenantId: tenant.id,
      unitId: trip.unitId,
      complaintId: duplicate.id,
      kind: 'trc_cancelled',
    })
  }
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
      data: { ticket: duplicate.ticketNumber, followers: followers.length },
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
