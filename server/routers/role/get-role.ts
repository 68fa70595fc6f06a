import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { roles } from '#db/schema/index.ts'
import { isPermission } from '#server/auth/permissions.ts'
import { AppError } from '#server/errors.ts'
import { ADMIN_ROLE_KEY, normalisePermissions } from '#server/members/access.ts'
import { tenantProcedureWith } from '#server/trpc/trpc.ts'

export const ZGetRoleInput = z.object({ roleId: z.string().uuid() })

/** One role for the edit form. */
export const getRoleProcedure = tenantProcedureWith('user.manage')
  .input(ZGetRoleInput)
  .query(async ({ ctx, input }) => {
    const [role] = await ctx.tx
      .select()
      .from(roles)
      .where(and(eq(roles.tenantId, ctx.tenant.id), eq(roles.id, input.roleId)))
    if (!role) throw new AppError('NOT_FOUND', 'errors.notFound')
    return {
      id: role.id,
      key: role.key,
      nameId: role.nameId,
      nameEn: role.nameEn,
      permissions: normalisePermissions(role.permissions.filter(isPermission)),
      locked: role.key === ADMIN_ROLE_KEY,
      heldBySelf: ctx.roleKeys.includes(role.key),
    }
  })
