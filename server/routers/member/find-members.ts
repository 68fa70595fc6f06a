import { and, asc, desc, eq, ilike, inArray, or } from 'drizzle-orm'
import { membershipRoles, memberships, roles, units, users } from '#db/schema/index.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZFindMembersInput } from './find-members.types.ts'

/** More than a page of people is a list nobody reads: past this, the admin searches. */
export const MEMBER_LIST_LIMIT = 200

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** The tenant's members (active first, then by name) with their roles and unit; search by name or email. */
export const findMembersProcedure = tenantProcedureWith('user.manage')
  .input(ZFindMembersInput)
  .query(async ({ ctx, input }) => {
    const tenantId = ctx.tenant.id
    const query = input.query ? likePattern(input.query) : null
    const rows = await ctx.tx
      .select({
        membershipId: memberships.id,
        active: memberships.active,
        title: memberships.title,
        name: users.name,
        email: users.email,
        unitId: units.id,
        unitName: units.name,
        unitShortName: units.shortName,
      })
      .from(memberships)
      // users is global: reached only through this tenant's memberships.
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(units, and(eq(units.tenantId, memberships.tenantId), eq(units.id, memberships.unitId)))
      .where(
        and(
          eq(memberships.tenantId, tenantId),
          query ? or(ilike(users.name, query), ilike(users.email, query)) : undefined,
          input.status === 'all' ? undefined : eq(memberships.active, input.status === 'active'),
        ),
      )
      .orderBy(desc(memberships.active), asc(users.name), asc(users.email))
      .limit(MEMBER_LIST_LIMIT + 1)
    const shown = rows.slice(0, MEMBER_LIST_LIMIT)
    const assigned =
      shown.length === 0
        ? []
        : await ctx.tx
            .select({
              membershipId: membershipRoles.membershipId,
              id: roles.id,
              key: roles.key,
              nameId: roles.nameId,
              nameEn: roles.nameEn,
            })
            .from(membershipRoles)
            .innerJoin(
              roles,
              and(eq(roles.tenantId, membershipRoles.tenantId), eq(roles.id, membershipRoles.roleId)),
            )
            .where(
              and(
                eq(membershipRoles.tenantId, tenantId),
                inArray(
                  membershipRoles.membershipId,
                  shown.map((r) => r.membershipId),
                ),
              ),
            )
            .orderBy(asc(roles.nameId))
    return {
      members: shown.map((row) => ({
        membershipId: row.membershipId,
        name: row.name,
        email: row.email,
        title: row.title,
        active: row.active,
        isSelf: row.membershipId === ctx.membership.id,
        unit: row.unitId ? { id: row.unitId, name: row.unitShortName ?? row.unitName ?? '' } : null,
        roles: assigned
          .filter((r) => r.membershipId === row.membershipId)
          .map(({ id, key, nameId, nameEn }) => ({ id, key, nameId, nameEn })),
      })),
      more: rows.length > MEMBER_LIST_LIMIT,
    }
  })
