import { updateCategory } from '#server/org/categories.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZUpdateCategoryInput } from './update-category.types.ts'

export const updateCategoryProcedure = tenantProcedureWith('category.manage')
  .input(ZUpdateCategoryInput)
  .mutation(async ({ ctx, input }) => {
    const { categoryId, active, ...fields } = input
    const category = await updateCategory({ tx: ctx.tx, tenantId: ctx.tenant.id, categoryId, fields, active })
    return { id: category.id, key: category.key, nameId: category.nameId, active: category.active }
  })
