import { and, eq } from 'drizzle-orm'
import { memberships } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import {
  ADMIN_ROLE_KEY,
  assertCovers,
  assertGrantable,
  assertTenantUnit,
  loadMembership,
  loadTenantRoles,
  memberChange,
  membershipPermissions,
  permissionsOf,
  setMembershipRoles,
} from '#server/members/access.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZUpdateMemberInput } from './update-member.types.ts'

/**
 * Changes a member's roles, unit and title. The editor must hold every permission the member has
 * now and every one the new roles give; an admin cannot take away their own administration, and
 * the last full admin stays.
 */
export const updateMemberProcedure = tenantProcedureWith('user.manage')
  .input(ZUpdateMemberInput)
  .mutation(({ ctx, input }) =>
    memberChange(ctx, async (own) => {
      const tenantId = ctx.tenant.id
      const membership = await loadMembership({ tx: ctx.tx, tenantId, membershipId: input.membershipId })
      if (input.roleIds.length === 0) throw new AppError('BAD_REQUEST', 'users.errors.roleRequired')
      const chosen = await loadTenantRoles({ tx: ctx.tx, tenantId, roleIds: input.roleIds })
      assertCovers(
        own,
        await membershipPermissions({ tx: ctx.tx, tenantId, membershipId: membership.id }),
        'members.errors.targetBeyondOwn',
      )
      assertGrantable(own, permissionsOf(chosen), 'users.errors.beyondOwn')
      if (input.unitId) await assertTenantUnit({ tx: ctx.tx, tenantId, unitId: input.unitId })
      if (membership.id === ctx.membership.id) {
        const dropsAdmin =
          ctx.roleKeys.includes(ADMIN_ROLE_KEY) && !chosen.some((r) => r.key === ADMIN_ROLE_KEY)
        if (dropsAdmin || !permissionsOf(chosen).has('user.manage'))
          throw new AppError('FORBIDDEN', 'users.errors.selfRemoveAdmin')
      }
      await setMembershipRoles({ tx: ctx.tx, tenantId, membershipId: membership.id, roleIds: input.roleIds })
      await ctx.tx
        .update(memberships)
        .set({ unitId: input.unitId, title: input.title })
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membership.id)))
      return { membershipId: membership.id }
    }),
  )
