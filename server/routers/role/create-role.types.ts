import { z } from 'zod'
import { PERMISSIONS } from '#server/auth/permissions.ts'

export const ZRoleNames = {
  nameId: z.string().trim().max(120),
  /** Empty: the Indonesian name is used in English too. */
  nameEn: z
    .string()
    .trim()
    .max(120)
    .nullish()
    .transform((v) => (v ? v : null)),
}

export const ZCreateRoleInput = z.object({
  ...ZRoleNames,
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length * 2),
})
export type CreateRoleInput = z.input<typeof ZCreateRoleInput>
