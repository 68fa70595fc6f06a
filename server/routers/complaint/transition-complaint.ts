import { and, eq } from 'drizzle-orm'
import { complaints } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { wake } from '#server/jobs/enqueue.ts'
import { transitionComplaint } from '#server/sop/engine.ts'
import { tripHeldByAnotherPost } from '#server/trc/dispatch.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZTransitionComplaintInput } from './transition-complaint.types.ts'

export const transitionComplaintProcedure = tenantProcedureWith('complaint.transition')
  .input(ZTransitionComplaintInput)
  .mutation(async ({ ctx, input }) => {
    const [complaint] = await ctx.tx
      .select({ id: complaints.id })
      .from(complaints)
      .where(
        and(eq(complaints.tenantId, ctx.tenant.id), eq(complaints.ticketNumber, input.ticket.toUpperCase())),
      )
    if (!complaint) throw new AppError('NOT_FOUND', 'errors.notFound')
    if (await tripHeldByAnotherPost(ctx.tx, ctx.tenant.id, complaint.id, ctx.membership))
      throw new AppError('FORBIDDEN', 'errors.tripOfAnotherPost')
    const updated = await transitionComplaint({
      tx: ctx.tx,
      tenant: ctx.tenant,
      actor: { membershipId: ctx.membership.id, roleKeys: ctx.roleKeys },
      complaintId: complaint.id,
      outcomeKey: input.outcomeKey,
      checklist: input.checklist,
      note: input.note,
      expectedVersion: input.expectedVersion,
    })
    // The step's "tell the reporter" actions go out as soon as the transition is committed.
    ctx.afterCommit(() => wake('whatsapp-send', { tenantId: ctx.tenant.id }))
    return { status: updated.status, currentStepKey: updated.currentStepKey, version: updated.version }
  })
