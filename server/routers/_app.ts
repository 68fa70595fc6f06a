import { createCallerFactory, router } from '#server/trpc/trpc.ts'
import { authRouter } from './auth/router.ts'
import { categoryRouter } from './category/router.ts'
import { channelRouter } from './channel/router.ts'
import { complaintRouter } from './complaint/router.ts'
import { devRouter } from './dev/router.ts'
import { inboxRouter } from './inbox/router.ts'
import { memberRouter } from './member/router.ts'
import { meRouter } from './me/router.ts'
import { notificationRouter } from './notification/router.ts'
import { platformRouter } from './platform/router.ts'
import { roleRouter } from './role/router.ts'
import { settingsRouter } from './settings/router.ts'
import { sopRouter } from './sop/router.ts'
import { tenantRouter } from './tenant/router.ts'
import { trcRouter } from './trc/router.ts'
import { unitRouter } from './unit/router.ts'

export const appRouter = router({
  auth: authRouter,
  me: meRouter,
  tenant: tenantRouter,
  sop: sopRouter,
  complaint: complaintRouter,
  member: memberRouter,
  role: roleRouter,
  unit: unitRouter,
  category: categoryRouter,
  settings: settingsRouter,
  platform: platformRouter,
  channel: channelRouter,
  inbox: inboxRouter,
  notification: notificationRouter,
  trc: trcRouter,
  dev: devRouter,
})
export type AppRouter = typeof appRouter
export const createCaller = createCallerFactory(appRouter)
