import { and, eq, isNull, lte, sql } from 'drizzle-orm'
import { z } from 'zod'
import { ZInstant } from '#server/zod.ts'
import { notifications } from '#db/schema/index.ts'
import { tenantProcedure } from '#server/trpc/trpc.ts'

/**
 * Marks the member's unread notifications read; with `upTo` (the newest one the page showed), only
 * those up to it, so one that arrived after the page was drawn is not marked read unseen.
 */
export const markAllNotificationsReadProcedure = tenantProcedure
  .input(z.object({ upTo: ZInstant.optional() }))
  .output(z.object({ marked: z.number().int() }))
  .mutation(async ({ ctx, input }) => {
    const marked = await ctx.tx
      .update(notifications)
      .set({ readAt: sql`now()` })
      .where(
        and(
          eq(notifications.tenantId, ctx.tenant.id),
          eq(notifications.membershipId, ctx.membership.id),
          isNull(notifications.readAt),
          input.upTo ? lte(notifications.createdAt, sql`${input.upTo}::timestamptz`) : undefined,
        ),
      )
      .returning({ id: notifications.id })
    return { marked: marked.length }
  })
