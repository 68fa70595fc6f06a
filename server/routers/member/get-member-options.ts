import { asc, eq } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { roles, units } from '#db/schema/index.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

/** The choices of the member form: the tenant's roles and its active units (plus `keepUnitId`, if inactive). */
export async function memberFormOptions({
  tx,
  tenantId,
  keepUnitId = null,
}: {
  tx: Tx
  tenantId: string
  keepUnitId?: string | null
}) {
  const roleList = await tx
    .select({ id: roles.id, key: roles.key, nameId: roles.nameId, nameEn: roles.nameEn })
    .from(roles)
    .where(eq(roles.tenantId, tenantId))
    .orderBy(asc(roles.nameId))
  const unitList = await tx
    .select({
      id: units.id,
      kind: units.kind,
      name: units.name,
      shortName: units.shortName,
      active: units.active,
    })
    .from(units)
    .where(eq(units.tenantId, tenantId))
    .orderBy(asc(units.kind), asc(units.name))
  return {
    roles: roleList,
    units: unitList
      .filter((u) => u.active || u.id === keepUnitId)
      .map(({ id, kind, name, shortName }) => ({ id, kind, name, shortName })),
  }
}

/** What the "add a member" form offers. */
export const getMemberOptionsProcedure = tenantProcedureWith('user.manage').query(({ ctx }) =>
  memberFormOptions({ tx: ctx.tx, tenantId: ctx.tenant.id }),
)
