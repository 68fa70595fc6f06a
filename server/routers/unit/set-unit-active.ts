import { z } from 'zod'
import { setUnitActive } from '#server/org/units.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZSetUnitActiveInput = z.object({ unitId: z.string().uuid(), active: z.boolean() })

/** Deactivate or reactivate; there is no delete (complaints and memberships point at units). */
export const setUnitActiveProcedure = tenantProcedureWith('unit.manage')
  .input(ZSetUnitActiveInput)
  .mutation(async ({ ctx, input }) => {
    const unit = await setUnitActive({
      tx: ctx.tx,
      tenantId: ctx.tenant.id,
      unitId: input.unitId,
      active: input.active,
    })
    return { id: unit.id, name: unit.name, active: unit.active }
  })
