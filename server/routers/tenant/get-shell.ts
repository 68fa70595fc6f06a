import { and, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { roles } from '#db/schema/index.ts'
import { tenantProcedure } from '#server/trpc/trpc.ts'
import { countUnread } from '../notification/get-unread-count.ts'

export const ZShell = z.object({
  tenant: z.object({
    slug: z.string(),
    name: z.string(),
    serviceName: z.string(),
    timezone: z.string(),
    language: z.string(),
  }),
  roles: z.array(z.object({ key: z.string(), nameId: z.string(), nameEn: z.string() })),
  permissions: z.array(z.string()),
  /** The bell's number, with the frame so it costs no extra request. */
  unreadNotifications: z.number().int(),
})

/** What the console frame needs: the tenant, the member's roles and permissions, the unread count. */
export const getShellProcedure = tenantProcedure.output(ZShell).query(async ({ ctx }) => {
  const memberRoles =
    ctx.roleKeys.length === 0
      ? []
      : await ctx.tx
          .select({ key: roles.key, nameId: roles.nameId, nameEn: roles.nameEn })
          .from(roles)
          .where(and(eq(roles.tenantId, ctx.tenant.id), inArray(roles.key, [...ctx.roleKeys])))
  const { slug, name, serviceName, timezone, language } = ctx.tenant
  return {
    tenant: { slug, name, serviceName, timezone, language },
    roles: memberRoles,
    permissions: [...ctx.permissions].sort(),
    unreadNotifications: await countUnread(ctx),
  }
})
