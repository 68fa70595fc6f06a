import { z } from 'zod'

export const ZUpdateMemberInput = z.object({
  membershipId: z.string().uuid(),
  roleIds: z.array(z.string().uuid()).max(50),
  unitId: z.string().uuid().nullable(),
  title: z
    .string()
    .trim()
    .max(120)
    .nullable()
    .transform((v) => (v ? v : null)),
})
export type UpdateMemberInput = z.input<typeof ZUpdateMemberInput>
