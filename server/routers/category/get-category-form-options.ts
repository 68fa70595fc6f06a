import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { categoryFormOptions } from '#server/org/categories.ts'

/** The units and SOPs a new category may point at. */
export const getCategoryFormOptionsProcedure = tenantProcedureWith('category.manage').query(({ ctx }) =>
  categoryFormOptions(ctx.tx, ctx.tenant.id),
)
