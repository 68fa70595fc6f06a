import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { attachments } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZGetAttachmentInput = z.object({ id: z.string().uuid() })

/** Where a stored attachment's bytes are, for the route that serves them. Another tenant's: 404. */
export const getAttachmentProcedure = tenantProcedureWith('complaint.view')
  .input(ZGetAttachmentInput)
  .query(async ({ ctx, input }) => {
    const [row] = await ctx.tx
      .select({
        storageKey: attachments.storageKey,
        mimeType: attachments.mimeType,
        status: attachments.status,
      })
      .from(attachments)
      .where(and(eq(attachments.tenantId, ctx.tenant.id), eq(attachments.id, input.id)))
    if (!row || row.status !== 'stored' || !row.storageKey) throw new AppError('NOT_FOUND', 'errors.notFound')
    return { storageKey: row.storageKey, mimeType: row.mimeType ?? 'application/octet-stream' }
  })
