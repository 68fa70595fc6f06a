import { and, asc, count, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { categories, memberships, units } from '#db/schema/index.ts'
import { TRC_PARENT_KINDS, unitOf } from '#server/org/units.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZGetUnitInput = z.object({ unitId: z.string().uuid() })

/** One unit for its edit page: what may be its parent, and what depends on it. */
export const getUnitProcedure = tenantProcedureWith('unit.manage')
  .input(ZGetUnitInput)
  .query(async ({ ctx, input }) => {
    const tenantId = ctx.tenant.id
    const unit = await unitOf(ctx.tx, tenantId, input.unitId)
    const parentOptions =
      unit.kind === 'trc_post'
        ? await ctx.tx
            .select({ id: units.id, name: units.name, kind: units.kind, active: units.active })
            .from(units)
            .where(and(eq(units.tenantId, tenantId), inArray(units.kind, [...TRC_PARENT_KINDS])))
            .orderBy(asc(units.name))
        : []
    const usedBy = await ctx.tx
      .select({ id: categories.id, nameId: categories.nameId, nameEn: categories.nameEn })
      .from(categories)
      .where(
        and(
          eq(categories.tenantId, tenantId),
          eq(categories.defaultUnitId, unit.id),
          eq(categories.active, true),
        ),
      )
      .orderBy(asc(categories.nameId))
    const [members] = await ctx.tx
      .select({ n: count() })
      .from(memberships)
      .where(
        and(
          eq(memberships.tenantId, tenantId),
          eq(memberships.unitId, unit.id),
          eq(memberships.active, true),
        ),
      )
    return {
      unit: {
        id: unit.id,
        kind: unit.kind,
        name: unit.name,
        shortName: unit.shortName,
        parentId: unit.parentId,
        latitude: unit.latitude,
        longitude: unit.longitude,
        address: unit.address,
        email: unit.email,
        phone: unit.phone,
        active: unit.active,
      },
      // Active parents, plus the current one even if it has since been deactivated.
      parentOptions: parentOptions.filter((p) => p.active || p.id === unit.parentId),
      usage: { categories: usedBy, members: members?.n ?? 0 },
    }
  })
