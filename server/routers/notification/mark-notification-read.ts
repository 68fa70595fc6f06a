import { and, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { complaints, notifications } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { tenantProcedure } from '#server/trpc/trpc.ts'

/**
 * Marks one of the member's own notifications read (again is harmless: the first time stays) and
 * says where it leads. Another member's or another tenant's notification is not found.
 */
export const markNotificationReadProcedure = tenantProcedure
  .input(z.object({ id: z.string().uuid() }))
  .output(z.object({ kind: z.string(), ticket: z.string().nullable() }))
  .mutation(async ({ ctx, input }) => {
    const tenantId = ctx.tenant.id
    const [row] = await ctx.tx
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
      .where(
        and(
          eq(notifications.tenantId, tenantId),
          eq(notifications.membershipId, ctx.membership.id),
          eq(notifications.id, input.id),
        ),
      )
      .returning({ kind: notifications.kind, complaintId: notifications.complaintId })
    if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
    if (!row.complaintId) return { kind: row.kind, ticket: null }
    const [complaint] = await ctx.tx
      .select({ ticket: complaints.ticketNumber })
      .from(complaints)
      .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, row.complaintId)))
    return { kind: row.kind, ticket: complaint?.ticket ?? null }
  })
