import { dashboardFigures } from '#server/dashboard/figures.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZDashboard } from './get-dashboard.types.ts'

/** The supervisor's dashboard: today's intake, the work in hand, what is overdue, this month's timeliness, where. */
export const getDashboardProcedure = tenantProcedureWith('dashboard.view')
  .output(ZDashboard)
  .query(({ ctx }) => dashboardFigures({ tx: ctx.tx, tenant: ctx.tenant }))
