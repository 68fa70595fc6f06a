import { router } from '#server/trpc/trpc.ts'
import { createUnitProcedure } from './create-unit.ts'
import { findUnitsProcedure } from './find-units.ts'
import { getUnitProcedure } from './get-unit.ts'
import { setUnitActiveProcedure } from './set-unit-active.ts'
import { updateUnitProcedure } from './update-unit.ts'

export const unitRouter = router({
  find: findUnitsProcedure,
  get: getUnitProcedure,
  create: createUnitProcedure,
  update: updateUnitProcedure,
  setActive: setUnitActiveProcedure,
})
