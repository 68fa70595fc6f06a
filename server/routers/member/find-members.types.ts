import { z } from 'zod'

export const ZFindMembersInput = z
  .object({
    /** Part of a name or an email address. */
    query: z.string().trim().max(100).optional(),
    status: z.enum(['all', 'active', 'inactive']).default('all'),
  })
  .default({})
export type FindMembersInput = z.input<typeof ZFindMembersInput>
