import { z } from 'zod'
import { ZCategoryFields } from './create-category.types.ts'

export const ZUpdateCategoryInput = ZCategoryFields.extend({
  categoryId: z.string().uuid(),
  active: z.boolean(),
})
export type UpdateCategoryInput = z.input<typeof ZUpdateCategoryInput>
