import { and, eq, inArray, ne } from 'drizzle-orm'
import { roles } from '#db/schema/index.ts'
import { PERMISSIONS } from '#server/auth/permissions.ts'
import { AppError } from '#server/errors.ts'
import {
  ADMIN_ROLE_KEY,
  assertCovers,
  assertGrantable,
  assertRoleNameFree,
  memberChange,
  normalisePermissions,
  permissionsOf,
} from '#server/members/access.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'
import { ZUpdateRoleInput } from './update-role.types.ts'

/**
 * Renames a role and sets its permissions. The admin preset keeps every permission, an admin
 * cannot take 'user.manage' away from themselves through a role they hold, the editor must hold every
 * permission of the role before and after, and the last full admin stays.
 */
export const updateRoleProcedure = tenantProcedureWith('user.manage')
  .input(ZUpdateRoleInput)
  .mutation(({ ctx, input }) =>
    memberChange(ctx, async (own) => {
      const tenantId = ctx.tenant.id
      const [role] = await ctx.tx
        .select()
        .from(roles)
        .where(and(eq(roles.tenantId, tenantId), eq(roles.id, input.roleId)))
      if (!role) throw new AppError('NOT_FOUND', 'errors.notFound')
      if (!input.nameId) throw new AppError('BAD_REQUEST', 'roles.errors.nameRequired')
      const permissions = normalisePermissions(input.permissions)
      if (role.key === ADMIN_ROLE_KEY && permissions.length !== PERMISSIONS.length)
        throw new AppError('BAD_REQUEST', 'roles.errors.adminKeepsAll')
      if (ctx.roleKeys.includes(role.key) && !permissions.includes('user.manage')) {
        const otherRoles = await ctx.tx
          .select({ permissions: roles.permissions })
          .from(roles)
          .where(
            and(eq(roles.tenantId, tenantId), inArray(roles.key, [...ctx.roleKeys]), ne(roles.id, role.id)),
          )
        if (!permissionsOf(otherRoles).has('user.manage'))
          throw new AppError('FORBIDDEN', 'roles.errors.selfLockout')
      }
      // Changing a role changes what its holders may do: only someone who holds all it gives may.
      assertCovers(own, role.permissions, 'members.errors.roleBeyondOwn')
      assertGrantable(own, permissions, 'roles.errors.beyondOwn')
      await assertRoleNameFree({ tx: ctx.tx, tenantId, nameId: input.nameId, exceptRoleId: role.id })
      await ctx.tx
        .update(roles)
        .set({ nameId: input.nameId, nameEn: input.nameEn ?? input.nameId, permissions })
        .where(and(eq(roles.tenantId, tenantId), eq(roles.id, role.id)))
      return { id: role.id, key: role.key }
    }),
  )
