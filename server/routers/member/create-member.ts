import { and, eq } from 'drizzle-orm'
import { memberships, users } from '#db/schema/index.ts'
import { hashPassword } from '#server/auth/password.ts'
import { AppError } from '#server/errors.ts'
import {
  assertGrantable,
  assertTenantUnit,
  loadTenantRoles,
  permissionsOf,
  setMembershipRoles,
} from '#server/members/access.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { MIN_PASSWORD_LENGTH, ZCreateMemberInput } from './create-member.types.ts'

/**
 * Adds a person to the tenant by email. A user may belong to several tenants: when the email is
 * known, only a membership is added (their name and password stay theirs); otherwise the user is
 * created with the name and initial password the admin typed.
 */
export const createMemberProcedure = tenantProcedureWith('user.manage')
  .input(ZCreateMemberInput)
  .mutation(async ({ ctx, input }) => {
    const tenantId = ctx.tenant.id
    if (input.roleIds.length === 0) throw new AppError('BAD_REQUEST', 'users.errors.roleRequired')
    const chosen = await loadTenantRoles({ tx: ctx.tx, tenantId, roleIds: input.roleIds })
    assertGrantable(ctx.permissions, permissionsOf(chosen), 'users.errors.beyondOwn')
    if (input.unitId) await assertTenantUnit({ tx: ctx.tx, tenantId, unitId: input.unitId })

    // The users table is global: read only what adding a membership needs, nothing of other tenants.
    const findUser = async () =>
      (
        await ctx.tx
          .select({ id: users.id, name: users.name, email: users.email })
          .from(users)
          .where(eq(users.email, input.email))
      )[0]
    let user = await findUser()
    let createdUser = false
    if (!user) {
      if (!input.name) throw new AppError('BAD_REQUEST', 'users.errors.nameRequired')
      if (!input.password || input.password.length < MIN_PASSWORD_LENGTH)
        throw new AppError('BAD_REQUEST', 'users.errors.passwordTooShort', { min: MIN_PASSWORD_LENGTH })
      const [inserted] = await ctx.tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash: await hashPassword(input.password) })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id, name: users.name, email: users.email })
      // Someone created the same email a moment ago: then it is an existing user after all.
      user = inserted ?? (await findUser())
      createdUser = !!inserted
      if (!user) throw new AppError('CONFLICT', 'users.errors.tryAgain')
    }

    const [membership] = await ctx.tx
      .insert(memberships)
      .values({ tenantId, userId: user.id, unitId: input.unitId ?? null, title: input.title })
      .onConflictDoNothing({ target: [memberships.tenantId, memberships.userId] })
      .returning({ id: memberships.id })
    if (!membership) {
      const [existing] = await ctx.tx
        .select({ active: memberships.active })
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, user.id)))
      throw new AppError(
        'CONFLICT',
        existing?.active === false ? 'users.errors.alreadyMemberInactive' : 'users.errors.alreadyMember',
        { email: user.email },
      )
    }
    await setMembershipRoles({ tx: ctx.tx, tenantId, membershipId: membership.id, roleIds: input.roleIds })
    return { membershipId: membership.id, name: user.name, createdUser }
  })
