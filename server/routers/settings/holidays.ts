import { and, eq } from 'drizzle-orm'
import { tenantHolidays } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { installHolidays } from '#server/tenants/setup.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZHolidayInput, ZYearInput } from './calendar.types.ts'
import { z } from 'zod'

/** A local holiday of the agency (a regional anniversary, a local leave day). */
export const addHolidayProcedure = tenantProcedureWith('tenant.settings')
  .input(ZHolidayInput)
  .mutation(async ({ ctx, input }) => {
    const [existing] = await ctx.tx
      .select()
      .from(tenantHolidays)
      .where(and(eq(tenantHolidays.tenantId, ctx.tenant.id), eq(tenantHolidays.date, input.date)))
    if (existing)
      throw new AppError('CONFLICT', 'settings.errors.holidayExists', {
        date: input.date,
        name: existing.nameId,
      })
    await ctx.tx.insert(tenantHolidays).values({
      tenantId: ctx.tenant.id,
      date: input.date,
      nameId: input.nameId,
      nameEn: input.nameEn || input.nameId,
      kind: 'local',
    })
    return { ok: true }
  })

/** Any day may be removed, national ones too: some agencies work on collective leave days. */
export const removeHolidayProcedure = tenantProcedureWith('tenant.settings')
  .input(z.object({ date: ZHolidayInput.shape.date }))
  .mutation(async ({ ctx, input }) => {
    const removed = await ctx.tx
      .delete(tenantHolidays)
      .where(and(eq(tenantHolidays.tenantId, ctx.tenant.id), eq(tenantHolidays.date, input.date)))
      .returning()
    if (removed.length === 0) throw new AppError('NOT_FOUND', 'errors.notFound')
    return { ok: true }
  })

/** Adds the year's national holidays and collective leave days that are missing; keeps the agency's edits otherwise. */
export const loadNationalHolidaysProcedure = tenantProcedureWith('tenant.settings')
  .input(ZYearInput)
  .mutation(async ({ ctx, input }) => {
    await installHolidays(ctx.tx, ctx.tenant.id, [input.year])
    return { ok: true }
  })
