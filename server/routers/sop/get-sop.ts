import { and, desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { roles, sops, sopVersions } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { findSopProblems } from '#server/sop/definition.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZGetSopInput = z.object({ sopId: z.string().uuid() })

/** One SOP for the editor: its latest version (the draft when there is one), problems, the tenant's roles. */
export const getSopProcedure = tenantProcedureWith('sop.edit')
  .input(ZGetSopInput)
  .query(async ({ ctx, input }) => {
    const [sop] = await ctx.tx
      .select()
      .from(sops)
      .where(and(eq(sops.tenantId, ctx.tenant.id), eq(sops.id, input.sopId)))
    if (!sop) throw new AppError('NOT_FOUND', 'errors.notFound')
    const versions = await ctx.tx
      .select()
      .from(sopVersions)
      .where(and(eq(sopVersions.tenantId, ctx.tenant.id), eq(sopVersions.sopId, sop.id)))
      .orderBy(desc(sopVersions.version))
    const latest = versions[0]
    if (!latest) throw new AppError('NOT_FOUND', 'errors.notFound')
    const tenantRoles = await ctx.tx
      .select({ key: roles.key, nameId: roles.nameId, nameEn: roles.nameEn })
      .from(roles)
      .where(eq(roles.tenantId, ctx.tenant.id))
      .orderBy(roles.nameId)
    return {
      sop: {
        id: sop.id,
        key: sop.key,
        nameId: sop.nameId,
        nameEn: sop.nameEn,
        reference: sop.reference,
        channels: sop.channels,
      },
      latest: {
        id: latest.id,
        version: latest.version,
        status: latest.status,
        definition: latest.definition,
      },
      versions: versions.map((v) => ({
        version: v.version,
        status: v.status,
        publishedAt: v.publishedAt?.toISOString() ?? null,
      })),
      problems: findSopProblems(latest.definition, new Set(tenantRoles.map((r) => r.key))),
      roles: tenantRoles,
    }
  })
