import { and, desc, eq } from 'drizzle-orm'
import { sops, sopVersions } from '#db/schema/index.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

/** The tenant's SOPs with their published and latest version numbers. */
export const findSopsProcedure = tenantProcedureWith('sop.edit').query(async ({ ctx }) => {
  const list = await ctx.tx
    .select()
    .from(sops)
    .where(and(eq(sops.tenantId, ctx.tenant.id), eq(sops.archived, false)))
    .orderBy(sops.createdAt)
  const versions = await ctx.tx
    .select({
      sopId: sopVersions.sopId,
      id: sopVersions.id,
      version: sopVersions.version,
      status: sopVersions.status,
    })
    .from(sopVersions)
    .where(eq(sopVersions.tenantId, ctx.tenant.id))
    .orderBy(desc(sopVersions.version))
  return list.map((sop) => {
    const own = versions.filter((v) => v.sopId === sop.id)
    return {
      id: sop.id,
      key: sop.key,
      nameId: sop.nameId,
      nameEn: sop.nameEn,
      reference: sop.reference,
      channels: sop.channels,
      published: own.find((v) => v.id === sop.publishedVersionId)?.version ?? null,
      latest: own[0]?.version ?? null,
      hasDraft: own[0]?.status === 'draft',
    }
  })
})
