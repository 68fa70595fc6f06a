import { eq } from 'drizzle-orm'
import { tenants } from '#db/schema/index.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZUpdateCalendarInput } from './calendar.types.ts'

/**
 * Time zone, working hours and working days. Due times already computed stay as they are (a step
 * keeps the deadline it was given); steps entered from now on use the new calendar.
 */
export const updateCalendarProcedure = tenantProcedureWith('tenant.settings')
  .input(ZUpdateCalendarInput)
  .mutation(async ({ ctx, input }) => {
    await ctx.tx
      .update(tenants)
      .set({
        timezone: input.timezone,
        businessHours: input.businessHours,
        workingDays: [...new Set(input.workingDays)].sort(),
      })
      .where(eq(tenants.id, ctx.tenant.id))
    return { ok: true }
  })
