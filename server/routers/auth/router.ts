import { router } from '#server/trpc/trpc.ts'
import { signInProcedure } from './sign-in.ts'
import { signOutProcedure } from './sign-out.ts'

export const authRouter = router({ signIn: signInProcedure, signOut: signOutProcedure })
