import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { memberships } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { loadMembership } from '#server/members/access.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZDeactivateMemberInput = z.object({ membershipId: z.string().uuid() })

/**
 * Takes away a member's access to this tenant at their next request. Never a delete: the audit
 * trail (complaint_events) names memberships. An admin cannot lock themselves out.
 */
export const deactivateMemberProcedure = tenantProcedureWith('user.manage')
  .input(ZDeactivateMemberInput)
  .mutation(async ({ ctx, input }) => {
    const tenantId = ctx.tenant.id
    const membership = await loadMembership({ tx: ctx.tx, tenantId, membershipId: input.membershipId })
    if (membership.id === ctx.membership.id) throw new AppError('FORBIDDEN', 'users.errors.selfDeactivate')
    await ctx.tx
      .update(memberships)
      .set({ active: false })
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membership.id)))
    return { membershipId: membership.id, active: false }
  })
