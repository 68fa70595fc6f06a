import { signIn } from '#server/auth/sign-in.ts'
import { lucia } from '#server/auth/lucia.ts'
import { landingPathFor } from '#server/routers/me/list-memberships.ts'
import { publicProcedure } from '#server/trpc/trpc.ts'
import { ZSignInInput, ZSignInOutput } from './sign-in.types.ts'

/**
 * Server-side callers only (the /login form): tRPC over HTTP refuses the auth procedures, so a
 * session token never travels in a JSON body a script could read (server/http.ts).
 */
export const signInProcedure = publicProcedure
  .input(ZSignInInput)
  .output(ZSignInOutput)
  .mutation(async ({ ctx, input }) => {
    const { userId, cookie, deviceCookie } = await signIn({ ...input, ip: ctx.ip })
    // A new session at every sign-in; whatever session this browser had before ends.
    if (ctx.session) await lucia().invalidateSession(ctx.session.id)
    return { setCookie: cookie.serialize(), deviceCookie, landingPath: await landingPathFor(userId) }
  })
