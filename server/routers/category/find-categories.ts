import { and, asc, eq } from 'drizzle-orm'
import { categories, sops, units } from '#db/schema/index.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

/** The tenant's categories with the names of their default unit and SOP. */
export const findCategoriesProcedure = tenantProcedureWith('category.manage').query(async ({ ctx }) => {
  const rows = await ctx.tx
    .select({
      category: categories,
      unitName: units.name,
      unitActive: units.active,
      sopNameId: sops.nameId,
      sopNameEn: sops.nameEn,
    })
    .from(categories)
    .leftJoin(units, and(eq(units.tenantId, categories.tenantId), eq(units.id, categories.defaultUnitId)))
    .leftJoin(sops, and(eq(sops.tenantId, categories.tenantId), eq(sops.id, categories.defaultSopId)))
    .where(eq(categories.tenantId, ctx.tenant.id))
    .orderBy(asc(categories.nameId))
  return rows.map(({ category, unitName, unitActive, sopNameId, sopNameEn }) => ({
    id: category.id,
    key: category.key,
    nameId: category.nameId,
    nameEn: category.nameEn,
    active: category.active,
    defaultUnit: unitName ? { name: unitName, active: unitActive ?? false } : null,
    defaultSop: sopNameId ? { nameId: sopNameId, nameEn: sopNameEn ?? sopNameId } : null,
  }))
})
