import { eq } from 'drizzle-orm'
import { roles } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import {
  assertGrantable,
  assertRoleNameFree,
  normalisePermissions,
  roleKeyFromName,
} from '#server/members/access.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZCreateRoleInput } from './create-role.types.ts'

/** A role of the tenant's own; its key comes from the name and never changes (SOP steps name it). */
export const createRoleProcedure = tenantProcedureWith('user.manage')
  .input(ZCreateRoleInput)
  .mutation(async ({ ctx, input }) => {
    const tenantId = ctx.tenant.id
    if (!input.nameId) throw new AppError('BAD_REQUEST', 'roles.errors.nameRequired')
    assertGrantable(ctx.permissions, input.permissions, 'roles.errors.beyondOwn')
    await assertRoleNameFree({ tx: ctx.tx, tenantId, nameId: input.nameId })
    const taken = await ctx.tx.select({ key: roles.key }).from(roles).where(eq(roles.tenantId, tenantId))
    const key = roleKeyFromName(input.nameId, new Set(taken.map((r) => r.key)))
    const [role] = await ctx.tx
      .insert(roles)
      .values({
        tenantId,
        key,
        nameId: input.nameId,
        nameEn: input.nameEn ?? input.nameId,
        permissions: normalisePermissions(input.permissions),
      })
      // Another admin took the same key a moment ago: ask to try again rather than fail with a 500.
      .onConflictDoNothing()
      .returning({ id: roles.id, key: roles.key })
    if (!role) throw new AppError('CONFLICT', 'roles.errors.tryAgain')
    return role
  })
