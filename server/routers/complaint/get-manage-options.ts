import { and, asc, eq } from 'drizzle-orm'
import { categories, memberships, units, users } from '#db/schema/index.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
/** The choices of the manage forms: active members, units and categories of the tenant. */
export const getManageOptionsProcedure = tenantProcedureWith('complaint.assign').query(async ({ ctx }) => {
  const tenantId = ctx.tenant.id
  const [people, unitRows, categoryRows] = await Promise.all([
    ctx.tx
      .select({ id: memberships.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.active, true)))
      .orderBy(asc(users.name)),
    ctx.tx
      .select({ id: units.id, name: units.name, kind: units.kind })
      .from(units)
      .where(and(eq(units.tenantId, tenantId), eq(units.active, true)))
      .orderBy(asc(units.name)),
    ctx.tx
      .select({ id: categories.id, nameId: categories.nameId, nameEn: categories.nameEn })
      .from(categories)
      .where(and(eq(categories.tenantId, tenantId), eq(categories.active, true)))
      .orderBy(asc(categories.nameId)),
  ])
  return { people, units: unitRows, categories: categoryRows }
})
