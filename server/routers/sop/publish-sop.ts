import { z } from 'zod'
import { publishSop } from '#server/sop/manage.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZPublishSopInput = z.object({ sopId: z.string().uuid() })

export const publishSopProcedure = tenantProcedureWith('sop.edit')
  .input(ZPublishSopInput)
  .mutation(async ({ ctx, input }) => {
    const published = await publishSop({
      tx: ctx.tx,
      tenantId: ctx.tenant.id,
      sopId: input.sopId,
      publishedBy: ctx.membership.id,
    })
    return { version: published.version }
  })
