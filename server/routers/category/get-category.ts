import { z } from 'zod'
import { categoryFormOptions, categoryOf } from '#server/org/categories.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZGetCategoryInput = z.object({ categoryId: z.string().uuid() })

/** One category for its edit page, with the units and SOPs it may point at. */
export const getCategoryProcedure = tenantProcedureWith('category.manage')
  .input(ZGetCategoryInput)
  .query(async ({ ctx, input }) => {
    const category = await categoryOf(ctx.tx, ctx.tenant.id, input.categoryId)
    return {
      category: {
        id: category.id,
        key: category.key,
        nameId: category.nameId,
        nameEn: category.nameEn,
        defaultUnitId: category.defaultUnitId,
        defaultSopId: category.defaultSopId,
        active: category.active,
      },
      options: await categoryFormOptions(ctx.tx, ctx.tenant.id, category),
    }
  })
