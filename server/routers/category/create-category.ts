import { createCategory } from '#server/org/categories.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZCreateCategoryInput } from './create-category.types.ts'

export const createCategoryProcedure = tenantProcedureWith('category.manage')
  .input(ZCreateCategoryInput)
  .mutation(async ({ ctx, input }) => {
    const category = await createCategory({ tx: ctx.tx, tenantId: ctx.tenant.id, fields: input })
    return { id: category.id, key: category.key, nameId: category.nameId }
  })
