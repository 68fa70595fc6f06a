import { router } from '#server/trpc/trpc.ts'
import { createComplaintProcedure } from './create-complaint.ts'
import { getAttachmentProcedure } from './get-attachment.ts'
import { getComplaintProcedure } from './get-complaint.ts'
import { getIntakeOptionsProcedure } from './get-intake-options.ts'
import { replyComplaintProcedure } from './reply-complaint.ts'
import { transitionComplaintProcedure } from './transition-complaint.ts'

export const complaintRouter = router({
  create: createComplaintProcedure,
  get: getComplaintProcedure,
  getIntakeOptions: getIntakeOptionsProcedure,
  getAttachment: getAttachmentProcedure,
  reply: replyComplaintProcedure,
  transition: transitionComplaintProcedure,
})
