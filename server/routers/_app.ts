import { createCallerFactory, router } from '#server/trpc/trpc.ts'
import { authRouter } from './auth/router.ts'
import { meRouter } from './me/router.ts'
import { tenantRouter } from './tenant/router.ts'

export const appRouter = router({ auth: authRouter, me: meRouter, tenant: tenantRouter })
export type AppRouter = typeof appRouter
export const createCaller = createCallerFactory(appRouter)
