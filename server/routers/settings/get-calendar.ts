import { and, asc, eq, gte, lt } from 'drizzle-orm'
import { tenantHolidays } from '#db/schema/index.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZYearInput } from './calendar.types.ts'

/** The tenant's working calendar and its non-working days of one year. */
export const getCalendarProcedure = tenantProcedureWith('tenant.settings')
  .input(ZYearInput)
  .query(async ({ ctx, input }) => {
    const holidays = await ctx.tx
      .select({
        date: tenantHolidays.date,
        nameId: tenantHolidays.nameId,
        nameEn: tenantHolidays.nameEn,
        kind: tenantHolidays.kind,
      })
      .from(tenantHolidays)
      .where(
        and(
          eq(tenantHolidays.tenantId, ctx.tenant.id),
          gte(tenantHolidays.date, `${input.year}-01-01`),
          lt(tenantHolidays.date, `${input.year + 1}-01-01`),
        ),
      )
      .orderBy(asc(tenantHolidays.date))
    const { timezone, businessHours, workingDays } = ctx.tenant
    return { timezone, businessHours, workingDays, holidays }
  })
