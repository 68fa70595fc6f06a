import { and, asc, eq } from 'drizzle-orm'
import { categories } from '#db/schema/index.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

/** What the intake form offers: the tenant's active categories. */
export const getIntakeOptionsProcedure = tenantProcedureWith('complaint.create').query(async ({ ctx }) => {
  const list = await ctx.tx
    .select({ id: categories.id, nameId: categories.nameId, nameEn: categories.nameEn })
    .from(categories)
    .where(and(eq(categories.tenantId, ctx.tenant.id), eq(categories.active, true)))
    .orderBy(asc(categories.nameId))
  return { categories: list }
})
