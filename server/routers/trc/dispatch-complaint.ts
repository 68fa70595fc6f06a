import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { complaintEvents, dispatches, stepActions, units } from '#db/schema/index.ts'
import { complaintByTicket } from '#server/complaints/by-ticket.ts'
import { AppError } from '#server/errors.ts'
import { dispatchToPost, tellPost, tripOpen } from '#server/trc/dispatch.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { isActive } from '#server/complaints/status.ts'

export const ZDispatchComplaintInput = z.object({
  ticket: z.string().trim().min(3).max(60),
  unitId: z.string().uuid(),
})

/**
 * Sends a complaint's TRC to a post chosen by a person (the nearest is suggested), or sends it to
 * another post instead: a trip not yet finished is called off, and the SOP's own pending "send the
 * TRC" is taken as done so the team is not sent twice. Needs complaint.assign and dispatch.perform
 * (the head of division in the seeded SOPs).
 */
export const dispatchComplaintProcedure = tenantProcedureWith('complaint.assign')
  .input(ZDispatchComplaintInput)
  .mutation(async ({ ctx, input }) => {
    if (!ctx.permissions.has('dispatch.perform')) throw new AppError('FORBIDDEN', 'errors.forbidden')
    const tenantId = ctx.tenant.id
    // One dispatch of a complaint at a time, by hand or by the SOP's job (which skips a locked row).
    const complaint = await complaintByTicket(ctx.tx, tenantId, input.ticket, { lock: true })
    if (!isActive(complaint.status)) throw new AppError('CONFLICT', 'errors.complaintNotActive')
    const [post] = await ctx.tx
      .select({ id: units.id })
      .from(units)
      .where(
        and(
          eq(units.tenantId, tenantId),
          eq(units.id, input.unitId),
          eq(units.kind, 'trc_post'),
          eq(units.active, true),
        ),
      )
    if (!post) throw new AppError('BAD_REQUEST', 'trc.errors.unknownPost')
    const cancelled = await ctx.tx
      .update(dispatches)
      .set({ status: 'cancelled' })
      .where(and(eq(dispatches.tenantId, tenantId), eq(dispatches.complaintId, complaint.id), tripOpen))
      .returning({ id: dispatches.id, unitId: dispatches.unitId })
    if (cancelled.some((d) => d.unitId === post.id)) throw new AppError('CONFLICT', 'trc.errors.alreadyThere')
    for (const trip of cancelled) {
      await ctx.tx.insert(complaintEvents).values({
        tenantId,
        complaintId: complaint.id,
        kind: 'trc_cancelled',
        actorMembershipId: ctx.membership.id,
        data: { dispatchId: trip.id, unitId: trip.unitId },
      })
      await tellPost({
        tx: ctx.tx,
        tenantId,
        unitId: trip.unitId,
        complaintId: complaint.id,
        kind: 'trc_cancelled',
      })
    }
    const dispatch = await dispatchToPost({
      tx: ctx.tx,
      tenantId,
      complaintId: complaint.id,
      unitId: post.id,
      by: ctx.membership.id,
    })
    await ctx.tx
      .update(stepActions)
      .set({ status: 'done', result: { dispatchId: dispatch.id, unitId: post.id, manual: true } })
      .where(
        and(
          eq(stepActions.tenantId, tenantId),
          eq(stepActions.complaintId, complaint.id),
          eq(stepActions.kind, 'dispatch_trc'),
          eq(stepActions.status, 'pending'),
        ),
      )
    return { dispatchId: dispatch.id }
  })
