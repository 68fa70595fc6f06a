import { z } from 'zod'

export const ZCategoryFields = z.object({
  nameId: z.string().trim().max(200),
  /** Blank: the Indonesian name is used in English too. */
  nameEn: z
    .string()
    .trim()
    .max(200)
    .nullish()
    .transform((v) => (v ? v : null)),
  /** The unit new complaints of this category go to; null: decided per complaint. */
  defaultUnitId: z.string().uuid().nullable(),
  /** Null: follow the SOP of the channel the complaint came in on (resolveSopVersion). */
  defaultSopId: z.string().uuid().nullable(),
})

/** The key is made from the Indonesian name, so it is not part of the input. */
export const ZCreateCategoryInput = ZCategoryFields
export type CreateCategoryInput = z.input<typeof ZCreateCategoryInput>
