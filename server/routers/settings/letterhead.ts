import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { tenants } from '#db/schema/index.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZLetterheadInput = z.object({
  parentName: z.string().trim().min(2).max(200),
  agencyName: z.string().trim().min(2).max(200),
  address: z.string().trim().min(5).max(500),
  /** Placeholders: {seq} the running number, {code} the letter kind's code, {roman_month}, {month}, {year}. */
  letterNumberFormat: z
    .string()
    .trim()
    .min(3)
    .max(120)
    .refine((f) => f.includes('{seq}'), { message: 'must contain {seq}' }),
})

export const getLetterheadProcedure = tenantProcedureWith('tenant.settings').query(({ ctx }) => ({
  letterhead: ctx.tenant.letterhead ?? {
    parentName: '',
    agencyName: ctx.tenant.name.toUpperCase(),
    address: '',
  },
  letterNumberFormat: ctx.tenant.letterNumberFormat,
}))

export const updateLetterheadProcedure = tenantProcedureWith('tenant.settings')
  .input(ZLetterheadInput)
  .mutation(async ({ ctx, input }) => {
    const { letterNumberFormat, ...letterhead } = input
    await ctx.tx
      .update(tenants)
      .set({ letterhead: { ...(ctx.tenant.letterhead ?? {}), ...letterhead }, letterNumberFormat })
      .where(eq(tenants.id, ctx.tenant.id))
    return { ok: true }
  })
