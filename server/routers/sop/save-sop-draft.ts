import { z } from 'zod'
import { ZSopDefinition } from '#server/sop/definition.ts'
import { saveSopDraft } from '#server/sop/manage.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZSaveSopDraftInput = z.object({ sopId: z.string().uuid(), definition: ZSopDefinition })

/** Saves the whole definition as the draft; a published version is never touched (new version instead). */
export const saveSopDraftProcedure = tenantProcedureWith('sop.edit')
  .input(ZSaveSopDraftInput)
  .mutation(async ({ ctx, input }) => {
    const saved = await saveSopDraft({
      tx: ctx.tx,
      tenantId: ctx.tenant.id,
      sopId: input.sopId,
      definition: input.definition,
    })
    return { version: saved.version, status: saved.status }
  })
