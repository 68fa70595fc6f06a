import { createComplaint } from '#server/complaints/create-complaint.ts'
import { storeUploads } from '#server/complaints/uploads.ts'
import { AppError } from '#server/errors.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZCreateComplaintInput } from './create-complaint.types.ts'

/** Manual intake (walk-in, letter, phone, social media, web on someone's behalf). */
export const createComplaintProcedure = tenantProcedureWith('complaint.create')
  .input(ZCreateComplaintInput)
  .mutation(async ({ ctx, input }) => {
    if (input.channel === 'letter' && input.letterScans.length === 0)
      throw new AppError('BAD_REQUEST', 'complaints.form.letterScanRequired')
    if (input.channel !== 'letter' && input.letterScans.length > 0)
      throw new AppError('BAD_REQUEST', 'complaints.form.letterScanOnlyLetter')
    const { complaint, trackingSecret } = await createComplaint({
      tx: ctx.tx,
      tenant: ctx.tenant,
      actor: { membershipId: ctx.membership.id, roleKeys: ctx.roleKeys },
      input: {
        channel: input.channel,
        description: input.description,
        categoryId: input.categoryId,
        locationText: input.locationText,
        sourceUrl: input.sourceUrl ?? null,
        reporter: {
          name: input.reporterName,
          phone: input.reporterPhone,
          email: input.reporterEmail,
          anonymous: input.anonymous,
        },
      },
    })
    await storeUploads({
      tx: ctx.tx,
      tenantId: ctx.tenant.id,
      complaintId: complaint.id,
      uploadedBy: ctx.membership.id,
      kind: 'letter_scan',
      files: input.letterScans,
      accept: ['application/pdf', 'image/jpeg', 'image/png'],
    })
    return { ticketNumber: complaint.ticketNumber, trackingSecret }
  })
