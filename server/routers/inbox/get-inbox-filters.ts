import { and, asc, eq, isNotNull } from 'drizzle-orm'
import { areas, categories, sops, sopVersions } from '#db/schema/index.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

/** What the inbox can be filtered by: categories, kecamatan, and the steps of the published SOPs. */
export const getInboxFiltersProcedure = tenantProcedureWith('complaint.view').query(async ({ ctx }) => {
  const tenantId = ctx.tenant.id
  const [categoryRows, kecamatan, published] = await Promise.all([
    ctx.tx
      .select({ id: categories.id, nameId: categories.nameId, nameEn: categories.nameEn })
      .from(categories)
      .where(eq(categories.tenantId, tenantId))
      .orderBy(asc(categories.nameId)),
    ctx.tx
      .select({ id: areas.id, name: areas.name })
      .from(areas)
      .where(and(eq(areas.tenantId, tenantId), eq(areas.kind, 'kecamatan')))
      .orderBy(asc(areas.name)),
    ctx.tx
      .select({ sopNameId: sops.nameId, sopNameEn: sops.nameEn, definition: sopVersions.definition })
      .from(sops)
      .innerJoin(
        sopVersions,
        and(eq(sopVersions.tenantId, sops.tenantId), eq(sopVersions.id, sops.publishedVersionId)),
      )
      .where(and(eq(sops.tenantId, tenantId), isNotNull(sops.publishedVersionId))),
  ])
  return {
    categories: categoryRows,
    kecamatan,
    steps: published.flatMap((p) =>
      p.definition.steps.map((s) => ({
        key: s.key,
        nameId: s.nameId,
        nameEn: s.nameEn,
        sopNameId: p.sopNameId,
        sopNameEn: p.sopNameEn,
      })),
    ),
  }
})
