import { z } from 'zod'
import { UNIT_KINDS } from '#server/org/units.ts'

/** Optional text: blank becomes null ("no value"). */
export const ZOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null))

/** Decimal degrees; the range for Indonesia is checked by the service with a translated message. */
export const ZCoordinate = z
  .number()
  .finite()
  .nullish()
  .transform((v) => v ?? null)

export const ZCreateUnitInput = z.object({
  kind: z.enum(UNIT_KINDS),
  name: z.string().trim().max(200),
  shortName: ZOptionalText(60),
  /** TRC posts only: the division or control room the post belongs to. */
  parentId: z
    .string()
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  latitude: ZCoordinate,
  longitude: ZCoordinate,
  address: ZOptionalText(500),
  email: ZOptionalText(320),
  phone: ZOptionalText(40),
})
export type CreateUnitInput = z.input<typeof ZCreateUnitInput>
