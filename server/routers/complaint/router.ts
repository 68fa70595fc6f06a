import { router } from '#server/trpc/trpc.ts'
import { createComplaintProcedure } from './create-complaint.ts'
import { getComplaintProcedure } from './get-complaint.ts'
import { getIntakeOptionsProcedure } from './get-intake-options.ts'
import { transitionComplaintProcedure } from './transition-complaint.ts'

export const complaintRouter = router({
  create: createComplaintProcedure,
  get: getComplaintProcedure,
  getIntakeOptions: getIntakeOptionsProcedure,
  transition: transitionComplaintProcedure,
})
