import { z } from 'zod'

export const ZSignInInput = z.object({
  email: z.string().trim().min(1).max(320).email(),
  password: z.string().min(1).max(200),
  /** The device cookie the browser sent with the sign-in form, if any. */
  deviceToken: z.string().max(4096).optional(),
})
export type SignInInput = z.infer<typeof ZSignInInput>

export const ZSignInOutput = z.object({
  setCookie: z.string(),
  /** Remembers this browser for the account, so a stranger's wrong guesses never lock it out. */
  deviceCookie: z.string(),
  landingPath: z.string(),
})
