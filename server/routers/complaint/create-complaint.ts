import { createComplaint } from '#server/complaints/create-complaint.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZCreateComplaintInput } from './create-complaint.types.ts'

/** Manual intake (walk-in, letter, phone, social media, web on someone's behalf). */
export const createComplaintProcedure = tenantProcedureWith('complaint.create')
  .input(ZCreateComplaintInput)
  .mutation(async ({ ctx, input }) => {
    const { complaint, trackingSecret } = await createComplaint({
      tx: ctx.tx,
      tenant: ctx.tenant,
      actor: { membershipId: ctx.membership.id, roleKeys: ctx.roleKeys },
      input: {
        channel: input.channel,
        description: input.description,
        categoryId: input.categoryId,
        locationText: input.locationText,
        reporter: {
          name: input.reporterName,
          phone: input.reporterPhone,
          email: input.reporterEmail,
          anonymous: input.anonymous,
        },
      },
    })
    return { ticketNumber: complaint.ticketNumber, trackingSecret }
  })
