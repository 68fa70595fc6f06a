import { createCallerFactory, router } from '#server/trpc/trpc.ts'
import { authRouter } from './auth/router.ts'
import { complaintRouter } from './complaint/router.ts'
import { meRouter } from './me/router.ts'
import { sopRouter } from './sop/router.ts'
import { tenantRouter } from './tenant/router.ts'

export const appRouter = router({
  auth: authRouter,
  me: meRouter,
  tenant: tenantRouter,
  sop: sopRouter,
  complaint: complaintRouter,
})
export type AppRouter = typeof appRouter
export const createCaller = createCallerFactory(appRouter)
