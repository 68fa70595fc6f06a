import { and, eq, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import { notifications } from '#db/schema/index.ts'
import type { TenantContext } from '#server/trpc/trpc.ts'
import { tenantProcedure } from '#server/trpc/trpc.ts'

/** The signed-in member's unread notifications in this tenant: one count on the partial index. */
export async function countUnread(ctx: Pick<TenantContext, 'tx' | 'tenant' | 'membership'>) {
  const [row] = await ctx.tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(notifications)
    .where(
      and(
        eq(notifications.tenantId, ctx.tenant.id),
        eq(notifications.membershipId, ctx.membership.id),
        isNull(notifications.readAt),
      ),
    )
  return row?.n ?? 0
}

/** The bell's number, for the refresh while a page stays open. */
export const getUnreadCountProcedure = tenantProcedure
  .output(z.object({ count: z.number().int() }))
  .query(async ({ ctx }) => ({ count: await countUnread(ctx) }))
