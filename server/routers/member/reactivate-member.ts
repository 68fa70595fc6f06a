import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { memberships } from '#db/schema/index.ts'
import { loadMembership } from '#server/members/access.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZReactivateMemberInput = z.object({ membershipId: z.string().uuid() })

/** Gives a deactivated member their access back, with the roles they had. */
export const reactivateMemberProcedure = tenantProcedureWith('user.manage')
  .input(ZReactivateMemberInput)
  .mutation(async ({ ctx, input }) => {
    const tenantId = ctx.tenant.id
    const membership = await loadMembership({ tx: ctx.tx, tenantId, membershipId: input.membershipId })
    await ctx.tx
      .update(memberships)
      .set({ active: true })
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membership.id)))
    return { membershipId: membership.id, active: true }
  })
