import { router } from '#server/trpc/trpc.ts'
import { addNoteProcedure } from './add-note.ts'
import { assignComplaintProcedure } from './assign-complaint.ts'
import { createComplaintProcedure } from './create-complaint.ts'
import { getAttachmentProcedure } from './get-attachment.ts'
import { getComplaintProcedure } from './get-complaint.ts'
import { getIntakeOptionsProcedure } from './get-intake-options.ts'
import { getManageOptionsProcedure } from './get-manage-options.ts'
import { issueReceiptProcedure } from './issue-receipt.ts'
import { mergeComplaintProcedure } from './merge-complaint.ts'
import { replyComplaintProcedure } from './reply-complaint.ts'
import { transitionComplaintProcedure } from './transition-complaint.ts'
import { updateComplaintDetailsProcedure } from './update-complaint-details.ts'

export const complaintRouter = router({
  create: createComplaintProcedure,
  get: getComplaintProcedure,
  getIntakeOptions: getIntakeOptionsProcedure,
  getAttachment: getAttachmentProcedure,
  reply: replyComplaintProcedure,
  transition: transitionComplaintProcedure,
  addNote: addNoteProcedure,
  assign: assignComplaintProcedure,
  updateDetails: updateComplaintDetailsProcedure,
  getManageOptions: getManageOptionsProcedure,
  issueReceipt: issueReceiptProcedure,
  merge: mergeComplaintProcedure,
})
