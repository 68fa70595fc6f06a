import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { membershipRoles, memberships, users } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { membershipPermissions } from '#server/members/access.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { memberFormOptions } from './get-member-options.ts'

export const ZGetMemberInput = z.object({ membershipId: z.string().uuid() })

/** One member for the edit form, with the tenant's roles and units to choose from. */
export const getMemberProcedure = tenantProcedureWith('user.manage')
  .input(ZGetMemberInput)
  .query(async ({ ctx, input }) => {
    const tenantId = ctx.tenant.id
    const [row] = await ctx.tx
      .select({ membership: memberships, name: users.name, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, input.membershipId)))
    if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
    const { membership } = row
    const held = await ctx.tx
      .select({ roleId: membershipRoles.roleId })
      .from(membershipRoles)
      .where(and(eq(membershipRoles.tenantId, tenantId), eq(membershipRoles.membershipId, membership.id)))
    // Whether this editor may change them at all: they must hold every permission the member holds.
    const theirs = await membershipPermissions({ tx: ctx.tx, tenantId, membershipId: membership.id })
    const manageable = [...theirs].every((p) => ctx.permissions.has(p))
    return {
      member: {
        membershipId: membership.id,
        name: row.name,
        email: row.email,
        title: membership.title,
        unitId: membership.unitId,
        active: membership.active,
        isSelf: membership.id === ctx.membership.id,
        manageable,
        roleIds: held.map((r) => r.roleId),
        since: membership.createdAt.toISOString(),
      },
      ...(await memberFormOptions({ tx: ctx.tx, tenantId, keepUnitId: membership.unitId })),
    }
  })
