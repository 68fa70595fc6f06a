import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { categories, complaintEvents, complaints } from '#db/schema/index.ts'
import { complaintByTicket } from '#server/complaints/by-ticket.ts'
import { AppError } from '#server/errors.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
const ZTicket = z.string().trim().min(3).max(60)

/** Priority and category. A new category does not move a running complaint to another SOP. */
export const updateComplaintDetailsProcedure = tenantProcedureWith('complaint.assign')
  .input(
    z.object({
      ticket: ZTicket,
      priority: z.enum(['low', 'normal', 'high', 'urgent']),
      categoryId: z.string().uuid().nullable(),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const tenantId = ctx.tenant.id
    const complaint = await complaintByTicket(ctx.tx, tenantId, input.ticket)
    if (input.categoryId) {
      const [category] = await ctx.tx
        .select({ id: categories.id })
        .from(categories)
        .where(and(eq(categories.tenantId, tenantId), eq(categories.id, input.categoryId)))
      if (!category) throw new AppError('BAD_REQUEST', 'errors.categoryUnknown')
    }
    await ctx.tx
      .update(complaints)
      .set({ priority: input.priority, categoryId: input.categoryId })
      .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, complaint.id)))
    await ctx.tx.insert(complaintEvents).values({
      tenantId,
      complaintId: complaint.id,
      kind: 'details_changed',
      actorMembershipId: ctx.membership.id,
      data: {
        priority: { from: complaint.priority, to: input.priority },
        categoryId: { from: complaint.categoryId, to: input.categoryId },
      },
    })
    return { ok: true }
  })
