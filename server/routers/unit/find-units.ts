import { asc, eq } from 'drizzle-orm'
import { units } from '#db/schema/index.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

/** All the tenant's units, active and inactive, with the name of a TRC post's parent. */
export const findUnitsProcedure = tenantProcedureWith('unit.manage').query(async ({ ctx }) => {
  const list = await ctx.tx
    .select()
    .from(units)
    .where(eq(units.tenantId, ctx.tenant.id))
    .orderBy(asc(units.name))
  const nameOf = new Map(list.map((u) => [u.id, u.shortName ?? u.name]))
  return list.map((u) => ({
    id: u.id,
    kind: u.kind,
    name: u.name,
    shortName: u.shortName,
    parentId: u.parentId,
    parentName: u.parentId ? (nameOf.get(u.parentId) ?? null) : null,
    latitude: u.latitude,
    longitude: u.longitude,
    address: u.address,
    email: u.email,
    phone: u.phone,
    active: u.active,
  }))
})
