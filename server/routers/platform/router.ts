import { asc } from 'drizzle-orm'
import { db } from '#db/client.ts'
import { tenants } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { createTenantFromPreset, ZNewTenant } from '#server/tenants/create-tenant.ts'
import { authedProcedure, router } from '#server/trpc/trpc.ts'

/** The platform's own administration: only for platform admins, never for a tenant's admin. */
const platformProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.user.isPlatformAdmin) throw new AppError('NOT_FOUND', 'errors.notFound')
  return next()
})

export const platformRouter = router({
  findTenants: platformProcedure.query(() =>
    db()
      .select({
        slug: tenants.slug,
        name: tenants.name,
        serviceName: tenants.serviceName,
        timezone: tenants.timezone,
        createdAt: tenants.createdAt,
      })
      .from(tenants)
      .orderBy(asc(tenants.name)),
  ),
  createTenant: platformProcedure.input(ZNewTenant).mutation(async ({ input }) => {
    const { tenant } = await createTenantFromPreset(input)
    return { slug: tenant.slug }
  }),
})
