import { router } from '#server/trpc/trpc.ts'
import { getDashboardProcedure } from './get-dashboard.ts'
import { getShellProcedure } from './get-shell.ts'

export const tenantRouter = router({ getShell: getShellProcedure, getDashboard: getDashboardProcedure })
