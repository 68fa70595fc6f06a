import { z } from 'zod'
import { CHANNEL_KINDS } from '#db/schema/enums.ts'
import { AppError } from '#server/errors.ts'
import { definitionFromDraft } from '#server/sop/from-draft.ts'
import { parseSopTables } from '#server/sop/import/parse-sop-table.ts'
import { createSop, tenantRoleKeys } from '#server/sop/manage.ts'
import { keyFromLabel } from '#server/sop/keys.ts'
import { roles, sops } from '#db/schema/index.ts'
import { eq } from 'drizzle-orm'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

const ZText = z.string().min(20).max(200_000)

/** Reads a pasted SOP table: the drafts it finds, with the steps as they would be created. */
export const previewSopImportProcedure = tenantProcedureWith('sop.edit')
  .input(z.object({ text: ZText }))
  .mutation(async ({ ctx, input }) => {
    const roleKeys = await tenantRoleKeys(ctx.tx, ctx.tenant.id)
    const roleNames = await ctx.tx
      .select({ key: roles.key, nameId: roles.nameId, nameEn: roles.nameEn })
      .from(roles)
      .where(eq(roles.tenantId, ctx.tenant.id))
    return {
      roles: roleNames,
      tables: parseSopTables(input.text).map((draft) => ({
        title: draft.title ?? null,
        warnings: draft.warnings,
        actorColumns: draft.actorColumns,
        definition: definitionFromDraft(draft, roleKeys),
      })),
    }
  })

/** Creates a new, unpublished SOP from one table of the pasted text, for the admin to review and publish. */
export const createSopFromImportProcedure = tenantProcedureWith('sop.edit')
  .input(
    z.object({
      text: ZText,
      tableIndex: z.number().int().min(0).max(20),
      nameId: z.string().trim().min(3).max(200),
      nameEn: z.string().trim().max(200).optional(),
      reference: z.string().trim().max(200).optional(),
      channels: z.array(z.enum(CHANNEL_KINDS)).max(7).default([]),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const draft = parseSopTables(input.text)[input.tableIndex]
    if (!draft || draft.steps.length === 0) throw new AppError('BAD_REQUEST', 'sop.import.noTable')
    const definition = definitionFromDraft(draft, await tenantRoleKeys(ctx.tx, ctx.tenant.id))
    const existing = await ctx.tx.select({ key: sops.key }).from(sops).where(eq(sops.tenantId, ctx.tenant.id))
    const key = keyFromLabel(input.nameId, new Set(existing.map((s) => s.key)), 'sop')
    const { sop } = await createSop({
      tx: ctx.tx,
      tenantId: ctx.tenant.id,
      key,
      nameId: input.nameId,
      nameEn: input.nameEn || input.nameId,
      reference: input.reference || null,
      channels: input.channels,
      definition,
    })
    return { sopId: sop.id }
  })
