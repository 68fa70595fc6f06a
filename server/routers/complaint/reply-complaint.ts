import { and, eq } from 'drizzle-orm'
import { complaints } from '#db/schema/index.ts'
import { replyToReporter } from '#server/complaints/reply-to-reporter.ts'
import { AppError } from '#server/errors.ts'
import { wake } from '#server/jobs/enqueue.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZReplyComplaintInput } from './reply-complaint.types.ts'

/**
 * An operator writes to the reporter in the complaint's WhatsApp thread. The message is queued and
 * the send job is woken as soon as the transaction commits.
 */
export const replyComplaintProcedure = tenantProcedureWith('complaint.reply')
  .input(ZReplyComplaintInput)
  .mutation(async ({ ctx, input }) => {
    const [complaint] = await ctx.tx
      .select()
      .from(complaints)
      .where(
        and(eq(complaints.tenantId, ctx.tenant.id), eq(complaints.ticketNumber, input.ticket.toUpperCase())),
      )
    if (!complaint) throw new AppError('NOT_FOUND', 'errors.notFound')
    ctx.afterCommit(() => wake('whatsapp-send', { tenantId: ctx.tenant.id }))
    return replyToReporter({
      tx: ctx.tx,
      tenant: ctx.tenant,
      membershipId: ctx.membership.id,
      complaint,
      text: input.text,
      template: input.template,
    })
  })
