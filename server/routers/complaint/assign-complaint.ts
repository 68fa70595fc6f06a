import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { complaintEvents, complaints, memberships, notifications, units } from '#db/schema/index.ts'
import { complaintByTicket } from '#server/complaints/by-ticket.ts'
import { AppError } from '#server/errors.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
const ZTicket = z.string().trim().min(3).max(60)

/** Who is on it: a person of the agency, a unit, or nobody. The person is told in the app. */
export const assignComplaintProcedure = tenantProcedureWith('complaint.assign')
  .input(
    z.object({
      ticket: ZTicket,
      membershipId: z.string().uuid().nullable(),
      unitId: z.string().uuid().nullable(),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const tenantId = ctx.tenant.id
    const complaint = await complaintByTicket(ctx.tx, tenantId, input.ticket)
    if (input.membershipId) {
      const [member] = await ctx.tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(
            eq(memberships.tenantId, tenantId),
            eq(memberships.id, input.membershipId),
            eq(memberships.active, true),
          ),
        )
      if (!member) throw new AppError('BAD_REQUEST', 'complaints.manage.errors.unknownMember')
    }
    if (input.unitId) {
      const [unit] = await ctx.tx
        .select({ id: units.id })
        .from(units)
        .where(and(eq(units.tenantId, tenantId), eq(units.id, input.unitId), eq(units.active, true)))
      if (!unit) throw new AppError('BAD_REQUEST', 'complaints.manage.errors.unknownUnit')
    }
    await ctx.tx
      .update(complaints)
      .set({ assigneeMembershipId: input.membershipId, assigneeUnitId: input.unitId })
      .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, complaint.id)))
    await ctx.tx.insert(complaintEvents).values({
      tenantId,
      complaintId: complaint.id,
      kind: 'assigned',
      actorMembershipId: ctx.membership.id,
      data: { membershipId: input.membershipId, unitId: input.unitId },
    })
    if (input.membershipId && input.membershipId !== ctx.membership.id) {
      await ctx.tx.insert(notifications).values({
        tenantId,
        membershipId: input.membershipId,
        kind: 'complaint_assigned',
        complaintId: complaint.id,
        params: { ticket: complaint.ticketNumber },
      })
    }
    return { ok: true }
  })
