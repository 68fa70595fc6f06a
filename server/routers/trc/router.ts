import { router } from '#server/trpc/trpc.ts'
import { dispatchComplaintProcedure } from './dispatch-complaint.ts'
import { findMineProcedure } from './find-mine.ts'
import { getDispatchOptionsProcedure } from './get-dispatch-options.ts'
import { updateDispatchProcedure } from './update-dispatch.ts'

/** TRC dispatch: sending a complaint to a post, and the TRC member's side of the trip. */
export const trcRouter = router({
  findMine: findMineProcedure,
  update: updateDispatchProcedure,
  getDispatchOptions: getDispatchOptionsProcedure,
  dispatch: dispatchComplaintProcedure,
})
