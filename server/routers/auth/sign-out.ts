import { signOut, signOutEverywhere } from '#server/auth/sign-in.ts'
import { authedProcedure } from '#server/trpc/trpc.ts'
import { ZSignOutInput, ZSignOutOutput } from './sign-out.types.ts'

export const signOutProcedure = authedProcedure
  .input(ZSignOutInput)
  .output(ZSignOutOutput)
  .mutation(async ({ ctx, input }) => {
    const cookie = input.everywhere ? await signOutEverywhere(ctx.user.id) : await signOut(ctx.session.id)
    return { setCookie: cookie.serialize() }
  })
