import { and, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { invitations, roles } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { acceptInvitation, openInvitations, readInvitation } from '#server/members/invitations.ts'
import { publicProcedure, tenantProcedureWith } from '#server/trpc/trpc.ts'

/** The tenant's open invitations, for the member list. */
export const findInvitationsProcedure = tenantProcedureWith('user.manage').query(async ({ ctx }) => {
  const list = await openInvitations(ctx.tx, ctx.tenant.id)
  const roleList = await ctx.tx
    .select({ id: roles.id, nameId: roles.nameId, nameEn: roles.nameEn })
    .from(roles)
    .where(eq(roles.tenantId, ctx.tenant.id))
  return list.map((invitation) => ({
    id: invitation.id,
    email: invitation.email,
    expiresAt: invitation.expiresAt.toISOString(),
    roles: roleList.filter((r) => invitation.roleIds.includes(r.id)),
  }))
})

/** Withdraws an open invitation: its link stops working. */
export const revokeInvitationProcedure = tenantProcedureWith('user.manage')
  .input(z.object({ invitationId: z.string().uuid() }))
  .mutation(async ({ ctx, input }) => {
    const revoked = await ctx.tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.tenantId, ctx.tenant.id),
          eq(invitations.id, input.invitationId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id, email: invitations.email })
    if (revoked.length === 0) throw new AppError('NOT_FOUND', 'errors.notFound')
    return revoked[0]!
  })

const ZToken = z.string().trim().min(20).max(100)

/** The invitation page, for whoever holds the link (no sign-in: the invitee may have no account). */
export const getInvitationProcedure = publicProcedure
  .input(z.object({ token: ZToken }))
  .query(({ input }) => readInvitation(input.token))

/** Accepts an invitation; a person without an account sets their name and password here. */
export const acceptInvitationProcedure = publicProcedure
  .input(
    z.object({
      token: ZToken,
      name: z.string().trim().max(200).nullish(),
      password: z.string().max(200).nullish(),
    }),
  )
  .mutation(({ input }) => acceptInvitation(input))
