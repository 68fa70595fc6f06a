import { createUnit } from '#server/org/units.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZCreateUnitInput } from './create-unit.types.ts'

export const createUnitProcedure = tenantProcedureWith('unit.manage')
  .input(ZCreateUnitInput)
  .mutation(async ({ ctx, input }) => {
    const { kind, ...fields } = input
    const unit = await createUnit({ tx: ctx.tx, tenantId: ctx.tenant.id, kind, fields })
    return { id: unit.id, name: unit.name }
  })
