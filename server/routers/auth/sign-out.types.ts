import { z } from 'zod'

export const ZSignOutInput = z
  .object({
    /** End every session of this person, on every device, not just this one. */
    everywhere: z.boolean().default(false),
  })
  .default({})
export type SignOutInput = z.infer<typeof ZSignOutInput>

export const ZSignOutOutput = z.object({ setCookie: z.string() })
