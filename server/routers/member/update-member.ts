import { and, eq } from 'drizzle-orm'
import { membershipRoles, memberships } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import {
  ADMIN_ROLE_KEY,
  assertGrantable,
  assertTenantUnit,
  loadMembership,
  loadTenantRoles,
  permissionsOf,
  setMembershipRoles,
} from '#server/members/access.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZUpdateMemberInput } from './update-member.types.ts'

/** Changes a member's roles, unit and title. An admin cannot take away their own administration. */
export const updateMemberProcedure = tenantProcedureWith('user.manage')
  .input(ZUpdateMemberInput)
  .mutation(async ({ ctx, input }) => {
    const tenantId = ctx.tenant.id
    const membership = await loadMembership({ tx: ctx.tx, tenantId, membershipId: input.membershipId })
    if (input.roleIds.length === 0) throw new AppError('BAD_REQUEST', 'users.errors.roleRequired')
    const chosen = await loadTenantRoles({ tx: ctx.tx, tenantId, roleIds: input.roleIds })
    // Only roles newly given are checked: a person may keep roles beyond the editor's own.
    const held = await ctx.tx
      .select({ roleId: membershipRoles.roleId })
      .from(membershipRoles)
      .where(and(eq(membershipRoles.tenantId, tenantId), eq(membershipRoles.membershipId, membership.id)))
    assertGrantable(
      ctx.permissions,
      permissionsOf(chosen.filter((r) => !held.some((h) => h.roleId === r.id))),
      'users.errors.beyondOwn',
    )
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
  })
