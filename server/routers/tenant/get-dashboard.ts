import { and, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { categories, complaints, memberships, units } from '#db/schema/index.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZDashboard = z.object({
  complaints: z.object({ total: z.number(), open: z.number(), overdue: z.number(), today: z.number() }),
  units: z.object({ divisions: z.number(), trcPosts: z.number(), opd: z.number() }),
  members: z.number(),
  categories: z.number(),
})

export const getDashboardProcedure = tenantProcedureWith('dashboard.view')
  .output(ZDashboard)
  .query(async ({ ctx }) => {
    const tenantId = ctx.tenant.id
    const startOfToday = sql`date_trunc('day', now() at time zone ${ctx.tenant.timezone}) at time zone ${ctx.tenant.timezone}`
    const [counts] = await ctx.tx
      .select({
        total: sql<number>`count(*)`.mapWith(Number),
        open: sql<number>`count(*) filter (where ${complaints.status} in ('open', 'in_progress'))`.mapWith(
          Number,
        ),
        overdue:
          sql<number>`count(*) filter (where ${complaints.status} in ('open', 'in_progress') and ${complaints.stepDueAt} < now())`.mapWith(
            Number,
          ),
        today: sql<number>`count(*) filter (where ${complaints.createdAt} >= ${startOfToday})`.mapWith(
          Number,
        ),
      })
      .from(complaints)
      .where(eq(complaints.tenantId, tenantId))
    const [unitCounts] = await ctx.tx
      .select({
        divisions: sql<number>`count(*) filter (where ${units.kind} in ('division', 'control_room'))`.mapWith(
          Number,
        ),
        trcPosts: sql<number>`count(*) filter (where ${units.kind} = 'trc_post')`.mapWith(Number),
        opd: sql<number>`count(*) filter (where ${units.kind} = 'opd')`.mapWith(Number),
      })
      .from(units)
      .where(and(eq(units.tenantId, tenantId), eq(units.active, true)))
    const [memberCount] = await ctx.tx
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.active, true)))
    const [categoryCount] = await ctx.tx
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(categories)
      .where(and(eq(categories.tenantId, tenantId), eq(categories.active, true)))
    return {
      complaints: counts ?? { total: 0, open: 0, overdue: 0, today: 0 },
      units: unitCounts ?? { divisions: 0, trcPosts: 0, opd: 0 },
      members: memberCount?.n ?? 0,
      categories: categoryCount?.n ?? 0,
    }
  })
