import { z } from 'zod'
import { signOut } from '#server/auth/sign-in.ts'
import { authedProcedure } from '#server/trpc/trpc.ts'

export const signOutProcedure = authedProcedure
  .output(z.object({ setCookie: z.string() }))
  .mutation(async ({ ctx }) => {
    const cookie = await signOut(ctx.session.id)
    return { setCookie: cookie.serialize() }
  })
