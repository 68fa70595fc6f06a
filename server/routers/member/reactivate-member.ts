import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { memberships } from '#db/schema/index.ts'
import { assertCovers, loadMembership, memberChange, membershipPermissions } from '#server/members/access.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZReactivateMemberInput = z.object({ membershipId: z.string().uuid() })

/**
 * Gives a deactivated member their access back, with the roles they had: only by someone who
 * holds every permission those roles give (else reactivating would hand out more than they hold).
 */
export const reactivateMemberProcedure = tenantProcedureWith('user.manage')
  .input(ZReactivateMemberInput)
  .mutation(({ ctx, input }) =>
    memberChange(ctx, async (own) => {
      const tenantId = ctx.tenant.id
      const membership = await loadMembership({ tx: ctx.tx, tenantId, membershipId: input.membershipId })
      assertCovers(
        own,
        await membershipPermissions({ tx: ctx.tx, tenantId, membershipId: membership.id }),
        'members.errors.targetBeyondOwn',
      )
      await ctx.tx
        .update(memberships)
        .set({ active: true })
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membership.id)))
      return { membershipId: membership.id, active: true }
    }),
  )
