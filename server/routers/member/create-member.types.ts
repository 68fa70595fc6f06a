import { z } from 'zod'

/** The shortest initial password an admin may give a new user. */
export const MIN_PASSWORD_LENGTH = 10

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null))

export const ZCreateMemberInput = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  /** Used only when no user has this email yet; an existing user keeps their own name. */
  name: optionalText(200),
  /** Used only when no user has this email yet; an existing user's password is never changed here. */
  password: z.string().max(200).nullish(),
  roleIds: z.array(z.string().uuid()).max(50),
  unitId: z.string().uuid().nullish(),
  title: optionalText(120),
})
export type CreateMemberInput = z.input<typeof ZCreateMemberInput>
