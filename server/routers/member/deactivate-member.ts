import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { memberships } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { assertCovers, loadMembership, memberChange, membershipPermissions } from '#server/members/access.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZDeactivateMemberInput = z.object({ membershipId: z.string().uuid() })

/**
 * Takes away a member's access to this tenant at their next request. Never a delete: the audit
 * trail (complaint_events) names memberships. An admin cannot lock themselves out, nobody can
 * deactivate someone holding permissions they lack, and the last full admin stays.
 */
export const deactivateMemberProcedure = tenantProcedureWith('user.manage')
  .input(ZDeactivateMemberInput)
  .mutation(({ ctx, input }) =>
    memberChange(ctx, async (own) => {
      const tenantId = ctx.tenant.id
      const membership = await loadMembership({ tx: ctx.tx, tenantId, membershipId: input.membershipId })
      if (membership.id === ctx.membership.id) throw new AppError('FORBIDDEN', 'users.errors.selfDeactivate')
      assertCovers(
        own,
        await membershipPermissions({ tx: ctx.tx, tenantId, membershipId: membership.id }),
        'members.errors.targetBeyondOwn',
      )
      await ctx.tx
        .update(memberships)
        .set({ active: false })
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membership.id)))
      return { membershipId: membership.id, active: false }
    }),
  )
