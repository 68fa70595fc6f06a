import { z } from 'zod'

/** Blank becomes null (cleared); left out stays undefined (unchanged). */
const ZTextChange = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null))

/** Every field but the id may be left out, which keeps its value; null clears it. */
export const ZUpdateUnitInput = z.object({
  unitId: z.string().uuid(),
  name: z.string().trim().max(200).optional(),
  shortName: ZTextChange(60),
  parentId: z.string().uuid().nullable().optional(),
  latitude: z.number().finite().nullable().optional(),
  longitude: z.number().finite().nullable().optional(),
  address: ZTextChange(500),
  email: ZTextChange(320),
  phone: ZTextChange(40),
})
export type UpdateUnitInput = z.input<typeof ZUpdateUnitInput>
