import { signIn } from '#server/auth/sign-in.ts'
import { landingPathFor } from '#server/routers/me/list-memberships.ts'
import { publicProcedure } from '#server/trpc/trpc.ts'
import { ZSignInInput, ZSignInOutput } from './sign-in.types.ts'

export const signInProcedure = publicProcedure
  .input(ZSignInInput)
  .output(ZSignInOutput)
  .mutation(async ({ ctx, input }) => {
    const { userId, cookie } = await signIn({ ...input, ip: ctx.ip })
    return { setCookie: cookie.serialize(), landingPath: await landingPathFor(userId) }
  })
