import { router } from '#server/trpc/trpc.ts'
import { createCategoryProcedure } from './create-category.ts'
import { findCategoriesProcedure } from './find-categories.ts'
import { getCategoryFormOptionsProcedure } from './get-category-form-options.ts'
import { getCategoryProcedure } from './get-category.ts'
import { updateCategoryProcedure } from './update-category.ts'

export const categoryRouter = router({
  find: findCategoriesProcedure,
  get: getCategoryProcedure,
  getFormOptions: getCategoryFormOptionsProcedure,
  create: createCategoryProcedure,
  update: updateCategoryProcedure,
})
