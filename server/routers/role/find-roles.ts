import { and, asc, eq, sql } from 'drizzle-orm'
import { membershipRoles, memberships, roles } from '#db/schema/index.ts'
import { isPermission } from '#server/auth/permissions.ts'
import { ADMIN_ROLE_KEY, normalisePermissions } from '#server/members/access.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

/** The tenant's roles with their permissions and how many active members hold each. */
export const findRolesProcedure = tenantProcedureWith('user.manage').query(async ({ ctx }) => {
  const tenantId = ctx.tenant.id
  const list = await ctx.tx
    .select({
      id: roles.id,
      key: roles.key,
      nameId: roles.nameId,
      nameEn: roles.nameEn,
      permissions: roles.permissions,
      members: sql<number>`count(${memberships.id})`.mapWith(Number),
    })
    .from(roles)
    .leftJoin(
      membershipRoles,
      and(eq(membershipRoles.tenantId, roles.tenantId), eq(membershipRoles.roleId, roles.id)),
    )
    .leftJoin(
      memberships,
      and(
        eq(memberships.tenantId, membershipRoles.tenantId),
        eq(memberships.id, membershipRoles.membershipId),
        eq(memberships.active, true),
      ),
    )
    .where(eq(roles.tenantId, tenantId))
    .groupBy(roles.tenantId, roles.id)
    .orderBy(asc(roles.nameId))
  return list.map((role) => ({
    ...role,
    permissions: normalisePermissions(role.permissions.filter(isPermission)),
    locked: role.key === ADMIN_ROLE_KEY,
  }))
})
