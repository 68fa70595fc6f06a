import { and, eq } from 'drizzle-orm'
import { memberships, users } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import {
  assertGrantable,
  assertTenantUnit,
  loadTenantRoles,
  memberChange,
  permissionsOf,
} from '#server/members/access.ts'
import { writeInvitation } from '#server/members/invitations.ts'
import { wake } from '#server/jobs/enqueue.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZInviteMemberInput } from './invite-member.types.ts'

/**
 * Invites a person by e-mail: a link they must follow and accept, never a membership
 * added without them. The answer is the same whether or not the address has a Tanggap account,
 * and tells nothing of other tenants. Someone already in this tenant is named as such: the admin
 * sees them in the member list anyway.
 */
export const inviteMemberProcedure = tenantProcedureWith('user.manage')
  .input(ZInviteMemberInput)
  .mutation(({ ctx, input }) =>
    memberChange(ctx, async (own) => {
      const tenantId = ctx.tenant.id
      if (input.roleIds.length === 0) throw new AppError('BAD_REQUEST', 'users.errors.roleRequired')
      const chosen = await loadTenantRoles({ tx: ctx.tx, tenantId, roleIds: input.roleIds })
      assertGrantable(own, permissionsOf(chosen), 'users.errors.beyondOwn')
      if (input.unitId) await assertTenantUnit({ tx: ctx.tx, tenantId, unitId: input.unitId })
      // This tenant's own members only (row-level security on memberships); users is joined, not listed.
      const [existing] = await ctx.tx
        .select({ active: memberships.active })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.tenantId, tenantId), eq(users.email, input.email)))
      if (existing)
        throw new AppError(
          'CONFLICT',
          existing.active ? 'users.errors.alreadyMember' : 'users.errors.alreadyMemberInactive',
          { email: input.email },
        )
      const [inviter] = await ctx.tx
        .select({ name: users.name })
        .from(users)
        .where(eq(users.id, ctx.membership.userId))
      const { expiresAt } = await writeInvitation({
        tx: ctx.tx,
        tenant: ctx.tenant,
        inviter: { membershipId: ctx.membership.id, name: inviter?.name ?? '' },
        email: input.email,
        roleIds: chosen.map((r) => r.id),
        unitId: input.unitId ?? null,
        title: input.title,
      })
      ctx.afterCommit(() => wake('deliver-emails', { tenantId }))
      return { email: input.email, expiresAt: expiresAt.toISOString() }
    }),
  )
