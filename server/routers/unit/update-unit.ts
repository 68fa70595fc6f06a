import { updateUnit } from '#server/org/units.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZUpdateUnitInput } from './update-unit.types.ts'

/** Name, short name, parent, location and contact; the kind is fixed when the unit is made. */
export const updateUnitProcedure = tenantProcedureWith('unit.manage')
  .input(ZUpdateUnitInput)
  .mutation(async ({ ctx, input }) => {
    const { unitId, ...changes } = input
    const unit = await updateUnit({ tx: ctx.tx, tenantId: ctx.tenant.id, unitId, changes })
    return { id: unit.id, name: unit.name }
  })
