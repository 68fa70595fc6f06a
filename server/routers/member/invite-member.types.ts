import { z } from 'zod'

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null))

/** Only the address and what the person will do here: their name and password are theirs to set. */
export const ZInviteMemberInput = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  roleIds: z.array(z.string().uuid()).max(50),
  unitId: z.string().uuid().nullish(),
  title: optionalText(120),
})
export type InviteMemberInput = z.input<typeof ZInviteMemberInput>
