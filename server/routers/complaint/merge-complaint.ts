import { z } from 'zod'
import { mergeComplaint } from '#server/complaints/merge.ts'
import { wake } from '#server/jobs/enqueue.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZMergeComplaintInput = z.object({
  /** The complaint being closed as a duplicate. */
  ticket: z.string().trim().min(3).max(60),
  /** The complaint it is the same report as, which goes on. */
  originalTicket: z.string().trim().min(3).max(60),
  expectedVersion: z.number().int().min(0),
})

/** "Same report": closes this complaint into another one, keeping its reporter informed. */
export const mergeComplaintProcedure = tenantProcedureWith('complaint.assign')
  .input(ZMergeComplaintInput)
  .mutation(async ({ ctx, input }) => {
    const merged = await mergeComplaint({
      tx: ctx.tx,
      tenant: ctx.tenant,
      membershipId: ctx.membership.id,
      duplicateTicket: input.ticket,
      originalTicket: input.originalTicket,
      expectedVersion: input.expectedVersion,
    })
    if (merged.reporterTold) ctx.afterCommit(() => wake('whatsapp-send', { tenantId: ctx.tenant.id }))
    return merged
  })
