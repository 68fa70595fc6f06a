import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { tenants } from '#db/schema/index.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZRecipient = z.object({
  name: z.string().trim().min(2).max(200),
  email: z.string().trim().toLowerCase().email().max(320),
})

/** Who receives the monthly, quarterly and annual recaps (the regent or mayor, their staff). */
export const getReportRecipientsProcedure = tenantProcedureWith('tenant.settings').query(({ ctx }) => ({
  recipients: ctx.tenant.reportRecipients,
}))

export const addReportRecipientProcedure = tenantProcedureWith('tenant.settings')
  .input(ZRecipient)
  .mutation(async ({ ctx, input }) => {
    const others = ctx.tenant.reportRecipients.filter((r) => r.email !== input.email)
    const recipients = [...others, input].slice(0, 30)
    await ctx.tx.update(tenants).set({ reportRecipients: recipients }).where(eq(tenants.id, ctx.tenant.id))
    return { recipients }
  })

export const removeReportRecipientProcedure = tenantProcedureWith('tenant.settings')
  .input(z.object({ email: z.string().trim().toLowerCase() }))
  .mutation(async ({ ctx, input }) => {
    const recipients = ctx.tenant.reportRecipients.filter((r) => r.email !== input.email)
    await ctx.tx.update(tenants).set({ reportRecipients: recipients }).where(eq(tenants.id, ctx.tenant.id))
    return { recipients }
  })
