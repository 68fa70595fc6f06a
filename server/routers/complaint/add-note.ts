import { z } from 'zod'
import { complaintEvents } from '#db/schema/index.ts'
import { complaintByTicket } from '#server/complaints/by-ticket.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
const ZTicket = z.string().trim().min(3).max(60)

/** An internal note: for the agency's people only, never sent to the reporter. */
export const addNoteProcedure = tenantProcedureWith('complaint.note')
  .input(z.object({ ticket: ZTicket, text: z.string().trim().min(2).max(4000) }))
  .mutation(async ({ ctx, input }) => {
    const complaint = await complaintByTicket(ctx.tx, ctx.tenant.id, input.ticket)
    await ctx.tx.insert(complaintEvents).values({
      tenantId: ctx.tenant.id,
      complaintId: complaint.id,
      kind: 'note',
      actorMembershipId: ctx.membership.id,
      data: { text: input.text },
    })
    return { ok: true }
  })
